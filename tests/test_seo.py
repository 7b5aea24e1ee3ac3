import xml.etree.ElementTree as ET

import pytest

from articles.models import Article
from tests.factories import make_article, make_institution, make_official

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_entries(response):
    root = ET.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.iter(f"{SITEMAP}url")
    }


class SitemapTests:
    def test_lists_published_articles_with_lastmod_and_every_entity(self, client, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        make_article("Public story")
        make_article("Secret draft", status=Article.Status.DRAFT)
        make_article("Secret review", status=Article.Status.REVIEW)
        make_institution("Mazhilis")
        make_official("Yerlan Koshanov")
        entries = sitemap_entries(client.get("/sitemap.xml"))
        assert set(entries) == {
            "https://news.example/articles/public-story/",
            "https://news.example/institutions/mazhilis/",
            "https://news.example/officials/yerlan-koshanov/",
        }
        assert entries["https://news.example/articles/public-story/"]

    def test_parses_with_an_empty_database(self, client):
        assert sitemap_entries(client.get("/sitemap.xml")) == {}

    def test_query_count_does_not_grow(self, assert_constant_queries):
        def add_rows():
            make_article()
            make_institution()
            make_official()

        add_rows()
        assert_constant_queries("/sitemap.xml", 6, lambda: [add_rows() for _ in range(10)])


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
