"""Parts of a page rendered once per state and kept until what they read changes (issue #17).

``cached_fragment(name, key, render)`` returns ``render()``'s HTML, from the shared cache
when an earlier render for the same ``key`` is still current. What makes it current is the
same as for whole pages (ops/cache_tags.py): while the fragment renders, the content tables
its SQL reads are noted, and it is kept with their collection tags' versions; any change to
one of those tables (an edit, an imported article) bumps a version and the next request
renders the fragment again. Used where a page spends much of its time on something that
changes far less often than the page is read: the efforts list's filter form and its status
counts, the same for every page of a filter state.

The page cache around it still learns what the fragment read (its tables and objects go
into the page's own recording, on a hit too), so a cached page stays invalidated by them.
Off with FRAGMENT_CACHE=false.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from ops.cache_tags import _recording, content_tables, current_versions, recording, version_time


def cached_fragment(name: str, key: object, render: Callable[[], str]) -> SafeString:
    """``render()``'s HTML for ``key`` (anything with a stable ``repr``: the filter state,
    the day), cached until a table it read changes."""
    if not settings.FRAGMENT_CACHE:
        return mark_safe(render())
    cache_key = f"fragment:{name}:{hashlib.sha256(repr(key).encode()).hexdigest()[:32]}"
    outer = _recording.get()
    entry = cache.get(cache_key)
    if entry is not None:
        versions, tables, objects, html = entry
        if versions and current_versions(versions) == versions:
            _note(outer, tables, objects)
            return mark_safe(html)
    started = time.time()
    with recording() as rec:
        html = str(render())
    _note(outer, rec.tables, rec.objects)
    labels = content_tables()
    versions = current_versions({f"list:{labels[table]}" for table in rec.tables})
    # Changed while rendering (or read nothing to key on): serve it, keep nothing.
    if versions and all(version_time(v) < started for v in versions.values()):
        entry = (versions, sorted(rec.tables), sorted(rec.objects), html)
        cache.set(cache_key, entry, settings.CACHE_MIDDLEWARE_SECONDS)
    return mark_safe(html)


def _note(rec, tables, objects) -> None:
    if rec is not None:
        rec.tables.update(tables)
        rec.objects.update(objects)
