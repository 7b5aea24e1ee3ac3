"""Per-client limits on the pages that cost the most to render for anonymous readers."""

import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from newsroom import ratelimit
from newsroom.settings import env_rate
from tests.factories import make_article, make_institution

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_limits(settings, monkeypatch):
    settings.NEWSROOM_RATE_LIMITS = {"search": (3, 60), "sitemap": (2, 60), "deep_pages": (3, 60)}
    settings.NEWSROOM_RATE_LIMIT_DEEP_PAGE = 5
    # Windows are fixed: a test's requests all fall in one, not across the turn of a minute.
    start = time.time()
    moment = start - start % 60 + 20
    monkeypatch.setattr(ratelimit.time, "time", lambda: moment)


def reader(address="203.0.113.9"):
    return Client(REMOTE_ADDR=address)


def ask(client, url, times, **params):
    """``times`` requests for ``url``, each a search of its own when it is one (so none
    comes from the page cache, as with a client making them up); the status codes.
    Parameters no page reads are dropped before the cache, so they make no new page."""

    def query(number):
        if "q" in params:
            return {**params, "q": f"{params['q']} {number}"}
        return {**params, "n": str(number)}

    return [client.get(url, query(number)).status_code for number in range(times)]


class SearchLimitTests:
    def test_past_the_limit_a_reader_gets_the_429_page(self):
        client = reader()
        assert ask(client, "/search/", 3, q="workshop") == [200, 200, 200]
        response = client.get("/search/", {"q": "another"})
        assert response.status_code == 429
        assert 1 <= int(response["Retry-After"]) <= 60
        assert "Too many requests" in response.text
        assert 'class="masthead"' in response.text
        assert "no-store" in response["Cache-Control"]

    def test_other_clients_are_not_limited(self):
        ask(reader(), "/search/", 4, q="workshop")
        assert reader("198.51.100.1").get("/search/", {"q": "workshop"}).status_code == 200

    def test_pages_from_the_page_cache_are_not_counted(self):
        client = reader()
        statuses = [client.get("/search/", {"q": "workshop"}).status_code for _ in range(6)]
        assert statuses == [200] * 6

    def test_the_empty_search_page_is_not_counted(self):
        assert ask(reader(), "/search/", 5) == [200] * 5

    def test_staff_are_never_limited(self, admin_client):
        assert ask(admin_client, "/search/", 5, q="workshop") == [200] * 5

    def test_a_limit_set_off_limits_nothing(self, settings):
        settings.NEWSROOM_RATE_LIMITS = {**settings.NEWSROOM_RATE_LIMITS, "search": None}
        assert ask(reader(), "/search/", 5, q="workshop") == [200] * 5

    def test_behind_a_proxy_the_forwarded_client_is_counted(self, settings):
        settings.NEWSROOM_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
        proxy = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
        ask(proxy, "/search/", 3, q="workshop")
        assert proxy.get("/search/", {"q": "workshop"}).status_code == 429
        other = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.10")
        assert other.get("/search/", {"q": "workshop"}).status_code == 200


class DeepPageLimitTests:
    @pytest.mark.parametrize(
        "url", ["/articles/", "/institutions/", "/officials/", "/ru/articles/"]
    )
    def test_deep_pages_are_limited(self, url):
        client = reader()
        assert 429 not in ask(client, url, 3, page="6")
        assert client.get(url, {"page": "7"}).status_code == 429

    def test_the_first_pages_are_not_limited(self):
        make_article("Lu Ban workshop opens")
        assert ask(reader(), "/articles/", 6) == [200] * 6
        assert ask(reader(), "/articles/", 6, page="1") == [200] * 6

    def test_an_entity_page_deep_in_its_articles_is_limited(self):
        mazhilis = make_institution("Mazhilis")
        ask(reader(), mazhilis.get_absolute_url(), 3, page="99")
        assert reader().get(mazhilis.get_absolute_url(), {"page": "99"}).status_code == 429


class SitemapLimitTests:
    @pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-articles.xml"])
    def test_sitemaps_are_limited(self, url, settings):
        # Each request renders, as a crawler's misses do.
        settings.NEWSROOM_PAGE_CACHE = False
        client = reader()
        assert ask(client, url, 2) == [200, 200]
        assert client.get(url, {"p": "1"}).status_code == 429


class SettingTests:
    @pytest.mark.parametrize(("written", "read"), [("30/60", (30, 60)), ("off", None)])
    def test_a_limit_is_written_requests_per_seconds(self, monkeypatch, written, read):
        monkeypatch.setenv("DJANGO_RATE_LIMIT_TEST", written)
        assert env_rate("DJANGO_RATE_LIMIT_TEST", "1/1") == read

    @pytest.mark.parametrize("written", ["30", "a/b", "-1/60", "30/0"])
    def test_a_badly_written_limit_names_the_variable(self, monkeypatch, written):
        monkeypatch.setenv("DJANGO_RATE_LIMIT_TEST", written)
        with pytest.raises(ImproperlyConfigured, match="DJANGO_RATE_LIMIT_TEST"):
            env_rate("DJANGO_RATE_LIMIT_TEST", "1/1")
