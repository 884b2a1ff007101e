"""Whole-page caching for anonymous readers, invalidated by what each edit changes.

A page is stored in the shared cache (Redis across machines; on one machine the SQLite file
cache, ops/sqlite_cache.py, that all workers share) under its URL, with the tags of what it
shows and their versions at the time it was rendered (ops/cache_tags.py). A stored page is
served while every one of its tags still has that version (one ``get_many``); an edit bumps
the tags of what it changed when its transaction commits, so only the pages that show it
go stale, through every worker and app server at once.

No stampede: the first request to meet a stale page takes a short lock (``cache.add``) and
renders it; while the lock is held, the others are served the stale copy without waiting, so
a hot page is rendered by one request at a time however often it changes. The edit shows as
soon as that render is stored. The lock lasts ``PAGE_STALE_SECONDS``: if its holder dies or
hangs, the next reader after that renders the page instead. A page whose render overlapped
an edit of one of its tags is stored only as a stale copy (it may show the state before the
edit), so the next reader renders it again.

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

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, set_response_etag
from django.utils.http import http_date, quote_etag

from ops.cache_tags import current_versions, page_tags, recording, version_time

UNCACHED_PREFIXES = ("/admin/", "/healthz", "/livez", "/readyz", "/static/")
# A render that began less than this after a tag's bump may have read the state before it:
# the clocks of app servers sharing one Redis differ by a few milliseconds under NTP.
CLOCK_SKEW = 0.02


# A streamed answer (CSV) larger than this is served but not kept.
STREAM_KEEP_BYTES = 64 * 2**20

# Answers that are the same for every reader, so proxies and browsers may keep them.
SHAREABLE_STATUSES = frozenset({200, 301, 308, 404, 410})


def page_key(request) -> str:
    """One entry per scheme, host and path: pages print absolute URLs (canonical, Open Graph,
    the embed code), so a request under another allowed host must not fix them for all.

    And one per day: what is active depends on today's date (recalls/staleness.py), and no
    edit marks the change, so a page rendered yesterday is never served today."""
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    day = timezone.localdate().isoformat()
    # "page2": entries carry their render's start since #17; older ones are never read.
    return "page2:" + hashlib.sha256(f"{day} {url}".encode()).hexdigest()


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
        key = page_key(request)
        entry = cache.get(key)
        if entry is not None:
            versions = entry[0]
            current = cache.get_many([f"tag:{tag}" for tag in versions])
            if all(current.get(f"tag:{tag}") == version for tag, version in versions.items()):
                return stored_response(entry, "hit")
            lock, token = f"lock:{key}", secrets.token_hex(8)
            # Whole seconds: the Redis backend rounds a timeout down, and 0 means "no lock".
            if not cache.add(lock, token, timeout=max(1, math.ceil(settings.PAGE_STALE_SECONDS))):
                return stored_response(entry, "stale")
            try:
                return self.render(request, key)
            finally:
                # Not the lock of a reader who took it after ours ran out (a slow render):
                # releasing that would let a third render start beside it.
                if cache.get(lock) == token:
                    cache.delete(lock)
        return self.render(request, key)

    def render(self, request, key):
        started = time.time()
        with recording() as rec:
            response = self.get_response(request)
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
            page = Page(key, match and match.view_name, rec, started)
            if response.streaming:
                # Kept once the last byte has gone out (a CSV export: seconds of work).
                content = response.streaming_content
                response.streaming_content = page.kept_when_complete(response, content)
            else:
                # Stored with the page, so that a hit does not hash the content again.
                set_response_etag(response)
                page.store(response, response.content)
        response["X-Cache"] = "miss"
        return response


class Page:
    """A rendered page on its way into the cache."""

    def __init__(self, key: str, view_name: str | None, rec, started: float):
        self.key, self.view_name, self.rec, self.started = key, view_name, rec, started

    def store(self, response, content: bytes) -> None:
        versions = current_versions(page_tags(self.view_name, self.rec))
        for tag, version in versions.items():
            if version_time(version) > self.started - CLOCK_SKEW:
                versions[tag] = ""  # changed while rendering: keep only as a stale copy
        headers = [
            (k, v) for k, v in response.items() if k.lower() not in ("set-cookie", "x-cache")
        ]
        if response.streaming:
            etag = hashlib.md5(content, usedforsecurity=False).hexdigest()
            headers.append(("ETag", quote_etag(etag)))
        stored = cache.get(self.key)
        if stored is not None and stored[4] > self.started:
            # A render that began later (after an edit ours may not show) is already kept:
            # a slow older one finishing last must not put the old state back.
            return
        entry = (versions, response.status_code, content, headers, self.started)
        cache.set(self.key, entry, settings.CACHE_MIDDLEWARE_SECONDS)

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
                yield chunk
        if chunks is not None:
            self.rec.tables |= more.tables
            self.rec.objects |= more.objects
            self.store(response, b"".join(chunks))


def stored_response(entry, state: str) -> HttpResponse:
    _, status, content, headers, _ = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = state
    return response
