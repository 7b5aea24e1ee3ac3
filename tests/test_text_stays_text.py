"""Text an editor writes (a title, a standfirst, a name, a summary) reaches readers as
the same text in every format the site serves: the page, its meta tags and JSON-LD,
RSS and Atom (whose summaries readers decode as HTML), and the sitemap. Markup typed as
text never becomes markup anywhere."""

import html
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from tests.factories import make_article, make_institution, make_mention
from tests.pages import ATOM, jsonld

pytestmark = pytest.mark.django_db

MARKUP = '"><script>alert(1)</script> & <b>bold</b> &amp;'
LIVE = "<script>alert(1)"


class MetaTags(HTMLParser):
    """The content of each ``<meta property=…>`` and ``<meta name=…>``, as a browser or a
    link preview reads it (entities decoded)."""

    def __init__(self, page):
        super().__init__()
        self.found = {}
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.found[attrs.get("property") or attrs.get("name")] = attrs["content"]


class PageText(HTMLParser):
    """The text a browser shows for ``page``, outside scripts."""

    def __init__(self, page):
        super().__init__()
        self.parts, self.in_script = [], False
        self.feed(page)
        self.text = "".join(self.parts)

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if not self.in_script:
            self.parts.append(data)


def as_html_text(fragment):
    """What a feed reader shows for an HTML ``fragment``: its text, entities decoded."""
    assert "<" not in fragment, f"markup in a text field: {fragment!r}"
    return html.unescape(fragment)


@pytest.fixture
def story(db):
    mazhilis = make_institution(f"Mazhilis {MARKUP}", summary=f"The lower house {MARKUP}")
    article = make_article(f"Vote {MARKUP}", dek=f"Deputies voted {MARKUP}")
    make_mention(article, mazhilis)
    return article, mazhilis


class FeedTests:
    @pytest.mark.parametrize("url", ["/feeds/articles/rss/", "/institutions/{slug}/feed/"])
    def test_rss_descriptions_are_the_standfirst_as_text(self, client, story, url):
        article, mazhilis = story
        root = ET.fromstring(client.get(url.format(slug=mazhilis.slug)).content)
        (item,) = root.iter("item")
        assert as_html_text(item.findtext("description")) == article.dek
        assert item.findtext("title") == article.title

    @pytest.mark.parametrize("url", ["/feeds/articles/atom/", "/institutions/{slug}/feed/atom/"])
    def test_atom_summaries_are_the_standfirst_as_text(self, client, story, url):
        article, mazhilis = story
        root = ET.fromstring(client.get(url.format(slug=mazhilis.slug)).content)
        (entry,) = root.iter(f"{ATOM}entry")
        summary = entry.find(f"{ATOM}summary")
        assert summary.get("type") == "html"
        assert as_html_text(summary.text) == article.dek
        title = entry.find(f"{ATOM}title")
        assert title.get("type", "text") == "text"
        assert title.text == article.title


class PageTests:
    def test_the_article_page_shows_the_text_and_runs_nothing(self, client, story):
        article, _ = story
        response = client.get(article.get_absolute_url())
        assert LIVE not in response.text
        assert article.dek in PageText(response.text).text

    def test_meta_tags_carry_the_text(self, client, story):
        article, _ = story
        tags = MetaTags(client.get(article.get_absolute_url()).text).found
        assert tags["og:title"].startswith("Vote")
        assert tags["og:description"] == article.dek
        assert tags["twitter:description"] == article.dek

    def test_a_long_standfirst_is_cut_to_each_tag_s_length(self, client, db):
        dek = f"{MARKUP} " + "The chamber heard the budget in a long sitting. " * 8
        article = make_article("Budget heard", dek=dek)
        tags = MetaTags(client.get(article.get_absolute_url()).text).found
        assert len(dek) > 300
        assert tags["description"] == tags["og:description"] == dek[:299] + "…"
        assert tags["twitter:description"] == dek[:199] + "…"

    def test_the_article_json_ld_carries_the_text(self, client, story):
        article, mazhilis = story
        response = client.get(article.get_absolute_url())
        data = jsonld(response)
        assert data["description"] == article.dek
        assert data["headline"] == article.title
        assert data["mentions"][0]["name"] == mazhilis.name
        block = response.text.split('type="application/ld+json"')[1].split("</script>")[0]
        assert "<" not in block

    def test_the_entity_page_its_meta_tags_and_json_ld_carry_the_text(self, client, story):
        _, mazhilis = story
        response = client.get(mazhilis.get_absolute_url())
        assert LIVE not in response.text
        assert mazhilis.summary in PageText(response.text).text
        assert jsonld(response)["name"] == mazhilis.name
        assert jsonld(response)["description"] == mazhilis.summary
        assert MetaTags(response.text).found["og:description"] == mazhilis.summary


class SitemapTests:
    def test_the_sitemap_is_addresses_only_and_parses(self, client, story, settings):
        response = client.get("/sitemap.xml")
        root = ET.fromstring(response.content)
        locations = [element.text for element in root.iter() if element.tag.endswith("loc")]
        article, mazhilis = story
        listed = {location.removeprefix(settings.NEWSROOM_SITE_URL) for location in locations}
        assert {article.get_absolute_url(), mazhilis.get_absolute_url()} <= listed
        assert LIVE not in response.content.decode()
