"""Health endpoints for load balancers, and the gate that keeps requests off a hung database.

* ``/livez`` — liveness: the process answers. Never touches the database or the cache.
* ``/readyz`` — readiness: the database answers (one ``SELECT 1`` under the deadline), or
  503 with the reason; a load balancer stops sending traffic here while it fails.
* ``/healthz`` (config/health.py) — one ``SELECT 1``, the benchmark's baseline.
"""

import time

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from config.health import select_one, service_unavailable
from ops import db_timeouts

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
        # config.health.DatabaseUnavailableMiddleware renders the 503.
