"""Server-side cursors (``QuerySet.iterator()`` on PostgreSQL) that the garbage collector can
close without hanging the process.

A server-side cursor left unfinished (a CSV export nobody read to the end) is closed when
its generator is finalised; inside a reference cycle that happens whenever the collector
runs, which may be in the middle of another query on the same connection. psycopg's close
then waits for the connection's lock, which that query holds in the same thread: the
process hangs for good (a CI run did, in a test that requested CSV exports without reading
them). So a cursor closed while its connection is busy is closed instead just before the
connection's next query; any other close happens at once, as before.
"""

from __future__ import annotations

from django.db.backends.signals import connection_created


class ClosedWhenFree:
    """A named cursor whose ``close`` never waits for its own connection's lock."""

    def __init__(self, cursor, connection):
        self._cursor, self._connection = cursor, connection

    def __getattr__(self, name):
        return getattr(self._cursor, name)

    def __iter__(self):
        return iter(self._cursor)

    def close(self):
        lock = self._connection.connection.lock
        if lock.acquire(blocking=False):
            lock.release()
            self._cursor.close()
        else:  # a query of this thread holds it: the collector is closing us mid-query
            self._connection.close_when_free.append(self._cursor)


def close_waiting(execute, sql, params, many, context):
    """An execute wrapper: first close the cursors that were closed mid-query."""
    waiting = context["connection"].close_when_free
    while waiting:
        waiting.pop().close()
    return execute(sql, params, many, context)


def guard(sender, connection, **kwargs):
    if connection.vendor != "postgresql" or close_waiting in connection.execute_wrappers:
        return
    connection.close_when_free = []
    connection.execute_wrappers.insert(0, close_waiting)
    create_cursor = connection.create_cursor

    def create_cursor_closed_when_free(name=None):
        cursor = create_cursor(name)
        return ClosedWhenFree(cursor, connection) if name else cursor

    connection.create_cursor = create_cursor_closed_when_free


def install() -> None:
    connection_created.connect(guard, dispatch_uid="server-cursors-closed-when-free")
