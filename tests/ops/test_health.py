"""/healthz, and the friendly 503 while the database is unreachable, then recovery."""

import contextlib

import pytest
from django.db import connection


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
    assert client.get("/healthz").status_code == 200
    assert client.get("/recalls/").status_code == 200
