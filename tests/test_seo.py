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
    def test_lists_published_articles_with_lastmod_and_every_entity(self, client):
        make_article("Public story")
        make_article("Secret draft", status=Article.Status.DRAFT)
        make_article("Secret review", status=Article.Status.REVIEW)
        make_institution("Mazhilis")
        make_official("Yerlan Koshanov")
        entries = sitemap_entries(client.get("/sitemap.xml"))
        assert set(entries) == {
            "http://testserver/articles/public-story/",
            "http://testserver/institutions/mazhilis/",
            "http://testserver/officials/yerlan-koshanov/",
        }
        assert entries["http://testserver/articles/public-story/"]

    def test_parses_with_an_empty_database(self, client):
        assert sitemap_entries(client.get("/sitemap.xml")) == {}

    def test_query_count_does_not_grow(self, client, django_assert_num_queries):
        make_article()
        make_institution()
        make_official()
        with django_assert_num_queries(8):
            client.get("/sitemap.xml")
        for _ in range(10):
            make_article()
            make_institution()
            make_official()
        with django_assert_num_queries(8):
            client.get("/sitemap.xml")


class RobotsTests:
    def test_allows_all_but_admin_and_search_and_points_at_the_sitemap(self, client):
        response = client.get("/robots.txt")
        lines = response.content.decode().splitlines()
        assert response["Content-Type"].startswith("text/plain")
        assert "User-agent: *" in lines
        assert "Allow: /" in lines
        assert "Disallow: /admin/" in lines
        assert "Disallow: /search/" in lines
        assert "Sitemap: http://testserver/sitemap.xml" in lines
