"""Every feed as a feed reader parses it: well-formed, with an author on every entry, each
entry filed under its section and the entities it names, and its lead image enclosed."""

import io

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article, Mention
from media_library.models import Image as LibraryImage
from tests.factories import (
    make_article,
    make_institution,
    make_mention,
    make_official,
    make_section,
)

pytestmark = pytest.mark.django_db

FEEDS = [
    "/feeds/articles/rss/",
    "/feeds/articles/atom/",
    "/institutions/mazhilis/feed/",
    "/institutions/mazhilis/feed/atom/",
    "/officials/yerlan-koshanov/feed/",
    "/officials/yerlan-koshanov/feed/atom/",
]
SITE_FEEDS = FEEDS[:2]


def jpeg_upload():
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (30, 90, 160)).save(buffer, "JPEG")
    return SimpleUploadedFile("chamber.jpg", buffer.getvalue())


@pytest.fixture(autouse=True)
def stories():
    mazhilis = make_institution("Mazhilis")
    koshanov = make_official("Yerlan Koshanov")
    senate = make_institution("Senate")
    signed = make_article(
        "Budget passes",
        byline="Aigerim Sadykova",
        section=make_section("Politics"),
        lead_image=jpeg_upload(),
        lead_image_alt="Deputies in the chamber",
    )
    agency = make_article("Agency copy", byline="")
    for article in (signed, agency):
        make_mention(article, mazhilis)
        make_mention(article, koshanov)
    # Named only where an editor has yet to decide, or has rejected it: not a category.
    make_mention(signed, senate, state=Mention.State.SUGGESTED)
    make_mention(agency, senate, state=Mention.State.REJECTED)


def read(client, url):
    return feedparser.parse(client.get(url).content)


@pytest.mark.parametrize("url", FEEDS)
class FeedReaderTests:
    def test_parses_without_complaint(self, client, url):
        parsed = read(client, url)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert len(parsed.entries) == 2

    def test_every_entry_has_an_author(self, client, url, settings):
        settings.NEWSROOM_SITE_NAME = "Steppe Courier"
        parsed = read(client, url)
        authors = {entry.title: entry.get("author") for entry in parsed.entries}
        assert authors == {"Budget passes": "Aigerim Sadykova", "Agency copy": "Steppe Courier"}

    def test_entries_are_filed_under_the_section_and_the_entities_they_name(self, client, url):
        parsed = read(client, url)
        categories = {
            entry.title: [tag.term for tag in entry.get("tags", [])] for entry in parsed.entries
        }
        assert categories == {
            "Budget passes": ["Politics", "Mazhilis", "Yerlan Koshanov"],
            "Agency copy": ["Mazhilis", "Yerlan Koshanov"],
        }

    def test_the_lead_image_is_enclosed(self, client, url, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        image = Article.objects.get(title="Budget passes").lead_image
        parsed = read(client, url)
        enclosures = {
            entry.title: [(e.href, e.length, e.type) for e in entry.enclosures]
            for entry in parsed.entries
        }
        assert enclosures == {
            "Budget passes": [(f"https://news.example{image.url}", str(image.size), "image/jpeg")],
            "Agency copy": [],
        }


@pytest.mark.parametrize("url", SITE_FEEDS)
def test_a_library_lead_image_is_the_one_enclosed(client, url, settings):
    settings.NEWSROOM_SITE_URL = "https://news.example"
    article = Article.objects.get(title="Agency copy")
    article.lead = LibraryImage.objects.create(
        file=jpeg_upload(), title="Hall", alt_text="The chamber", credit="A. N."
    )
    article.save()
    parsed = read(client, url)
    (enclosure,) = next(e for e in parsed.entries if e.title == "Agency copy").enclosures
    assert enclosure.href == f"https://news.example{article.lead.file.url}"
    assert enclosure.type == "image/jpeg"


@pytest.mark.parametrize("url", SITE_FEEDS)
def test_a_lost_image_file_leaves_its_entry_without_an_enclosure(client, url, caplog):
    image = Article.objects.get(title="Budget passes").lead_image
    image.storage.delete(image.name)
    response = client.get(url)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [entry.enclosures for entry in parsed.entries] == [[], []]
    assert f"{image.name} is missing from storage" in caplog.text
