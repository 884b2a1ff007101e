"""The health endpoint and what the site says when its database is unreachable."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.cache import never_cache

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
