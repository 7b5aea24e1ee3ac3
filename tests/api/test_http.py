"""What every API answer shares: caching and conditional GET, CORS, rate limits, the
schema and its docs page."""

import pytest
from django.core.cache import cache

from api.api import api
from articles.linking.services import link_article
from tests.factories import make_article, make_institution

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def article():
    return make_article("Session")


class ConditionalGetTests:
    def test_a_revalidation_with_the_etag_is_a_304(self, client, article):
        first = client.get(f"{API}/articles/session")
        assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
        again = client.get(f"{API}/articles/session", headers={"If-None-Match": first["ETag"]})
        assert again.status_code == 304

    def test_an_edit_changes_the_etag(self, client, article, django_capture_on_commit_callbacks):
        before = client.get(f"{API}/articles/session")["ETag"]
        with django_capture_on_commit_callbacks(execute=True):
            article.title = "Session, updated"
            article.save()
        after = client.get(f"{API}/articles/session")
        assert after["ETag"] != before
        assert after.json()["title"] == "Session, updated"

    def test_a_second_read_is_served_from_the_page_cache(
        self, client, article, django_assert_num_queries
    ):
        assert client.get(f"{API}/articles/session")["X-Cache"] == "MISS"
        with django_assert_num_queries(0):
            again = client.get(f"{API}/articles/session?utm_source=app")
        assert again["X-Cache"] == "HIT"
        assert again.json()["slug"] == "session"
        assert again["Access-Control-Allow-Origin"] == "*"

    def test_answers_are_public_for_a_minute(self, client, article):
        assert "max-age=60" in client.get(f"{API}/articles")["Cache-Control"]


class CacheKeyTests:
    """An answer names what it shows, so a change retires only the answers showing it."""

    @pytest.fixture
    def two_stories(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            mazhilis = make_institution("Mazhilis")
            make_institution("Senate")
            budget = make_article("Budget", body="The Mazhilis voted.")
            link_article(budget)
            roads = make_article("Roads", body="The Senate met.")
            link_article(roads)
        return {"mazhilis": mazhilis, "budget": budget}

    def test_an_edit_leaves_answers_that_do_not_show_it_cached(
        self, client, two_stories, django_capture_on_commit_callbacks, django_assert_num_queries
    ):
        unrelated = [f"{API}/articles/roads", f"{API}/institutions/senate"]
        for url in [f"{API}/articles/budget", f"{API}/institutions/mazhilis", *unrelated]:
            assert client.get(url).status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            two_stories["mazhilis"].summary = "The lower chamber."
            two_stories["mazhilis"].save()
        for url in unrelated:
            with django_assert_num_queries(0):
                assert client.get(url)["X-Cache"] == "HIT", url
        for url in (f"{API}/articles/budget", f"{API}/institutions/mazhilis"):
            assert client.get(url)["X-Cache"] == "MISS", url

    def test_the_keys_go_to_the_edge(self, client, two_stories, settings):
        settings.NEWSROOM_EDGE_KEY_HEADERS = ["Surrogate-Key"]
        keys = client.get(f"{API}/articles/budget")["Surrogate-Key"].split()
        article, mazhilis = two_stories["budget"], two_stories["mazhilis"]
        assert {f"article-{article.pk}", f"entity-{mazhilis.pk}"} <= set(keys)
        assert "entities" not in keys


class CrossOriginTests:
    def test_any_site_may_read_an_answer_and_its_validators(self, client, article):
        response = client.get(f"{API}/articles", headers={"Origin": "https://example.org"})
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response["Access-Control-Expose-Headers"]

    def test_a_preflight_for_a_conditional_get_is_allowed(self, client, article):
        response = client.options(
            f"{API}/articles/session",
            headers={
                "Origin": "https://example.org",
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "if-none-match",
            },
        )
        assert response.status_code == 204
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "GET" in response["Access-Control-Allow-Methods"]
        assert "If-None-Match" in response["Access-Control-Allow-Headers"]
        assert int(response["Access-Control-Max-Age"]) > 0

    def test_an_options_request_that_is_no_preflight_is_not_answered_as_one(self, client):
        response = client.options(f"{API}/articles")
        assert response.status_code == 405
        assert "Access-Control-Allow-Methods" not in response

    def test_the_schema_may_be_read_too(self, client):
        assert client.get(f"{API}/openapi.json")["Access-Control-Allow-Origin"] == "*"

    def test_errors_may_be_read_too(self, client, article):
        response = client.get(f"{API}/articles/nothing-here")
        assert response.status_code == 404
        assert response["Access-Control-Allow-Origin"] == "*"


class RateLimitTests:
    @pytest.fixture
    def three_a_minute(self, monkeypatch):
        (throttle,) = api.throttle
        monkeypatch.setattr(throttle, "num_requests", 3)
        monkeypatch.setattr(throttle, "duration", 60)
        cache.clear()

    def test_a_client_over_the_limit_gets_a_429_in_json(self, client, article, three_a_minute):
        for number in range(3):
            assert client.get(f"{API}/articles?limit={number + 1}").status_code == 200
        response = client.get(f"{API}/articles?limit=9")
        assert response.status_code == 429
        assert response.json() == {"detail": "Too many requests."}
        assert int(response["Retry-After"]) > 0

    def test_another_client_is_counted_apart(self, client, article, three_a_minute):
        for number in range(3):
            client.get(f"{API}/articles?limit={number + 1}")
        response = client.get(f"{API}/articles?limit=9", REMOTE_ADDR="10.0.0.2")
        assert response.status_code == 200


class SchemaTests:
    def test_the_openapi_schema_lists_every_resource(self, client):
        schema = client.get(f"{API}/openapi.json").json()
        assert schema["openapi"].startswith("3.")
        assert {
            "/api/v1/articles",
            "/api/v1/articles/{slug}",
            "/api/v1/institutions/{slug}",
            "/api/v1/officials/{slug}",
            "/api/v1/entities/{slug}/articles",
            "/api/v1/search",
            "/api/v1/popolo.json",
            "/api/v1/mentions.csv",
            "/api/v1/mentions.json",
        } <= set(schema["paths"])

    def test_the_docs_page_loads_swagger_from_this_site(self, client):
        page = client.get(f"{API}/docs").content.decode()
        assert 'src="/static/ninja/swagger-ui-bundle.js"' in page
        assert "cdn" not in page.lower()
