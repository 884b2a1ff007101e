"""A hung PostgreSQL (processes stopped with SIGSTOP) costs seconds, never a worker."""

import contextlib
import os
import signal
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection, connections
from django.db.backends.signals import connection_created

from ops import db_timeouts
from scripts.drill_lib import fetch
from tests.factories import OfficialFactory
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


def test_a_query_to_a_stopped_backend_fails_within_the_deadline(settings):
    settings.DATABASE_TIMEOUT = 1.0
    options = dict(connection.settings_dict.get("OPTIONS", {}))
    db_timeouts.install()
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
            with stopped(backend):
                started = time.monotonic()
                with pytest.raises(OperationalError, match="did not answer within 2 s"):
                    cursor.execute("SELECT 1")
                took = time.monotonic() - started
        # DATABASE_TIMEOUT for the server's own statement_timeout, a second more for us.
        assert 2.0 <= took < 3.0
        assert cache.get(db_timeouts.FAILURES_KEY) == 1  # one more and every worker fails fast
        assert cache.get(db_timeouts.OPEN_KEY) is None
    finally:  # the rest of the test run without the limits
        connection_created.disconnect(dispatch_uid="db-deadline")
        connection.settings_dict["OPTIONS"] = options
        other.close()


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
