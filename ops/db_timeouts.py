"""Time limits on the client side of every PostgreSQL call, and a circuit breaker.

A hung database server (a stopped postmaster, or every PostgreSQL process stopped) must cost
a reader seconds, not a worker. New connections are bounded by libpq's ``connect_timeout``
(settings). A query on an open connection to a stopped backend would wait forever: the
kernel still acknowledges what we send on loopback, so TCP timeouts never fire and the
server cannot cancel anything. So each query registers its socket with a watchdog thread,
which shuts the socket down once ``DATABASE_TIMEOUT`` + 1 seconds have passed (the server
is asked to give up at ``DATABASE_TIMEOUT`` itself); psycopg then
fails at once with an OperationalError, and the site answers 503 (ops/health.py).

After two such failures the breaker opens in the shared cache: for ``BREAKER_SECONDS`` every
worker answers requests that need the database with a 503 at once, without touching it;
then one request probes, and its success closes the breaker for all. Only failures where
the server never answered count (no SQLSTATE): a deadlock or a constraint error is the
database working, and SQLite's errors are left to its own busy timeout.

The watchdog is installed in gunicorn workers (config/gunicorn.conf.py), so management
commands keep their long bulk statements.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError
from django.db.backends.signals import connection_created

log = logging.getLogger(__name__)

BREAKER_SECONDS = 3
# Failures (within FAILURE_WINDOW seconds, in any worker) that open the breaker: one slow
# connection on a busy machine should not turn every reader away.
FAILURES_TO_OPEN = 2
FAILURE_WINDOW = 10
GRACE_SECONDS = 1
FAILURES_KEY = "db:breaker-failures"
OPEN_KEY = "db:breaker-open"
RECENT_KEY = "db:breaker-recent"
PROBE_KEY = "db:breaker-probe"


class Watch:
    fired = False


class DeadlineExceeded(OperationalError):
    """The database did not answer in time (counted towards the breaker where raised)."""


class Watchdog:
    """One thread per process that shuts down sockets whose query has run out of time."""

    def __init__(self, tick: float = 0.05):
        self.tick = tick
        self._lock = threading.Lock()
        self._watches: dict[int, tuple[float, int, Watch]] = {}
        self._ids = itertools.count()
        self._pid = None

    @contextlib.contextmanager
    def watch(self, fileno: int, seconds: float):
        watch = Watch()
        token = next(self._ids)
        with self._lock:
            if self._pid != os.getpid():  # threads do not survive a fork
                self._pid = os.getpid()
                threading.Thread(target=self._run, name="db-watchdog", daemon=True).start()
            self._watches[token] = (time.monotonic() + seconds, fileno, watch)
        try:
            yield watch
        finally:
            # Under the lock: once this returns, the socket is never touched again, even if
            # its number is reused for another file.
            with self._lock:
                self._watches.pop(token, None)

    def _run(self):
        while True:
            time.sleep(self.tick)
            now = time.monotonic()
            with self._lock:
                for token, (deadline, fileno, watch) in list(self._watches.items()):
                    if deadline <= now:
                        del self._watches[token]
                        watch.fired = True
                        shut_down(fileno)


def shut_down(fileno: int) -> None:
    try:
        sock = socket.socket(fileno=os.dup(fileno))
    except OSError:
        return
    with sock, contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


watchdog = Watchdog()


# -- the per-query deadline, installed on every new PostgreSQL connection ------------------


def _guarded(connection, call):
    """Run ``call`` with the connection's socket under the watchdog."""
    # A second more than the server's own statement_timeout (install()): a slow server
    # cancels the statement itself first.
    seconds = settings.DATABASE_TIMEOUT + GRACE_SECONDS
    with watchdog.watch(connection.connection.fileno(), seconds) as watch:
        try:
            result = call()
        except OperationalError as error:
            # Already counted where it was raised (a nested watch).
            if not watch.fired or isinstance(error, DeadlineExceeded):
                raise
            failed(error)
            raise DeadlineExceeded(f"database did not answer within {seconds:g} s") from error
    if watch.fired:  # the answer came as the socket was shut down: the connection is gone
        # Raised outside wrap_database_errors: mark the connection so the end of the request
        # closes it instead of keeping it (CONN_MAX_AGE) for a query that would fail again.
        connection.errors_occurred = True
        raise DeadlineExceeded(f"database did not answer within {seconds:g} s")
    return result


def _usable(connection, is_usable) -> bool:
    """The health check of a kept connection under the deadline: a timeout means unusable.

    It runs in close_old_connections (request_started/finished), where an exception would
    escape every middleware as a bare 500.
    """
    try:
        return _guarded(connection, is_usable)
    except OperationalError as error:
        # is_usable() swallows the driver's error, so a fired watch is only seen here.
        failed(error)
        return False


