"""Bad days: the database or the cache server down, and what editors and readers get."""

import contextlib
import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import OperationalError, connection
from django.test import Client, RequestFactory
from django.urls import reverse

from articles.models import Article
from newsroom import cache_backends
from newsroom.content_version import start_content_version
from newsroom.outages import server_error
from tests.admin_forms import article_form
from tests.factories import make_article

pytestmark = pytest.mark.django_db

REFUSED = 'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
WRITES = ("INSERT", "UPDATE", "DELETE")
# The test's own transaction management, which must go on working afterwards.
SAVEPOINTS = ("SAVEPOINT", "RELEASE", "ROLLBACK")


@contextlib.contextmanager
def database_down(*, writes_only=False):
    """Every statement (or every write) fails as with a database that cannot be reached."""

    def refuse(execute, sql, params, many, context):
        statement = sql.lstrip().upper()
        passes = statement.startswith(SAVEPOINTS) or (
            writes_only and not statement.startswith(WRITES)
        )
        if passes:
            return execute(sql, params, many, context)
        raise OperationalError(REFUSED)

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def story(committed):
    with committed():
        return make_article("Mazhilis ratifies agreement", body="The Mazhilis voted.")


def assert_database_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]
    assert "The database is unavailable" in response.text
    assert "Nothing you sent was saved" in response.text


class EditorsTests:
    def test_a_save_while_the_database_is_down_says_nothing_was_saved(self, editor_client):
        draft = make_article("Budget hearing", status=Article.Status.DRAFT)
        url = reverse("admin:articles_article_change", args=[draft.pk])
        with database_down(writes_only=True):
            response = editor_client.post(url, article_form(draft, title="Budget passed"))
        assert_database_unavailable_page(response)
        assert "Nothing was saved." in response.text
        assert "Newsroom administration" in response.text  # the admin's own design
        draft.refresh_from_db()
        assert draft.title == "Budget hearing"

    def test_the_save_sent_again_once_the_database_is_back_is_kept(self, editor_client):
        draft = make_article("Budget hearing", status=Article.Status.DRAFT)
        url = reverse("admin:articles_article_change", args=[draft.pk])
        form = article_form(draft, title="Budget passed")
        with database_down(writes_only=True):
            editor_client.post(url, form)
        assert editor_client.post(url, form).status_code == 302
        draft.refresh_from_db()
        assert (draft.title, draft.revisions.count()) == ("Budget passed", 2)

    def test_opening_the_desk_while_the_database_is_down(self, editor_client):
        with database_down():
            response = editor_client.get(reverse("admin:index"))
        assert_database_unavailable_page(response)
        assert "Newsroom administration" in response.text

    def test_a_failure_outside_a_view_is_the_same_page(self):
        request = RequestFactory().post("/admin/articles/article/1/change/")
        try:
            raise OperationalError(REFUSED)
        except OperationalError:
            response = server_error(request)
        assert_database_unavailable_page(response)

    def test_any_other_failure_is_still_the_500_page(self):
        try:
            raise ValueError("a bug")
        except ValueError:
            response = server_error(RequestFactory().get("/"))
        assert response.status_code == 500


class ReadersTests:
    def test_a_page_never_cached_is_the_503_page_in_the_sites_design(self, reader, story):
        with database_down():
            response = reader.get(story.get_absolute_url())
        assert_database_unavailable_page(response)
        assert 'class="masthead"' in response.text

    def test_a_cached_page_is_still_served(self, reader, story):
        reader.get(story.get_absolute_url())
        with database_down():
            response = reader.get(story.get_absolute_url())
        assert response.status_code == 200
        assert "Mazhilis ratifies agreement" in response.text

    def test_a_page_an_edit_retired_is_served_stale_rather_than_not_at_all(self, reader, story):
        reader.get(story.get_absolute_url())
        start_content_version()  # an edit elsewhere retired every cached page
        with database_down():
            response = reader.get(story.get_absolute_url())
        assert response.status_code == 200
        assert "Mazhilis ratifies agreement" in response.text

    def test_staff_never_get_a_readers_stale_page(self, reader, editor_client, story):
        reader.get(story.get_absolute_url())
        start_content_version()
        with database_down():
            response = editor_client.get(story.get_absolute_url())
        assert_database_unavailable_page(response)


class UnreliableCache(LocMemCache):
    """A memory cache whose server goes down while ``down`` is set: every call fails."""

    down = False


def _unreliable(method):
    def call(self, *args, **kwargs):
        if UnreliableCache.down:
            raise ConnectionError("cache server unreachable")
        return method(self, *args, **kwargs)

    return call


for _name in ("add", "get", "set", "touch", "incr", "has_key", "delete", "clear"):
    setattr(UnreliableCache, _name, _unreliable(getattr(LocMemCache, _name)))

# As settings wraps django-redis.
FlakyCache = cache_backends.outage_aware(UnreliableCache)


def retitle(story, committed, title):
    with committed():
        story.title = title
        story.save()


class CacheServerOutageTests:
    @pytest.fixture(autouse=True)
    def flaky_cache(self, settings):
        settings.CACHES = {"default": {"BACKEND": f"{__name__}.FlakyCache"}}
        yield
        UnreliableCache.down = False

    def test_an_edit_made_while_the_cache_was_down_shows_once_it_is_back(
        self, reader, story, committed
    ):
        url = story.get_absolute_url()
        assert "Mazhilis ratifies agreement" in reader.get(url).text
        UnreliableCache.down = True
        retitle(story, committed, "Mazhilis ratifies the treaty")
        assert "Mazhilis ratifies the treaty" in reader.get(url).text  # served uncached
        UnreliableCache.down = False
        assert "Mazhilis ratifies the treaty" in reader.get(url).text

    def test_a_counter_the_cache_does_not_hold_is_no_outage(
        self, reader, story, django_assert_num_queries
    ):
        reader.get(story.get_absolute_url())
        with pytest.raises(ValueError):
            cache.incr("a-counter-never-set")
        with django_assert_num_queries(0):
            assert reader.get(story.get_absolute_url())["X-Cache"] == "HIT"

    def test_pages_are_cached_again_after_the_outage(
        self, reader, story, django_assert_num_queries
    ):
        UnreliableCache.down = True
        reader.get(story.get_absolute_url())
        UnreliableCache.down = False
        reader.get(story.get_absolute_url())
        with django_assert_num_queries(0):
            assert reader.get(story.get_absolute_url()).status_code == 200


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no Redis server to test"
)
class RedisOutageTests:
    def redis(self, location):
        return {
            "default": {
                "BACKEND": "newsroom.cache_backends.RedisCache",
                "LOCATION": location,
                # Pages of this test only, whoever else uses the database.
                "KEY_PREFIX": "newsroom-outage-test",
                "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
            }
        }

    def test_an_edit_made_while_redis_was_unreachable_shows_once_it_is_back(
        self, settings, reader, story, committed
    ):
        server = urlsplit(os.environ["REDIS_URL"])
        settings.CACHES = self.redis(urlunsplit(server._replace(path="/15")))
        url = story.get_absolute_url()
        reader.get(url)
        assert "Mazhilis ratifies agreement" in reader.get(url).text
        settings.CACHES = self.redis("redis://127.0.0.1:1/0")
        retitle(story, committed, "Mazhilis ratifies the treaty")
        assert reader.get(url).status_code == 200
        settings.CACHES = self.redis(urlunsplit(server._replace(path="/15")))
        assert "Mazhilis ratifies the treaty" in reader.get(url).text
