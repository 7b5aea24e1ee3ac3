"""Sections and article types: a section's page and feeds, and the kicker over a headline."""

import feedparser
import pytest

from articles.cards import card_text
from articles.models import Article
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def politics():
    return make_section("Politics", name_ru="Политика", description="Parliament and government.")


class SectionPageTests:
    def test_lists_only_its_published_articles(self, client, politics):
        make_article("Budget passes", section=politics)
        make_article("Secret draft", section=politics, status=Article.Status.DRAFT)
        make_article("A school opens")
        page = client.get("/sections/politics/")
        assert [a.title for a in page.context["object_list"]] == ["Budget passes"]
        assert "Parliament and government." in page.content.decode()

    def test_is_named_in_the_page_language(self, client, politics):
        html = client.get("/ru/sections/politics/").content.decode()
        assert "<h1>Политика</h1>" in html

    def test_an_unknown_section_is_not_found(self, client):
        assert client.get("/sections/nowhere/").status_code == 404

    def test_feeds_carry_its_articles(self, client, politics):
        make_article("Budget passes", section=politics)
        make_article("A school opens")
        for url in ("/sections/politics/feed/", "/sections/politics/feed/atom/"):
            parsed = feedparser.parse(client.get(url).content)
            assert not parsed.bozo
            assert [entry.title for entry in parsed.entries] == ["Budget passes"]

    def test_query_count_does_not_grow(self, politics, assert_constant_queries):
        def add_rows():
            for _ in range(3):
                make_article(section=politics)

        add_rows()
        assert_constant_queries("/sections/politics/", 4, add_rows)

    def test_sections_are_in_the_sitemap(self, client, politics, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        assert b"https://news.example/sections/politics/" in client.get("/sitemap.xml").content


class KickerTests:
    def test_names_the_section_and_a_type_other_than_news(self, client, politics):
        article = make_article("Why the budget matters", section=politics, kind="analysis")
        html = client.get(article.get_absolute_url()).content.decode()
        assert '<p class="kicker"><a href="/sections/politics/">Politics</a> · Analysis</p>' in html

    def test_plain_news_with_no_section_shows_its_source(self, client):
        article = make_article("Budget passes", source_name="Kazinform")
        html = client.get(article.get_absolute_url()).content.decode()
        assert '<p class="kicker">Kazinform</p>' in html

    def test_the_share_card_carries_the_section_in_the_article_language(self, politics):
        article = make_article("Бюджет принят", language="ru", section=politics)
        assert card_text(article)["kicker"] == "Политика"

    def test_the_share_card_of_an_opinion_with_no_section_says_so(self):
        article = make_article("Мнение", language="ru", kind="opinion")
        assert card_text(article)["kicker"] == "Мнение"
