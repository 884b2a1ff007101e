"""Health endpoints for load balancers, and the gate that keeps requests off a hung database.

* ``/livez`` — liveness: the process answers. Never touches the database or the cache.
* ``/readyz`` — readiness: the database answers (one ``SELECT 1`` under the deadline), or
  503 with the reason; a load balancer stops sending traffic here while it fails.
* ``/healthz`` — one ``SELECT 1``, the benchmark's baseline.

And what the site says when its database is unreachable: the 503 page, at once while the
breaker is open (``DatabaseBreakerMiddleware``) and when a query fails
(``DatabaseUnavailableMiddleware``).
"""

import logging
import time

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.cache import never_cache

from ops import db_timeouts

log = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)


def select_one() -> None:
    """One round trip to the database (under the deadline in web workers)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


@never_cache
def healthz(request):
    """200 "ok" when the database answers, 503 otherwise (for load balancers and benchmarks)."""
    try:
        select_one()
    except DatabaseError:
        connection.close()
        response = HttpResponse("database unavailable", status=503, content_type="text/plain")
        response["Retry-After"] = "30"
        return response
    return HttpResponse("ok", content_type="text/plain")


def service_unavailable() -> HttpResponse:
    """A friendly 503 rendered without touching the database."""
    try:
        body = loader.render_to_string("503.html")
    except Exception:  # noqa: BLE001 - the page must render even if the template is broken
        body = (
            "<!doctype html><title>Temporarily unavailable</title><h1>Temporarily unavailable</h1>"
        )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = "30"
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 instead of a traceback while the database is down; recover when it returns.

    Placed first, so it also covers sessions and authentication, which query the database
    before any view runs. Connections are dropped so the next request reconnects.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except DATABASE_DOWN as error:
            return self.database_down(error)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            return self.database_down(exception)
        return None

    @staticmethod
    def database_down(error) -> HttpResponse:
        log.error("database unavailable: %s", error)
        connection.close()
        return service_unavailable()


# Requests the breaker never holds back: they do not need the database.
UNGATED = ("/livez", "/static/", "/favicon.ico")


def _text(body: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(body + "\n", status=status, content_type="text/plain")
    if status == 503:
        response["Retry-After"] = str(db_timeouts.BREAKER_SECONDS)
    return response


@never_cache
def livez(request):
    return _text("ok")


@never_cache
def readyz(request):
    started = time.monotonic()
    try:
        select_one()
    except DatabaseError as error:
        connection.close()
        return _text(f"database unavailable: {error}".strip(), status=503)
    return _text(f"ready: database answered in {(time.monotonic() - started) * 1000:.0f} ms")


class DatabaseBreakerMiddleware:
    """After the database failed to answer, 503 at once for a few seconds in every worker.

    Placed after the page cache, so cached pages are still served, and before everything
    that may query the database (sessions, authentication, views).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(UNGATED):
            return self.get_response(request)
        state = db_timeouts.admit()
        if state == "probe":
            # Probe the database itself: the request that happens to arrive may never touch
            # it (robots.txt, a 404), and its success would reopen the site for nothing.
            state = self.probe()
        if state == "open":
            response = service_unavailable()
            response["Retry-After"] = str(db_timeouts.BREAKER_SECONDS)
            return response
        return self.get_response(request)

    @staticmethod
    def probe() -> str:
        try:
            select_one()
        except DatabaseError:
            connection.close()
            db_timeouts.trip()  # still down: the next probe in BREAKER_SECONDS
            return "open"
        db_timeouts.succeeded()
        return "closed"

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseError):
            return
        if db_timeouts.server_never_answered(exception):
            db_timeouts.failed(exception)
        # DatabaseUnavailableMiddleware renders the 503.
