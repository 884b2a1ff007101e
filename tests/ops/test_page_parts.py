"""A page about one object keeps its rendered parts until an object it shows changes
(ops/page_parts.py): for readers when the page cache is off or missed, and for editors, who
are logged in and never get the page cache."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recalls.models import RecallEffort
from tests.ops import test_cache_tags
from tests.ops.test_cache_tags import EDITS, text

pytestmark = pytest.mark.django_db
world = test_cache_tags.world  # the fixture: an effort, its rows, and unrelated ones

# (url, edit it shows, an edit it does not show): every page type whose parts are kept: the
# pages about one object, the home page and lists, the feeds, the API's lists and records.
PAGES = [
    *(
        (url, shown, unrelated)
        for url, shown, unrelated in test_cache_tags.PAGES
        if "calendar" not in url and not url.startswith("/search/")
    ),
    ("/recalls/recall-alexandra/", "effort", "other article"),
]


@pytest.fixture
def editor_client(client):
    """Logged in, as an editor checking the page after a save: no page cache."""
    user = get_user_model().objects.create_user("editor", password="x", is_staff=True)
    client.force_login(user)
    return client


def queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert "X-Cache" not in response
    return len(captured), text(response)


@pytest.mark.parametrize(("url", "shown", "unrelated"), PAGES)
def test_an_edit_shows_at_once_and_an_unrelated_one_keeps_the_parts(
    editor_client,
    world,
    url,
    shown,
    unrelated,
    django_capture_on_commit_callbacks,
):
    first_count, first = queries(editor_client, url)
    kept_count, kept = queries(editor_client, url)
    # The session and user, not the object: the page's own queries are skipped.
    assert kept_count < first_count
    assert kept == first
    with django_capture_on_commit_callbacks(execute=True):
        EDITS[unrelated](world)
    count, page = queries(editor_client, url)
    assert count == kept_count, f"{unrelated} made the parts of {url} stale"
    assert "Renamed" not in page
    with django_capture_on_commit_callbacks(execute=True):
        EDITS[shown](world)
    count, page = queries(editor_client, url)
    assert count > kept_count
    assert "Renamed" in page, f"{shown} not visible on {url}"


def test_parts_are_the_page_byte_for_byte(client, world, settings):
    urls = sorted({url for url, *_ in PAGES})
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = False
    rendered = {url: text(client.get(url)) for url in urls}
    settings.FRAGMENT_CACHE = True
    for url in urls:
        client.get(url)
        assert text(client.get(url)) == rendered[url], url


def test_parts_are_kept_per_site_address(client, world, settings):
    """The embed code and the printed notes give full addresses: one site's parts are not
    served to another."""
    settings.PAGE_CACHE = False
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    url = "/recalls/recall-alexandra/"
    client.get(url, HTTP_HOST="one.example")
    page = text(client.get(url, HTTP_HOST="two.example"))
    assert "http://two.example/recalls/recall-alexandra/embed/" in page
    assert "one.example" not in page


def test_a_missing_page_is_not_kept_and_a_deleted_one_goes_at_once(
    client,
    world,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.PAGE_CACHE = False
    assert client.get("/recalls/no-such-effort/").status_code == 404
    url = "/recalls/recall-bartholomew/"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        RecallEffort.objects.get(slug="recall-bartholomew").delete()
    assert client.get(url).status_code == 404
