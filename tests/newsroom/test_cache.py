from newsroom.cache import RedisCache


def test_the_redis_backend_keeps_one_client_per_server():
    # Building a client does not connect, so no Redis server is needed here.
    backend = RedisCache("redis://127.0.0.1:6379/0", {})
    first = backend._cache.get_client("a")
    assert backend._cache.get_client("b") is first
    assert backend._cache.get_client("c", write=True) is first
    assert first.connection_pool.connection_kwargs["db"] == 0
