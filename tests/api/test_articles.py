"""The read API's articles: lists with the site's filters, one article, search."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, Mention
from media_library.models import Image
from tests.factories import (
    make_appointment,
    make_article,
    make_author,
    make_institution,
    make_mention,
    make_official,
    make_post,
    make_section,
    png_upload,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def newsroom():
    """A chamber, its speaker, published articles naming them, and unpublished ones."""
    mazhilis = make_institution("Mazhilis")
    speaker = make_official("Yerlan Koshanov")
    make_appointment(
        speaker, make_post(mazhilis), start_date=datetime.date(2022, 2, 1), end_date=None
    )
    old = make_article("Old session", published_at=days_ago(40), language="ru")
    new = make_article("New session", published_at=days_ago(1), dek="Deputies voted.")
    make_mention(old, mazhilis)
    make_mention(new, mazhilis)
    make_mention(new, speaker, count=3, is_about=True, snippet="Koshanov spoke.")
    make_mention(make_article("Secret draft", status=Article.Status.DRAFT), mazhilis)
    make_mention(make_article("Secret review", status=Article.Status.REVIEW), mazhilis)
    make_article("Scheduled", published_at=timezone.now() + datetime.timedelta(days=1))
    make_mention(make_article("Rejected link"), speaker, state=Mention.State.REJECTED)
    return {"mazhilis": mazhilis, "speaker": speaker, "old": old, "new": new}


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


class ArticleListTests:
    def test_lists_only_published_articles_newest_first(self, client, newsroom):
        assert titles(client.get(f"{API}/articles")) == [
            "Rejected link",
            "New session",
            "Old session",
        ]

    def test_filters_as_the_site_does(self, client, newsroom):
        assert titles(client.get(f"{API}/articles?entity=yerlan-koshanov")) == ["New session"]
        assert titles(client.get(f"{API}/articles?language=ru")) == ["Old session"]
        since = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
        assert "Old session" not in titles(client.get(f"{API}/articles?date_from={since}"))
        assert titles(client.get(f"{API}/articles?q=deputies")) == ["New session"]
        assert titles(client.get(f"{API}/articles?kind=official")) == ["New session"]

    def test_filters_by_section_as_its_page_lists(self, client, newsroom):
        politics = make_section("Politics", name_ru="Политика")
        newsroom["old"].section = politics
        newsroom["old"].save()
        items = client.get(f"{API}/articles?section=politics&fields=slug,section").json()
        assert items["items"] == [
            {
                "slug": "old-session",
                "section": {
                    "slug": "politics",
                    "name": "Политика",
                    "url": "http://testserver/sections/politics/",
                },
            }
        ]
        unfiled = client.get(f"{API}/articles?fields=slug,section&entity=yerlan-koshanov")
        assert unfiled.json()["items"] == [{"slug": "new-session", "section": None}]

    def test_an_unknown_section_is_a_422_naming_it(self, client, newsroom):
        response = client.get(f"{API}/articles?section=sport")
        assert response.status_code == 422
        assert response.json() == {"detail": "section: there is no section 'sport'"}

    def test_cursor_walks_every_article_once(self, client, newsroom):
        seen, url = [], f"{API}/articles?limit=1"
        while url:
            page = client.get(url).json()
            seen += [item["slug"] for item in page["items"]]
            url = page["next_cursor"] and f"{API}/articles?limit=1&cursor={page['next_cursor']}"
        assert seen == ["rejected-link", "new-session", "old-session"]

    def test_fields_selects_what_each_item_holds(self, client, newsroom):
        items = client.get(f"{API}/articles?fields=slug,mentions&entity=mazhilis").json()["items"]
        assert items[0] == {
            "slug": "new-session",
            "mentions": [
                {"slug": "mazhilis", "name": "Mazhilis", "kind": "institution"},
                {"slug": "yerlan-koshanov", "name": "Yerlan Koshanov", "kind": "official"},
            ],
        }

    @pytest.mark.parametrize(
        "query, named",
        [
            ("fields=slug,secret", "fields: unknown secret"),
            ("entity=nobody", "entity"),
            ("date_from=9999-12-31", "date_from"),
            ("date_to=9999-12-31", "date_to"),
            ("date_from=2024-02-30", "date_from"),
            ("limit=0", "limit"),
            ("limit=100000000000000000000", "limit"),
            ("language=xx", "language"),
            ("q=%00", "q"),
        ],
    )
    def test_bad_parameters_get_a_422_naming_them(self, client, newsroom, query, named):
        response = client.get(f"{API}/articles?{query}")
        assert response.status_code == 422
        assert named in str(response.json()["detail"])

    @pytest.mark.parametrize("cursor", ["x", "bm90IGpzb24", "WyJhIiwxXQ", "WzEsMiwzXQ"])
    def test_a_made_up_cursor_is_a_400(self, client, newsroom, cursor):
        response = client.get(f"{API}/articles?cursor={cursor}")
        assert response.status_code == 400
        assert response.json() == {"detail": "cursor: not a cursor this API gave out"}


class ArticleDetailTests:
    def test_shows_the_linked_body_and_the_roles_on_the_day(self, client, newsroom):
        article = client.get(f"{API}/articles/new-session").json()
        assert article["title"] == "New session"
        assert article["body_html"].startswith("<p>")
        speaker = next(m for m in article["mentions"] if m["entity"]["kind"] == "official")
        assert speaker["count"] == 3 and speaker["is_about"]
        assert speaker["roles"] == [
            {
                "post": "Speaker",
                "institution": {
                    "slug": "mazhilis",
                    "name": "Mazhilis",
                    "kind": "institution",
                    "url": "http://testserver/institutions/mazhilis/",
                },
                "start_date": "2022-02-01",
                "end_date": None,
            }
        ]

    def test_names_the_journalists_section_and_the_library_lead_image(
        self, client, newsroom, settings, tmp_path
    ):
        settings.MEDIA_ROOT = tmp_path
        article = newsroom["new"]
        article.authors.add(make_author("Aigerim Nurlanova"))
        article.section = make_section("Politics")
        article.lead = Image.objects.create(
            file=png_upload("hall.png"), title="Hall", alt_text="The chamber", credit="A. N."
        )
        article.save()
        shown = client.get(f"{API}/articles/new-session").json()
        assert shown["authors"] == [
            {
                "slug": "aigerim-nurlanova",
                "name": "Aigerim Nurlanova",
                "url": "http://testserver/authors/aigerim-nurlanova/",
            }
        ]
        assert shown["section"]["slug"] == "politics"
        assert shown["lead_image"].startswith("http://testserver/media/library/")
        assert shown["lead_image"].endswith(".png")
        assert (shown["lead_image_alt"], shown["lead_image_credit"]) == ("The chamber", "A. N.")

    @pytest.mark.parametrize("slug", ["secret-draft", "secret-review", "scheduled"])
    def test_unpublished_articles_are_not_found(self, client, newsroom, slug):
        response = client.get(f"{API}/articles/{slug}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not Found"}

    def test_rejected_mentions_are_not_shown(self, client, newsroom):
        assert client.get(f"{API}/articles/rejected-link").json()["mentions"] == []


class EntityArticlesTests:
    def test_lists_the_published_articles_naming_the_entity(self, client, newsroom):
        response = client.get(f"{API}/entities/mazhilis/articles")
        assert titles(response) == ["New session", "Old session"]

    def test_an_unknown_entity_is_a_404(self, client, newsroom):
        assert client.get(f"{API}/entities/nobody/articles").status_code == 404


class SearchTests:
    def test_finds_entities_then_articles(self, client, newsroom):
        results = client.get(f"{API}/search?q=koshanov").json()
        assert [e["slug"] for e in results["entities"]] == ["yerlan-koshanov"]
        assert results["entities"][0]["article_count"] == 1
        assert [a["title"] for a in results["articles"]] == ["New session"]

    def test_never_finds_drafts(self, client, newsroom):
        assert client.get(f"{API}/search?q=secret").json()["articles"] == []

    def test_blank_words_are_a_422(self, client, newsroom):
        assert client.get(f"{API}/search?q=%20").status_code == 422


class QueryCountTests:
    """Each answer takes a fixed number of queries, however many rows it shows."""

    def test_the_list(self, assert_constant_queries, newsroom):
        def more_articles():
            for number in range(3):
                make_mention(make_article(f"More {number}"), newsroom["speaker"])

        assert_constant_queries(f"{API}/articles", 2, more_articles)

    def test_one_article(self, assert_constant_queries, newsroom):
        def more_mentions():
            for number in range(3):
                official = make_official(f"Deputy {number}")
                make_appointment(official, make_post(newsroom["mazhilis"], f"Deputy {number}"))
                make_mention(newsroom["new"], official)

        assert_constant_queries(f"{API}/articles/new-session", 5, more_mentions)
