"""A stale page rendered again beside the reader who met it (ops/caching.py).

The reader who takes a stale page's render lock does not make its own answer wait for the
render: the render runs on a thread of the worker's own (``THREADS``), and the reader waits
``PAGE_REFRESH_WAIT`` seconds for it if it is likely to end by then: a thread is free to
start it at once and the worker's renders of late took no longer (under load the wait
almost never ended with the page and only delayed the reader's answer: in one
election-night run of ``make bench``, 1,103 readers waited and got the old copy, and 5 at
most got the page). A render done by then is the answer, as before; a
longer one (a page rendered under election-night load, a CSV export) goes on, and the reader
gets the copy the others are getting meanwhile, as HTTP's stale-while-revalidate (RFC 5861)
and a proxy's background update do. The edit shows as soon as that render is kept, as it
would had the reader waited; only that reader no longer waits for it.

Renders waiting for a thread are taken in order of ``priority``: pages about one object
first (an effort's page, which an editor has just changed), then the smallest page first
(the size of the copy kept), so that the edited page is not held up behind the searches
that each imported article makes stale, nor behind a 5 MB export that the same edit did. A
render whose lock ran out while it waited is dropped (a later reader took the page over).
When ``QUEUE`` renders wait already, the reader is served the old copy and the page is left
for a later reader, rather than piling up work.

A reader inside a transaction renders itself: another thread has its own database
connection and would not see what the transaction wrote.
"""

from __future__ import annotations

import atexit
import io
import itertools
import logging
import os
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from concurrent.futures import TimeoutError as Waited

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.db import close_old_connections, connection

from ops.cache_tags import current_versions, lags, version_time

log = logging.getLogger(__name__)

THREADS = 2  # per worker process: renders at once, beside its request threads
QUEUE = 16  # renders waiting in one process beyond which a stale page is left for later
RECENT_WEIGHT = 0.2  # of the last render in the moving average of their times
# A page changed longer ago than this has not been read since: its reader waits for the
# render (up to PAGE_STALE_SECONDS), as for a page not kept, rather than get a copy that is
# by now further behind the edit than the site promises (well under a second).
PATIENT_AFTER = 0.3


class Renders:
    """This process's render threads and their queue, lowest ``priority`` first.

    When the process exits (gunicorn recycles a worker after ``MAX_REQUESTS``), ``stop``
    lets the renders under way finish and drops the waiting ones, letting go of their
    pages' locks: a later reader takes each over at once, not ``PAGE_STALE_SECONDS``
    later."""

    def __init__(self, threads: int):
        self.jobs: queue.PriorityQueue = queue.PriorityQueue()
        self.order = itertools.count()  # first come, first served among equals
        self.threads = [
            threading.Thread(target=self.work, name=f"page-refresh-{n}", daemon=True)
            for n in range(threads)
        ]
        self.running = 0  # jobs under way
        self.counting = threading.Lock()
        self.recent = 0.0  # wall seconds of the renders of late (a moving average)
        for thread in self.threads:
            thread.start()

    def submit(self, priority: tuple, job: Callable, drop: Callable = lambda: None):
        """``job()``'s future, or None if ``QUEUE`` jobs are waiting already; ``drop()`` if
        the process stops before the job starts."""
        if self.jobs.qsize() >= QUEUE:
            return None
        future: Future = Future()
        self.jobs.put((priority, next(self.order), job, future, drop))
        return future

    def quick(self, seconds: float) -> bool:
        """Whether a job submitted now is likely done within ``seconds``: a thread is free,
        nothing waits for one, and the renders of late took no longer (a moment's race or
        a slower page costs a reader that wait or a fresh page, no more)."""
        return self.running < len(self.threads) and self.jobs.empty() and self.recent <= seconds

    def work(self) -> None:
        while True:
            _, _, job, future, _ = self.jobs.get()
            try:
                if job is None:  # stop
                    return
                if not future.set_running_or_notify_cancel():
                    continue
                with self.counting:
                    self.running += 1
                started = time.monotonic()
                try:
                    future.set_result(job())
                except BaseException as error:  # noqa: BLE001 - handed to whoever waits on it
                    future.set_exception(error)
                finally:
                    with self.counting:
                        self.running -= 1
                        took = time.monotonic() - started
                        self.recent += RECENT_WEIGHT * (took - self.recent)
            finally:
                self.jobs.task_done()

    def wait_idle(self, seconds: float) -> bool:
        """Whether every render submitted so far has ended within ``seconds`` (the tests
        wait for it, so that no render outlives its test's data)."""
        deadline = time.monotonic() + seconds
        with self.jobs.all_tasks_done:
            while self.jobs.unfinished_tasks:
                if (left := deadline - time.monotonic()) <= 0:
                    return False
                self.jobs.all_tasks_done.wait(left)
        return True

    def stop(self, seconds: float = 10.0) -> None:
        while True:
            try:
                _, _, _, future, drop = self.jobs.get_nowait()
            except queue.Empty:
                break
            if future.cancel():
                drop()
            self.jobs.task_done()
        stop = (float("inf"),)  # after anything submitted meanwhile
        for _ in self.threads:
            self.jobs.put((stop, next(self.order), None, None, None))
        deadline = time.monotonic() + seconds
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.monotonic()))


