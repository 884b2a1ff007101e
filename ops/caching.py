"""Whole-page caching for anonymous readers, invalidated by what each edit changes.

A page is stored in the shared cache (Redis across machines; on one machine the SQLite file
cache, ops/sqlite_cache.py, that all workers share) under its URL, with the tags of what it
shows and their versions at the time it was rendered (ops/cache_tags.py). A stored page is
served while every one of its tags still has that version (one ``get_many``); an edit bumps
the tags of what it changed when its transaction commits, so only the pages that show it
go stale, through every worker and app server at once.

No stampede: the first request to meet a stale page takes a short lock (``cache.add``) and
has it rendered, on a thread beside the request threads that it waits for a moment
(ops/refresh.py); while the lock is held, the others are served the stale copy without
waiting, so a hot page is rendered by one request at a time however often it changes. The
edit shows as soon as that render is stored. The lock lasts ``PAGE_STALE_SECONDS``: if its
holder dies or hangs, the next reader after that renders the page instead. A page whose
render overlapped an edit of one of its tags is stored only as a stale copy (it may show the
state before the edit), so the next reader renders it again.

Browsers and proxies may keep a page for ``PAGE_MAX_AGE`` seconds (the downstream half of
the freshness promise in README.md). Responses carry ``Last-Modified`` (when the page was
rendered) and, through ConditionalGetMiddleware, an ``ETag``; a matching ``If-None-Match``
or ``If-Modified-Since`` gets ``304``.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import time
from http.client import responses

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest
from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, set_response_etag
from django.utils.http import http_date, quote_etag

from ops.cache_tags import (
    DETAIL_PAGES,
    current_versions,
    lags,
    page_tags,
    recording,
    still_current,
    tag_key,
    version_time,
)
from ops.refresh import refreshed
from ops.revalidation import REVALIDATORS

UNCACHED_PREFIXES = ("/admin/", "/healthz", "/livez", "/readyz", "/static/")
# A render that began less than this after a tag's bump may have read the state before it:
# the clocks of app servers sharing one Redis differ by a few milliseconds under NTP.
CLOCK_SKEW = 0.02


# A streamed answer (CSV) larger than this is served but not kept.
STREAM_KEEP_BYTES = 64 * 2**20

# A conditional request's headers: answered from the whole page, once it is kept.
CONDITIONS = (
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)
# Its response half only, on the page cache's own answers (the callable is never called).
CONDITIONAL = ConditionalGetMiddleware(HttpResponse)

# Answers that are the same for every reader, so proxies and browsers may keep them.
SHAREABLE_STATUSES = frozenset({200, 301, 308, 404, 410})


def page_key(request) -> str:
    """One entry per scheme, host and path: pages print absolute URLs (canonical, Open Graph,
    the embed code), so a request under another allowed host must not fix them for all.

    And one per day: what is active depends on today's date (recalls/staleness.py), and no
    edit marks the change, so a page rendered yesterday is never served today."""
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    day = timezone.localdate().isoformat()
    # "page3": entries carry every header of the answer (the page cache is the outermost
    # middleware since #17, and hits are answered before Django, ServeHits); older ones
    # are never read.
    return "page3:" + hashlib.sha256(f"{day} {url}".encode()).hexdigest()


def is_cacheable(request) -> bool:
    return (
        settings.PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(UNCACHED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache; store fresh 200 answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable(request):
            return self.get_response(request)
        # The page is rendered and kept whole; a conditional request is answered from it
        # afterwards, as a hit is (ConditionalGetMiddleware, inside, would answer 304 to the
        # render and leave nothing to keep).
        conditions = {name: request.META.pop(name) for name in CONDITIONS if name in request.META}
        response = self.answer(request, page_key(request))
        request.META.update(conditions)
        return CONDITIONAL.process_response(request, response)

    def answer(self, request, key):
        entry, fresh, _ = lookup(key)
        if fresh:
            return stored_response(entry, "hit")
        if entry is not None:
            lock = RenderLock(key)
            if not lock.acquire():
                return stored_response(entry, "stale")
            # Rendered beside this reader, who waits for it a moment (ops/refresh.py).
            return refreshed(
                lambda copy: self.refresh(copy, key, entry, lock),
                request,
                priority=refresh_priority(request, entry),
                stale=lambda state: stored_response(entry, state),
                kept=lambda: self.kept(key, entry),
                drop=lock.release,
                since=entry[0],
            )
        return self.render(request, key)

    def refresh(self, request, key, entry, lock: RenderLock):
        """A stale page revalidated or rendered again, holding its render lock; None if the
        lock ran out while the render waited for a thread (a later reader took it over)."""
        if not lock.held():
            return None
        response = None
        try:
            if (kept := self.revalidated(request, key, entry)) is not None:
                return kept
            response = self.render(request, key, lock)
            if response.status_code >= 500 and not response.streaming:
                # Stale if error (RFC 5861): the copy readers had a moment ago, rather
                # than an error page (a search's statement timeout under load, the
                # database away), while the others are still served it too.
                return stored_response(entry, "stale")
            return response
        finally:
            if response is None or not response.streaming:
                lock.release()  # a stream releases it after its last byte

    @staticmethod
    def kept(key, stale_entry) -> HttpResponse:
        """A streamed page just rendered again, as kept (or the copy before, if it was not)."""
        entry, fresh, _ = lookup(key)
        return stored_response(entry, "miss") if fresh else stored_response(stale_entry, "stale")

    @staticmethod
    def revalidated(request, key, entry) -> HttpResponse | None:
        """A changed page found still current without rendering it (ops/revalidation.py),
        kept again with its tags' new versions; None: it is to be rendered."""
        kept = cache.get(f"{key}:digest")
        revalidate = kept and REVALIDATORS.get(kept[0])
        if not revalidate:
            return None
        started = time.time()
        # Read before looking: a change after this one shows at the next reader's check.
        versions = current_versions(entry[0])
        try:
            with recording():
                if revalidate(request) != kept[1]:
                    return None
        except DatabaseError:
            return None  # rendered, or the copy kept if that fails too
        _, status, content, headers, _ = entry
        Page(key, kept[0], None, started, digest=kept[1]).keep(versions, status, content, headers)
        return stored_response(entry, "revalidated")

    def render(self, request, key, lock: RenderLock | None = None):
        started = time.time()
        with recording() as rec:
            response = self.get_response(request)
        if response.streaming:
            # Whatever happens to the stream, its end releases the lock.
            response.streaming_content = Closing(response.streaming_content, lock)
        if response.status_code >= 500:
            # A 503 while the database is away must not be kept by a proxy or browser.
            add_never_cache_headers(response)
            return response
        if response.status_code not in SHAREABLE_STATUSES:
            # A 429 or 403 is one client's answer: a proxy must not serve it to everyone.
            add_never_cache_headers(response)
            return response
        response["Last-Modified"] = http_date(started)
        patch_cache_control(response, public=True, max_age=settings.PAGE_MAX_AGE)
        if response.status_code == 200 and not response.cookies:
            match = request.resolver_match
            digest = getattr(request, "page_digest", None)  # ops/revalidation.py
            page = Page(key, match and match.view_name, rec, started, lock, digest=digest)
            if response.streaming:
                # Kept once the last byte has gone out (a CSV export: seconds of work).
                content = response.streaming_content
                response.streaming_content = page.kept_when_complete(response, content)
            else:
                # Stored with the page, so that a hit does not hash the content again.
                if not response.has_header("ETag"):  # ConditionalGetMiddleware sets it
                    set_response_etag(response)
                page.store(response, response.content)
        response["X-Cache"] = "miss"
        return response


