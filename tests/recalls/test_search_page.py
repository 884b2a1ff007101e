"""The search page: across kinds, ignoring case and accents; what to try; its query count;
its two parts kept apart, and every change on the next search."""

import io
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from ops.caching import CLOCK_SKEW
from ops.query_budget import PAGE_QUERIES
from recalls import search_page
from recalls.models import EffortStatus
from tests.factories import (
    ArticleFactory,
    ElectionFactory,
    OfficialFactory,
    OutletFactory,
    RecallEffortFactory,
)
from tests.recalls.pages import text

pytestmark = pytest.mark.django_db


def test_search_ignores_case_and_accents_across_kinds(client, efforts):
    ElectionFactory(name="Gascón recall election")
    ArticleFactory(title="GASCON faces a second recall")
    page = text(client.get(reverse("recalls:search") + "?q=gascon"))
    assert "Second recall of the Los Angeles DA" in page
    assert "George Gascón" in page
    assert "Gascón recall election" in page
    assert "GASCON faces a second recall" in page
    assert "Recall of Chesa Boudin" not in page


def test_search_without_matches_says_what_to_try(client, efforts):
    page = text(client.get(reverse("recalls:search") + "?q=zzzz"))
    assert "Nothing matches “zzzz”" in page


def test_search_query_count(client, efforts, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get(reverse("recalls:search"))
    with django_assert_num_queries(PAGE_QUERIES["search"]):
        client.get(reverse("recalls:search") + "?q=recall")


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE = False  # the page's own render: what the first reader after a change gets


def search(client, query: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/search/", {"q": query}).content.decode()
    return html, [q["sql"] for q in queries.captured_queries]


def reads(sql: list[str], table: str) -> bool:
    return any(f'FROM "{table}"' in q for q in sql)


def test_a_new_article_is_found_at_once_and_the_records_are_read_back(
    client, warm_content_types, settings
):
    # The page kept whole may lag behind new articles (tests/ops/test_caching.py); its
    # parts never do.
    settings.PAGE_NEW_ARTICLE_LAG = 0
    official = OfficialFactory(name="Pat Quillfeather")
    RecallEffortFactory(title="Recall of Pat Quillfeather", targets=[official])
    outlet = OutletFactory()  # as the importer's articles mostly come from known outlets
    search(client, "Quillfeather")
    html, sql = search(client, "Quillfeather")
    assert sql == []  # both parts read back
    ArticleFactory(title="Quillfeather recall heads to the ballot", outlet=outlet)
    html, sql = search(client, "Quillfeather")
    assert "Quillfeather recall heads to the ballot" in html
    assert "Recall of Pat Quillfeather" in html and "3 results" in html
    assert reads(sql, "articles_article")
    assert not reads(sql, "recalls_official") and not reads(sql, "recalls_recalleffort")


def test_an_edited_record_or_article_shows_on_the_next_search(client, no_page_cache):
    official = OfficialFactory(name="Pat Quillfeather")
    article = ArticleFactory(title="Quillfeather speaks")
    search(client, "Quillfeather")
    official.name = "Pat Quillfeather-Ruiz"
    official.save()
    article.title = "Quillfeather speaks again"
    article.save()
    html, _ = search(client, "Quillfeather")
    assert "Pat Quillfeather-Ruiz" in html and "Quillfeather speaks again" in html
    Article.objects.filter(pk=article.pk).delete()
    html, _ = search(client, "Quillfeather")
    assert "Quillfeather speaks" not in html and "1 result " in html


def test_a_partial_word_finds_through_the_page_and_nothing_says_so(client, no_page_cache):
    OfficialFactory(name="Pat Quillfeather")
    assert "Pat Quillfeather" in search(client, "Quillfea")[0]
    html, _ = search(client, "Zanzibarian")
    assert "Nothing matches “Zanzibarian”" in html
    ArticleFactory(title="A Zanzibarian view")
    assert "A Zanzibarian view" in search(client, "Zanzibarian")[0]


def test_a_new_article_that_does_not_match_leaves_the_articles_kept(client, no_page_cache):
    """The importer adds articles all night: each makes every search's articles part stale,
    and a search asks only whether one of the new articles matches it."""
    outlet = OutletFactory()  # a new outlet would change what the part reads
    ArticleFactory(title="Quillfeather speaks", outlet=outlet)
    first, _ = search(client, "Quillfeather")
    ArticleFactory(title="Council debates the budget", outlet=outlet)
    html, sql = search(client, "Quillfeather")
    assert html == first
    assert len(sql) == 1 and reads(sql, "articles_article")  # the look-up among new ones
    html, sql = search(client, "Quillfeather")
    assert sql == []  # kept again under the new versions
    ArticleFactory(title="Quillfeather answers", outlet=outlet)
    html, _ = search(client, "Quillfeather")
    assert "Quillfeather answers" in html and "Quillfeather speaks" in html


def test_a_kept_articles_part_is_read_again_once_as_old_as_a_page_may_be(
    client, no_page_cache, settings, monkeypatch
):
    """An article whose id is below the one the part was read above (a long import that
    started earlier) is found when the part is read again from scratch."""
    outlet = OutletFactory()
    ArticleFactory(title="Quillfeather speaks", outlet=outlet)
    search(client, "Quillfeather")
    ArticleFactory(title="Council debates the budget", outlet=outlet)
    html, sql = search(client, "Quillfeather")
    assert len(sql) == 1  # kept: the one look-up
    ArticleFactory(title="Council debates again", outlet=outlet)
    later = time.time() + settings.CACHE_MIDDLEWARE_SECONDS + 1
    monkeypatch.setattr(search_page, "now", lambda: later)
    html, sql = search(client, "Quillfeather")
    assert len(sql) > 1  # not the one look-up: the part again


def test_an_import_leaves_a_search_it_does_not_match_kept(
    client, no_page_cache, tmp_path, django_capture_on_commit_callbacks
):
    """The real importer, its new outlet-known article and suggested mentions: the search
    for a name the article does not contain keeps its articles part after one look-up."""
    OutletFactory(name="Springfield Gazette")
    official = OfficialFactory(name="Rafael Normont")
    ArticleFactory(title="Quillfeather speaks", outlet=OutletFactory())
    first, _ = search(client, "Quillfeather")
    (tmp_path / "a.txt").write_text(
        "Recall petition against Rafael Normont gathers steam\n\n"
        "By Staff Writer | Springfield Gazette | 2026-12-01\n\n"
        "Organizers said on Monday that the recall petition against Rafael Normont had "
        "gathered 4,000 signatures.\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_articles", str(tmp_path), stdout=io.StringIO())
    assert Article.objects.filter(mentions__official=official).exists()
    html, sql = search(client, "Quillfeather")
    assert html == first
    assert len(sql) == 1  # the look-up among the new articles


def test_an_edit_of_an_efforts_text_leaves_the_records_kept(client, no_page_cache):
    """Election night's editors save summaries every few seconds: a search reads its
    records again only if an edited effort is among them or matches it now."""
    official = OfficialFactory(name="Pat Quillfeather")
    shown = RecallEffortFactory(title="Recall of Pat Quillfeather", targets=[official])
    other = RecallEffortFactory(title="Recall of Dana Elsewhere", summary="Filed in May.")
    time.sleep(2 * CLOCK_SKEW)  # a part read just after a change is checked as changed
    first, _ = search(client, "Quillfeather")
    other.summary = "Signatures are due Friday."
    other.save()
    html, sql = search(client, "Quillfeather")
    assert html == first
    assert len(sql) <= 1  # at most the look-up of the efforts matching now
    other.summary = "Quillfeather's allies back this one too."
    other.save()
    html, _ = search(client, "Quillfeather")
    if connection.vendor == "postgresql":  # summaries are searched there
        assert "Recall of Dana Elsewhere" in html
    shown.title = "Recall of Pat Quillfeather, again"
    shown.save()
    assert "Recall of Pat Quillfeather, again" in search(client, "Quillfeather")[0]


def test_a_new_effort_or_a_status_makes_the_records_read_again(client, no_page_cache):
    official = OfficialFactory(name="Pat Quillfeather")
    RecallEffortFactory(title="Recall of Pat Quillfeather", targets=[official])
    time.sleep(2 * CLOCK_SKEW)
    search(client, "Quillfeather")
    RecallEffortFactory(title="Second recall of Pat Quillfeather", targets=[official])
    assert "Second recall of Pat Quillfeather" in search(client, "Quillfeather")[0]
    elsewhere = RecallEffortFactory(title="Recall of Dana Elsewhere")
    time.sleep(2 * CLOCK_SKEW)
    search(client, "Quillfeather")
    elsewhere.status = EffortStatus.RECALLED
    elsewhere.save()
    _, sql = search(client, "Quillfeather")
    assert reads(sql, "recalls_official")  # read again: a status is not an effort's text
