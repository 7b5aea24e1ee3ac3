"""Readers on the public site: from the front page to an entity, its feed, search, filters."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from playwright.sync_api import expect

from tests.e2e.prepare_site import DRAFT_SLUG, DRAFT_TITLE, SPEAKER_ARTICLE

WORKSHOPS_ARTICLE = "Workshops led by Lou Banya have launched in Kazakhstan"


def card_titles(page):
    return page.locator("main .card__title a").all_inner_texts()


class ReaderJourneyTests:
    def test_front_page_to_article_to_institution_and_its_feed(self, reader):
        reader.goto("/")
        reader.get_by_role("link", name=SPEAKER_ARTICLE).first.click()
        expect(reader.get_by_role("heading", level=1)).to_have_text(SPEAKER_ARTICLE)

        reader.locator("main a.entity-link", has_text="Mazhilis").first.click()
        expect(reader).to_have_url(re.compile(r"/institutions/mazhilis/$"))
        expect(reader.get_by_role("heading", level=1)).to_have_text("Mazhilis")
        expect(reader.get_by_role("link", name=SPEAKER_ARTICLE)).to_be_visible()

        feeds = reader.locator("head link[rel='alternate'][type][href*='/institutions/mazhilis/']")
        expect(feeds.first).to_be_attached()
        feed_url = urljoin(reader.url, feeds.first.get_attribute("href"))
        response = reader.request.get(feed_url)
        assert response.ok, f"{feed_url} answered {response.status}"
        assert "xml" in response.headers["content-type"]
        feed = ET.fromstring(response.body())
        titles = [element.text for element in feed.iter() if element.tag.endswith("title")]
        assert SPEAKER_ARTICLE in titles

    def test_search_for_another_spelling_reaches_the_entity(self, reader):
        reader.goto("/")
        search = reader.get_by_role("searchbox", name="Search articles, institutions and officials")
        search.first.fill("Majilis")
        search.first.press("Enter")
        results = reader.get_by_role("region", name="Institutions and officials")
        results.get_by_role("link", name="Mazhilis", exact=True).click()
        expect(reader).to_have_url(re.compile(r"/institutions/mazhilis/$"))
        expect(reader.get_by_role("heading", level=1)).to_have_text("Mazhilis")

    def test_article_list_filters_by_an_official(self, reader):
        reader.goto("/articles/")
        assert {SPEAKER_ARTICLE, WORKSHOPS_ARTICLE} <= set(card_titles(reader))
        reader.get_by_label("Mentions", exact=True).select_option(label="Yerlan Koshanov")
        reader.get_by_role("button", name="Apply filters").click()
        expect(reader).to_have_url(re.compile(r"entity=yerlan-koshanov"))
        titles = card_titles(reader)
        assert SPEAKER_ARTICLE in titles
        assert WORKSHOPS_ARTICLE not in titles

    def test_unknown_address_shows_the_sites_not_found_page(self, reader):
        response = reader.goto("/no-such-page/")
        assert response.status == 404
        expect(reader.get_by_role("heading", level=1)).to_have_text("Page not found")
        expect(reader.get_by_role("link", name="Go to the front page")).to_be_visible()

    def test_a_draft_is_not_found_for_readers(self, reader):
        response = reader.goto(f"/articles/{DRAFT_SLUG}/")
        assert response.status == 404
        expect(reader.get_by_role("heading", level=1)).to_have_text("Page not found")
        expect(reader.get_by_text(DRAFT_TITLE)).to_have_count(0)
