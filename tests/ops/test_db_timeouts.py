"""A hung PostgreSQL (processes stopped with SIGSTOP) costs seconds, never a worker."""

import contextlib
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection, connections
from django.db.backends.signals import connection_created

from exports import csv_files
from ops import db_timeouts
from recalls.models import Official
from scripts.drill_lib import fetch
from tests.factories import OfficialFactory, RecallEffortFactory
from tests.ops.servers import gunicorn

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_we_may_stop():
    if connection.vendor != "postgresql":
        pytest.skip("hangs a PostgreSQL server (scripts/with-postgres)")
    if os.getuid() != 0:
        pytest.skip("stopping the postgres user's processes needs root")


def postmaster() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    return int(Path(f"/proc/{backend}/stat").read_text().split(")")[1].split()[1])


@contextlib.contextmanager
def stopped(pid: int):
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


@pytest.fixture
def limits(settings):
    """The limits gunicorn workers run with, on every connection opened from now on."""
    settings.DATABASE_TIMEOUT = 1.0
    options = dict(connection.settings_dict.get("OPTIONS", {}))
    db_timeouts.install()
    connection.close()  # the test's own requests reconnect with the deadline
    yield
    # The rest of the test run without the limits.
    connection_created.disconnect(dispatch_uid="db-deadline")
    connection.close()
    connection.settings_dict["OPTIONS"] = options
    if db_timeouts.deadline in connection.execute_wrappers:
        connection.execute_wrappers.remove(db_timeouts.deadline)
    vars(connection).pop("is_usable", None)
    vars(connection).pop("create_cursor", None)


@contextlib.contextmanager
def kept_connection():
    """A second connection kept between requests (CONN_MAX_AGE), and its backend's pid."""
    other = connections.create_connection("default")
    # Without CONN_HEALTH_CHECKS only errors_occurred makes the end of a request close it.
    other.settings_dict = {**other.settings_dict, "CONN_MAX_AGE": 600, "CONN_HEALTH_CHECKS": False}
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            yield other, cursor.fetchone()[0]
    finally:
        other.close()


def test_a_query_to_a_stopped_backend_fails_within_the_deadline(limits):
    with kept_connection() as (other, backend), other.cursor() as cursor, stopped(backend):
        started = time.monotonic()
        with pytest.raises(OperationalError, match="did not answer within 2 s"):
            cursor.execute("SELECT 1")
        took = time.monotonic() - started
    # DATABASE_TIMEOUT for the server's own statement_timeout, a second more for us.
    assert 2.0 <= took < 3.0
    assert cache.get(db_timeouts.FAILURES_KEY) == 1  # one more and every worker fails fast
    assert cache.get(db_timeouts.OPEN_KEY) is None


def test_the_health_check_of_a_kept_connection_to_a_hung_server_closes_it_and_counts(limits):
    with kept_connection() as (other, backend):
        other.errors_occurred = True  # as after a failed query: the request's end checks it
        with stopped(backend):
            started = time.monotonic()
            other.close_if_unusable_or_obsolete()  # close_old_connections, request_finished
            took = time.monotonic() - started
        assert other.connection is None  # the next request reconnects
    assert took < 3.0
    assert cache.get(db_timeouts.FAILURES_KEY) == 1


def test_an_answer_that_came_as_the_socket_was_shut_does_not_leave_a_broken_connection(limits):
    def answer_late(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        time.sleep(2.5)  # meanwhile the watchdog shuts the socket
        return result

    with kept_connection() as (other, backend):
        with (
            other.execute_wrapper(answer_late),
            other.cursor() as cursor,
            pytest.raises(OperationalError),
        ):
            cursor.execute("SELECT 1")
        other.close_if_unusable_or_obsolete()  # the end of the request
        with other.cursor() as cursor:  # the next request works, on a new connection
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
            assert pid != backend
    assert cache.get(db_timeouts.FAILURES_KEY) is None


def test_a_server_that_hangs_mid_download_ends_the_csv_export(limits, client):
    Official.objects.bulk_create(
        OfficialFactory.build_batch(csv_files.CHUNK_SIZE + 100, aliases=[])
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    response = client.get("/officials/export.csv")
    assert response.status_code == 200
    chunks = iter(response.streaming_content)
    next(chunks)  # the download has begun; the rest comes from later FETCHes
    safety = threading.Timer(10, os.kill, (backend, signal.SIGCONT))  # if it hangs
    safety.start()
    try:
        with stopped(backend):
            started = time.monotonic()
            with pytest.raises(OperationalError, match="did not answer"):
                for _ in chunks:
                    pass
            took = time.monotonic() - started
    finally:
        safety.cancel()
    assert took < 3.0


def test_time_spent_on_our_side_between_fetches_does_not_count_against_the_database(limits, client):
    """Under load, building a chunk of rows and its prefetches can take seconds: only the
    waits for the server are timed, or a healthy connection would be shut and the breaker
    opened for every reader (election night, docs/BENCHMARKS.md)."""
    RecallEffortFactory.create_batch(3)

    def slow_after_prefetch(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if "IN (" in sql:  # each of the chunk's prefetch queries, each well inside its limit
            time.sleep(0.8)
        return result

    with connection.execute_wrapper(slow_after_prefetch):
        started = time.monotonic()
        response = client.get("/recalls/export.csv")
        body = b"".join(response.streaming_content).decode()
    assert time.monotonic() - started >= 2.4  # three prefetches: more than the 2 s deadline
    assert response.status_code == 200 and len(body.splitlines()) == 4
    assert cache.get(db_timeouts.FAILURES_KEY) is None


def test_a_stopped_postmaster_gives_503_within_5_s_and_the_site_recovers(tmp_path):
    official = OfficialFactory(name="Cached Official")
    with gunicorn(tmp_path / "server.log", workers=2) as url:
        cached = url + official.get_absolute_url()
        assert fetch(cached)[0] == 200
        with stopped(postmaster()):
            started = time.monotonic()
            status, headers, _ = fetch(url + "/officials/?during=outage", timeout=30)
            took = time.monotonic() - started
            assert (status, took < 5) == (503, True), took
            assert "public" not in headers.get("Cache-Control", "")
            assert fetch(url + "/elections/?during=outage", timeout=30)[0] == 503
            # Two failures open the breaker: the next page does not wait for the database.
            started = time.monotonic()
            assert fetch(url + "/recalls/?during=outage", timeout=30)[0] == 503
            assert time.monotonic() - started < 1
            status, headers, body = fetch(cached)
            assert (status, headers["X-Cache"]) == (200, "hit") and "Cached Official" in body
            started = time.monotonic()
            assert fetch(url + "/livez")[0] == 200
            assert time.monotonic() - started < 1
            assert fetch(url + "/readyz", timeout=30)[0] == 503
        deadline = time.monotonic() + 15
        while fetch(url + "/readyz")[0] != 200:
            assert time.monotonic() < deadline, "no recovery within 15 s"
            time.sleep(0.5)
        assert fetch(url + "/officials/?after=outage")[0] == 200
