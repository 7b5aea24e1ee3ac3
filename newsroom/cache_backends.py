"""Cache backends that recover from an outage of their server without serving stale pages.

While the cache server is down pages are served uncached (``newsroom.caching``), and a
change made meanwhile cannot retire the cached pages: the new content version cannot be
stored. When the server answers again it may still hold the old version and the pages
rendered in it (a network partition, or a restart that reloaded its snapshot). So a
process that saw the server fail first drops the stored content version on its next
call, before anything is read: every page cached before is retired, and the next request
starts a new version.

A process that saw no failure (one that served nothing during the outage) cannot know;
any process that did retires the pages on its first request after the server is back.
"""

import functools
import logging
import threading

from django_redis.cache import RedisCache as DjangoRedisCache

from newsroom.content_version import VERSION_KEY

logger = logging.getLogger(__name__)

# Whether a call to the cache server failed in this process since it last answered.
_outage_seen = threading.Event()
# Helpers that make no call to the server.
_LOCAL = {"make_key", "make_and_validate_key", "validate_key", "get_backend_timeout", "close"}


def _server_calls(backend):
    """The public methods of ``backend`` that call its server; the async ``a...`` ones
    call the synchronous ones."""
    names = {name for name in dir(backend) if not name.startswith("_")}
    return {
        name
        for name in names - _LOCAL
        if callable(getattr(backend, name)) and not (name[:1] == "a" and name[1:] in names)
    }


def outage_aware(backend):
    """``backend`` (a cache class) that retires every cached page when its server answers
    again after a failure this process saw."""

    def recover(cache):
        if _outage_seen.is_set():
            backend.delete(cache, VERSION_KEY)
            _outage_seen.clear()
            logger.warning("Cache server answering again: pages cached before retired")

    def watched(method):
        @functools.wraps(method)
        def call(cache, *args, **kwargs):
            try:
                recover(cache)
                return method(cache, *args, **kwargs)
            except ValueError:
                raise  # the server's answer: incr() of a key it does not hold
            except Exception:
                _outage_seen.set()
                raise

        return call

    methods = {name: watched(getattr(backend, name)) for name in _server_calls(backend)}
    return type(f"OutageAware{backend.__name__}", (backend,), methods)


RedisCache = outage_aware(DjangoRedisCache)
