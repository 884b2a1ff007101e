"""Public pages: cacheable for anonymous readers, conditional GETs, invalidated by edits."""

import io
import time

import pytest
from django.core.cache import cache
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory
from django.utils.http import http_date, parse_http_date

from ops import db_timeouts
from ops.cache_tags import SITE, Recording, tags_bump
from ops.caching import CLOCK_SKEW, Page, PublicPageCacheMiddleware, page_key
from tests.factories import ArticleFactory, RecallEffortFactory
from tests.ops.test_health import database_unreachable

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/recalls/", "/officials/", "/elections/", "/articles/", "/search/?q=recall"]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_set_no_cookie_and_carry_the_security_headers(client, url):
    RecallEffortFactory()
    response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies, response.cookies
    assert "Set-Cookie" not in response
    csp = response["Content-Security-Policy"]
    for directive in ("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "public" in response["Cache-Control"]
    assert "Last-Modified" in response and "ETag" in response
    assert "Server" not in response and "X-Powered-By" not in response


def test_second_request_is_served_from_the_cache_without_queries(client, django_assert_num_queries):
    RecallEffortFactory()
    time.sleep(2 * CLOCK_SKEW)  # a page rendered right after a change is kept only as stale
    first = client.get("/recalls/")
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/recalls/")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]  # stored with the page, not hashed again


def test_if_none_match_and_if_modified_since_get_304(client):
    RecallEffortFactory()
    first = client.get("/recalls/")
    assert client.get("/recalls/", headers={"if-none-match": first["ETag"]}).status_code == 304
    # A minute after the page's own date: under a loaded CI machine an unrelated cache
    # write can make the page render again in a later second, with a newer Last-Modified.
    since = http_date(parse_http_date(first["Last-Modified"]) + 60)
    assert client.get("/recalls/", headers={"if-modified-since": since}).status_code == 304
    earlier = http_date(parse_http_date(first["Last-Modified"]) - 3600)
    assert client.get("/recalls/", headers={"if-modified-since": earlier}).status_code == 200


def test_an_edit_invalidates_the_cached_page(client):
    effort = RecallEffortFactory(title="Recall of Somebody")
    url = effort.get_absolute_url()
    before = client.get(url)
    assert "Recall of Somebody" in before.content.decode()
    effort.title = "Recall of Somebody Else"
    effort.save()
    after = client.get(url, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert after["X-Cache"] == "miss"
    assert "Recall of Somebody Else" in after.content.decode()


def test_logged_in_editors_are_never_served_the_anonymous_cache(admin_client, client):
    RecallEffortFactory()
    client.get("/recalls/")
    response = admin_client.get("/recalls/")
    assert "X-Cache" not in response


def test_an_import_invalidates_cached_pages_but_a_dry_run_does_not(
    client, tmp_path, django_capture_on_commit_callbacks, settings
):
    """The importer writes in bulk (no post_save), so it bumps the content version itself."""
    import json

    from django.core.management import call_command

    settings.PAGE_NEW_ARTICLE_LAG = 0  # the lag's own test is below
    RecallEffortFactory()
    (tmp_path / "one.json").write_text(
        json.dumps(
            {
                "title": "Zanzibar recall petition filed",
                "body": "Petitioners filed the recall papers at city hall on Monday.",
            }
        ),
        encoding="utf-8",
    )
    assert client.get("/articles/")["X-Cache"] == "miss"
    assert client.get("/articles/")["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):  # the test's transaction
        call_command("import_articles", str(tmp_path), "--dry-run", stdout=io.StringIO())
    assert client.get("/articles/")["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_articles", str(tmp_path), stdout=io.StringIO())
    after = client.get("/articles/")
    assert after["X-Cache"] == "miss"
    assert "Zanzibar recall petition filed" in after.content.decode()


def test_a_list_of_articles_lags_behind_new_ones_for_a_while_and_not_behind_edits(client, settings):
    """A new article (the importer adds several a second) shows on the pages listing articles
    within PAGE_NEW_ARTICLE_LAG seconds of their render; an edit of one, at once."""
    settings.PAGE_NEW_ARTICLE_LAG = 3
    article = ArticleFactory(title="Quillfeather speaks")
    outlet = article.outlet  # as the importer's articles mostly come from known outlets
    time.sleep(2 * CLOCK_SKEW)  # a page rendered right after a change is kept only as stale
    assert client.get("/articles/")["X-Cache"] == "miss"
    rendered = time.time()
    ArticleFactory(title="Quillfeather answers", outlet=outlet)
    kept = client.get("/articles/")
    assert time.time() - rendered < 3  # else this test's machine was too slow to tell
    assert kept["X-Cache"] == "hit" and "Quillfeather answers" not in kept.content.decode()
    time.sleep(max(0.0, rendered + 3 - time.time()))
    later = client.get("/articles/")
    assert later["X-Cache"] == "miss" and "Quillfeather answers" in later.content.decode()
    time.sleep(2 * CLOCK_SKEW)
    article.title = "Quillfeather speaks again"
    article.save()
    edited = client.get("/articles/")
    assert edited["X-Cache"] == "miss" and "Quillfeather speaks again" in edited.content.decode()


def test_while_one_request_renders_a_changed_page_the_others_get_the_stale_copy(client, settings):
    """No stampede: while another worker holds the render lock, every reader gets the old copy
    without waiting, however long ago the edit was; if that worker dies, its lock ends after
    PAGE_STALE_SECONDS and the next reader renders the page."""
    settings.PAGE_STALE_SECONDS = 1
    effort = RecallEffortFactory(title="Recall of Somebody")
    url = effort.get_absolute_url()
    time.sleep(2 * CLOCK_SKEW)
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    effort.title = "Recall of Somebody Else"
    effort.save()
    key = page_key(RequestFactory().get(url))  # the test client's scheme and host
    assert cache.add(f"lock:{key}", 1, timeout=settings.PAGE_STALE_SECONDS)  # a render began
    time.sleep(0.6)  # longer than the old fixed bound: the lock, not the edit's age, decides
    for _ in range(3):
        stale = client.get(url)
        assert stale["X-Cache"] == "stale"
        assert "Somebody Else" not in stale.content.decode()
    time.sleep(settings.PAGE_STALE_SECONDS)  # the render never finished: its lock ran out
    fresh = client.get(url)
    assert fresh["X-Cache"] == "miss"
    assert "Somebody Else" in fresh.content.decode()
    assert client.get(url)["X-Cache"] == "hit"


def test_the_reader_that_renders_a_changed_page_releases_the_lock(client):
    """The next edit is rendered by the next reader at once, not after the lock runs out."""
    effort = RecallEffortFactory(title="Recall of Somebody")
    url = effort.get_absolute_url()
    time.sleep(2 * CLOCK_SKEW)
    client.get(url)
    for title in ("Recall of Somebody Else", "Recall of Somebody Third"):
        effort.title = title
        effort.save()
        time.sleep(2 * CLOCK_SKEW)
        page = client.get(url)
        assert page["X-Cache"] == "miss"
        assert title in page.content.decode()
    assert not cache.get(f"lock:{page_key(RequestFactory().get(url))}")


@pytest.mark.django_db(transaction=True)
def test_a_changed_page_whose_render_fails_is_served_as_it_was(client):
    """Stale if error (RFC 5861): the reader whose render meets a database error (a statement
    timeout under load, the database away) gets the copy the others get meanwhile, not a
    503; the lock is released, and the next reader renders the page once it can."""
    effort = RecallEffortFactory(title="Recall of Somebody")
    url = effort.get_absolute_url()
    time.sleep(2 * CLOCK_SKEW)
    client.get(url)
    effort.title = "Recall of Somebody Else"
    effort.save()
    with database_unreachable():
        kept = client.get(url)
        assert kept.status_code == 200 and kept["X-Cache"] == "stale"
        assert "Somebody Else" not in kept.content.decode()
        assert client.get("/officials/").status_code == 503  # nothing kept: the 503
    assert not cache.get(f"lock:{page_key(RequestFactory().get(url))}")
    deadline = time.monotonic() + db_timeouts.BREAKER_SECONDS + 5
    while "Somebody Else" not in (page := client.get(url)).content.decode():
        assert time.monotonic() < deadline, page.status_code
        time.sleep(0.5)


@pytest.mark.django_db
def test_a_page_cached_under_one_host_does_not_fix_its_links_for_another(client, settings):
    settings.ALLOWED_HOSTS = ["recalls.example.org", "localhost"]
    time.sleep(2 * CLOCK_SKEW)
    internal = client.get("/", HTTP_HOST="localhost")
    assert "http://localhost/" in internal.content.decode()
    public = client.get("/", HTTP_HOST="recalls.example.org")
    assert public["X-Cache"] == "miss"
    page = public.content.decode()
    assert '<link rel="canonical" href="http://recalls.example.org/"' in page
    assert "http://localhost" not in page


@pytest.mark.django_db
def test_a_rate_limited_answer_is_not_kept_by_proxies(client, settings):
    settings.API_ANON_RATE = "2/minute"
    answers = [client.get(f"/api/efforts/?n={n}") for n in range(4)]
    limited = [a for a in answers if a.status_code == 429]
    assert limited, [a.status_code for a in answers]
    for answer in limited:
        assert "public" not in answer["Cache-Control"]
        assert "no-store" in answer["Cache-Control"] or "private" in answer["Cache-Control"]
    assert "public" in answers[0]["Cache-Control"]


def test_a_csv_export_is_kept_once_its_last_byte_went_out(client, django_assert_num_queries):
    effort = RecallEffortFactory(title="Recall of Somebody")
    time.sleep(2 * CLOCK_SKEW)  # a page rendered right after a change is kept only as stale
    first = client.get("/recalls/export.csv")
    assert (first.streaming, first["X-Cache"]) == (True, "miss")
    body = b"".join(first.streaming_content)
    assert b"Recall of Somebody" in body
    with django_assert_num_queries(0):
        kept = client.get("/recalls/export.csv")
    assert (kept["X-Cache"], kept.content) == ("hit", body)
    assert kept["Content-Disposition"] == first["Content-Disposition"]
    etag = {"if-none-match": kept["ETag"]}
    assert client.get("/recalls/export.csv", headers=etag).status_code == 304
    # An edit of a row it lists makes it stale, like any page that shows it.
    effort.title = "Recall of Somebody Else"
    effort.save()
    after = client.get("/recalls/export.csv")
    assert after["X-Cache"] == "miss"
    assert b"Recall of Somebody Else" in b"".join(after.streaming_content)


def test_a_download_that_breaks_off_is_not_kept(rf):
    def export(request):
        return StreamingHttpResponse(iter([b"id,title\n", b"1,Recall of Somebody\n"]))

    middleware = PublicPageCacheMiddleware(export)
    response = middleware(rf.get("/recalls/export.csv"))
    chunks = iter(response.streaming_content)
    assert next(chunks) == b"id,title\n"
    response.close()  # the reader went away
    assert cache.get(page_key(rf.get("/recalls/export.csv"))) is None
    whole = middleware(rf.get("/recalls/export.csv"))
    assert b"".join(whole.streaming_content).endswith(b"Somebody\n")
    assert middleware(rf.get("/recalls/export.csv"))["X-Cache"] in ("hit", "stale")


def test_a_slow_render_that_began_before_an_edit_does_not_put_the_old_page_back(rf):
    """Under load a render can outlast its lock: the one that began later (after the edit)
    is kept even if the older one finishes last."""
    key = page_key(rf.get("/recalls/"))
    newer = Page(key, None, Recording(), time.time())
    older = Page(key, None, Recording(), newer.started - 5)
    newer.store(HttpResponse(b"after the edit"), b"after the edit")
    older.store(HttpResponse(b"before the edit"), b"before the edit")
    response = PublicPageCacheMiddleware(lambda request: HttpResponse())(rf.get("/recalls/"))
    assert response.content == b"after the edit"


def test_storing_a_page_does_not_read_the_stored_page_back(rf, monkeypatch):
    """Only the start of the kept render is read to compare: the entry may be a whole CSV."""
    key = page_key(rf.get("/recalls/export.csv"))
    Page(key, None, Recording(), time.time() - 5).store(HttpResponse(b"x"), b"x" * 100_000)
    reads = []
    get = cache.get
    monkeypatch.setattr(cache, "get", lambda k, *a, **kw: reads.append(k) or get(k, *a, **kw))
    Page(key, None, Recording(), time.time()).store(HttpResponse(b"y"), b"y" * 100_000)
    assert reads and key not in reads
    assert get(key)[2] == b"y" * 100_000


def test_a_render_that_outlasted_its_lock_leaves_the_next_renderers_lock(rf):
    key = page_key(rf.get("/recalls/"))
    middleware = PublicPageCacheMiddleware(lambda request: HttpResponse(b"old"))
    middleware(rf.get("/recalls/"))
    tags_bump({SITE})  # an edit: the page (tagged SITE here, no view) is stale

    def slow_render(request):
        # Meanwhile our lock ran out and another reader took it to render the page.
        cache.set(f"lock:{key}", "another reader's", 30)
        return HttpResponse(b"new")

    assert PublicPageCacheMiddleware(slow_render)(rf.get("/recalls/"))["X-Cache"] == "miss"
    assert cache.get(f"lock:{key}") == "another reader's"


def test_a_long_export_keeps_its_render_lock_until_its_last_byte(rf, settings):
    """A CSV of every effort streams for many seconds under load: the lock is renewed while
    it streams, so the other readers get the previous copy instead of starting the same
    export each (it was four at once on election night), and released at its end."""
    settings.PAGE_STALE_SECONDS = 1
    key = page_key(rf.get("/recalls/export.csv"))

    def export(request):
        def rows():
            for n in range(5):
                time.sleep(0.5)
                yield f"{n},row\n".encode()

        return StreamingHttpResponse(rows())

    middleware = PublicPageCacheMiddleware(export)
    b"".join(middleware(rf.get("/recalls/export.csv")).streaming_content)
    tags_bump({SITE})  # an edit: the export is stale
    time.sleep(2 * CLOCK_SKEW)  # a page rendered right after a change is kept only as stale
    response = middleware(rf.get("/recalls/export.csv"))
    assert response["X-Cache"] == "miss"
    chunks = iter(response.streaming_content)
    for _ in range(4):  # 2 s: twice the lock's own life
        next(chunks)
    other = middleware(rf.get("/recalls/export.csv"))
    assert other["X-Cache"] == "stale"
    assert cache.get(f"lock:{key}") is not None
    assert list(chunks) == [b"4,row\n"]
    response.close()
    assert cache.get(f"lock:{key}") is None
    kept = middleware(rf.get("/recalls/export.csv"))
    assert (kept["X-Cache"], kept.content) == (
        "hit",
        b"".join(f"{n},row\n".encode() for n in range(5)),
    )


def test_a_stream_closed_before_its_first_byte_releases_the_lock(rf):
    middleware = PublicPageCacheMiddleware(lambda r: StreamingHttpResponse(iter([b"a"])))
    b"".join(middleware(rf.get("/recalls/export.csv")).streaming_content)
    tags_bump({SITE})
    response = middleware(rf.get("/recalls/export.csv"))
    response.close()  # the reader went away before anything was sent
    assert cache.get(f"lock:{page_key(rf.get('/recalls/export.csv'))}") is None
