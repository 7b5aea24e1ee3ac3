"""The admin's lists read a fixed number of queries, however many rows they show."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_institution, make_mention, make_official

pytestmark = pytest.mark.django_db


def rows_of_every_kind():
    parent = make_institution("Parent body")
    for number in range(6):
        institution = make_institution(f"Institution {number}", parent=parent)
        official = make_official(f"Official {number}")
        for status, when in (
            (Article.Status.PUBLISHED, timezone.now() - dt.timedelta(hours=number + 1)),
            (Article.Status.PUBLISHED, timezone.now() + dt.timedelta(hours=number + 1)),
            (Article.Status.REVIEW, None),
        ):
            article = make_article(status=status, published_at=when)
            make_mention(article, institution)
            make_mention(article, official)


@pytest.mark.parametrize(
    ("route", "count"),
    [
        ("admin:articles_article_changelist", 7),  # with the section filter's choices
        ("admin:institutions_institution_changelist", 5),
        ("admin:institutions_official_changelist", 4),
        ("admin:institutions_entity_changelist", 4),
    ],
)
def test_a_list_takes_the_same_queries_with_more_rows(
    admin_client, django_assert_num_queries, route, count
):
    url = reverse(route)
    for prepare in (lambda: None, rows_of_every_kind):
        prepare()
        with django_assert_num_queries(count):
            assert admin_client.get(url).status_code == 200
