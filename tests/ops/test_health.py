"""/healthz, and the friendly 503 while the database is unreachable, then recovery."""

import contextlib
import time

import pytest
from django.core.cache import cache
from django.db import connection

from ops import db_timeouts


@contextlib.contextmanager
def database_unreachable():
    """Point the connection at a database that cannot be reached, then put it back."""
    original = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-dir/unreachable.sqlite3"
    else:
        connection.settings_dict["HOST"], connection.settings_dict["PORT"] = "127.0.0.1", "1"
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)


@pytest.mark.django_db
def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db(transaction=True)
def test_pages_answer_503_while_the_database_is_down_then_recover(client):
    urls = ["/healthz", "/", "/recalls/"]
    with database_unreachable():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 503, url
            assert response["Retry-After"] == "30"
            assert b"Traceback" not in response.content
        assert "try again shortly" in client.get("/recalls/").content.decode()
    # On PostgreSQL the breaker (ops/db_timeouts.py) keeps answering 503 for a few seconds.
    deadline = time.monotonic() + db_timeouts.BREAKER_SECONDS + 5
    while client.get("/healthz").status_code != 200:
        assert time.monotonic() < deadline, "no recovery"
        time.sleep(0.5)
    assert client.get("/recalls/").status_code == 200


@pytest.mark.django_db
def test_livez_never_touches_the_database_and_readyz_reports_it(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/livez")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert "no-cache" in response["Cache-Control"]
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.content.startswith(b"ready: database answered in ")


@pytest.mark.django_db(transaction=True)
def test_during_an_outage_livez_answers_readyz_says_why_and_exports_fail_before_they_start(
    client,
):
    with database_unreachable():
        assert client.get("/livez").status_code == 200
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.content.startswith(b"database unavailable: ")
        for url in ("/recalls/export.csv", "/officials/export.csv", "/elections/export.csv"):
            response = client.get(url)
            assert response.status_code == 503, url
            assert not response.streaming
            assert "public" not in response["Cache-Control"]
            assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_after_two_connection_failures_the_breaker_answers_503_without_trying(
    client, django_assert_num_queries
):
    if connection.vendor != "postgresql":
        pytest.skip("the breaker counts PostgreSQL connection failures (SQLite has no server)")
    with database_unreachable():
        assert client.get("/recalls/").status_code == 503
        assert cache.get(db_timeouts.OPEN_KEY) is None  # one failure may be a busy moment
        assert client.get("/elections/").status_code == 503
    assert cache.get(db_timeouts.OPEN_KEY) is True
    with django_assert_num_queries(0):
        assert client.get("/officials/").status_code == 503
    cache.delete(db_timeouts.OPEN_KEY)  # its seconds are over: one request probes
    assert client.get("/officials/").status_code == 200
    assert cache.get(db_timeouts.RECENT_KEY) is None  # and reopens the site for every worker


@pytest.mark.django_db(transaction=True)
def test_the_probe_after_an_outage_reopens_the_site_only_if_the_database_answers(client):
    db_timeouts.trip()
    cache.delete(db_timeouts.OPEN_KEY)  # its seconds are over: the next request probes
    with database_unreachable():
        # A page that needs no database (a 404) must not report the outage over.
        assert client.get("/no-such-page/").status_code == 503
    assert cache.get(db_timeouts.OPEN_KEY) is True  # still down: the next probe later
    assert cache.get(db_timeouts.RECENT_KEY) is True
    cache.delete(db_timeouts.OPEN_KEY)
    assert client.get("/no-such-page/").status_code == 404
    assert cache.get(db_timeouts.RECENT_KEY) is None
