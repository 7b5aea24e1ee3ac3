"""Hostile and random input against the public pages and the admin login.

Whatever a client sends, the site answers without a server error and never echoes
markup back unescaped.
"""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import make_article, make_institution

pytestmark = pytest.mark.django_db

PAYLOADS = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><script>alert(1)</script>',
        "'><img src=x onerror=alert(1)>",
        "</title><script>alert(1)</script>",
        "javascript:alert(1)",
        "%3Cscript%3Ealert(1)%3C/script%3E",
        "\x00\x01\u202e",
        "a" * 20000,
    ]
)
HOSTILE = st.one_of(PAYLOADS, st.text(max_size=300), PAYLOADS.map(lambda p: "x" + p))
RAW_QUERY = st.text(alphabet=st.characters(codec="ascii", exclude_characters="#"), max_size=400)
OK = {200, 301, 302, 400, 404, 405, 429}
MARKUP = ("<script>alert(1)", "<img src=x onerror")


@pytest.fixture
def site(db):
    make_article("Lu Ban workshop opens")
    make_institution("Mazhilis")


def assert_safe(response):
    assert response.status_code in OK, response.status_code
    body = response.content.decode("utf-8", "replace")
    for markup in MARKUP:
        assert markup not in body


class PublicPageTests:
    @given(query=RAW_QUERY)
    def test_article_list_survives_any_query_string(self, site, query):
        assert_safe(Client().get(f"/articles/?{query}"))

    @given(page=HOSTILE, q=HOSTILE)
    def test_article_list_survives_hostile_parameters(self, site, page, q):
        assert_safe(Client().get("/articles/", {"page": page, "q": q, "entity": q}))

    @given(slug=HOSTILE)
    def test_article_and_institution_pages_survive_any_address(self, site, slug):
        client = Client()
        for prefix in ("/articles/", "/institutions/", "/officials/"):
            assert_safe(client.get(prefix + slug.replace("/", "-").lstrip("?#") + "/"))

    def test_institution_page_renders(self, site, client):
        assert client.get("/institutions/mazhilis/").status_code == 200


class AdminLoginTests:
    @given(username=HOSTILE, password=HOSTILE, next_url=HOSTILE)
    def test_login_form_survives_hostile_input(self, db, username, password, next_url):
        response = Client().post(
            "/admin/login/?" + "next=" + next_url.replace("&", "").replace("#", ""),
            {"username": username, "password": password},
        )
        assert_safe(response)

    def test_an_overlong_user_name_is_refused_politely(self, db):
        response = Client().post("/admin/login/", {"username": "a" * 5000, "password": "x"})
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.text or (
            "Ensure this value has at most" in response.text
        )

    @given(next_url=HOSTILE)
    def test_login_page_escapes_the_next_address(self, db, next_url):
        assert_safe(Client().get("/admin/login/", {"next": next_url}))
