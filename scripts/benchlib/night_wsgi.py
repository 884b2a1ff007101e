"""The site as `make serve` runs it, with one more response header for the election-night
scenario (scripts/benchlib/night.py): ``X-Worker``, the pid of the gunicorn worker that
answered, so that an edit can be checked on every worker. Benchmark only: the deployed
site does not say which process answered.

With ``NIGHT_TIMINGS`` (a folder) each worker also writes a line per request: the path,
the page cache's answer, the wall and CPU seconds its thread spent until the last byte
(for a streamed CSV too) and when it ended, so the report can say where the server's time went.
"""

import os
import threading
import time

from config.wsgi import application as site

TIMINGS = os.environ.get("NIGHT_TIMINGS")
_lock = threading.Lock()
_files: dict[int, object] = {}


def record(path: str, state: str, wall: float, cpu: float) -> None:
    with _lock:
        out = _files.get(os.getpid())
        if out is None:  # per process: gunicorn forks the workers after importing this
            out = _files[os.getpid()] = open(  # noqa: SIM115 - kept open for the worker's life
                os.path.join(TIMINGS, f"{os.getpid()}.tsv"), "a", buffering=1, encoding="utf-8"
            )
        out.write(f"{path}\t{state}\t{wall:.6f}\t{cpu:.6f}\t{time.time():.3f}\n")


class Timed:
    """The response body, timed until the server closes it."""

    def __init__(self, body, path: str, state: dict, started: tuple[float, float]):
        self.body, self.path, self.state, self.started = body, path, state, started

    def __iter__(self):
        return iter(self.body)

    def close(self):
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            wall, cpu = time.perf_counter(), time.thread_time()
            record(
                self.path,
                self.state.get("cache", "none"),
                wall - self.started[0],
                cpu - self.started[1],
            )


def application(environ, start_response):
    started = (time.perf_counter(), time.thread_time())
    state = {}

    def start(status, headers, exc_info=None):
        for name, value in headers:
            if name.lower() == "x-cache":
                state["cache"] = value
        if not status.startswith(("2", "3")):
            state["cache"] = f"error {status[:3]}"
        return start_response(status, [*headers, ("X-Worker", str(os.getpid()))], exc_info)

    body = site(environ, start)
    if not TIMINGS:
        return body
    query = environ.get("QUERY_STRING")
    path = environ.get("PATH_INFO", "") + (f"?{query}" if query else "")
    if environ.get("HTTP_X_BENCH_POLL"):  # the editor following its edit (night_editor.py)
        path = "poll:" + path
    return Timed(body, path, state, started)
