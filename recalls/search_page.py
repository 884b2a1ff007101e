"""The search page's results, in two parts kept apart (ops/fragments.py): the records
(efforts, officials, elections) and the articles, each per query until what it read
changes. The importer adds articles all night; a new one makes stale only the articles
part of each search, not its records, which stay cached until a record changes."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from ops.fragments import cached_value
from recalls.items import effort_items
from recalls.search import ARTICLES, RECORDS, search_part, variants
from recalls.staleness import today


def search_results(query: str) -> tuple[int, SafeString]:
    """How many results ``query`` has, and their sections' HTML: those of the first way of
    reading it that finds anything (recalls/search.py ``variants``)."""
    day = today().isoformat()  # the effort items say what is active today
    for variant in variants(query):
        records = cached_value(
            "search_records", (query, variant, day), lambda v=variant: _part(query, v, RECORDS)
        )
        articles = cached_value(
            "search_articles",
            (query, variant),
            lambda v=variant: _part(query, v, ARTICLES),
            referred=True,
        )
        if total := records[0] + articles[0]:
            return total, mark_safe(records[1] + articles[1])  # noqa: S308 - rendered templates
    return 0, mark_safe("")


def _part(query: str, variant: str, part: str) -> tuple[int, str]:
    results = search_part(query, variant, part)
    context = {"results": results}
    if part == RECORDS:
        context["effort_items"] = effort_items(results.efforts)
    return results.total, str(render_to_string(f"recalls/_search_{part}.html", context))
