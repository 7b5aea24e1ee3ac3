"""Every feed as a feed reader parses it: well-formed, and with an author on every entry."""

import feedparser
import pytest

from tests.factories import make_article, make_institution, make_mention, make_official

pytestmark = pytest.mark.django_db

FEEDS = [
    "/feeds/articles/rss/",
    "/feeds/articles/atom/",
    "/institutions/mazhilis/feed/",
    "/institutions/mazhilis/feed/atom/",
    "/officials/yerlan-koshanov/feed/",
    "/officials/yerlan-koshanov/feed/atom/",
]


@pytest.fixture(autouse=True)
def stories():
    mazhilis = make_institution("Mazhilis")
    koshanov = make_official("Yerlan Koshanov")
    signed = make_article("Budget passes", byline="Aigerim Sadykova")
    agency = make_article("Agency copy", byline="")
    for article in (signed, agency):
        make_mention(article, mazhilis)
        make_mention(article, koshanov)


@pytest.mark.parametrize("url", FEEDS)
class FeedReaderTests:
    def test_parses_without_complaint(self, client, url):
        parsed = feedparser.parse(client.get(url).content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert len(parsed.entries) == 2

    def test_every_entry_has_an_author(self, client, url, settings):
        settings.NEWSROOM_SITE_NAME = "Steppe Courier"
        parsed = feedparser.parse(client.get(url).content)
        authors = {entry.title: entry.get("author") for entry in parsed.entries}
        assert authors == {"Budget passes": "Aigerim Sadykova", "Agency copy": "Steppe Courier"}
