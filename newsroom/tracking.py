"""What each process hears from the cache server of changes to what says a page is current.

Whether a stored page is current is read from the shared cache (``newsroom.caching``):
the content version, the count of retirements and the tokens of the page's keys. Redis
can tell a client of every change to the keys it names (the tracking of client-side
caching, in broadcast mode): a write by any process, an expiry, an eviction, a flush. Each
process keeps one such connection open, naming those three; while it stays open and has
told of nothing since a page was found current, that page is current still, and
``newsroom.caching`` serves it from the process's memory without asking the server.

The connection is read without waiting at the start of each request (a few microseconds).
Redis sends the news while it applies the change, in the same turn as its answer to the
client that made it, so a request that starts after a change was made is told of it. A
new page stored under an address is not news: what a page stored in the meantime shows
was retired first, and that retirement was heard. When the connection fails nothing is
taken as current until it is open again (tried at most once a second). With a cache other
than Redis there is no connection, and each page is checked with the server every time.
"""

import logging
import os
import threading
import time

from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django_redis.cache import RedisCache

from . import cache_keys
from .content_version import VERSION_KEY
from .kept import Kept

logger = logging.getLogger(__name__)

RETRY_SECONDS = 1
# Pages found current that a process remembers; their bodies are kept apart, within
# ``NEWSROOM_PAGE_BODIES_KEPT`` (``newsroom.page_bodies``).
PAGES_KEPT = 4096


class _Listener:
    """This process's connection to the cache server, told of every change to the state
    of stored pages."""

    def __init__(self):
        self._lock = threading.Lock()
        self._connection = None
        self._pid = None
        self._generation = 0
        self._next_try = 0.0
        self._failed_before = False

    def generation(self):
        """A number that changes whenever the server tells of a change, or may have told
        of one unheard; None while this process cannot hear it."""
        with self._lock:
            if self._pid != os.getpid():  # a forked child: the connection is its parent's
                self._connection, self._pid = None, os.getpid()
            if self._connection is None and not self._connect():
                return None
            try:
                while self._connection.can_read(timeout=0):
                    self._connection.read_response(push_request=True)
                    self._generation += 1
            except Exception as error:
                self._failed(error)
                return None
            return self._generation

    def _connect(self):
        backend = caches["default"]
        if not isinstance(backend, RedisCache) or time.monotonic() < self._next_try:
            return False
        self._next_try = time.monotonic() + RETRY_SECONDS
        # The server the cache writes to, as the cache connects to it; in RESP3, which
        # carries the news on the same connection.
        try:
            pool = backend.client.get_client(write=True).connection_pool
            connection = pool.connection_class(**{**pool.connection_kwargs, "protocol": 3})
        except Exception as error:
            self._failed(error)
            return False
        prefixes = [
            backend.make_key(VERSION_KEY),
            backend.make_key(cache_keys.RETIREMENTS_KEY),
            backend.make_key(cache_keys.TOKEN_PREFIX),
        ]
        try:
            connection.connect()
            arguments = [part for prefix in prefixes for part in ("PREFIX", prefix)]
            connection.send_command("CLIENT", "TRACKING", "ON", "BCAST", *arguments)
            connection.read_response()
        except Exception as error:
            connection.disconnect()
            self._failed(error)
            return False
        self._connection = connection
        self._generation += 1
        self._failed_before = False
        return True

    def _failed(self, error):
        if self._connection is not None:
            self._connection.disconnect()
            self._connection = None
        self._generation += 1
        self._next_try = time.monotonic() + RETRY_SECONDS
        # Once per outage: a server that cannot track (an old one, or a proxy) would
        # otherwise be reported every second.
        if not self._failed_before:
            logger.warning("Not told of changes to cached pages; checking each: %r", error)
            self._failed_before = True

    def close(self):
        with self._lock:
            if self._connection is not None:
                self._connection.disconnect()
                self._connection = None
            self._generation += 1
            self._next_try = 0.0


class _CurrentPages:
    """Stored pages found current, while nothing has changed since: forgotten at the next
    generation."""

    def __init__(self):
        self._pages = Kept(lambda: PAGES_KEPT)
        self._generation = None
        self._lock = threading.Lock()

    def get(self, key, generation):
        if generation is None:
            return None
        with self._lock:
            if generation != self._generation:
                self._pages.clear()
                self._generation = generation
                return None
        return self._pages.get(key)

    def put(self, key, generation, value):
        with self._lock:
            # None: not heard; another: found current before a change heard of since.
            if generation is None or generation != self._generation:
                return
            self._pages.put(key, value)


listener = _Listener()
current_pages = _CurrentPages()


@receiver(setting_changed)
def _listen_again(setting, **kwargs):
    # Tests point the cache at another server.
    if setting == "CACHES":
        listener.close()
