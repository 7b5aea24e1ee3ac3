import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_article
from tests.pages import atom_titles, rss_titles

pytestmark = pytest.mark.django_db


class SiteFeedTests:
    def test_rss_lists_published_articles_only(self, client, feed_stories):
        response = client.get("/feeds/articles/rss/")
        assert response["Content-Type"].startswith("application/rss+xml")
        assert sorted(rss_titles(response)) == [
            "About something else",
            "About the chamber",
            "Rejected link",
        ]

    def test_atom_lists_published_articles_only(self, client, feed_stories):
        response = client.get("/feeds/articles/atom/")
        assert response["Content-Type"].startswith("application/atom+xml")
        assert "Secret draft" not in atom_titles(response)
        assert len(atom_titles(response)) == 3

    def test_addresses_use_the_public_site_address(self, client, feed_stories, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        root = ET.fromstring(client.get("/feeds/articles/rss/").content)
        links = [item.findtext("link") for item in root.iter("item")]
        assert "https://news.example/articles/about-the-chamber/" in links
        assert root.findtext("channel/link") == "https://news.example/articles/"

    def test_feeds_parse_with_an_empty_database(self, client):
        assert rss_titles(client.get("/feeds/articles/rss/")) == []
        assert atom_titles(client.get("/feeds/articles/atom/")) == []

    def test_site_pages_link_the_feeds_in_head(self, client):
        head = client.get("/").content.decode().split("</head>")[0]
        assert 'type="application/rss+xml"' in head
        assert 'href="/feeds/articles/rss/"' in head
        assert 'href="/feeds/articles/atom/"' in head

    def test_query_count_does_not_grow(self, assert_constant_queries):
        make_article()
        assert_constant_queries(
            # The articles with their sections, their authors, and the entities they name.
            "/feeds/articles/rss/",
            3,
            lambda: [make_article() for _ in range(10)],
        )


class SiteFeedLanguageTests:
    def test_a_language_narrows_the_feed_to_articles_in_it(self, client):
        make_article("In English", language="en")
        make_article("По-русски", language="ru")
        assert rss_titles(client.get("/feeds/articles/rss/?language=ru")) == ["По-русски"]
        assert sorted(atom_titles(client.get("/feeds/articles/atom/"))) == [
            "In English",
            "По-русски",
        ]

    def test_the_feed_of_one_language_names_its_own_address(self, client, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        root = ET.fromstring(client.get("/feeds/articles/atom/?language=kk").content)
        links = [link.get("href") for link in root.findall("{http://www.w3.org/2005/Atom}link")]
        assert "https://news.example/feeds/articles/atom/?language=kk" in links
