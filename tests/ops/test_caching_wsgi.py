"""ops.caching.ServeHits (config/wsgi.py): a fresh kept page answered in front of Django, the
same answer the middleware gives; everything else is Django's. And the one-round-trip hit
of the Redis backend, end to end."""

import time

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory
from redis.connection import AbstractConnection

from config.wsgi import application
from ops.caching import CLOCK_SKEW, RenderLock, ServeHits, page_key
from tests.factories import RecallEffortFactory
from tests.ops.test_scale_out import redis_url  # noqa: F401 - the real server fixture

pytestmark = pytest.mark.django_db


def call(app, path="/recalls/", method="GET", **headers):
    """``app`` called as gunicorn calls it: (status, headers, body)."""
    environ = RequestFactory().generic(method, path, **headers).environ
    answer = {}

    def start_response(status, header_list, exc_info=None):
        answer.update(status=status, headers=header_list)

    body = b"".join(app(environ, start_response))
    return answer["status"], answer["headers"], body


def django_must_not_answer(environ, start_response):
    raise AssertionError(f"Django was asked for {environ['PATH_INFO']}")


def asked(environ, start_response):
    start_response("200 OK", [("X-Asked", "django")])
    return [b"from django"]


@pytest.fixture
def kept(client):
    """An effort page kept in the cache: its URL and the hit the middleware answers."""
    effort = RecallEffortFactory(title="Recall of Somebody")
    time.sleep(2 * CLOCK_SKEW)  # a page rendered right after a change is kept only as stale
    url = effort.get_absolute_url()
    assert client.get(url)["X-Cache"] == "miss"
    hit = client.get(url)
    assert hit["X-Cache"] == "hit"
    return effort, url, hit


def test_a_fresh_page_is_answered_in_front_of_django_exactly_as_the_middleware_answers(kept):
    _, url, hit = kept
    status, headers, body = call(ServeHits(django_must_not_answer), url)
    assert status == "200 OK"
    assert body == hit.content
    assert dict(headers) == dict(hit.items())  # every header: security, CSP, ETag, dates
    for name in ("Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options"):
        assert name in dict(headers)  # kept with the page: the cache is the outermost layer


def test_head_gets_the_headers_and_no_body(kept):
    _, url, hit = kept
    status, headers, body = call(ServeHits(django_must_not_answer), url, method="HEAD")
    assert status == "200 OK" and body == b""
    assert dict(headers)["Content-Length"] == str(len(hit.content))


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "POST"},
        {"HTTP_IF_NONE_MATCH": '"x"'},  # answered by the middleware, from the whole page
        {"HTTP_COOKIE": "sessionid=abc"},  # an editor: never the anonymous copy
        {"HTTP_HOST": "elsewhere.example"},  # a host Django would refuse
    ],
    ids=["post", "conditional", "session", "foreign host"],
)
def test_anything_but_a_plain_read_of_a_fresh_page_is_djangos(kept, request_kwargs, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    _, url, _ = kept
    status, headers, body = call(ServeHits(asked), url, **request_kwargs)
    assert body == b"from django"


def test_a_stale_page_or_the_cache_turned_off_is_djangos(kept, settings):
    effort, url, _ = kept
    effort.title = "Recall of Somebody Else"
    effort.save()
    assert call(ServeHits(asked), url)[2] == b"from django"  # to render, under the lock
    settings.PAGE_CACHE = False
    assert call(ServeHits(asked), url)[2] == b"from django"


def test_while_another_reader_renders_a_changed_page_the_others_get_the_kept_copy(kept):
    effort, url, hit = kept
    effort.title = "Recall of Somebody Else"
    effort.save()
    lock = RenderLock(page_key(RequestFactory().get(url)))
    assert lock.acquire()  # another reader is rendering it
    status, headers, body = call(ServeHits(django_must_not_answer), url)
    assert dict(headers)["X-Cache"] == "stale" and body == hit.content
    lock.release()
    assert call(ServeHits(asked), url)[2] == b"from django"


def test_the_deployed_application_is_django_behind_the_hits():
    assert isinstance(application, ServeHits)
    assert isinstance(application.app, WSGIHandler)


@pytest.fixture
def redis_cache(redis_url, settings):  # noqa: F811
    settings.CACHES = {"default": {"BACKEND": "ops.redis_cache.RedisCache", "LOCATION": redis_url}}
    yield caches["default"]
    caches["default"].clear()


def test_with_redis_a_hit_is_one_round_trip_and_an_edit_shows_at_once(
    redis_cache, client, monkeypatch
):
    effort = RecallEffortFactory(title="Recall of Somebody")
    time.sleep(2 * CLOCK_SKEW)
    url = effort.get_absolute_url()
    assert client.get(url)["X-Cache"] == "miss"
    sent = []
    send = AbstractConnection.send_packed_command
    monkeypatch.setattr(
        AbstractConnection,
        "send_packed_command",
        lambda self, command, *a, **kw: sent.append(command) or send(self, command, *a, **kw),
    )
    status, headers, body = call(ServeHits(django_must_not_answer), url)
    monkeypatch.undo()
    assert dict(headers)["X-Cache"] == "hit" and b"Recall of Somebody" in body
    assert len(sent) == 1  # the tags' check and the page, sent together
    effort.title = "Recall of Somebody Else"
    effort.save()
    after = client.get(url)
    assert after["X-Cache"] == "miss" and "Recall of Somebody Else" in after.content.decode()
