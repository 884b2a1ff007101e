"""The SQLite file cache that all workers on a machine share (ops/sqlite_cache.py)."""

import multiprocessing
import sqlite3
import time
import warnings

import pytest
from django.core.cache.backends.base import CacheKeyWarning

from ops.sqlite_cache import SQLiteCache


def make(tmp_path, **options):
    return SQLiteCache(str(tmp_path), {"OPTIONS": options})


def test_values_round_trip_and_expire(tmp_path):
    cache = make(tmp_path)
    cache.set("page", (200, b"<html>", [("ETag", '"x"')]), 60)
    cache.set("short", "gone soon", 0.2)
    cache.set("forever", 7, None)
    assert cache.get("page") == (200, b"<html>", [("ETag", '"x"')])
    assert cache.get_many(["page", "forever", "missing"]) == {
        "page": (200, b"<html>", [("ETag", '"x"')]),
        "forever": 7,
    }
    time.sleep(0.3)
    assert cache.get("short", "default") == "default"
    assert cache.has_key("forever") and not cache.has_key("short")
    assert cache.delete("forever") and not cache.delete("forever")
    cache.clear()
    assert cache.get("page") is None


def test_add_and_incr_follow_djangos_rules(tmp_path):
    cache = make(tmp_path)
    assert cache.add("n", 1, 60)
    assert not cache.add("n", 5, 60)
    assert cache.incr("n") == 2
    assert cache.incr("n", 10) == 12
    cache.set("expired", 1, 0.1)
    time.sleep(0.2)
    assert cache.add("expired", 3, 60)  # an expired entry counts as absent
    try:
        cache.incr("missing")
    except ValueError:
        pass
    else:
        raise AssertionError("incr of a missing key must raise ValueError")
    assert cache.touch("n", 60) and not cache.touch("missing", 60)


def _count(path, times):
    cache = SQLiteCache(path, {})
    for _ in range(times):
        cache.incr("hits")


def test_increments_from_several_processes_all_count(tmp_path):
    """What the API rate limit relies on: workers racing on one counter lose nothing."""
    cache = make(tmp_path)
    cache.set("hits", 0, None)
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_count, args=(str(tmp_path), 200)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0] * 4
    assert cache.get("hits") == 800


def test_old_entries_are_culled_past_max_entries(tmp_path, monkeypatch):
    monkeypatch.setattr("ops.sqlite_cache.CULL_EVERY", 1)
    cache = make(tmp_path, MAX_ENTRIES=10)
    cache.set("version", "v1", None)  # no expiry: never culled
    for n in range(30):
        cache.set(f"page:{n}", n, 60 + n)
    assert cache.get("version") == "v1"
    assert cache.get("page:29") == 29 and cache.get("page:0") is None
    rows = cache._db().execute("SELECT count(*) FROM cache").fetchone()[0]
    assert rows <= 11


def test_entries_that_never_expire_do_not_push_out_the_pages(tmp_path, monkeypatch):
    """Cache-tag versions never expire and number one per content row: past MAX_ENTRIES of
    them, a cull must still keep the newest pages."""
    monkeypatch.setattr("ops.sqlite_cache.CULL_EVERY", 1)
    cache = make(tmp_path, MAX_ENTRIES=10)
    cache.set_many({f"tag:{n}": "v" for n in range(25)}, None)
    for n in range(5):
        cache.set(f"page:{n}", n, 60 + n)
    assert cache.get_many([f"page:{n}" for n in range(5)]) == {f"page:{n}": n for n in range(5)}
    assert len(cache.get_many([f"tag:{n}" for n in range(25)])) == 25


def test_set_many_stores_all_keys_or_none(tmp_path):
    """One transaction (what cache-tag bumps use): all stored, or on a busy file none, and
    the keys not stored are returned."""
    cache = SQLiteCache(str(tmp_path), {"DATABASE_TIMEOUT": 0.1})
    cache.set("tag:a", 1, None)
    assert cache.set_many({"tag:a": 2, "tag:b": "three"}, None) == []
    assert cache.get_many(["tag:a", "tag:b"]) == {"tag:a": 2, "tag:b": "three"}
    other = sqlite3.connect(cache.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing
    try:
        assert cache.set_many({"tag:a": 4, "tag:c": 5}, None) == ["tag:a", "tag:c"]
    finally:
        other.execute("ROLLBACK")
    assert cache.get_many(["tag:a", "tag:c"]) == {"tag:a": 2}


@pytest.mark.parametrize(
    "key, warns",
    [
        ("tag:recalls.official:7", False),
        ("tag:récall-ü", False),
        ("with space", True),
        ("tab\there", True),
        ("delete\x7f", True),
        ("x" * 248, True),  # with its version (":1:"), past memcached's 250 characters
    ],
)
def test_keys_get_djangos_portability_warnings_and_no_others(tmp_path, key, warns):
    cache = SQLiteCache(str(tmp_path), {})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cache.set(key, 1)
        assert [w.category for w in caught] == ([CacheKeyWarning] if warns else [])
        assert cache.get(key) == 1
