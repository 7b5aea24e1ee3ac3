"""The mentions graph: article x entity, as streamed CSV and JSON."""

import csv
import datetime
import io
import json

import pytest
from django.utils import timezone

from articles.models import Article, Mention
from tests.factories import (
    make_appointment,
    make_article,
    make_institution,
    make_mention,
    make_official,
    make_post,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def graph():
    mazhilis = make_institution("Mazhilis")
    koshanov = make_official("Yerlan Koshanov")
    speaker = make_post(mazhilis)
    make_appointment(koshanov, speaker, start_date=datetime.date(2022, 2, 1))
    make_appointment(
        koshanov,
        make_post(mazhilis, "Deputy"),
        start_date=datetime.date(2016, 3, 1),
        end_date=datetime.date(2022, 1, 31),
    )
    earlier = make_article("Deputy speaks", published_at=at(datetime.date(2020, 5, 4)))
    later = make_article("Speaker speaks", published_at=at(datetime.date(2023, 6, 7)))
    make_mention(earlier, koshanov, count=2)
    make_mention(later, koshanov, state=Mention.State.CONFIRMED, is_about=True)
    make_mention(later, mazhilis)
    make_mention(make_article("Draft", status=Article.Status.DRAFT), mazhilis)
    make_mention(
        make_article("Rejected", published_at=at(datetime.date(2023, 1, 1))),
        mazhilis,
        state=Mention.State.REJECTED,
    )
    return mazhilis


def read_csv(response):
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


class MentionsCsvTests:
    def test_one_row_per_published_article_and_entity_with_the_role_on_the_day(self, client, graph):
        rows = read_csv(client.get(f"{API}/mentions.csv"))
        assert [
            (
                r["article_slug"],
                r["published_on"],
                r["entity_slug"],
                r["count"],
                r["state"],
                r["is_about"],
                r["role"],
            )
            for r in rows
        ] == [
            (
                "deputy-speaks",
                "2020-05-04",
                "yerlan-koshanov",
                "2",
                "auto",
                "False",
                "Deputy, Mazhilis",
            ),
            ("speaker-speaks", "2023-06-07", "mazhilis", "1", "auto", "False", ""),
            (
                "speaker-speaks",
                "2023-06-07",
                "yerlan-koshanov",
                "1",
                "confirmed",
                "True",
                "Speaker, Mazhilis",
            ),
        ]

    def test_filters_by_entity_and_dates(self, client, graph):
        rows = read_csv(client.get(f"{API}/mentions.csv?entity=yerlan-koshanov"))
        assert [r["article_slug"] for r in rows] == ["deputy-speaks", "speaker-speaks"]
        rows = read_csv(client.get(f"{API}/mentions.csv?date_from=2021-01-01&date_to=2023-06-07"))
        assert {r["article_slug"] for r in rows} == {"speaker-speaks"}
        assert read_csv(client.get(f"{API}/mentions.csv?date_to=2019-12-31")) == []

    def test_an_unknown_entity_is_a_404_and_a_bad_date_a_422(self, client, graph):
        assert client.get(f"{API}/mentions.csv?entity=nobody").status_code == 404
        assert client.get(f"{API}/mentions.csv?date_to=0001-01-01").status_code == 422


class MentionsJsonTests:
    def test_holds_the_same_rows_as_objects(self, client, graph):
        response = client.get(f"{API}/mentions.json?entity=mazhilis")
        assert response.streaming
        rows = json.loads(b"".join(response.streaming_content))
        assert rows == [
            {
                "article_id": Article.objects.get(slug="speaker-speaks").pk,
                "article_slug": "speaker-speaks",
                "published_on": "2023-06-07",
                "language": "en",
                "entity_slug": "mazhilis",
                "entity_name": "Mazhilis",
                "entity_kind": "institution",
                "count": 1,
                "state": "auto",
                "is_about": False,
                "role": "",
            }
        ]

    def test_an_empty_graph_is_an_empty_array(self, client, graph):
        response = client.get(f"{API}/mentions.json?date_to=1999-01-01")
        assert json.loads(b"".join(response.streaming_content)) == []
