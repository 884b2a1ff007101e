"""A Django cache in one SQLite file that every process on the machine shares.

The default cache when ``REDIS_URL`` is unset: all gunicorn workers read and write the same
file (``CACHE_DIR``, WAL mode, so readers never wait for a writer), so a page cached by one
worker is a hit in the others and the content version that invalidates pages is one value
for all of them. It is not the main database: cached pages keep being served while
PostgreSQL hangs. ``incr`` and ``add`` are single SQL statements, so counters (the API rate
limit) stay exact when workers race. Integers are stored as SQLite integers; other values
are pickled, like Django's own file and database caches, in a directory only the server's
user can open.

A cache must never break a page: when the file is busy beyond ``DATABASE_TIMEOUT`` a read
is a miss and a write is skipped (logged).
"""

from __future__ import annotations

import logging
import os
import pickle
import random
import re
import sqlite3
import threading
import time
from pathlib import Path

from django.core.cache.backends.base import (
    DEFAULT_TIMEOUT,
    MEMCACHE_MAX_KEY_LENGTH,
    BaseCache,
)

log = logging.getLogger(__name__)

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value BLOB, expires REAL)"
    " WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS cache_expires ON cache (expires)",
)
# One set in this many also removes expired entries and, past MAX_ENTRIES, the oldest.
CULL_EVERY = 50


# What Django's key check warns of (memcached cannot store it): a control character or space.
_UNPORTABLE_KEY_CHARACTER = re.compile(r"[\x00-\x20\x7f]")


def _encode(value):
    return value if type(value) is int else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _decode(value):
    return value if type(value) is int else pickle.loads(value)  # noqa: S301 - our own file


class SQLiteCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        self.path = Path(location) / "cache.sqlite3"
        self.busy_timeout = float(params.get("DATABASE_TIMEOUT", 1.0))
        self._local = threading.local()

    def validate_key(self, key):
        """Django's check, which walks the key a character at a time, as one pattern: it was
        most of the time of an import's cache-tag bumps (some 600 keys a batch). A key the
        pattern or the length flags gets Django's own warning."""
        if len(key) > MEMCACHE_MAX_KEY_LENGTH or _UNPORTABLE_KEY_CHARACTER.search(key):
            super().validate_key(key)

    # -- connection: one per thread and process (a connection must not cross a fork) ------

    def _db(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            # A cache may lose its last writes in a power cut; it must not wait on fsync.
            db.execute("PRAGMA synchronous=NORMAL")
            for statement in SCHEMA:
                db.execute(statement)
            local.db, local.pid = db, os.getpid()
        return local.db

    def _run(self, sql: str, params=(), *, failed=None):
        try:
            return self._db().execute(sql, params).fetchall()
        except sqlite3.OperationalError as error:
            log.warning("cache %s: %s", self.path, error)
            return failed

    # -- Django's cache API ----------------------------------------------------------------

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        rows = self._run(
            "SELECT value FROM cache WHERE key = ? AND (expires IS NULL OR expires > ?)",
            (key, time.time()),
            failed=[],
        )
        return _decode(rows[0][0]) if rows else default

    def get_many(self, keys, version=None):
        made = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not made:
            return {}
        marks = ",".join("?" * len(made))
        rows = self._run(
            f"SELECT key, value FROM cache WHERE key IN ({marks})"
            " AND (expires IS NULL OR expires > ?)",
            (*made, time.time()),
            failed=[],
        )
        return {made[key]: _decode(value) for key, value in rows}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        self._run(
            "INSERT OR REPLACE INTO cache (key, value, expires) VALUES (?, ?, ?)",
            (key, _encode(value), self.get_backend_timeout(timeout)),
        )
        if random.randrange(CULL_EVERY) == 0:
            self._cull()

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """One transaction for all the keys: a commit per key made an import's cache-tag
        bumps (thousands of keys a batch) a fifth of its time. Returns the keys not stored."""
        expires = self.get_backend_timeout(timeout)
        rows = [
            (self.make_and_validate_key(key, version=version), _encode(value), expires)
            for key, value in data.items()
        ]
        if not rows:
            return []
        db = self._db()
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany(
                    "INSERT OR REPLACE INTO cache (key, value, expires) VALUES (?, ?, ?)", rows
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as error:
            log.warning("cache %s: %s", self.path, error)
            return list(data)
        if random.randrange(CULL_EVERY) < len(rows):
            self._cull()
        return []

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Store only if absent (or expired), in one statement: exactly one racer wins."""
        key = self.make_and_validate_key(key, version=version)
        rows = self._run(
            "INSERT INTO cache (key, value, expires) VALUES (?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires"
            " WHERE cache.expires IS NOT NULL AND cache.expires <= ? RETURNING 1",
            (key, _encode(value), self.get_backend_timeout(timeout), time.time()),
            failed=[],
        )
        return bool(rows)

    def incr(self, key, delta=1, version=None):
        """Atomic: concurrent increments from any process all count."""
        made = self.make_and_validate_key(key, version=version)
        rows = self._run(
            "UPDATE cache SET value = value + ? WHERE key = ? AND typeof(value) = 'integer'"
            " AND (expires IS NULL OR expires > ?) RETURNING value",
            (delta, made, time.time()),
            failed=[],
        )
        if not rows:
            raise ValueError(f"Key '{key}' not found")
        return rows[0][0]

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        rows = self._run(
            "UPDATE cache SET expires = ? WHERE key = ? AND (expires IS NULL OR expires > ?)"
            " RETURNING 1",
            (self.get_backend_timeout(timeout), key, time.time()),
            failed=[],
        )
        return bool(rows)

    def has_key(self, key, version=None):
        return self.get(key, self._missing_key, version=version) is not self._missing_key

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return bool(self._run("DELETE FROM cache WHERE key = ? RETURNING 1", (key,), failed=[]))

    def clear(self):
        self._run("DELETE FROM cache")

    def close(self, **kwargs):
        """Django calls this after every request; the connection is kept for the next one."""

    def _cull(self):
        """Expired entries, then the oldest past MAX_ENTRIES. Only entries that expire count
        and go: the cache-tag versions, which never expire, are one per content row; counted,
        past MAX_ENTRIES of them every cull emptied the page cache."""
        now = time.time()
        self._run("DELETE FROM cache WHERE expires <= ?", (now,))
        self._run(
            "DELETE FROM cache WHERE key IN (SELECT key FROM cache WHERE expires IS NOT NULL"
            " ORDER BY expires LIMIT max(0, (SELECT count(*) FROM cache"
            " WHERE expires IS NOT NULL) - ?))",
            (self._max_entries,),
        )
