import gzip
import re

import brotli
import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from newsroom.caching import public_page
from tests.factories import make_article

pytestmark = pytest.mark.django_db

BROWSER = "gzip, deflate, br, zstd"


def page_with_a_script(request):
    script = f'<script nonce="{request.csp_nonce}">{{}}</script>'
    return HttpResponse(script + "<p>The Mazhilis voted.</p>" * 50)


urlpatterns = [path("scripted/", public_page(page_with_a_script))]


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


class StoredCompressionTests:
    """A public page is the same bytes for every reader: the page cache keeps its brotli
    copy, made once as the page is stored, and serves it as stored."""

    def test_a_public_page_carries_no_nonce(self, story):
        response = Client().get(story.get_absolute_url())
        assert '<script type="application/ld+json">' in response.text
        assert "nonce" not in response.text
        assert "nonce-" not in response["Content-Security-Policy"]

    def test_a_cached_page_is_compressed_once_as_it_is_stored(self, story, monkeypatch):
        made = []
        compress = brotli.compress
        monkeypatch.setattr(brotli, "compress", lambda *a, **k: made.append(1) or compress(*a, **k))
        reader, url = Client(), story.get_absolute_url()
        plain = reader.get(url)
        answers = [reader.get(url, HTTP_ACCEPT_ENCODING=BROWSER) for _ in range(3)]
        assert len(made) == 1
        for answer in answers:
            assert answer["X-Cache"] == "HIT"
            assert answer["Content-Encoding"] == "br"
            assert "Accept-Encoding" in answer["Vary"]
            assert int(answer["Content-Length"]) == len(answer.content)
            assert brotli.decompress(answer.content) == plain.content

    @pytest.mark.urls(__name__)
    def test_a_page_with_a_nonce_is_compressed_as_it_leaves_with_a_nonce_of_its_own(self):
        reader = Client()
        reader.get("/scripted/")
        nonces = []
        for _ in range(2):
            answer = reader.get("/scripted/", HTTP_ACCEPT_ENCODING=BROWSER)
            assert answer["X-Cache"] == "HIT"
            assert answer["Content-Encoding"] == "br"
            nonce = re.search(r"'nonce-([^']+)'", answer["Content-Security-Policy"])[1]
            assert f'<script nonce="{nonce}">' in brotli.decompress(answer.content).decode()
            nonces.append(nonce)
        assert nonces[0] != nonces[1]
