"""The read API's institutions and officials."""

import datetime

import pytest

from institutions.models import Official
from tests.factories import (
    make_alias,
    make_appointment,
    make_article,
    make_institution,
    make_mention,
    make_official,
    make_post,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def registry():
    parliament = make_institution("Parliament", wikidata_id="Q1")
    mazhilis = make_institution("Mazhilis", parent=parliament, classification="chamber")
    make_alias(mazhilis, "Мажилис", language="ru")
    speaker = make_official("Yerlan Koshanov", given_name="Yerlan", name_ru="Ерлан Кошанов")
    make_alias(speaker, "Koshanov", kind="surname")
    make_appointment(
        speaker,
        make_post(mazhilis),
        start_date=datetime.date(2022, 2, 1),
        end_date=datetime.date(2024, 1, 1),
    )
    make_mention(make_article("Session"), mazhilis)
    return mazhilis


class InstitutionTests:
    def test_lists_institutions_by_name_with_article_counts(self, client, registry):
        items = client.get(f"{API}/institutions").json()["items"]
        assert [(i["slug"], i["article_count"]) for i in items] == [
            ("mazhilis", 1),
            ("parliament", 0),
        ]

    def test_q_finds_by_alias(self, client, registry):
        items = client.get(f"{API}/institutions?q=Мажилис").json()["items"]
        assert [i["slug"] for i in items] == ["mazhilis"]

    def test_shows_aliases_posts_and_who_held_them(self, client, registry):
        mazhilis = client.get(f"{API}/institutions/mazhilis").json()
        assert mazhilis["parent"]["slug"] == "parliament"
        assert mazhilis["classification"] == "chamber"
        assert mazhilis["aliases"] == [{"name": "Мажилис", "kind": "name", "language": "ru"}]
        assert mazhilis["posts"] == [
            {
                "label": "Speaker",
                "appointments": [
                    {
                        "official": {
                            "slug": "yerlan-koshanov",
                            "name": "Yerlan Koshanov",
                            "kind": "official",
                            "url": "http://testserver/officials/yerlan-koshanov/",
                        },
                        "start_date": "2022-02-01",
                        "end_date": "2024-01-01",
                    }
                ],
            }
        ]

    def test_an_official_is_not_an_institution(self, client, registry):
        assert client.get(f"{API}/institutions/yerlan-koshanov").status_code == 404


class OfficialTests:
    def test_shows_names_aliases_and_appointments(self, client, registry):
        official = client.get(f"{API}/officials/yerlan-koshanov").json()
        assert official["given_name"] == "Yerlan"
        assert official["names"] == {"ru": "Ерлан Кошанов"}
        assert official["aliases"] == [{"name": "Koshanov", "kind": "surname", "language": ""}]
        assert [(a["post"], a["institution"]["slug"]) for a in official["appointments"]] == [
            ("Speaker", "mazhilis")
        ]

    def test_lists_officials_with_a_cursor(self, client, registry):
        make_official("Aida Balayeva")
        first = client.get(f"{API}/officials?limit=1").json()
        second = client.get(f"{API}/officials?limit=1&cursor={first['next_cursor']}").json()
        assert [i["slug"] for i in first["items"] + second["items"]] == [
            "aida-balayeva",
            "yerlan-koshanov",
        ]
        assert second["next_cursor"] is None


class QueryCountTests:
    def test_an_institution(self, assert_constant_queries, registry):
        def more_posts():
            for number in range(3):
                post = make_post(registry, f"Deputy {number}")
                make_appointment(make_official(f"Deputy {number}"), post)
                make_alias(registry, f"Chamber {number}")

        assert_constant_queries(f"{API}/institutions/mazhilis", 5, more_posts)

    def test_an_official(self, assert_constant_queries, registry):
        def more_appointments():
            for number in range(3):
                post = make_post(registry, f"Deputy {number}")
                make_appointment(Official.objects.get(slug="yerlan-koshanov"), post)

        assert_constant_queries(f"{API}/officials/yerlan-koshanov", 3, more_appointments)
