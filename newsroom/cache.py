"""Django's Redis cache, keeping one client per connection pool.

Django builds a new ``redis.Redis`` for every cache call; redis-py fills a table of reply
handlers each time it builds one, which costs more than the call's round trip on a page
served from the cache. The client is safe to share: its connections come from the pool.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        try:
            return self._clients[id(pool)]
        except KeyError:
            # Pools are kept for the life of the process, so their ids stay theirs.
            return self._clients.setdefault(id(pool), self._client(connection_pool=pool))


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
