"""ops/cache_outage.py: with Redis stopped or hung, readers get every page (rendered, not
kept) and editors save; once it answers again, nothing an edit changed is served old."""

import logging
import time

import pytest
import redis
from django.core.cache import caches

from ops import cache_outage
from ops.caching import CLOCK_SKEW
from recalls.models import RecallEffort
from tests.admin_pages import admin_url, editor, form_data, page_form
from tests.factories import RecallEffortFactory
from tests.ops.servers import redis_server

pytestmark = pytest.mark.django_db

PAGES = ["/", "/recalls/", "/officials/", "/search/?q=Quillfeather", "/api/efforts/", "/healthz"]


@pytest.fixture
def redis_cache(tmp_path, settings, monkeypatch):
    """The shared cache on a real redis-server, with the deployed client's timeouts; its
    process, to stop or pause."""
    # This process's view of the cache, as it was before (and is again after) the test.
    monkeypatch.setattr(cache_outage, "DOWN_SECONDS", 0.5)
    monkeypatch.setattr(cache_outage, "_down_until", 0.0)
    monkeypatch.setattr(cache_outage, "_lost", set())
    with redis_server(tmp_path) as (url, process):
        settings.CACHES = {
            "default": {
                "BACKEND": "ops.redis_cache.RedisCache",
                "LOCATION": url,
                "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            }
        }
        yield url, process


def edit_summary(client, effort, summary):
    """The editor's save, through the change form the admin renders."""
    user = editor("outage-editor")
    client.force_login(user)
    url = admin_url(effort, "change", effort.pk)
    response = client.post(url, form_data(page_form(client.get(url)), {"summary": summary}))
    client.logout()
    assert response.status_code == 302, response.content.decode()[:2000]


def test_with_redis_stopped_every_page_is_served_and_an_editor_saves(redis_cache, client, caplog):
    _, process = redis_cache
    effort = RecallEffortFactory(title="Recall of Pat Quillfeather", summary="Before.")
    for page in PAGES:
        client.get(page)
    process.terminate()
    process.wait(10)
    with caplog.at_level(logging.WARNING, logger="ops.cache_outage"):
        for page in [*PAGES, effort.get_absolute_url()]:
            response = client.get(page)
            assert response.status_code == 200, page
            assert response.get("X-Cache") in (None, "miss"), page  # rendered, not kept
        edit_summary(client, effort, "Saved while the cache was away.")
        assert "Saved while the cache was away." in client.get(effort.get_absolute_url()).text
    assert RecallEffort.objects.get(pk=effort.pk).summary == "Saved while the cache was away."
    warnings = [r for r in caplog.records if r.name == "ops.cache_outage"]
    assert warnings and "shared cache unreachable" in warnings[0].getMessage()
    assert len(warnings) <= 3  # once per DOWN_SECONDS, not once per call


def test_an_edit_while_redis_hung_shows_once_it_answers_again(redis_cache, client):
    """A hung Redis that comes back with its data (a network cut, not a restart) must not
    serve the page kept before an edit made meanwhile."""
    url, _ = redis_cache
    effort = RecallEffortFactory(title="Recall of Pat Quillfeather", summary="Before.")
    page = effort.get_absolute_url()
    time.sleep(2 * CLOCK_SKEW)
    client.get(page)
    assert client.get(page)["X-Cache"] == "hit"
    redis.Redis.from_url(url).execute_command("CLIENT", "PAUSE", 2500, "ALL")
    started = time.monotonic()
    edit_summary(client, effort, "Edited while the cache hung.")
    assert cache_outage.is_down() and cache_outage._lost  # its tags could not be bumped
    assert "Edited while the cache hung." in client.get(page).text
    time.sleep(max(0.0, started + 3 - time.monotonic()))  # the pause is over
    time.sleep(cache_outage.DOWN_SECONDS)
    after = client.get(page)
    assert "Edited while the cache hung." in after.text, after["X-Cache"]
    assert not cache_outage._lost
    time.sleep(2 * CLOCK_SKEW)
    client.get(page)
    assert client.get(page)["X-Cache"] == "hit"  # kept again
    caches["default"].clear()
