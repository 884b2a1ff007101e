"""Django's Redis cache backend, reusing one Redis client per connection pool.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` object for every
cache call; with redis-py 5 that object's set-up (response callbacks, options) was about a
fifth of the time of a page-cache hit (two cache calls). The client is thread-safe and
only wraps the pool, so one per pool does the same work.

And ``add_many``: ``add`` for many keys in one round trip (a pipeline of ``SET NX``). A cold
CSV export gives a first version to ~100,000 cache tags (ops/cache_tags.py), one ``add``
each: a fifth of its time.

And no check of each key's characters for memcached (``validate_key``).

And a Redis that cannot be reached is a miss, not an error (ops/cache_outage.py).

And ``get_page``/``set_page``: a page-cache hit in one round trip (a Lua script compares the
page's tag versions inside Redis, then the page is read) instead of two, with no tag value
unpickled in Python: the effort page depends on ~40 tags, and their reading was most of a
hit (Redis and client CPU of a hit on it, 415 µs → 200 µs).
"""

import hashlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import NoScriptError

from ops.cache_outage import FailingOpen


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(
                connection_pool=self._get_connection_pool(write)
            )
        return client


class ReusedClientRedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def validate_key(self, key) -> None:
        """Nothing to check: Redis takes any key. Django's check warns of keys memcached
        would refuse, one character at a time; a cached effort page reads ~40 keys, and it
        was a fifth of the hit."""

    def add_many(self, data: dict, timeout=DEFAULT_TIMEOUT) -> None:
        """``add`` each of ``data``'s keys: those already there keep their value."""
        timeout = self.get_backend_timeout(timeout)
        client = self._cache.get_client(write=True)
        with client.pipeline(transaction=False) as pipe:
            for key, value in data.items():
                key = self.make_and_validate_key(key)
                pipe.set(key, self._cache._serializer.dumps(value), ex=timeout, nx=True)
            pipe.execute()

    # Whether a kept page is current: in a hash beside it (KEYS[1]), each tag's key with the
    # version the page was rendered at, compared as Redis holds them (no tag's value crosses
    # to Python). Not the page itself: a string as long as a page costs Lua ~0.2 ms to pass.
    # Then the tags it may lag behind for a while (KEYS[2], ops/cache_tags.py ``lags``),
    # compared only once that while, a key of its own that expires (KEYS[3]), is over.
    CHECK_SCRIPT = """
    local checks = redis.call('HGETALL', KEYS[1])
    if #checks == 0 then return 0 end
    for i = 1, #checks, 2 do
        if redis.call('GET', checks[i]) ~= checks[i + 1] then return 0 end
    end
    if redis.call('EXISTS', KEYS[3]) == 1 then return 1 end
    local lagging = redis.call('HGETALL', KEYS[2])
    for i = 1, #lagging, 2 do
        if redis.call('GET', lagging[i]) ~= lagging[i + 1] then return 0 end
    end
    return 1
    """
    CHECK_SHA = hashlib.sha1(CHECK_SCRIPT.encode()).hexdigest()
    CHECK_PARTS = ("checks", "lagging", "grace")

    def get_page(self, key: str, also=()) -> tuple[object | None, bool, list]:
        """The value under ``key`` (None if there is none), whether every tag in its checks
        (``set_page``) still has the version it had then, and the values of the keys
        ``also``: one round trip, the check and then the values. Another client's write may
        come between the two; the page read is then one kept later than the one checked,
        which is as new, and the reader's request overlapped that write."""
        page_key = self.make_and_validate_key(key)
        checks = [self.make_and_validate_key(f"{key}:{part}") for part in self.CHECK_PARTS]
        client = self._cache.get_client(page_key)
        for attempt in (1, 2):
            with client.pipeline(transaction=False) as pipe:
                pipe.evalsha(self.CHECK_SHA, len(checks), *checks)
                pipe.mget([page_key, *(self.make_and_validate_key(k) for k in also)])
                try:
                    current, (page, *others) = pipe.execute()
                    break
                except NoScriptError:  # a new or restarted Redis: load it once
                    if attempt == 2:
                        raise
                    client.script_load(self.CHECK_SCRIPT)
        loads = self._cache._serializer.loads
        others = [None if value is None else loads(value) for value in others]
        if page is None:
            return None, False, others
        return loads(page), current == 1, others

    def set_page(
        self,
        data: dict,
        checks: dict[str, object] | None,
        key: str,
        timeout,
        lagging: dict[str, object] | None = None,
        grace: float = 0,
    ) -> None:
        """``set_many(data)``, and the checks of ``key`` (cache key → version; None: never
        current) replaced in the same transaction: ``lagging``, those compared only once
        ``grace`` seconds are over."""
        timeout = self.get_backend_timeout(timeout)
        dumps = self._cache._serializer.dumps
        checks_key, lagging_key, grace_key = (
            self.make_and_validate_key(f"{key}:{part}") for part in self.CHECK_PARTS
        )
        client = self._cache.get_client(checks_key, write=True)
        with client.pipeline(transaction=True) as pipe:
            for name, value in data.items():
                pipe.set(self.make_and_validate_key(name), dumps(value), ex=timeout)
            pipe.delete(checks_key, lagging_key, grace_key)
            if checks:
                mapping = {self.make_and_validate_key(k): dumps(v) for k, v in checks.items()}
                pipe.hset(checks_key, mapping=mapping)
                pipe.expire(checks_key, timeout)
                if lagging:
                    mapping = {self.make_and_validate_key(k): dumps(v) for k, v in lagging.items()}
                    pipe.hset(lagging_key, mapping=mapping)
                    pipe.expire(lagging_key, timeout)
                    if grace > 0:
                        pipe.set(grace_key, b"1", px=max(1, int(grace * 1000)))
            pipe.execute()


class RedisCache(FailingOpen, ReusedClientRedisCache):
    """The site's shared cache: while Redis is unreachable, a miss (ops/cache_outage.py)."""
