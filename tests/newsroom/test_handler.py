"""The site's WSGI handler: a signed-out reader's cached page goes through the middleware
above the page cache alone, and is the page Django's own handler gives."""

import io
import re
import sys

import brotli
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from newsroom.handlers import PageCacheWSGIHandler
from tests.factories import make_article

pytestmark = pytest.mark.django_db

NONCE = re.compile(r"nonce-?=?\"?'?[A-Za-z0-9+/=]+")


def request(handler, path, **headers):
    """``handler``'s answer to a GET of ``path``: status, headers, body."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    started = []

    def start_response(status, headers, exc_info=None):
        started.append((status, headers))

    body = handler(environ, start_response)
    content = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    status, headers = started[0]
    return status, dict(headers), content


@pytest.fixture
def site():
    return PageCacheWSGIHandler()


@pytest.fixture(autouse=True)
def test_connection_kept():
    """The test's database connection stays open through a request, as Django's test
    client keeps it: it holds the test's transaction."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def url(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Mazhilis passes the budget", body="The Mazhilis voted.")
    return article.get_absolute_url()


@pytest.fixture
def signals():
    sent = []

    def started(**kwargs):
        sent.append("started")

    def finished(**kwargs):
        sent.append("finished")

    request_started.connect(started)
    request_finished.connect(finished)
    yield sent
    request_started.disconnect(started)
    request_finished.disconnect(finished)


class CachedPageTests:
    def test_a_cached_page_is_the_page_djangos_handler_gives(self, site, url):
        assert request(site, url)[1]["X-Cache"] == "MISS"
        django_status, django_headers, django_body = request(WSGIHandler(), url)
        status, headers, body = request(site, url)
        assert (status, headers["X-Cache"]) == (django_status, "HIT") == ("200 OK", "HIT")
        assert headers.keys() == django_headers.keys()
        for name, value in headers.items():
            assert NONCE.sub("", value) == NONCE.sub("", django_headers[name]), name
        assert NONCE.sub("", body.decode()) == NONCE.sub("", django_body.decode())
        assert "Mazhilis passes the budget" in body.decode()

    def test_a_cached_page_takes_no_request_signal_nor_query(
        self, site, url, signals, django_assert_num_queries
    ):
        request(site, url)
        assert signals == ["started", "finished"]
        with django_assert_num_queries(0):
            assert request(site, url)[1]["X-Cache"] == "HIT"
        assert signals == ["started", "finished"]

    def test_the_middleware_above_the_cache_answers_a_cached_page(self, site, url):
        request(site, url)
        _, headers, body = request(site, url, accept_encoding="gzip, br")
        assert (headers["X-Cache"], headers["Content-Encoding"]) == ("HIT", "br")
        assert "Mazhilis passes the budget" in brotli.decompress(body).decode()
        assert headers["X-Content-Type-Options"] == "nosniff"

    def test_a_conditional_get_of_a_cached_page_is_not_modified(self, site, url, signals):
        etag = request(site, url)[1]["ETag"]
        status, _, body = request(site, url, if_none_match=etag)
        assert (status, body) == ("304 Not Modified", b"")
        assert signals == ["started", "finished"]


class DjangosWayTests:
    def test_a_reader_with_a_session_goes_through_django(self, site, url, signals):
        request(site, url)
        status, headers, _ = request(site, url, cookie="sessionid=abc")
        # Rendered for the session (Django's way), and not stored.
        assert (status, headers["X-Cache"]) == ("200 OK", "MISS")
        assert signals == ["started", "finished"] * 2

    def test_a_page_not_cached_is_rendered_by_django(self, site, url, signals):
        status, headers, _ = request(site, url)
        assert (status, headers["X-Cache"]) == ("200 OK", "MISS")
        assert signals == ["started", "finished"]

    def test_a_host_not_allowed_gets_djangos_bad_request(self, site, url):
        request(site, url)
        status, _, _ = request(site, url, host="elsewhere.example")
        assert status == "400 Bad Request"

    def test_without_the_page_cache_every_page_is_rendered(self, site, url, signals, settings):
        settings.NEWSROOM_PAGE_CACHE = False
        request(site, url)
        status, headers, _ = request(site, url)
        assert status == "200 OK"
        assert headers.get("X-Cache") is None
        assert signals == ["started", "finished"] * 2

    def test_an_unknown_address_is_djangos_not_found_page(self, site, signals):
        status, _, body = request(site, "/articles/no-such-story/")
        assert status == "404 Not Found"
        assert b"<h1" in body  # the site's page, not a bare status
        assert signals == ["started", "finished"]
