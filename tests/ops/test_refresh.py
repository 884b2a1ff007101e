"""A stale page rendered again beside the reader who met it (ops/refresh.py): the reader
waits PAGE_REFRESH_WAIT at most, the render goes on and is kept, nothing is rendered twice.

Transactional: the render runs on another thread, with a database connection of its own,
which sees only committed rows."""

import logging
import threading
import time
from concurrent.futures import Future

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import RequestFactory

from ops import refresh
from ops.caching import (
    CLOCK_SKEW,
    PublicPageCacheMiddleware,
    RenderLock,
    page_key,
    refresh_priority,
)
from tests.factories import RecallEffortFactory

pytestmark = pytest.mark.django_db(transaction=True)


def until(check, seconds=10.0):
    """``check()``'s first truthy value within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(0.02)
    raise AssertionError("not within the time allowed")


def cached_then_edited(client, title="Recall of Before", new="Recall of After"):
    effort = RecallEffortFactory(title=title)
    url = effort.get_absolute_url()
    time.sleep(2 * CLOCK_SKEW)
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    effort.title = new
    effort.save()
    time.sleep(2 * CLOCK_SKEW)
    return effort, url


def test_a_reader_who_does_not_wait_gets_the_old_copy_and_the_render_is_kept(client, settings):
    settings.PAGE_REFRESH_WAIT = 0
    _, url = cached_then_edited(client)
    started = time.monotonic()
    first = client.get(url)
    assert first["X-Cache"] == "refreshing"
    assert "Recall of Before" in first.content.decode()
    assert time.monotonic() - started < 1.0
    # The render went on beside it and was kept: the next readers are hits with the edit.
    fresh = until(lambda: (r := client.get(url))["X-Cache"] == "hit" and r)
    assert "Recall of After" in fresh.content.decode()


def test_a_render_within_the_wait_is_the_readers_answer(client, settings, caplog):
    settings.PAGE_REFRESH_WAIT = 30
    _, url = cached_then_edited(client)
    with caplog.at_level(logging.DEBUG, logger="ops.refresh"):
        first = client.get(url)
    assert first["X-Cache"] == "miss"
    assert "Recall of After" in first.content.decode()
    assert client.get(url)["X-Cache"] == "hit"
    # Logged with its wall and CPU seconds, for the benchmark (night_wsgi.py).
    (rendered,) = [r for r in caplog.records if r.getMessage() == f"rendered {url} again"]
    wall, cpu = rendered.took
    assert 0 < cpu <= wall + 0.01


def test_with_every_render_thread_busy_the_reader_does_not_wait(client, settings):
    """A render that cannot start at once would seldom end within the wait: the reader gets
    the old copy at once, and the render is kept once a thread takes it."""
    settings.PAGE_REFRESH_WAIT = 30
    _, url = cached_then_edited(client)
    pool, release = refresh.renders(), threading.Event()
    busy = [pool.submit((0,), release.wait) for _ in range(refresh.THREADS)]
    until(lambda: pool.running == refresh.THREADS and not pool.quick(30))
    try:
        started = time.monotonic()
        first = client.get(url)
        assert time.monotonic() - started < 5  # not PAGE_REFRESH_WAIT
        assert first["X-Cache"] == "refreshing" and "Recall of Before" in first.content.decode()
    finally:
        release.set()
    assert all(job.result(timeout=10) for job in busy)
    assert until(lambda: pool.running == 0)
    fresh = until(lambda: (r := client.get(url))["X-Cache"] == "hit" and r)
    assert "Recall of After" in fresh.content.decode()


def test_after_slow_renders_the_reader_does_not_wait(client, settings, monkeypatch):
    """Renders of late took longer than the wait (a loaded machine): the reader gets the old
    copy at once; the time of this one's render counts towards the next reader's wait."""
    settings.PAGE_REFRESH_WAIT = 30
    _, url = cached_then_edited(client)
    pool = refresh.renders()
    monkeypatch.setattr(pool, "recent", 60.0)
    started = time.monotonic()
    first = client.get(url)
    assert time.monotonic() - started < 5
    assert first["X-Cache"] == "refreshing" and "Recall of Before" in first.content.decode()
    assert until(lambda: pool.recent < 60.0)  # this render, quick, moved the average
    fresh = until(lambda: (r := client.get(url))["X-Cache"] == "hit" and r)
    assert "Recall of After" in fresh.content.decode()


def test_a_page_changed_a_while_ago_is_rendered_for_its_reader(client, settings, monkeypatch):
    """Nobody read it since the edit: its reader waits for the render, as for a page not
    kept, rather than get a copy further behind the edit than the site promises."""
    settings.PAGE_REFRESH_WAIT = 0
    monkeypatch.setattr(refresh.renders(), "recent", 60.0)  # slow renders: no wait but this
    _, url = cached_then_edited(client)
    time.sleep(refresh.PATIENT_AFTER + 0.1)
    first = client.get(url)
    assert first["X-Cache"] == "miss" and "Recall of After" in first.content.decode()
    assert client.get(url)["X-Cache"] == "hit"


def test_while_the_render_runs_other_readers_get_the_stale_copy(client, settings, monkeypatch):
    settings.PAGE_REFRESH_WAIT = 0
    _, url = cached_then_edited(client)
    release = threading.Event()
    original = refresh._run

    def held(render, request, handoff):  # the render waits until the test lets it go
        release.wait(10)
        return original(render, request, handoff)

    monkeypatch.setattr(refresh, "_run", held)
    try:
        assert client.get(url)["X-Cache"] == "refreshing"
        others = [client.get(url) for _ in range(3)]
        assert [r["X-Cache"] for r in others] == ["stale"] * 3  # one render at a time
        assert all("Recall of Before" in r.content.decode() for r in others)
    finally:
        release.set()
    fresh = until(lambda: (r := client.get(url))["X-Cache"] == "hit" and r)
    assert "Recall of After" in fresh.content.decode()


def test_a_streamed_export_is_rendered_to_its_end_and_kept(client, settings):
    settings.PAGE_REFRESH_WAIT = 30
    effort = RecallEffortFactory(title="Recall of Streamed Before")
    time.sleep(2 * CLOCK_SKEW)
    url = "/recalls/export.csv"
    assert b"Streamed Before" in b"".join(client.get(url).streaming_content)
    assert client.get(url)["X-Cache"] == "hit"
    effort.title = "Recall of Streamed After"
    effort.save()
    time.sleep(2 * CLOCK_SKEW)
    # Read to its end on the render's thread (its cursor is that thread's), then answered as
    # kept to the reader still waiting.
    first = client.get(url)
    assert first["X-Cache"] == "miss"
    assert b"Streamed After" in first.content
    hit = client.get(url)
    assert hit["X-Cache"] == "hit" and hit.content == first.content


def test_a_render_that_fails_after_the_reader_left_is_logged_and_frees_the_page(
    client, settings, caplog, monkeypatch
):
    settings.PAGE_REFRESH_WAIT = 0
    _, url = cached_then_edited(client)
    key = page_key(RequestFactory().get(url))
    failing = threading.Event()

    def broken(*args, **kwargs):
        failing.set()
        raise RuntimeError("the render broke")

    with monkeypatch.context() as patch:
        patch.setattr(PublicPageCacheMiddleware, "render", broken)
        with caplog.at_level(logging.ERROR, logger="ops.refresh"):
            assert client.get(url)["X-Cache"] == "refreshing"
            until(failing.is_set)
            until(lambda: cache.get(f"lock:{key}") is None)  # released: the next one renders
    until(lambda: "rendering" in caplog.text)
    assert "the render broke" in caplog.text
    settings.PAGE_REFRESH_WAIT = 30
    fresh = client.get(url)
    assert fresh["X-Cache"] == "miss" and "Recall of After" in fresh.content.decode()


def test_a_reader_in_a_transaction_renders_itself(client, settings):
    """Another thread would not see what the transaction wrote."""
    settings.PAGE_REFRESH_WAIT = 0
    _, url = cached_then_edited(client)
    with transaction.atomic():
        response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "Recall of After" in response.content.decode()


def test_with_too_many_renders_waiting_the_page_is_left_for_a_later_reader(
    client, settings, monkeypatch
):
    settings.PAGE_REFRESH_WAIT = 30
    _, url = cached_then_edited(client)
    key = page_key(RequestFactory().get(url))
    monkeypatch.setattr(refresh, "QUEUE", 0)
    response = client.get(url)
    assert response["X-Cache"] == "stale" and "Recall of Before" in response.content.decode()
    assert cache.get(f"lock:{key}") is None  # let go: the next reader takes it
    monkeypatch.setattr(refresh, "QUEUE", 16)
    assert "Recall of After" in client.get(url).content.decode()


def test_renders_waiting_for_a_thread_are_taken_in_order_of_priority():
    renders = refresh.Renders(1)
    started, ran = threading.Event(), []
    release = threading.Event()

    def first():
        started.set()
        release.wait(10)

    renders.submit((0, 1), first)
    started.wait(10)  # the one thread is busy: the others wait in the queue
    order = [(1, 300), (1, 100), (0, 5000), (1, 200)]
    jobs = [renders.submit(p, lambda p=p: ran.append(p)) for p in order]
    release.set()
    for job in jobs:
        job.result(timeout=10)
    assert ran == [(0, 5000), (1, 100), (1, 200), (1, 300)]


def test_when_the_worker_stops_renders_under_way_finish_and_waiting_ones_let_go():
    """A recycled worker: the locks of the renders it drops are let go at once."""
    renders = refresh.Renders(1)
    started, release, finished, dropped = (threading.Event(), threading.Event(), [], [])

    def running():
        started.set()
        release.wait(10)
        finished.append("running")

    renders.submit((0, 1), running)
    started.wait(10)
    waiting = [
        renders.submit((1, n), lambda: finished.append("waiting"), lambda n=n: dropped.append(n))
        for n in (1, 2)
    ]
    stopping = threading.Thread(target=renders.stop)
    stopping.start()
    until(lambda: all(job.cancelled() for job in waiting))
    release.set()
    stopping.join(10)
    assert not stopping.is_alive()
    assert finished == ["running"] and sorted(dropped) == [1, 2]
    assert not any(thread.is_alive() for thread in renders.threads)


def test_a_reader_whose_render_a_stopping_worker_dropped_gets_the_old_copy(
    client, settings, monkeypatch
):
    settings.PAGE_REFRESH_WAIT = 30
    _, url = cached_then_edited(client)

    class Stopping:
        def quick(self, seconds):
            return True

        def submit(self, priority, job, drop):
            future = Future()
            future.cancel()
            drop()
            return future

    monkeypatch.setattr(refresh, "renders", Stopping)
    response = client.get(url)
    assert response.status_code == 200 and response["X-Cache"] == "stale"
    assert "Recall of Before" in response.content.decode()


def test_a_page_about_one_object_is_rendered_before_lists_then_the_smallest_first():
    rf = RequestFactory()
    effort = RecallEffortFactory()
    small, big = (None, 200, b"x" * 10, [], 0), (None, 200, b"x" * 1000, [], 0)
    assert refresh_priority(rf.get(effort.get_absolute_url()), big) == (0, 1000)
    assert refresh_priority(rf.get("/search/?q=x"), small) == (1, 10)
    assert refresh_priority(rf.get("/recalls/export.csv"), big) == (1, 1000)
    assert refresh_priority(rf.get("/no/such/page/"), small) == (1, 10)


def test_a_render_whose_lock_ran_out_while_it_waited_is_dropped(client, settings):
    """Another reader took the page over after PAGE_STALE_SECONDS: one render, not two."""
    settings.PAGE_REFRESH_WAIT = 30
    _, url = cached_then_edited(client)
    request = RequestFactory().get(url)
    key = page_key(request)
    lock = RenderLock(key)
    assert lock.acquire()
    cache.set(f"lock:{key}", "another reader", timeout=5)  # ours ran out; theirs now
    middleware = PublicPageCacheMiddleware(lambda r: pytest.fail("rendered"))
    assert middleware.refresh(request, key, cache.get(key), lock) is None
    assert cache.get(f"lock:{key}") == "another reader"
