"""A server-side cursor the garbage collector closes in the middle of another query on its
connection is closed before the next query instead of hanging the process
(ops/server_cursors.py)."""

import signal

import pytest
from django.db import connection

from articles.models import Outlet
from tests.factories import OutletFactory

pytestmark = pytest.mark.django_db


def open_cursors() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_cursors")
        return cursor.fetchone()[0]


def test_a_cursor_closed_while_its_connection_is_busy_is_closed_before_the_next_query():
    if connection.vendor != "postgresql":
        pytest.skip("server-side cursors are PostgreSQL's")
    OutletFactory.create_batch(3)
    rows = Outlet.objects.iterator(chunk_size=1)  # a CSV export nobody read to the end
    next(rows)
    assert open_cursors() == 1

    def hung(signum, frame):
        raise TimeoutError("closing the cursor waited for its own connection's lock")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(5)
    try:
        # As when the collector finalises it while a query of this thread holds the lock.
        with connection.connection.lock:
            rows.close()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert open_cursors() == 0
    assert Outlet.objects.count() == 3  # the connection works on


def test_a_cursor_closed_while_its_connection_is_free_is_closed_at_once():
    if connection.vendor != "postgresql":
        pytest.skip("server-side cursors are PostgreSQL's")
    OutletFactory.create_batch(2)
    rows = Outlet.objects.iterator(chunk_size=1)
    next(rows)
    rows.close()
    assert connection.close_when_free == []
    assert open_cursors() == 0
