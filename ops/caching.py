"""Whole-page caching for anonymous readers, invalidated by any content change.

Every save or delete of a content model replaces one content version in the shared cache
(Redis across machines; on one machine the SQLite file cache, ops/sqlite_cache.py, that all
workers share), and the version is part of every page's cache key — so an editor's change
is visible at once through every worker and app server, and old entries simply expire. The
version changes when the transaction commits, not at the save: a reader who renders
between the two stores the old page under the old version, never under the new one. It is
a fresh random token rather than a counter, so two writers can never land on the same
value, and a version lost from the cache (evicted, cleared) can never bring back pages
cached under an older one. Browsers and proxies may keep a page for ``PAGE_MAX_AGE``
seconds (the downstream half of the freshness promise in README.md). Responses carry
``Last-Modified`` (the time of the last change) and, through ConditionalGetMiddleware,
an ``ETag``; a matching ``If-None-Match`` or ``If-Modified-Since`` gets ``304``.
"""

from __future__ import annotations

import hashlib
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control, set_response_etag
from django.utils.http import http_date

VERSION_KEY = "content:version"
CHANGED_KEY = "content:changed-at"
UNCACHED_PREFIXES = ("/admin/", "/healthz", "/livez", "/readyz", "/static/")
CONTENT_APPS = ("recalls", "articles")


def content_state() -> tuple[str | None, float]:
    """(version, changed-at timestamp) of the published content; no version when the cache
    cannot keep one (then nothing is served from it or stored in it)."""
    values = cache.get_many([VERSION_KEY, CHANGED_KEY])
    version, changed = values.get(VERSION_KEY), values.get(CHANGED_KEY)
    if version is None or changed is None:
        # First request, or the cache lost them: a new version, which no page has yet.
        cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        cache.add(CHANGED_KEY, time.time(), timeout=None)
        values = cache.get_many([VERSION_KEY, CHANGED_KEY])
        version, changed = values.get(VERSION_KEY), values.get(CHANGED_KEY, time.time())
    return (None if version is None else str(version)), float(changed)


def new_content_version() -> None:
    cache.set_many({VERSION_KEY: secrets.token_hex(8), CHANGED_KEY: time.time()}, timeout=None)


def content_changed(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Signal receiver: something a page may show has changed; new version at commit."""
    # Now, for the transaction's own later reads, and again at commit, when readers can
    # see the change (once per transaction, however many rows it saves).
    new_content_version()
    pending = transaction.get_connection(using).run_on_commit
    if not any(callback is new_content_version for _, callback, _ in pending):
        transaction.on_commit(new_content_version, using=using, robust=True)


def connect_signals() -> None:
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in apps.get_models():
        if model._meta.app_label in CONTENT_APPS:
            post_save.connect(
                content_changed, sender=model, dispatch_uid=f"cache-save-{model._meta.label}"
            )
            post_delete.connect(
                content_changed, sender=model, dispatch_uid=f"cache-delete-{model._meta.label}"
            )
    m2m_changed.connect(content_changed, dispatch_uid="cache-m2m")


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
        version, changed = content_state()
        if version is None:
            return self.get_response(request)
        path_hash = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{version}:{path_hash}"
        cached = cache.get(key)
        if cached is not None:
            status, content, headers = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if response.status_code >= 500:
            # A 503 while the database is away must not be kept by a proxy or browser.
            add_never_cache_headers(response)
            return response
        response["Last-Modified"] = http_date(changed)
        patch_cache_control(response, public=True, max_age=settings.PAGE_MAX_AGE)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            # Stored with the page, so that a hit does not hash the content again.
            set_response_etag(response)
            headers = [
                (k, v) for k, v in response.items() if k.lower() not in ("set-cookie", "x-cache")
            ]
            cache.set(
                key,
                (response.status_code, response.content, headers),
                settings.CACHE_MIDDLEWARE_SECONDS,
            )
        response["X-Cache"] = "miss"
        return response
