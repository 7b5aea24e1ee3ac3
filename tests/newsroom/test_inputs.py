"""Numbers, dates and ids from addresses: checked, answered with a message, never a 500."""

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.test import Client

from newsroom import inputs
from newsroom.admin_lists import CheckedAdminMixin
from tests.factories import make_article, make_institution, make_mention

pytestmark = pytest.mark.django_db

TWENTY_DIGITS = "12345678901234567890"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


class CheckTests:
    def test_an_id_past_the_integer_columns_is_out_of_range(self):
        with pytest.raises(inputs.OutOfRange, match="between 1 and 9223372036854775807"):
            inputs.checked_id(TWENTY_DIGITS)

    def test_an_id_that_fits_is_a_number(self):
        assert inputs.checked_id("9223372036854775807") == 2**63 - 1

    @pytest.mark.parametrize("value", ["", "-", "1.5", "١٢", "1" * 4400, "0x10"])
    def test_what_is_not_a_whole_number_says_so(self, value):
        with pytest.raises(inputs.OutOfRange, match="not a whole number"):
            inputs.checked_int(value)

    @pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "10000-01-01", "2024-02-30"])
    def test_dates_past_the_calendar_s_ends_are_refused(self, value):
        with pytest.raises(inputs.OutOfRange):
            inputs.checked_date(value)

    def test_a_date_and_time_within_the_range_is_read(self):
        assert inputs.checked_moment("2024-05-01 10:00:00").year == 2024


class ArticleDateFilterTests:
    @pytest.fixture
    def story(self, db):
        return make_article("Lu Ban workshop opens")

    def test_a_date_past_the_range_is_a_filter_error(self, client, story):
        response = client.get("/articles/", {"date_to": "9999-12-31"})
        assert response.status_code == 200
        assert "Enter a date on or before 9998-12-31." in response.text
        assert "Please correct the filters above." in response.text

    @pytest.mark.parametrize("time_zone", ["Asia/Almaty", "Pacific/Kiritimati"])
    def test_the_first_day_of_the_calendar_is_an_error_in_any_time_zone(
        self, client, settings, story, time_zone
    ):
        settings.TIME_ZONE = time_zone
        response = client.get("/articles/", {"date_from": "0001-01-01"})
        assert response.status_code == 200
        assert "Enter a date on or after 1000-01-01." in response.text

    def test_the_last_day_of_the_range_filters(self, client, story):
        response = client.get("/articles/", {"date_to": "9998-12-31", "date_from": "1000-01-01"})
        assert "Lu Ban workshop opens" in response.text


class AdminListTests:
    @pytest.fixture
    def mentioned(self, db):
        mazhilis = make_institution("Mazhilis")
        make_mention(make_article("About the chamber"), mazhilis)
        return mazhilis

    def test_an_entity_id_past_the_integer_columns_is_ignored_with_a_message(
        self, admin_client, mentioned
    ):
        response = admin_client.get("/admin/articles/article/", {"entity": TWENTY_DIGITS})
        assert response.status_code == 302
        assert response["Location"] == "/admin/articles/article/?"
        assert messages_of(response) == [
            "Ignored the filter entity: The id 12345678901234567890 is not between 1 and "
            "9223372036854775807."
        ]
        assert "About the chamber" in admin_client.get(response["Location"]).text

    def test_an_entity_id_that_fits_still_filters(self, admin_client, mentioned):
        response = admin_client.get("/admin/articles/article/", {"entity": mentioned.pk})
        assert "About the chamber" in response.text

    @pytest.mark.parametrize(
        ("params", "problem"),
        [
            ({"published_at__year": "9999"}, "The year 9999 is not between 1000 and 9998."),
            ({"published_at__year": "2024", "published_at__month": "13"}, "The month 13"),
            ({"published_at__gte": "0001-01-01"}, "The date 0001-01-01 is not between"),
            ({"published_at__lt": "9999-12-31 23:59"}, "The date 9999-12-31 23:59 is not"),
            ({"status__exact": "published", "id__in": f"1,{TWENTY_DIGITS}"}, "id__in"),
        ],
    )
    def test_out_of_range_dates_and_ids_are_dropped_with_a_message(
        self, admin_client, mentioned, params, problem
    ):
        response = admin_client.get("/admin/articles/article/", params)
        assert response.status_code == 302
        assert problem in messages_of(response)[0]

    def test_other_filters_are_kept_when_one_is_dropped(self, admin_client, mentioned):
        response = admin_client.get(
            "/admin/articles/article/", {"status__exact": "published", "entity": TWENTY_DIGITS}
        )
        assert response["Location"] == "/admin/articles/article/?status__exact=published"

    @pytest.mark.parametrize(
        ("url", "params"),
        [
            ("/admin/auth/user/", {"groups__id__exact": TWENTY_DIGITS}),
            ("/admin/axes/accessattempt/", {"attempt_time__year": "9999"}),
        ],
    )
    def test_django_s_and_libraries_lists_are_checked_too(self, admin_client, url, params):
        response = admin_client.get(url, params)
        assert response.status_code == 302
        assert messages_of(response)[0].startswith("Ignored the filter")

    def test_every_registered_list_checks_its_address(self):
        unchecked = [
            model._meta.label
            for model, model_admin in admin.site._registry.items()
            if not isinstance(model_admin, CheckedAdminMixin)
        ]
        assert unchecked == []


class NulTests:
    def test_the_autocomplete_refuses_a_nul_with_a_message(self, admin_client):
        response = admin_client.get(
            "/admin/autocomplete/",
            {
                "term": "Maz\x00",
                "app_label": "articles",
                "model_name": "mention",
                "field_name": "entity",
            },
        )
        assert response.status_code == 400
        assert "Text may not contain NUL characters." in response.text

    @pytest.mark.parametrize(
        "url", ["/search/", "/articles/", "/institutions/", "/ru/officials/", "/admin/"]
    )
    def test_every_address_refuses_a_nul_in_its_query(self, db, url):
        response = Client().get(url, {"q": "a\x00b"})
        assert response.status_code == 400
        assert "Text may not contain NUL characters." in response.text

    def test_the_400_page_is_in_the_site_s_design(self, db):
        response = Client().get("/articles/", {"q": "x\x00"})
        assert response.status_code == 400
        assert 'class="masthead"' in response.text
