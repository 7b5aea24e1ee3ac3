"""A page found current is served from the process's memory until Redis tells of a change."""

import logging
import os

import pytest
import redis
from django.core.cache import cache, caches
from django.test import Client

from newsroom import page_bodies
from newsroom.cache_keys import RETIREMENTS_KEY
from tests.factories import make_article

pytestmark = [
    pytest.mark.django_db,
    # A Redis server is needed: CI's PostgreSQL pass sets REDIS_URL.
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no Redis server to test"
    ),
]

TITLE = "Mazhilis ratifies agreement"


def location():
    return os.environ["REDIS_URL"]


@pytest.fixture
def server():
    """Another client of the cache's server, as another process would be."""
    client = redis.Redis.from_url(location())
    yield client
    client.close()


@pytest.fixture(autouse=True)
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache_backends.RedisCache",
            "LOCATION": location(),
            # Pages of these tests only, whoever else uses the database.
            "KEY_PREFIX": "newsroom-tracking-test",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def server_reads(monkeypatch):
    """The reads this process asks of the cache server."""
    calls = []
    backend = caches["default"]
    for name in ("get", "get_many"):
        method = getattr(backend, name)

        def counted(*args, _method=method, _name=name, **kwargs):
            calls.append(_name)
            return _method(*args, **kwargs)

        monkeypatch.setattr(backend, name, counted)
    return calls


@pytest.fixture
def story(committed):
    with committed():
        return make_article(TITLE, body="The Mazhilis voted.")


@pytest.fixture
def kept(story, server_reads):
    """The story's page, stored and then found current: kept in this process."""
    reader, url = Client(), story.get_absolute_url()
    assert reader.get(url)["X-Cache"] == "MISS"
    assert reader.get(url)["X-Cache"] == "HIT"
    server_reads.clear()
    return reader, url


def retitle(story, committed, title):
    with committed():
        story.title = title
        story.save()


class TrackingTests:
    def test_a_page_found_current_is_served_again_without_asking_the_server(
        self, kept, server_reads
    ):
        reader, url = kept
        response = reader.get(url)
        assert response["X-Cache"] == "HIT"
        assert TITLE in response.text
        assert server_reads == []

    def test_a_conditional_get_is_answered_from_memory_too(self, kept, server_reads):
        reader, url = kept
        etag = reader.get(url)["ETag"]
        assert reader.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
        assert server_reads == []

    def test_an_edit_is_heard_and_the_next_reader_sees_it(self, kept, story, committed):
        reader, url = kept
        retitle(story, committed, "Mazhilis ratifies the treaty")
        response = reader.get(url)
        assert "Mazhilis ratifies the treaty" in response.text
        assert TITLE not in response.text

    def test_a_retirement_by_another_process_sends_the_page_back_to_the_server(
        self, kept, server, server_reads
    ):
        reader, url = kept
        server.incr(cache.make_key(RETIREMENTS_KEY))
        response = reader.get(url)
        # None of the page's own keys was retired: current still, once checked.
        assert response["X-Cache"] == "HIT"
        assert "get_many" in server_reads

    def test_a_flush_of_the_server_is_heard(self, kept, server):
        reader, url = kept
        server.flushdb()
        assert reader.get(url)["X-Cache"] == "MISS"

    def test_when_the_connection_drops_pages_are_checked_with_the_server(
        self, kept, server, server_reads, caplog
    ):
        reader, url = kept
        tracking = [client for client in server.client_list() if "t" in client["flags"]]
        assert tracking, "no connection tracks the page cache's state"
        for client in tracking:
            server.client_kill_filter(_id=client["id"])
        with caplog.at_level(logging.WARNING, logger="newsroom.tracking"):
            for _ in range(3):
                response = reader.get(url)
                assert response["X-Cache"] == "HIT"
                assert TITLE in response.text
        assert server_reads.count("get_many") == 3
        warnings = [r.getMessage() for r in caplog.records if r.name == "newsroom.tracking"]
        assert len(warnings) == 1
        assert "Not told of changes to cached pages" in warnings[0]

    def test_off_each_page_is_checked_with_the_server(self, kept, server_reads, settings):
        settings.NEWSROOM_PAGE_CACHE_TRACKING = False
        reader, url = kept
        assert reader.get(url)["X-Cache"] == "HIT"
        assert "get_many" in server_reads


class PageBodyTests:
    def test_a_body_the_server_lost_is_rendered_again(self, kept, server):
        reader, url = kept
        page_bodies._kept.clear()
        for name in server.keys("newsroom-tracking-test:*page-body:*"):
            server.delete(name)
        response = reader.get(url)
        assert response.status_code == 200
        assert response["X-Cache"] == "MISS"
        assert TITLE in response.text

    def test_a_body_is_read_from_the_server_once_per_process(self, kept, server_reads):
        reader, url = kept
        page_bodies._kept.clear()
        for _ in range(3):
            assert TITLE in reader.get(url).text
        assert server_reads == ["get"]

    def test_a_body_larger_than_its_share_of_memory_is_read_each_time(
        self, kept, server_reads, settings
    ):
        reader, url = kept
        page_bodies._kept.clear()
        settings.NEWSROOM_PAGE_BODIES_KEPT = 1000
        for _ in range(2):
            assert TITLE in reader.get(url).text
        assert server_reads == ["get", "get"]