class Page:
    """A rendered page on its way into the cache."""

    def __init__(
        self, key: str, view_name: str | None, rec, started: float, lock=None, digest=None
    ):
        self.key, self.view_name, self.rec, self.started = key, view_name, rec, started
        self.lock, self.digest = lock, digest

    def store(self, response, content: bytes) -> None:
        versions = current_versions(page_tags(self.view_name, self.rec))
        headers = [
            (k, v) for k, v in response.items() if k.lower() not in ("set-cookie", "x-cache")
        ]
        if response.streaming:
            etag = hashlib.md5(content, usedforsecurity=False).hexdigest()
            headers.append(("ETag", quote_etag(etag)))
        self.keep(versions, response.status_code, content, headers)

    def keep(self, versions: dict, status: int, content: bytes, headers: list) -> None:
        """Into the cache, current at ``versions`` (read before the page was), unless a later
        render is kept already."""
        versions = {
            # Changed while rendering: kept only as a stale copy.
            tag: ""
            if not lags(tag) and version_time(version) > self.started - CLOCK_SKEW
            else version
            for tag, version in versions.items()
        }
        # The start of the render kept, under a key of its own: the entry may be a whole
        # CSV export, not worth reading back for one number.
        started_key = f"{self.key}:started"
        kept = cache.get(started_key)
        if kept is not None and kept > self.started:
            # A render that began later (after an edit ours may not show) is already kept:
            # a slow older one finishing last must not put the old state back.
            return
        entry = (versions, status, content, headers, self.started)
        data = {self.key: entry, started_key: self.started}
        if self.digest:
            data[f"{self.key}:digest"] = (self.view_name, self.digest)
        seconds = settings.CACHE_MIDDLEWARE_SECONDS
        if hasattr(cache, "set_page"):  # Redis: the checks of a one-round-trip hit
            checks, lagging = {}, {}
            for tag, version in versions.items():
                (lagging if lags(tag) else checks)[tag_key(tag)] = version
            current = all(versions.values())  # "": changed while rendering
            grace = self.started + settings.PAGE_NEW_ARTICLE_LAG - time.time()
            cache.set_page(data, checks if current else None, self.key, seconds, lagging, grace)
        else:
            cache.set_many(data, seconds)

    def kept_when_complete(self, response, content):
        """Pass the streamed chunks on, and store the whole once all have been sent; not a
        download that broke off, failed or outgrew ``STREAM_KEEP_BYTES``."""
        chunks: list[bytes] | None = []
        size = 0
        # The later chunks' queries run after the view returned: recorded here too.
        with recording() as more:
            for chunk in content:
                if chunks is not None:
                    size += len(chunk)
                    if size > STREAM_KEEP_BYTES:
                        chunks = None
                    else:
                        chunks.append(chunk)
                if self.lock:
                    self.lock.renew()  # a long export: no second reader starts another
                yield chunk
        if chunks is not None:
            self.rec.note(tables=more.tables, columns=more.columns, objects=more.objects)
            self.store(response, b"".join(chunks))


