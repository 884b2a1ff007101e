"""ops.redis_cache: Django's Redis cache, one client per pool, against a real redis-server."""

from ops.redis_cache import RedisCache
from tests.ops.test_scale_out import redis_url  # noqa: F401 - the real server fixture


def test_one_client_serves_every_call_and_the_cache_works(redis_url):  # noqa: F811
    cache = RedisCache(redis_url, {})
    cache.set("page:1", ("200", b"<p>hello</p>"), 60)
    cache.set_many({"a": 1, "b": 2})
    assert cache.get("page:1") == ("200", b"<p>hello</p>")
    assert cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": 2}
    assert cache.incr("a") == 2
    client = cache._cache.get_client("a")
    assert cache._cache.get_client("b", write=True) is client  # one server: one pool
    cache.delete("page:1")
    assert cache.get("page:1") is None
