"""What an entity page tells search engines about who an official is and where an
institution stands."""

import datetime as dt

import pytest

from tests.factories import make_appointment, make_institution, make_official, make_post
from tests.pages import jsonld

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.NEWSROOM_SITE_URL = "https://news.example"


class OfficialJsonLdTests:
    def test_current_post_is_the_job_title_and_employer(self, client, site):
        mazhilis = make_institution("Mazhilis", classification="chamber")
        official = make_official("Yerlan Koshanov", given_name="Yerlan", family_name="Koshanov")
        make_appointment(official, make_post(mazhilis, "Chairman"), start_date=dt.date(2022, 2, 1))
        data = jsonld(client.get(official.get_absolute_url()))
        assert data["jobTitle"] == ["Chairman"]
        assert data["worksFor"] == [
            {
                "@type": "GovernmentOrganization",
                "name": "Mazhilis",
                "url": "https://news.example/institutions/mazhilis/",
            }
        ]
        assert (data["givenName"], data["familyName"]) == ("Yerlan", "Koshanov")

    def test_every_appointment_is_a_dated_role(self, client, site):
        ministry = make_institution("Ministry of Education", classification="ministry")
        official = make_official("Aset Ministrov")
        make_appointment(
            official,
            make_post(ministry, "Minister"),
            start_date=dt.date(2019, 1, 10),
            end_date=dt.date(2021, 6, 30),
        )
        data = jsonld(client.get(official.get_absolute_url()))
        assert "jobTitle" not in data
        assert "worksFor" not in data
        (role,) = data["memberOf"]
        assert role["@type"] == "OrganizationRole"
        assert role["roleName"] == "Minister"
        assert role["memberOf"]["name"] == "Ministry of Education"
        assert (role["startDate"], role["endDate"]) == ("2019-01-10", "2021-06-30")

    def test_an_official_with_no_post_says_nothing_of_one(self, client, site):
        official = make_official("Private Person")
        data = jsonld(client.get(official.get_absolute_url()))
        assert not {"jobTitle", "worksFor", "memberOf"} & set(data)


class InstitutionJsonLdTests:
    def test_names_its_parent_and_dates(self, client, site):
        parliament = make_institution("Parliament", classification="parliament")
        chamber = make_institution(
            "Senate", classification="chamber", parent=parliament, founded=dt.date(1995, 12, 5)
        )
        data = jsonld(client.get(chamber.get_absolute_url()))
        assert data["parentOrganization"] == {
            "@type": "GovernmentOrganization",
            "name": "Parliament",
            "url": "https://news.example/institutions/parliament/",
        }
        assert data["foundingDate"] == "1995-12-05"
        assert "dissolutionDate" not in data
