"""An article naming many entities opens in its change form as fast as one naming few."""

import pytest
from django.urls import reverse

from articles.linking.services import link_article
from tests.admin_forms import article_form
from tests.factories import make_article, make_institution

pytestmark = pytest.mark.django_db

PLACES = ["Aktau", "Balkash", "Kerki", "Dostyk", "Zhanatas", "Mirny", "Taldy", "Saryag"]


def name_colleges(article, places):
    """Register a college in each of ``places`` and name each in ``article``'s body."""
    colleges = [make_institution(f"{place} Polytechnic") for place in places]
    sentences = " ".join(f"The {college.name} opened a workshop." for college in colleges)
    article.body = f"{article.body}\n\n{sentences}".strip()
    article.save()
    link_article(article)
    return colleges


@pytest.fixture
def article(db):
    return make_article("Colleges open workshops", body="")


class ChangeFormTests:
    def test_query_count_does_not_grow_with_the_names(
        self, editor_client, article, assert_constant_queries
    ):
        name_colleges(article, PLACES[:2])
        url = reverse("admin:articles_article_change", args=[article.pk])
        # The first page in a process also fills the content types' cache.
        editor_client.get(url)
        assert_constant_queries(url, 12, lambda: name_colleges(article, PLACES[2:]))
        assert article.mentions.count() == len(PLACES)
        assert article.occurrences.count() == len(PLACES)

    def test_each_row_names_its_entity_and_keeps_its_id(self, editor_client, article):
        (college,) = name_colleges(article, PLACES[:1])
        mention = article.mentions.get()
        html = editor_client.get(
            reverse("admin:articles_article_change", args=[article.pk])
        ).content.decode()
        assert (
            f'<input type="hidden" name="mentions-0-entity" value="{college.pk}" '
            f'id="id_mentions-0-entity">'
        ) in html
        name = '<span class="chosen-entity" data-chosen-entity="id_mentions-0-entity">'
        assert f"{name}{college.name}</span>" in html
        # The button appears once entity_rows.js finds the blank row's type-ahead to copy.
        assert 'data-change-entity="id_mentions-0-entity"' in html
        assert 'name="mentions-__prefix__-entity"' in html
        assert mention.entity_id == college.pk

    def test_a_row_changed_to_another_entity_saves_it(self, editor_client, article):
        name_colleges(article, PLACES[:1])
        other = make_institution("Mirny Lyceum")
        data = article_form(article)
        data["mentions-0-entity"] = str(other.pk)
        data["mentions-0-state"] = "confirmed"
        response = editor_client.post(
            reverse("admin:articles_article_change", args=[article.pk]), data
        )
        assert response.status_code == 302
        assert article.mentions.get(entity=other).state == "confirmed"
