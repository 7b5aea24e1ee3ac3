import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles.models import Article
from articles.sitemaps import ListingSitemap
from newsroom.sitemaps import PublicSitemap
from tests.factories import make_article, make_institution, make_official

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
LISTINGS = {
    f"https://news.example{prefix}{path}"
    for prefix in ("", "/ru", "/kk")
    for path in ("/", "/articles/", "/institutions/", "/officials/", "/authors/")
}


def sitemap_entries(response):
    root = ET.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.iter(f"{SITEMAP}url")
    }


def index_entries(response):
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    return [entry.findtext(f"{SITEMAP}loc") for entry in root.iter(f"{SITEMAP}sitemap")]


@pytest.fixture
def sitemap_limit(monkeypatch, settings):
    """Sitemaps of 3 addresses at most, instead of the protocol's 50,000, and only the front
    page (in three languages) among the listings."""
    settings.NEWSROOM_SITE_URL = "https://news.example"
    monkeypatch.setattr(PublicSitemap, "limit", 3)
    monkeypatch.setattr(ListingSitemap, "routes", ["home"])


class SitemapTests:
    def test_lists_published_articles_with_lastmod_and_every_entity(self, client, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        make_article("Public story")
        make_article("Secret draft", status=Article.Status.DRAFT)
        make_article("Secret review", status=Article.Status.REVIEW)
        make_institution("Mazhilis")
        make_official("Yerlan Koshanov")
        entries = sitemap_entries(client.get("/sitemap.xml"))
        assert set(entries) == LISTINGS | {
            "https://news.example/articles/public-story/",
            "https://news.example/institutions/mazhilis/",
            "https://news.example/officials/yerlan-koshanov/",
        }
        assert entries["https://news.example/articles/public-story/"]

    def test_lists_the_front_page_and_indexes_in_every_language(self, client, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        assert set(sitemap_entries(client.get("/sitemap.xml"))) == LISTINGS

    def test_query_count_does_not_grow(self, assert_constant_queries):
        def add_rows():
            make_article()
            make_institution()
            make_official()

        add_rows()
        assert_constant_queries("/sitemap.xml", 8, lambda: [add_rows() for _ in range(10)])


class SitemapIndexTests:
    def test_a_plain_sitemap_while_every_address_fits(self, client, sitemap_limit):
        assert len(sitemap_entries(client.get("/sitemap.xml"))) == 3

    def test_an_index_of_paged_sections_past_the_limit(self, client, sitemap_limit):
        for title in ("One", "Two", "Three", "Four"):
            make_article(title)
        make_institution("Mazhilis")
        assert index_entries(client.get("/sitemap.xml")) == [
            "https://news.example/sitemap-pages.xml",
            "https://news.example/sitemap-articles.xml",
            "https://news.example/sitemap-articles.xml?p=2",
            "https://news.example/sitemap-institutions.xml",
            "https://news.example/sitemap-officials.xml",
            "https://news.example/sitemap-sections.xml",
            "https://news.example/sitemap-authors.xml",
        ]

    def test_section_pages_list_every_published_article_once(self, client, sitemap_limit):
        for title in ("One", "Two", "Three", "Four"):
            make_article(title)
        make_article("Secret draft", status=Article.Status.DRAFT)
        pages = [client.get("/sitemap-articles.xml"), client.get("/sitemap-articles.xml?p=2")]
        assert [len(sitemap_entries(page)) for page in pages] == [3, 1]
        listed = set(sitemap_entries(pages[0])) | set(sitemap_entries(pages[1]))
        assert listed == {
            f"https://news.example/articles/{slug}/" for slug in ("one", "two", "three", "four")
        }

    def test_a_page_past_the_last_is_not_found(self, client, sitemap_limit):
        make_article()
        assert client.get("/sitemap-articles.xml?p=2").status_code == 404
        assert client.get("/sitemap-nothing.xml").status_code == 404

    def test_index_query_count_does_not_grow(self, assert_constant_queries, sitemap_limit):
        for _ in range(4):
            make_article()
        assert_constant_queries("/sitemap.xml", 8, lambda: [make_article() for _ in range(10)])

    def test_section_page_query_count_does_not_grow(self, assert_constant_queries, sitemap_limit):
        for _ in range(4):
            make_article()
        assert_constant_queries(
            "/sitemap-articles.xml?p=2", 2, lambda: [make_article() for _ in range(3)]
        )


class RobotsTests:
    def test_allows_all_but_admin_and_search_and_points_at_the_sitemap(self, client, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        response = client.get("/robots.txt")
        lines = response.content.decode().splitlines()
        assert response["Content-Type"].startswith("text/plain")
        assert "User-agent: *" in lines
        assert "Allow: /" in lines
        assert "Disallow: /admin/" in lines
        assert "Disallow: /search/" in lines
        assert "Sitemap: https://news.example/sitemap.xml" in lines
        assert "Sitemap: https://news.example/sitemap-news.xml" in lines


def news_entries(response):
    root = ET.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): {
            "title": url.findtext(f"{NEWS}news/{NEWS}title"),
            "language": url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language"),
            "name": url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}name"),
            "date": url.findtext(f"{NEWS}news/{NEWS}publication_date"),
        }
        for url in root.iter(f"{SITEMAP}url")
    }


class NewsSitemapTests:
    def test_lists_the_articles_of_the_last_two_days(self, client, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        settings.NEWSROOM_SITE_NAME = "Steppe Courier"
        now = timezone.now()
        make_article("Fresh <news> & views", published_at=now - dt.timedelta(hours=47))
        make_article("Po russki", language="ru", published_at=now - dt.timedelta(hours=1))
        make_article("Old story", published_at=now - dt.timedelta(hours=49))
        make_article("Tomorrow", published_at=now + dt.timedelta(hours=1))
        make_article("Draft", status=Article.Status.DRAFT)
        entries = news_entries(client.get("/sitemap-news.xml"))
        assert set(entries) == {
            "https://news.example/articles/fresh-news-views/",
            "https://news.example/ru/articles/po-russki/",
        }
        fresh = entries["https://news.example/articles/fresh-news-views/"]
        assert fresh["title"] == "Fresh <news> & views"
        assert (fresh["name"], fresh["language"]) == ("Steppe Courier", "en")
        assert entries["https://news.example/ru/articles/po-russki/"]["language"] == "ru"
        assert dt.datetime.fromisoformat(fresh["date"]).microsecond == 0

    def test_is_kept_out_of_search_results(self, client):
        assert client.get("/sitemap-news.xml")["X-Robots-Tag"] == "noindex, noodp, noarchive"


class SitemapLanguageTests:
    def test_an_article_is_listed_at_its_page_in_its_own_language(self, client, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        make_article("In English", language="en")
        make_article("Po russki", language="ru")
        make_article("Qazaqsha", language="kk")
        entries = sitemap_entries(client.get("/sitemap.xml"))
        assert {
            "https://news.example/articles/in-english/",
            "https://news.example/ru/articles/po-russki/",
            "https://news.example/kk/articles/qazaqsha/",
        } <= set(entries)