_lock = threading.Lock()
_renders: dict[int, Renders] = {}


def renders() -> Renders:
    """This process's (gunicorn forks its workers after importing this module)."""
    pid = os.getpid()
    with _lock:
        if pid not in _renders:
            _renders[pid] = Renders(THREADS)
            atexit.register(_renders[pid].stop)
        return _renders[pid]


class _Handoff:
    """Whether the reader takes the render's answer, decided once by whichever comes first:
    the render with its answer or the reader giving up on it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.state = "waiting"

    def take(self) -> bool:
        with self.lock:
            if self.state == "waiting":
                self.state = "taken"
            return self.state == "taken"

    def give_up(self) -> bool:
        with self.lock:
            if self.state == "waiting":
                self.state = "gone"
            return self.state == "gone"


def refreshed(
    render: Callable,
    request,
    *,
    priority: tuple,
    stale: Callable[[str], object],
    kept: Callable,
    drop: Callable,
    since: dict | None = None,
):
    """``render(request)``'s answer if it comes within ``PAGE_REFRESH_WAIT`` seconds (not
    waited for if it is unlikely to: ``Renders.quick``), else ``stale("refreshing")``, the
    render going on until its answer is kept.

    A streamed answer (a CSV export) is read to its end on the render's thread, which keeps
    it: its database cursor belongs to that thread. A reader still waiting then gets
    ``kept()``, the page as kept. With too many renders waiting, ``drop()`` (the render
    lock let go) and the stale copy. ``since``: the versions of the tags the stale copy was
    kept at, to tell how long ago it changed (``PATIENT_AFTER``)."""
    if connection.in_atomic_block:
        response = render(request)
        return kept() if response is None else response
    handoff = _Handoff()
    copy = _copy(request)
    pool = renders()
    # Waiting is worth it only for a render likely to end within the wait: under load it
    # seldom did, and each such reader had waited for nothing.
    wait = settings.PAGE_REFRESH_WAIT if pool.quick(settings.PAGE_REFRESH_WAIT) else 0
    if since is not None and _changed_long_ago(since):
        wait = settings.PAGE_STALE_SECONDS
    job = pool.submit(priority, lambda: _run(render, copy, handoff), drop)
    if job is None:
        drop()
        return stale("stale")
    try:
        try:
            response = job.result(timeout=wait)
        except Waited:
            if handoff.give_up():
                return stale("refreshing")
            response = job.result()  # handed over just now
    except CancelledError:  # dropped by a stopping worker (Renders.stop)
        return stale("stale")
    return kept() if response is None else response


def _changed_long_ago(kept: dict) -> bool:
    """Whether the first change since a page was kept at the ``kept`` versions of its tags
    (not counting the new rows it may lag behind) is older than ``PATIENT_AFTER``."""
    current = current_versions(kept)
    changed = [
        version_time(version)
        for tag, version in current.items()
        if version != kept.get(tag) and not lags(tag)
    ]
    return bool(changed) and time.time() - min(changed) > PATIENT_AFTER


def _run(render: Callable, request, handoff: _Handoff):
    # As a request's signals do around it: a connection past its age or broken is replaced.
    close_old_connections()
    started = (time.perf_counter(), time.thread_time())
    try:
        response = render(request)
        if response is not None and response.streaming:
            try:
                for _ in response.streaming_content:
                    pass
            finally:
                response.close()
            response = None
        return response if handoff.take() else None
    except Exception:
        if handoff.take():
            raise  # the reader's, as if it had rendered the page itself
        log.exception("rendering %s again failed; readers keep the copy they had", request.path)
        return None
    finally:
        close_old_connections()
        if log.isEnabledFor(logging.DEBUG):  # what the benchmark times (night_wsgi.py)
            wall, cpu = time.perf_counter() - started[0], time.thread_time() - started[1]
            log.debug("rendered %s again", request.get_full_path(), extra={"took": (wall, cpu)})


def _copy(request) -> WSGIRequest:
    """The reader's request for the render's thread, which may outlive the reader's: a GET
    or HEAD, whose body is empty."""
    return WSGIRequest({**request.environ, "wsgi.input": io.BytesIO()})
