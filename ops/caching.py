"""Whole-page caching for anonymous readers, invalidated by any content change.

Every save or delete of a content model bumps one counter in the shared cache (Redis in
production), and the counter is part of every page's cache key — so an editor's change is
visible at once on every app server, and old entries simply expire. Responses carry
``Last-Modified`` (the time of the last change) and, through ConditionalGetMiddleware,
an ``ETag``; a matching ``If-None-Match`` or ``If-Modified-Since`` gets ``304``.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

VERSION_KEY = "content:version"
CHANGED_KEY = "content:changed-at"
UNCACHED_PREFIXES = ("/admin/", "/healthz", "/static/")
CONTENT_APPS = ("recalls", "articles")


def content_state() -> tuple[int, float]:
    """(version, changed-at timestamp) of the published content."""
    values = cache.get_many([VERSION_KEY, CHANGED_KEY])
    version, changed = values.get(VERSION_KEY), values.get(CHANGED_KEY)
    if version is None or changed is None:
        version, changed = version or 1, changed or time.time()
        cache.set_many({VERSION_KEY: version, CHANGED_KEY: changed}, timeout=None)
    return int(version), float(changed)


def content_changed(**kwargs) -> None:
    """Signal receiver: something a page may show has changed."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
    cache.set(CHANGED_KEY, time.time(), timeout=None)


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
        response["Last-Modified"] = http_date(changed)
        patch_cache_control(response, public=True, max_age=60)
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