class RenderLock:
    """The one reader rendering a stale page (``cache.add``). It lasts
    ``PAGE_STALE_SECONDS`` unless renewed, so a render that dies or hangs holds it no longer;
    only its holder releases or renews it (not a reader who took it after it ran out)."""

    def __init__(self, key: str):
        self.key, self.token = f"lock:{key}", secrets.token_hex(8)
        # Whole seconds: the Redis backend rounds a timeout down, and 0 means "no lock".
        self.seconds = max(1, math.ceil(settings.PAGE_STALE_SECONDS))
        self.renewed = 0.0

    def acquire(self) -> bool:
        self.renewed = time.monotonic()
        return cache.add(self.key, self.token, timeout=self.seconds)

    def renew(self) -> None:
        """For as long as a stream goes on: a few times in each of the lock's lives."""
        if time.monotonic() - self.renewed >= self.seconds / 3 and self.held():
            cache.touch(self.key, self.seconds)
            self.renewed = time.monotonic()

    def held(self) -> bool:
        return cache.get(self.key) == self.token

    def release(self) -> None:
        if self.held():
            cache.delete(self.key)


class Closing:
    """A streamed body whose close also releases the render lock (even if never started)."""

    def __init__(self, chunks, lock: RenderLock | None):
        self.chunks, self.lock = iter(chunks), lock

    def __iter__(self):
        return self.chunks

    def close(self):
        try:
            if hasattr(self.chunks, "close"):
                self.chunks.close()
        finally:
            if self.lock:
                self.lock.release()


def lookup(key: str) -> tuple[tuple | None, bool, bool]:
    """The stored entry under ``key`` (or None); whether every tag it depends on still has
    the version it was rendered at; and whether a reader holds its render lock (Redis: one
    round trip; otherwise three calls)."""
    lock = f"lock:{key}"
    if hasattr(cache, "get_page"):  # Redis (ops/redis_cache.py)
        entry, fresh, (holder,) = cache.get_page(key, also=(lock,))
        return entry, fresh, holder is not None
    entry = cache.get(key)
    if entry is None:
        return None, False, False
    versions, started = entry[0], entry[4]
    current = cache.get_many([tag_key(tag) for tag in versions])
    fresh = still_current(versions, {tag: current.get(tag_key(tag)) for tag in versions}, started)
    return entry, fresh, not fresh and cache.get(lock) is not None


def refresh_priority(request, entry) -> tuple[int, int]:
    """Where a stale page's render goes in the queue (ops/refresh.py): a page about one
    object first, then the smallest."""
    try:
        view_name = resolve(request.path_info).view_name
    except Resolver404:
        view_name = None
    return (0 if view_name in DETAIL_PAGES else 1, len(entry[2]))


def stored_response(entry, state: str) -> HttpResponse:
    _, status, content, headers, _ = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = state
    return response


class ServeHits:
    """WSGI: a kept page is answered before Django's handler and middleware run when it is
    fresh, or while another reader holds its render lock (the stale copy).

    The answer is the one PublicPageCacheMiddleware gives a hit (the same key, check and
    stored headers; it is the outermost middleware, so the kept headers are all of them),
    without what a hit does not need: the request signals, a chain of middleware and an
    ``HttpResponse``. That was more than half of a hit's CPU. Anything else (a page to
    render, a conditional request, a host Django would refuse, the cache away) is
    Django's to answer, as before.
    """

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        answer = self.hit(environ) if settings.PAGE_CACHE else None
        if answer is None:
            return self.app(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [body]

    @staticmethod
    def hit(environ) -> tuple[str, list, bytes] | None:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or any(
            name in environ for name in CONDITIONS
        ):
            return None
        try:
            request = WSGIRequest(environ)
            if not is_cacheable(request):
                return None
            entry, fresh, locked = lookup(page_key(request))
        except Exception:  # noqa: BLE001 - e.g. DisallowedHost, Redis away: Django answers
            return None
        if entry is None or not (fresh or locked):
            return None  # to render (the middleware takes the lock)
        # While one reader renders a changed page, the others get the copy they had.
        state = "hit" if fresh else "stale"
        _, status, content, headers, _ = entry
        body = b"" if request.method == "HEAD" else content
        return f"{status} {responses.get(status, '')}", [*headers, ("X-Cache", state)], body
