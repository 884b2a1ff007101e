"""The site as `make serve` runs it, with one more response header for the election-night
scenario (scripts/benchlib/night.py): ``X-Worker``, the pid of the gunicorn worker that
answered, so that an edit can be checked on every worker. Benchmark only: the deployed
site does not say which process answered.

With ``NIGHT_TIMINGS`` (a folder) each worker also writes a line per request: the path,
the page cache's answer, the wall and CPU seconds its thread spent until the last byte
(for a streamed CSV too) and when it ended, so the report can say where the server's time
went; and a line for each render on a worker's refresh threads (ops/refresh.py), answered
``refresh thread``.

And each worker, from its first request, answers on a port of its own as well (written to
``<pid>.port`` in that folder): the editor (night_editor.py) asks every worker directly
whether it shows an edit, rather than asking the shared socket until each worker has
happened to take one of its requests (about eleven asks to meet five workers).
"""

import logging
import os
import socketserver
import threading
import time
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

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


class Renders(logging.Handler):
    """The renders on the workers' refresh threads (ops/refresh.py logs each at DEBUG):
    lines as a request's, answered ``refresh thread``."""

    def emit(self, entry):
        wall, cpu = getattr(entry, "took", (0.0, 0.0))
        record(entry.args[0] if entry.args else "?", "refresh thread", wall, cpu)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class ThreadedServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


_side: dict[int, object] = {}


def side_port(folder: str) -> None:
    """This worker's own port, once per process (gunicorn forks after importing this)."""
    pid = os.getpid()
    with _lock:
        if pid in _side:
            return
        _side[pid] = None
    first, _, last = os.environ.get("BENCH_PORTS", "0").partition("-")
    for port in reversed(range(int(first), int(last or first) + 1)):  # free_port takes the low
        try:
            server = make_server(
                "127.0.0.1", port, application, ThreadedServer, handler_class=QuietHandler
            )
        except OSError:
            continue
        _side[pid] = server
        threading.Thread(target=server.serve_forever, daemon=True).start()
        with open(os.path.join(folder, f"{pid}.port"), "w", encoding="utf-8") as out:
            out.write(str(server.server_port))
        return


def application(environ, start_response):
    if TIMINGS and os.getpid() not in _side:
        side_port(TIMINGS)
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


if TIMINGS:
    # Its errors still go to the workers' log; the timings to the files only.
    _errors = logging.StreamHandler()
    _errors.setLevel(logging.ERROR)
    _renders = logging.getLogger("ops.refresh")
    _renders.addHandler(Renders(logging.DEBUG))
    _renders.addHandler(_errors)
    _renders.setLevel(logging.DEBUG)
    _renders.propagate = False