class GuardedFetches:
    """A server-side cursor (QuerySet.iterator() on PostgreSQL) whose FETCHes run under the
    deadline: they go through fetchmany, never through the execute wrappers, so a server
    hanging mid-download would otherwise hold the worker's thread forever.

    Only the wait for the server is timed. Building the rows, prefetching for a chunk and
    writing them out happen between fetches: on a busy machine they can take seconds, and
    a deadline around them would shut down a healthy connection and count it towards the
    breaker as if the server had not answered.
    """

    def __init__(self, cursor, connection):
        self._cursor, self._connection = cursor, connection

    def __getattr__(self, name):
        return getattr(self._cursor, name)

    def __iter__(self):
        return iter(self.fetchone, None)

    def fetchone(self):
        return self._fetch("fetchone")

    def fetchmany(self, size=0):
        return self._fetch("fetchmany", size)

    def fetchall(self):
        return self._fetch("fetchall")

    def _fetch(self, method: str, *args):
        def call():
            # Django's error classes inside the watch, as for execute (wrap_database_errors).
            with self._connection.wrap_database_errors:
                return getattr(self._cursor, method)(*args)

        return _guarded(self._connection, call)


def deadline(execute, sql, params, many, context):
    """An execute wrapper: no query waits longer than DATABASE_TIMEOUT for its answer."""
    return _guarded(context["connection"], lambda: execute(sql, params, many, context))


def guard_connection(sender, connection, **kwargs):
    if connection.vendor != "postgresql" or deadline in connection.execute_wrappers:
        return
    # First in the list: `with connection.execute_wrapper(...)` blocks pop from the end.
    connection.execute_wrappers.insert(0, deadline)
    # The health check of a kept connection (CONN_MAX_AGE) runs a query outside the wrappers.
    is_usable = connection.is_usable
    connection.is_usable = lambda: _usable(connection, is_usable)
    # A named cursor is a server-side one (.iterator()): its fetches under the deadline too.
    create_cursor = connection.create_cursor

    def create_guarded_cursor(name=None):
        cursor = create_cursor(name)
        return GuardedFetches(cursor, connection) if name else cursor

    connection.create_cursor = create_guarded_cursor


def install() -> None:
    """Put every PostgreSQL query of this process under the deadline (gunicorn workers).

    The server is asked to cancel a statement after DATABASE_TIMEOUT, a second before the
    client gives up: a slow query on a working server then ends with the server's own
    error (one request's 503), and only a server that does not answer at all counts
    towards the breaker.
    """
    from django.db import connections

    for alias in connections:
        params = connections[alias].settings_dict
        if params["ENGINE"].endswith("postgresql"):
            limit = int(settings.DATABASE_TIMEOUT * 1000)
            options = params.setdefault("OPTIONS", {})
            options["options"] = (
                f"{options.get('options', '')} -c statement_timeout={limit}".strip()
            )
    connection_created.connect(guard_connection, dispatch_uid="db-deadline")


# -- the circuit breaker, shared by all workers through the cache -------------------------


def server_never_answered(error: Exception) -> bool:
    """A timeout or a refused connection, as opposed to an error the server reported."""
    from django.db import connection

    return connection.vendor == "postgresql" and getattr(error.__cause__, "sqlstate", 1) is None


def failed(error: Exception) -> None:
    """The server did not answer; open the breaker once it happened FAILURES_TO_OPEN times."""
    cache.add(FAILURES_KEY, 0, timeout=FAILURE_WINDOW)
    try:
        count = cache.incr(FAILURES_KEY)
    except ValueError:  # the window closed in between
        count = 1
    log.error("database did not answer (%s of %s): %s", count, FAILURES_TO_OPEN, error)
    if count >= FAILURES_TO_OPEN:
        trip()


def trip() -> None:
    log.error("database unavailable: answering 503 for %s s without trying", BREAKER_SECONDS)
    cache.set(OPEN_KEY, True, timeout=BREAKER_SECONDS)
    cache.set(RECENT_KEY, True, timeout=60)
    cache.delete_many([PROBE_KEY, FAILURES_KEY])


def admit() -> str:
    """ "closed" (use the database), "probe" (the one request that tries it after an
    outage) or "open" (answer 503 without trying)."""
    state = cache.get_many([OPEN_KEY, RECENT_KEY])
    if OPEN_KEY in state:
        return "open"
    if RECENT_KEY in state:
        # Held for as long as one request can wait (connect, then a query).
        won = cache.add(PROBE_KEY, True, timeout=2 * settings.DATABASE_TIMEOUT + GRACE_SECONDS + 1)
        return "probe" if won else "open"
    return "closed"


def succeeded() -> None:
    """The probe got through: every worker may use the database again."""
    cache.delete_many([RECENT_KEY, PROBE_KEY])
