import gzip

import brotli
import pytest
from django.test import Client

from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(db):
    return make_article("Mazhilis ratifies agreement", body="The Mazhilis voted. " * 50)


class CompressionTests:
    @pytest.mark.parametrize("visit", ["rendered", "cached", "rendered again"])
    def test_a_public_page_comes_in_brotli_when_asked(self, story, visit, settings):
        reader = Client()
        # Rendered again: with the page cache off, from the parts kept the first time.
        settings.NEWSROOM_PAGE_CACHE = visit != "rendered again"
        if visit != "rendered":
            reader.get(story.get_absolute_url())
        response = reader.get(story.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")
        assert response["Content-Encoding"] == "br"
        assert "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content)
        assert "The Mazhilis voted." in brotli.decompress(response.content).decode()

    @pytest.mark.parametrize("page_cache", [True, False])
    def test_gzip_for_a_client_that_takes_no_brotli(self, story, page_cache, settings):
        settings.NEWSROOM_PAGE_CACHE = page_cache
        response = Client().get(story.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br;q=0")
        assert response["Content-Encoding"] == "gzip"
        assert "The Mazhilis voted." in gzip.decompress(response.content).decode()

    def test_no_encoding_for_a_client_that_asks_for_none(self, story):
        response = Client().get(story.get_absolute_url())
        assert not response.has_header("Content-Encoding")
        assert "The Mazhilis voted." in response.text

    def test_staff_pages_get_gzip_with_its_padding_never_brotli(self, editor_client, story):
        response = editor_client.get(story.get_absolute_url(), HTTP_ACCEPT_ENCODING="br, gzip")
        assert response["Content-Encoding"] == "gzip"
