"""What browsers, home screens and search engines learn about the site itself."""

import pytest

from tests.factories import make_article
from tests.pages import jsonld

pytestmark = pytest.mark.django_db


class IconTests:
    def test_favicon_ico_leads_to_the_icon_file(self, client):
        response = client.get("/favicon.ico")
        assert response.status_code == 302
        assert response["Location"].startswith("/static/icons/favicon")
        assert response["Location"].endswith(".ico")

    def test_manifest_names_the_site_and_its_icons(self, client, settings):
        settings.NEWSROOM_SITE_NAME = "Steppe Courier"
        response = client.get("/manifest.webmanifest")
        assert response["Content-Type"] == "application/manifest+json"
        manifest = response.json()
        assert manifest["name"] == "Steppe Courier"
        assert manifest["start_url"] == "/"
        sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
        assert sizes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}

    def test_manifest_refuses_writes(self, client):
        assert client.post("/manifest.webmanifest").status_code == 405


class FrontPageDescriptionTests:
    def test_describes_the_site_with_its_search_box(self, client, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        data = jsonld(client.get("/"))
        assert data["@type"] == "WebSite"
        action = data["potentialAction"]
        assert action["@type"] == "SearchAction"
        assert (
            action["target"]["urlTemplate"] == "https://news.example/search/?q={search_term_string}"
        )
        assert action["query-input"] == "required name=search_term_string"

    def test_names_the_publisher_with_a_logo(self, client, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        logo = jsonld(client.get("/"))["publisher"]["logo"]
        assert logo["url"].startswith("https://news.example/static/icons/icon-512")
        assert (logo["width"], logo["height"]) == (512, 512)

    def test_has_open_graph_tags(self, client):
        html = client.get("/").content.decode()
        assert '<meta property="og:type" content="website">' in html
        assert '<meta property="og:description"' in html


class ArticlePublisherTests:
    def test_article_names_the_same_publisher_and_is_free_to_read(self, client):
        article = make_article("Budget passes")
        data = jsonld(client.get(article.get_absolute_url()))
        front = jsonld(client.get("/"))
        assert data["publisher"] == front["publisher"]
        assert data["isAccessibleForFree"] is True
