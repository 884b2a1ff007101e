"""ops/revalidation.py through the page cache: a kept page whose tags changed is found still
current by its view's digest, without rendering it (the search page, after new articles)."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ops import revalidation
from ops.cache_tags import tags_bump
from ops.caching import CLOCK_SKEW
from tests.factories import ArticleFactory, OfficialFactory, OutletFactory, RecallEffortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_lag(settings):
    """Each new article makes the search stale at once, as when its lag is over
    (PAGE_NEW_ARTICLE_LAG: tests/ops/test_caching.py)."""
    settings.PAGE_NEW_ARTICLE_LAG = 0


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries.captured_queries]


@pytest.fixture
def kept_search(client, warm_content_types):
    OfficialFactory(name="Pat Quillfeather")
    outlet = OutletFactory()  # as the importer's articles mostly come from known outlets
    ArticleFactory(title="Quillfeather speaks", outlet=outlet)
    time.sleep(2 * CLOCK_SKEW)  # a page rendered right after a change is kept only as stale
    url = "/search/?q=Quillfeather"
    first, _ = get(client, url)
    assert first["X-Cache"] == "miss"
    return url, outlet, first


def test_a_search_made_stale_by_an_article_it_does_not_show_is_kept_without_a_render(
    client, kept_search
):
    url, outlet, first = kept_search
    ArticleFactory(title="Council debates the budget", outlet=outlet)
    time.sleep(2 * CLOCK_SKEW)  # else kept only as stale: it may have read the state before
    again, sql = get(client, url)
    assert again["X-Cache"] == "revalidated"
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert len(sql) == 1 and 'FROM "articles_article"' in sql[0]  # the new ones' look-up
    assert get(client, url)[0]["X-Cache"] == "hit"  # kept under the new versions


def test_a_new_article_the_search_shows_is_rendered(client, kept_search):
    url, outlet, _ = kept_search
    ArticleFactory(title="Quillfeather answers", outlet=outlet)
    response, _ = get(client, url)
    assert response["X-Cache"] == "miss"
    assert "Quillfeather answers" in response.content.decode()


def test_a_change_while_it_is_revalidated_shows_to_the_next_reader(
    client, kept_search, monkeypatch
):
    url, outlet, _ = kept_search
    original = revalidation.REVALIDATORS["recalls:search"]

    def meanwhile(request):
        found = original(request)
        tags_bump({"new:articles.article"})  # another article arrives while it looks
        return found

    monkeypatch.setitem(revalidation.REVALIDATORS, "recalls:search", meanwhile)
    ArticleFactory(title="Council debates the budget", outlet=outlet)
    time.sleep(2 * CLOCK_SKEW)
    assert get(client, url)[0]["X-Cache"] == "revalidated"
    assert get(client, url)[0]["X-Cache"] != "hit"  # looked at again


def test_a_page_without_a_revalidator_is_rendered_as_before(client):
    effort = RecallEffortFactory(title="Recall of Somebody")
    time.sleep(2 * CLOCK_SKEW)
    client.get("/recalls/")
    effort.title = "Recall of Somebody Else"
    effort.save()
    response = client.get("/recalls/")
    assert response["X-Cache"] == "miss" and "Recall of Somebody Else" in response.content.decode()


def test_the_digest_tells_parts_apart():
    assert revalidation.digest("a", 1) == revalidation.digest("a", 1)
    assert revalidation.digest("a", 1) != revalidation.digest("a1")
