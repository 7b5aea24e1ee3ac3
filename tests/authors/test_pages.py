"""Journalists' pages and bylines, as readers, feed readers and search engines see them."""

import feedparser
import pytest
from django.core.exceptions import ValidationError

from articles.models import Article
from tests.factories import make_article, make_author, png_upload
from tests.pages import jsonld

pytestmark = pytest.mark.django_db


@pytest.fixture
def aigerim(settings):
    settings.NEWSROOM_SITE_URL = "https://news.example"
    return make_author(
        "Aigerim Sadykova",
        role="Education correspondent",
        bio="Covers schools and universities.",
        links="https://t.me/aigerim\nhttps://aigerim.example",
    )


def by(author, title, **fields):
    article = make_article(title, **fields)
    article.authors.add(author)
    return article


class AuthorPageTests:
    def test_lists_only_their_published_articles(self, client, aigerim):
        by(aigerim, "Schools reopen")
        by(aigerim, "Secret draft", status=Article.Status.DRAFT)
        make_article("Someone else's story")
        page = client.get("/authors/aigerim-sadykova/")
        assert [a.title for a in page.context["object_list"]] == ["Schools reopen"]
        html = page.content.decode()
        assert "Education correspondent" in html
        assert 'href="https://t.me/aigerim" rel="me noopener"' in html

    def test_describes_the_journalist_as_a_person(self, client, aigerim):
        data = jsonld(client.get("/authors/aigerim-sadykova/"))
        assert data["@type"] == "Person"
        assert data["url"] == "https://news.example/authors/aigerim-sadykova/"
        assert data["jobTitle"] == "Education correspondent"
        assert data["sameAs"] == ["https://t.me/aigerim", "https://aigerim.example"]
        assert data["worksFor"]["@type"] == "NewsMediaOrganization"

    def test_an_unknown_journalist_is_not_found(self, client):
        assert client.get("/authors/nobody/").status_code == 404

    def test_the_index_lists_every_journalist(self, client, aigerim):
        make_author("Dana Nurlanova")
        html = client.get("/authors/").content.decode()
        assert html.index("Aigerim Sadykova") < html.index("Dana Nurlanova")

    def test_query_count_does_not_grow(self, aigerim, assert_constant_queries):
        def add_rows():
            for _ in range(3):
                by(aigerim, None)

        add_rows()
        assert_constant_queries("/authors/aigerim-sadykova/", 4, add_rows)

    def test_feeds_carry_their_articles(self, client, aigerim):
        by(aigerim, "Schools reopen")
        for url in ("/authors/aigerim-sadykova/feed/", "/authors/aigerim-sadykova/feed/atom/"):
            parsed = feedparser.parse(client.get(url).content)
            assert not parsed.bozo
            assert [(e.title, e.author) for e in parsed.entries] == [
                ("Schools reopen", "Aigerim Sadykova")
            ]


class BylineTests:
    def test_the_article_links_its_authors_then_the_agency(self, client, aigerim):
        article = by(aigerim, "Schools reopen", byline="Kazinform")
        html = client.get(article.get_absolute_url()).content.decode()
        assert (
            'By <a href="/authors/aigerim-sadykova/" rel="author">Aigerim Sadykova</a>, Kazinform'
        ) in html

    def test_json_ld_names_each_author_with_their_page(self, client, aigerim):
        article = by(aigerim, "Schools reopen", byline="Kazinform")
        assert jsonld(client.get(article.get_absolute_url()))["author"] == [
            {
                "@type": "Person",
                "name": "Aigerim Sadykova",
                "url": "https://news.example/authors/aigerim-sadykova/",
                "jobTitle": "Education correspondent",
            },
            {"@type": "Person", "name": "Kazinform"},
        ]

    def test_site_feed_entries_name_the_authors(self, client, aigerim):
        by(aigerim, "Schools reopen", byline="Kazinform")
        parsed = feedparser.parse(client.get("/feeds/articles/atom/").content)
        assert parsed.entries[0].author == "Aigerim Sadykova, Kazinform"

    def test_article_page_query_count_does_not_grow_with_authors(
        self, aigerim, assert_constant_queries
    ):
        article = by(aigerim, "Schools reopen")
        assert_constant_queries(
            article.get_absolute_url(), 5, lambda: article.authors.add(make_author(), make_author())
        )


class AuthorValidationTests:
    def test_a_link_must_be_a_web_address(self):
        author = make_author("Dana")
        author.links = "https://dana.example\njavascript:alert(1)"
        with pytest.raises(ValidationError) as raised:
            author.full_clean()
        assert "'javascript:alert(1)' is not a web address" in str(raised.value)

    def test_a_photo_needs_alt_text(self):
        author = make_author("Dana", photo=png_upload())
        with pytest.raises(ValidationError) as raised:
            author.full_clean()
        assert "photo_alt" in raised.value.message_dict
