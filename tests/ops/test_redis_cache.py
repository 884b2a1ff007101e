"""ops.redis_cache: Django's Redis cache, one client per pool, against a real redis-server."""

import time
import warnings

from redis.utils import HIREDIS_AVAILABLE

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


def test_add_many_adds_in_one_round_and_keeps_what_is_there(redis_url):  # noqa: F811
    cache = RedisCache(redis_url, {})
    cache.set("tag:kept", "1.0:abc", None)
    cache.add_many({"tag:kept": "0:new", "tag:new": "0:new", "tag:timed": "0:t"}, timeout=None)
    assert cache.get_many(["tag:kept", "tag:new"]) == {"tag:kept": "1.0:abc", "tag:new": "0:new"}
    assert cache._cache.get_client().ttl(cache.make_key("tag:new")) == -1  # never expires
    cache.add_many({"short": 1}, timeout=60)
    assert 0 < cache._cache.get_client().ttl(cache.make_key("short")) <= 60


def test_keys_are_taken_as_they_are_and_replies_parsed_in_c(redis_url):  # noqa: F811
    """No check of each key's characters for memcached (a fifth of a cached page's time),
    and hiredis's parser (redis-py's own, in Python, was another fifth)."""
    cache = RedisCache(redis_url, {})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Django's check warns of a space (memcached refuses it)
        cache.set("page:two words", "kept", 60)
        assert cache.get("page:two words") == "kept"
    assert HIREDIS_AVAILABLE


def test_a_page_is_current_while_each_of_its_tags_has_its_version(redis_url):  # noqa: F811
    cache = RedisCache(redis_url, {})
    cache.set_many({"tag:a": "1.0:a", "tag:b": 7})
    checks = {"tag:a": "1.0:a", "tag:b": 7}
    cache.set_page({"page": ("kept", b"<p>"), "page:started": 1.5}, checks, "page", 60)
    assert cache.get_page("page") == (("kept", b"<p>"), True, [])
    cache.set("lock:page", "a reader's token", 5)  # read in the same round trip
    assert cache.get_page("page", also=("lock:page", "none")) == (
        ("kept", b"<p>"),
        True,
        ["a reader's token", None],
    )
    assert cache.get("page:started") == 1.5
    cache.set("tag:b", 8)  # an edit
    assert cache.get_page("page") == (("kept", b"<p>"), False, [])
    cache.set_page({"page": "again"}, {"tag:b": 8}, "page", 60)  # the checks are replaced
    assert cache.get_page("page") == ("again", True, [])
    cache.set_page({"page": "changed while rendered"}, None, "page", 60)
    assert cache.get_page("page") == ("changed while rendered", False, [])
    cache.set_page({"page": "again"}, {"tag:b": 8}, "page", 60)
    cache.delete("tag:b")  # evicted: no longer known to be current
    assert cache.get_page("page") == ("again", False, [])
    assert 0 < cache._cache.get_client().ttl(cache.make_key("page:checks")) <= 60
    assert cache.get_page("missing") == (None, False, [])
    cache._cache.get_client().script_flush()  # a restarted Redis: the check is loaded again
    assert cache.get_page("page") == ("again", False, [])


def test_a_page_lags_behind_some_tags_for_its_grace_and_no_longer(redis_url):  # noqa: F811
    """ops/cache_tags.py ``lags``: a change of a lagging tag (a new article) makes the page
    stale only once its grace is over; any other tag's change, at once."""
    cache = RedisCache(redis_url, {})
    cache.set_many({"tag:a": "1", "tag:new": "1"})
    cache.set_page({"page": "kept"}, {"tag:a": "1"}, "page", 60, {"tag:new": "1"}, grace=0.5)
    cache.set("tag:new", "2")  # an article arrives
    assert cache.get_page("page") == ("kept", True, [])
    time.sleep(0.6)
    assert cache.get_page("page") == ("kept", False, [])
    cache.set_page({"page": "again"}, {"tag:a": "1"}, "page", 60, {"tag:new": "2"}, grace=5)
    cache.set("tag:new", "3")
    assert cache.get_page("page") == ("again", True, [])
    cache.set("tag:a", "2")  # an edit: at once, grace or not
    assert cache.get_page("page") == ("again", False, [])
    cache.set_page({"page": "plain"}, {"tag:a": "2"}, "page", 60)  # the lag is replaced too
    assert cache.get_page("page") == ("plain", True, [])
    assert cache._cache.get_client().exists(cache.make_key("page:grace")) == 0
