import xml.etree.ElementTree as ET

import pytest

from articles.models import Article, Mention
from tests.factories import make_article, make_institution, make_mention, make_official

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_titles(response):
    return [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]


def atom_titles(response):
    root = ET.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture
def stories():
    mazhilis = make_institution("Mazhilis")
    make_mention(make_article("About the chamber", dek="Deputies voted."), mazhilis)
    make_article("About something else")
    make_mention(make_article("Secret draft", status=Article.Status.DRAFT), mazhilis)
    make_mention(make_article("Secret review", status=Article.Status.REVIEW), mazhilis)
    make_mention(make_article("Rejected link"), mazhilis, state=Mention.State.REJECTED)
    return mazhilis


class SiteFeedTests:
    def test_rss_lists_published_articles_only(self, client, stories):
        response = client.get("/feeds/articles/rss/")
        assert response["Content-Type"].startswith("application/rss+xml")
        assert sorted(rss_titles(response)) == [
            "About something else",
            "About the chamber",
            "Rejected link",
        ]

    def test_atom_lists_published_articles_only(self, client, stories):
        response = client.get("/feeds/articles/atom/")
        assert response["Content-Type"].startswith("application/atom+xml")
        assert "Secret draft" not in atom_titles(response)
        assert len(atom_titles(response)) == 3

    def test_addresses_use_the_public_site_address(self, client, stories, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        root = ET.fromstring(client.get("/feeds/articles/rss/").content)
        links = [item.findtext("link") for item in root.iter("item")]
        assert "https://news.example/articles/about-the-chamber/" in links
        assert root.findtext("channel/link") == "https://news.example/articles/"
        atom = ET.fromstring(client.get("/institutions/mazhilis/feed/atom/").content)
        self_link = atom.find(f"{ATOM}link[@rel='self']")
        assert self_link.get("href") == "https://news.example/institutions/mazhilis/feed/atom/"

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
            "/feeds/articles/rss/", 1, lambda: [make_article() for _ in range(10)]
        )


class EntityFeedTests:
    def test_institution_rss_lists_its_public_mentions_only(self, client, stories):
        response = client.get("/institutions/mazhilis/feed/")
        assert rss_titles(response) == ["About the chamber"]

    def test_institution_atom_lists_its_public_mentions_only(self, client, stories):
        assert atom_titles(client.get("/institutions/mazhilis/feed/atom/")) == ["About the chamber"]

    def test_official_feeds(self, client):
        koshanov = make_official("Yerlan Koshanov")
        make_mention(make_article("Speaker speaks"), koshanov)
        assert rss_titles(client.get("/officials/yerlan-koshanov/feed/")) == ["Speaker speaks"]
        assert atom_titles(client.get("/officials/yerlan-koshanov/feed/atom/")) == [
            "Speaker speaks"
        ]

    def test_unknown_or_wrong_kind_is_not_found(self, client):
        make_official("Yerlan Koshanov")
        assert client.get("/institutions/nobody/feed/").status_code == 404
        assert client.get("/institutions/yerlan-koshanov/feed/").status_code == 404

    def test_query_count_does_not_grow(self, stories, assert_constant_queries):
        assert_constant_queries(
            "/institutions/mazhilis/feed/",
            2,
            lambda: [make_mention(make_article(), stories) for _ in range(10)],
        )
