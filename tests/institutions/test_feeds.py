import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_article, make_institution, make_mention, make_official
from tests.pages import ATOM, atom_titles, rss_titles

pytestmark = pytest.mark.django_db


class EntityFeedTests:
    def test_institution_rss_lists_its_public_mentions_only(self, client, feed_stories):
        response = client.get("/institutions/mazhilis/feed/")
        assert rss_titles(response) == ["About the chamber"]

    def test_institution_atom_lists_its_public_mentions_only(self, client, feed_stories):
        assert atom_titles(client.get("/institutions/mazhilis/feed/atom/")) == ["About the chamber"]

    def test_official_feeds(self, client):
        koshanov = make_official("Yerlan Koshanov")
        make_mention(make_article("Speaker speaks"), koshanov)
        assert rss_titles(client.get("/officials/yerlan-koshanov/feed/")) == ["Speaker speaks"]
        assert atom_titles(client.get("/officials/yerlan-koshanov/feed/atom/")) == [
            "Speaker speaks"
        ]

    def test_addresses_use_the_public_site_address(self, client, feed_stories, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        atom = ET.fromstring(client.get("/institutions/mazhilis/feed/atom/").content)
        self_link = atom.find(f"{ATOM}link[@rel='self']")
        assert self_link.get("href") == "https://news.example/institutions/mazhilis/feed/atom/"
        entry_link = atom.find(f"{ATOM}entry/{ATOM}link")
        assert entry_link.get("href") == "https://news.example/articles/about-the-chamber/"

    def test_unknown_or_wrong_kind_is_not_found(self, client):
        make_official("Yerlan Koshanov")
        assert client.get("/institutions/nobody/feed/").status_code == 404
        assert client.get("/institutions/yerlan-koshanov/feed/").status_code == 404

    def test_query_count_does_not_grow(self, feed_stories, assert_constant_queries):
        assert_constant_queries(
            "/institutions/mazhilis/feed/",
            # One more than the site's feed: the entity itself.
            4,
            lambda: [make_mention(make_article(), feed_stories) for _ in range(10)],
        )


class EntityFeedLanguageTests:
    def test_the_russian_feed_of_an_entity_is_titled_in_russian(self, client):
        make_institution("Mazhilis", slug="mazhilis", name_ru="Мажилис")
        title = ET.fromstring(client.get("/ru/institutions/mazhilis/feed/").content).findtext(
            "channel/title"
        )
        assert title.startswith("Мажилис: статьи на сайте")
