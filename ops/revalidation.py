"""Kept pages that can be found still current without rendering them again.

A view registers a function of the request that gives a digest of everything its page shows
that can change (``revalidated_by``), and sets the same digest on the request while it
renders (``request.page_digest``). When the page's tags change, the reader who would render
it first asks the function (ops/caching.py ``PublicPageCacheMiddleware.revalidated``): the
same digest means the same page, which is kept again with its tags' current versions.

The search page is the one that needs it: every new article makes every search stale, and
on election night the importer adds several a second, while most of them match no search
(its parts check that in one query each: recalls/search_page.py)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

# View name → the function giving its page's digest.
REVALIDATORS: dict[str, Callable] = {}


def revalidated_by(view_name: str):
    def register(function: Callable) -> Callable:
        REVALIDATORS[view_name] = function
        return function

    return register


def digest(*parts: object) -> str:
    return hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()
