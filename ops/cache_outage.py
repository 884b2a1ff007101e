"""The site goes on while its shared cache (Redis) is unreachable: without it, not down.

Every page, lock, fragment, rate limit and the database breaker read the shared cache. With
Redis stopped, each of those calls raised, and every request but ``/livez`` was a 500: the
cache, meant to make pages cheaper, had become a second database the site could not run
without. Now a call that cannot reach Redis (refused, or over the client's one-second
timeout) counts as a miss: pages are rendered, nothing is kept, fragments are computed, no
lock is taken, the rate limits and the breaker start again from nothing. After such a
failure the process does not try again for ``DOWN_SECONDS``, so a hung Redis costs one
request a second's wait, not every request.

The edits made meanwhile could not bump their cache tags. A Redis that comes back with its
data (a network cut, not a restart) would serve the pages kept before as current, until
they expire (``CACHE_SECONDS``). So the tags a process could not bump are kept
(``lost_bump``) and bumped again as soon as it reaches the cache again (``recovered``).
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
DOWN_SECONDS = 5.0

_lock = threading.Lock()
# Per process (Django builds a cache object per thread): until when the cache is skipped.
_down_until = 0.0
_lost: set[str] = set()
_recovery: list[Callable[[set[str]], None]] = []


def is_down() -> bool:
    return time.monotonic() < _down_until


def went_down(error: Exception) -> None:
    global _down_until
    with _lock:
        first = not is_down()
        _down_until = time.monotonic() + DOWN_SECONDS
    if first:
        log.warning(
            "shared cache unreachable (%s): pages are rendered without it; trying again in %.0f s",
            error,
            DOWN_SECONDS,
        )


def lost_bump(tags: set[str]) -> None:
    """Tags whose new versions could not be stored: stored once the cache answers again."""
    with _lock:
        _lost.update(tags)


def on_recovery(callback: Callable[[set[str]], None]) -> None:
    """``callback(tags)`` with the tags ``lost_bump`` kept, once the cache answers again."""
    _recovery.append(callback)


def recovered() -> None:
    with _lock:
        if not _lost:
            return
        tags = set(_lost)
        _lost.clear()
    log.warning("shared cache reachable again: bumping %d tags lost meanwhile", len(tags))
    for callback in _recovery:
        callback(tags)


def failing_open(fallback: Callable):
    """A cache method that answers ``fallback(*args, **kwargs)`` instead of raising while
    the cache is unreachable."""

    def wrap(method):
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            if _lost and not is_down():
                recovered()  # first: what is read next must not be a page an edit changed
            if is_down():
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                went_down(error)
                return fallback(*args, **kwargs)

        return call

    return wrap


def _missing(*args, **kwargs):
    raise ValueError("the shared cache is unreachable")  # as for a key not there: incr


class FailingOpen:
    """Mixed into a cache backend before it: each call that reaches the server."""

    @failing_open(lambda key, default=None, version=None: default)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    @failing_open(lambda keys, version=None: {})
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    @failing_open(lambda *args, **kwargs: False)
    def add(self, *args, **kwargs):
        return super().add(*args, **kwargs)

    @failing_open(lambda *args, **kwargs: None)
    def set(self, *args, **kwargs):
        return super().set(*args, **kwargs)

    @failing_open(lambda *args, **kwargs: [])
    def set_many(self, *args, **kwargs):
        return super().set_many(*args, **kwargs)

    @failing_open(lambda *args, **kwargs: False)
    def touch(self, *args, **kwargs):
        return super().touch(*args, **kwargs)

    @failing_open(lambda *args, **kwargs: False)
    def delete(self, *args, **kwargs):
        return super().delete(*args, **kwargs)

    @failing_open(lambda *args, **kwargs: None)
    def delete_many(self, *args, **kwargs):
        return super().delete_many(*args, **kwargs)

    @failing_open(lambda *args, **kwargs: False)
    def has_key(self, *args, **kwargs):
        return super().has_key(*args, **kwargs)

    @failing_open(_missing)
    def incr(self, *args, **kwargs):
        return super().incr(*args, **kwargs)

    @failing_open(lambda *args, **kwargs: None)
    def clear(self):
        return super().clear()

    @failing_open(lambda *args, **kwargs: None)
    def add_many(self, *args, **kwargs):
        return super().add_many(*args, **kwargs)

    @failing_open(lambda key, also=(): (None, False, [None] * len(also)))
    def get_page(self, key, also=()):
        return super().get_page(key, also)

    @failing_open(lambda *args, **kwargs: None)
    def set_page(self, *args, **kwargs):
        return super().set_page(*args, **kwargs)
