import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.utils.module_loading import import_string

# A Redis server is needed: CI's PostgreSQL pass sets REDIS_URL.
pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no Redis server to test"
)

TEST_DATABASE = 15


@pytest.fixture
def redis_cache():
    """The configured cache backend on database 15 of the REDIS_URL server, emptied."""
    config = dict(settings.CACHES["default"])
    backend_class = import_string(config.pop("BACKEND"))
    server = urlsplit(config.pop("LOCATION"))
    backend = backend_class(urlunsplit(server._replace(path=f"/{TEST_DATABASE}")), config)
    backend.clear()
    yield backend
    backend.clear()
    backend.close()


class RedisCacheTests:
    def test_the_configured_backend_is_redis(self):
        assert settings.CACHES["default"]["BACKEND"] == "newsroom.cache_backends.RedisCache"

    def test_values_round_trip(self, redis_cache):
        version = ("token", "changed", None)
        page = ("token", b"<p>page</p>", [("Content-Type", "text/html")], "nonce")
        redis_cache.set("content-version", version, timeout=None)
        redis_cache.set("page:home", page, 600)
        assert redis_cache.get_many(["content-version", "page:home", "page:absent"]) == {
            "content-version": version,
            "page:home": page,
        }

    def test_a_timeout_expires_the_value(self, redis_cache):
        redis_cache.set("page:home", "page", 600)
        assert 0 < redis_cache.ttl("page:home") <= 600
        redis_cache.set("content-version", "version", timeout=None)
        assert redis_cache.ttl("content-version") is None
