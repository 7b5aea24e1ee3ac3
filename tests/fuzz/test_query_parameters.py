"""Random values in every query parameter the site reads: never a server error.

The public addresses and the parameters each reads are found, not listed: every route of
the URLconf (its slugs filled with real objects), the filters of the filter set its view
declares, the parameters every list shares (page, search), and a made-up one. In the
admin: every registered model's change list with its list filters' parameters, its date
drill-down, search, ordering and page, and the autocomplete. Values lean on what has
broken sites before: huge and negative numbers, dates at the ends of the calendar, NUL,
unusual Unicode, very long text; the site's time zone varies too.

Each test draws ``FUZZ_EXAMPLES`` examples (``NEWSROOM_FUZZ_EXAMPLES`` raises it for a
longer run), so the suite stays a few seconds long.
"""

import os

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR, SEARCH_VAR
from django.test import Client, RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.factories import make_article, make_institution, make_mention, make_official

pytestmark = pytest.mark.django_db

FUZZ_EXAMPLES = int(os.environ.get("NEWSROOM_FUZZ_EXAMPLES", "12"))
SHARED_PARAMETERS = ["q", "page", "p", "language", "kind", "o", "format"]
TIME_ZONES = ["UTC", "Asia/Almaty", "Pacific/Kiritimati", "Pacific/Pago_Pago"]

EXTREME_TEXT = [
    "",
    "0",
    "-1",
    "1",
    "2147483648",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "12345678901234567890",
    "9" * 400,
    "1e309",
    "NaN",
    "0001-01-01",
    "0001-01-02",
    "9999-12-31",
    "10000-01-01",
    "0000-00-00",
    "2024-02-30",
    "9999-12-31 23:59:59",
    "0001-01-01T00:00:00+14:00",
    "a\x00b",
    "\x00",
    "\u202e\ufeff\U0001f600",
    "ҚАЗАҚ қазақ Ёё",
    "<script>alert(1)</script>",
    "%00",
    "x" * 5000,
    "1,2,3",
    "12345678901234567890,1",
]
VALUES = st.one_of(
    st.sampled_from(EXTREME_TEXT),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(lambda day: day.isoformat()),
    st.text(max_size=60),
)


def known_breakers(parameters):
    """Examples every run tries first: values that broke pages before, in every parameter
    at once, in the time zones furthest from UTC."""
    return [
        example(params=dict.fromkeys(parameters, value), time_zone=time_zone)
        for value, time_zone in [
            ("9999-12-31", "Pacific/Kiritimati"),
            ("0001-01-01", "Pacific/Pago_Pago"),
            ("12345678901234567890", "UTC"),
            ("a\x00b", "UTC"),
        ]
    ]


def with_examples(test, examples):
    for add in examples:
        test = add(test)
    return test


def _routes(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def _view_parameters(callback):
    """The query parameters a view's filter set reads."""
    while hasattr(callback, "__wrapped__") and not hasattr(callback, "view_class"):
        callback = callback.__wrapped__
    filterset = getattr(getattr(callback, "view_class", None), "filterset_class", None)
    return sorted(filterset.base_filters) if filterset else []


def public_routes():
    """(route pattern, parameters) for every public address of the URLconf."""
    found = []
    for route, callback in _routes(get_resolver().url_patterns):
        if route.startswith(("media/", "static/")) or "^" in route:
            continue
        found.append((route, sorted({*SHARED_PARAMETERS, *_view_parameters(callback)})))
    return found


PUBLIC_ROUTES = public_routes()


@pytest.fixture
def site(db):
    """One object of each kind, so every route has a real page to fuzz."""
    mazhilis = make_institution("Mazhilis", country="KZ")
    official = make_official("Aigul Sadykova")
    article = make_article("Lu Ban workshop opens", dek="A standfirst.")
    make_mention(article, mazhilis)
    make_mention(article, official)
    return {
        "slug": {
            "articles": article.slug,
            "institutions": mazhilis.slug,
            "officials": official.slug,
        }
    }


def address(route, site):
    """``route`` with its converters filled in from the site's objects."""
    for kind, slug in site["slug"].items():
        if route.startswith(kind):
            route = route.replace("<slug:slug>", slug)
    return "/" + route.replace("<section>", "articles")


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    # The limits would answer most examples with 429 before the view reads anything.
    settings.NEWSROOM_RATE_LIMITS = {}


def query(parameters):
    return st.dictionaries(
        st.one_of(st.sampled_from(parameters), st.text(max_size=12)), VALUES, max_size=4
    )


def assert_answered(response, url):
    assert response.status_code < 500, f"{url} answered {response.status_code}"


class PublicQueryParameterTests:
    def test_every_filter_set_is_found(self):
        parameters = dict(PUBLIC_ROUTES)
        assert {"date_from", "date_to", "entity"} <= set(parameters["articles/"])
        assert {"classification", "country"} <= set(parameters["institutions/"])

    @pytest.mark.parametrize(
        ("route", "parameters"), PUBLIC_ROUTES, ids=[r for r, _ in PUBLIC_ROUTES]
    )
    def test_no_query_string_breaks_a_public_page(self, site, route, parameters):
        url = address(route, site)

        @settings(max_examples=FUZZ_EXAMPLES, deadline=None)
        @given(params=query(parameters), time_zone=st.sampled_from(TIME_ZONES))
        def check(params, time_zone):
            with override_settings(TIME_ZONE=time_zone):
                assert_answered(Client().get(url, params), url)

        with_examples(check, known_breakers(parameters))()


def admin_parameters(model_admin, superuser):
    """The query parameters ``model_admin``'s change list reads."""
    request = RequestFactory().get("/")
    request.user = superuser
    changelist = model_admin.get_changelist_instance(request)
    found = {SEARCH_VAR, ORDER_VAR, PAGE_VAR}
    for spec in changelist.filter_specs:
        found.update(spec.expected_parameters())
    if model_admin.date_hierarchy:
        found.update(f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day"))
    return sorted(found)


ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


# A date typed for a date-and-time filter is read as midnight in the site's time zone;
# Django warns about it in development, and the suite turns warnings into errors.
@pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime")
class AdminQueryParameterTests:
    @pytest.fixture
    def superuser_client(self, site, admin_user, client):
        client.force_login(admin_user)
        return client

    @pytest.mark.parametrize(
        "model_admin", [item[1] for item in ADMINS], ids=[item[0]._meta.label for item in ADMINS]
    )
    def test_no_query_string_breaks_a_change_list(self, superuser_client, admin_user, model_admin):
        opts = model_admin.model._meta
        url = f"/admin/{opts.app_label}/{opts.model_name}/"
        parameters = admin_parameters(model_admin, admin_user)

        @settings(max_examples=FUZZ_EXAMPLES, deadline=None)
        @given(params=query(parameters), time_zone=st.sampled_from(TIME_ZONES))
        def check(params, time_zone):
            with override_settings(TIME_ZONE=time_zone):
                assert_answered(superuser_client.get(url, params), url)

        with_examples(check, known_breakers(parameters))()

    @settings(max_examples=FUZZ_EXAMPLES * 2, deadline=None)
    @given(term=VALUES, page=st.one_of(st.sampled_from(["", "1"]), VALUES))
    @example(term="Maz\x00", page="1")
    def test_no_search_term_breaks_the_autocomplete(self, superuser_client, term, page):
        params = {
            "term": term,
            "page": page,
            "app_label": "articles",
            "model_name": "mention",
            "field_name": "entity",
        }
        assert_answered(superuser_client.get("/admin/autocomplete/", params), "autocomplete")
