"""Ids past the integer columns, posted in forms or asked of the database: nothing found,
never a server error."""

import pytest

from articles.models import Article, Mention
from institutions.models import Institution
from tests.admin_forms import article_form
from tests.factories import make_article, make_institution, make_mention

pytestmark = pytest.mark.django_db

TWENTY_DIGITS = "12345678901234567890"
TOO_BIG = int(TWENTY_DIGITS)


class QueryTests:
    def test_in_with_a_number_past_the_column_finds_only_the_others(self):
        article = make_article()
        assert list(Article.objects.filter(pk__in=[article.pk, TOO_BIG])) == [article]
        assert not Article.objects.filter(pk__in=[TOO_BIG, -TOO_BIG]).exists()

    def test_a_relation_to_a_number_past_the_column_finds_nothing(self):
        make_mention(make_article(), make_institution("Mazhilis"))
        assert not Mention.objects.filter(entity=TOO_BIG).exists()
        assert not Mention.objects.filter(entity__in=[TOO_BIG]).exists()
        assert Mention.objects.exclude(entity=TOO_BIG).count() == 1

    def test_a_child_model_s_key_is_a_relation_too(self):
        make_institution("Mazhilis")
        assert not Institution.objects.filter(pk=TOO_BIG).exists()
        assert not Institution.objects.filter(pk__in=[TOO_BIG]).exists()


class AdminFormTests:
    @pytest.fixture
    def article(self, db):
        article = make_article("About the chamber")
        make_mention(article, make_institution("Mazhilis"))
        return article

    @pytest.mark.parametrize("field", ["translation_of", "mentions-0-entity", "mentions-0-id"])
    def test_a_made_up_id_in_the_article_form_is_a_form_error(self, admin_client, article, field):
        url = f"/admin/articles/article/{article.pk}/change/"
        response = admin_client.post(url, article_form(article, **{field: TWENTY_DIGITS}))
        assert response.status_code == 200
        assert "errornote" in response.text

    def test_a_made_up_parent_for_an_institution_is_a_form_error(self, admin_client):
        response = admin_client.post(
            "/admin/institutions/institution/add/",
            {
                "name": "Senate",
                "slug": "senate",
                "parent": TWENTY_DIGITS,
                "aliases-TOTAL_FORMS": "0",
                "aliases-INITIAL_FORMS": "0",
                "posts-TOTAL_FORMS": "0",
                "posts-INITIAL_FORMS": "0",
            },
        )
        assert response.status_code == 200
        assert "Select a valid choice" in response.text

    def test_made_up_rows_selected_in_a_list_change_nothing(self, admin_client, article):
        response = admin_client.post(
            "/admin/articles/article/",
            {
                "action": "unpublish_selected",
                "_selected_action": TWENTY_DIGITS,
                "index": "0",
                "post": "yes",
            },
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.status == Article.Status.PUBLISHED


class AdminDateTests:
    @pytest.mark.parametrize(
        ("time_zone", "day", "time"),
        [
            ("Asia/Almaty", "0001-01-01", "00:00:00"),
            ("America/Los_Angeles", "9999-12-31", "23:59:59"),
        ],
    )
    def test_a_publication_date_past_the_calendar_is_a_form_error(
        self, admin_client, settings, time_zone, day, time
    ):
        settings.TIME_ZONE = time_zone
        article = make_article("About the chamber")
        response = admin_client.post(
            f"/admin/articles/article/{article.pk}/change/",
            article_form(article, published_at_0=day, published_at_1=time),
        )
        assert response.status_code == 200
        assert "Ensure this value is" in response.text
