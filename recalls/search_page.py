"""The search page's results, in two parts kept apart (ops/fragments.py): the records
(efforts, officials, elections) and the articles, each per query until what it read
changes. The importer adds articles all night; a new one makes stale only the articles
part of each search, not its records, which stay cached until a record changes. And the
articles part is read again only if a new article matches the query (``_still_current``):
one look-up among the newest articles instead of the whole search."""

from __future__ import annotations

from time import time as now

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from ops.cache_tags import current_versions, version_time
from ops.caching import CLOCK_SKEW
from ops.fragments import cached_value
from ops.revalidation import digest, revalidated_by
from recalls.items import effort_items
from recalls.models import RecallEffort
from recalls.search import (
    ARTICLES,
    RECORDS,
    articles_since,
    clean_query,
    matching_efforts,
    newest_article,
    search_part,
    variants,
)
from recalls.staleness import today

EFFORTS = RecallEffort._meta.label_lower
# A query matching more efforts than this is read again after any effort edit.
MAX_CANDIDATES = 200


def search_results(query: str) -> tuple[int, SafeString]:
    """How many results ``query`` has, and their sections' HTML: those of the first way of
    reading it that finds anything (recalls/search.py ``variants``)."""
    day = today().isoformat()  # the effort items say what is active today
    for variant in variants(query):
        records = cached_value(
            "search_records",
            (query, variant, day),
            lambda v=variant: _records(query, v),
            recheck=lambda kept, v=variant: _records_current(query, v, kept),
            rechecks=lambda tag: tag == f"list:{EFFORTS}",
        )
        articles = cached_value(
            "search_articles",
            (query, variant),
            lambda v=variant: _articles(query, v),
            referred=True,
            recheck=lambda kept, v=variant: _still_current(query, v, kept),
        )
        if total := records[0] + articles[0]:
            return total, mark_safe(records[1] + articles[1])  # noqa: S308 - rendered templates
    return 0, mark_safe("")


@revalidated_by("recalls:search")
def search_digest(request) -> str:
    """What a kept search page shows that can change (ops/revalidation.py): when a new
    article or an edit made it stale, its parts are checked (one query each, most often)
    rather than the whole page rendered again; the same digest as the view's means the
    same page."""
    query = clean_query(request.GET.get("q", ""))
    return digest(query, *search_results(query))


def _part(query: str, variant: str, part: str) -> tuple[int, str]:
    results = search_part(query, variant, part)
    context = {"results": results}
    if part == RECORDS:
        context["effort_items"] = effort_items(results.efforts)
    return results.total, str(render_to_string(f"recalls/_search_{part}.html", context))


def _records(query: str, variant: str) -> tuple[int, str, float, frozenset]:
    """The records part, with what ``_records_current`` needs: when it was read, and the
    efforts it shows."""
    born = now()
    results = search_part(query, variant, RECORDS)
    context = {"results": results, "effort_items": effort_items(results.efforts)}
    html = str(render_to_string("recalls/_search_records.html", context))
    return results.total, html, born, frozenset(results.efforts)


def _records_current(query: str, variant: str, kept: tuple) -> bool:
    """A kept records part after edits of efforts (and nothing else): still right if the
    efforts edited since it was read are neither among those it shows nor among those that
    match the query now, and the edits changed only their long texts and stamps (a summary,
    a note, the version), not what the officials' and elections' sections could count (a new
    effort, a status: ops/sql_columns.py ``column_groups``). Election
    night's editors save an effort's summary every few seconds; without this, each save
    made every search read its records again."""
    *_, born, shown = kept
    if now() - born > settings.CACHE_MIDDLEWARE_SECONDS:
        return False
    matching = list(matching_efforts(query, variant)[: MAX_CANDIDATES + 1])
    if len(matching) > MAX_CANDIDATES:
        return False
    # Not one added, deleted or changed in a plain column (ops/cache_tags.py ``core:``).
    tags = [f"core:{EFFORTS}", *(f"{EFFORTS}:{pk}" for pk in {*shown, *matching})]
    # Bumped after the part began to be read (less the clocks' skew): it may not show it.
    since = born - CLOCK_SKEW
    return all(version_time(v) < since for v in current_versions(tags).values())


def _articles(query: str, variant: str) -> tuple[int, str, int, float, frozenset]:
    """The articles part, with what ``_still_current`` needs: the id above which it looks for
    new articles, when it was read, and the matches above that id it saw then."""
    since, born = newest_article(), now()
    seen = frozenset(articles_since(query, variant, since).values_list("pk", flat=True))
    return (*_part(query, variant, ARTICLES), since, born, seen)


def _still_current(query: str, variant: str, kept: tuple) -> bool:
    """A kept articles part after new articles: still right if none of them matches. Read
    again from scratch once it is as old as a page may be kept, so that an article written
    long after it got its id is not left out for longer than that."""
    *_, since, born, seen = kept
    if now() - born > settings.CACHE_MIDDLEWARE_SECONDS:
        return False
    return not articles_since(query, variant, since).exclude(pk__in=seen).exists()
