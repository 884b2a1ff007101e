"""Numbered citations: every cited fact on a page gets [1], [2]… that opens its quote."""

import itertools

from django import template

from recalls.staleness import newest_citation

register = template.Library()


class CitationNumbers:
    """Hands out the next citation number on one page; views put one in the context.

    It keeps what it numbered, so that the page's end can list the notes (for print).
    """

    def __init__(self):
        self._next = itertools.count(1)
        self.notes = []

    def take(self, citation) -> int:
        number = next(self._next)
        self.notes.append((number, citation))
        return number


@register.inclusion_tag("includes/_citations.html", takes_context=True)
def cite(context, citations):
    """Render ``citations`` (a list or a prefetched manager) as numbered, openable sources."""
    numbers = context["citation_numbers"]
    items = citations.all() if hasattr(citations, "all") else citations
    return {"cited": [(numbers.take(citation), citation) for citation in items]}


def _fields(names: str) -> set[str]:
    return {name.strip() for name in names.split(",")}


@register.filter
def for_fields(citations, names: str):
    """The citations that support one of the comma-separated fact names."""
    wanted = _fields(names)
    return [c for c in citations.all() if c.field in wanted]


@register.filter
def except_fields(citations, names: str):
    """The citations that support none of the comma-separated fact names."""
    unwanted = _fields(names)
    return [c for c in citations.all() if c.field not in unwanted]


@register.filter
def fact_name(field: str) -> str:
    """ "signatures_required" → "signatures required"."""
    return field.replace("_", " ")


@register.filter
def newest_source(citations):
    """The citation from the most recently published article: a tenure's "as of"."""
    return newest_citation(citations.all() if hasattr(citations, "all") else citations)
