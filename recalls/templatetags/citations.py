"""Numbered citations: every cited fact on a page gets [1], [2]… that opens its quote."""

import itertools

from django import template
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe

from core.links import slug_url
from recalls.staleness import newest_citation
from recalls.templatetags.partial_dates import partial_date

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


# Both tags below build their HTML in Python: an effort page has ~200 citations, and a
# template loop with its variable lookups and filters was a fifth of the page's render
# (issue #17). The markup is what includes/_citations.html and _print_notes.html had.


@register.simple_tag(takes_context=True)
def cite(context, citations) -> SafeString:
    """Render ``citations`` (a list or a prefetched manager) as numbered, openable sources."""
    numbers = context["citation_numbers"]
    items = citations.all() if hasattr(citations, "all") else citations
    cited = "".join(_cite_item(numbers.take(citation), citation) for citation in items)
    return mark_safe(f'<div class="cites">{cited}</div>\n' if cited else "\n")


def _source(article, title: str) -> str:
    """ "<title>, Outlet, June 2022" (escaped), as both tags show an article."""
    outlet = f", {esc(article.outlet.name)}" if article.outlet else ""
    return f"{title}{outlet}, {esc(partial_date(article.published))}"


def _cite_item(number: int, citation) -> str:
    article = citation.article
    url = esc(slug_url("articles:article_detail", article.slug))
    link = f'<a href="{url}#quote-{citation.pk}">{esc(article.title)}</a>'
    note = f'\n<span class="cite-note">{esc(citation.note)}</span>' if citation.note else ""
    return (
        f'<details class="cite">\n<summary><span class="visually-hidden">Source </span>'
        f"[{number}]</summary>\n"
        f'<span class="cite-body">\n<q class="cite-quote">{esc(citation.quote)}</q>\n'
        f'<span class="cite-source">— {_source(article, link)}</span>{note}\n</span>\n</details>'
    )


@register.simple_tag(takes_context=True)
def print_note_items(context) -> SafeString:
    """The ``<li>`` of every citation the page numbered, for the printed notes."""
    request = context["request"]
    items = []
    for number, citation in context["citation_numbers"].notes:
        article = citation.article
        url = f'<span class="note-url">{esc(article.url)}</span>' if article.url else ""
        path = slug_url("articles:article_detail", article.slug)
        items.append(
            f'\n    <li value="{number}">“{esc(citation.quote)}” — {_source(article, esc(article.title))}.\n'
            f"      {url}\n"
            f'      <span class="note-url">{esc(request.build_absolute_uri(path))}'
            f"#quote-{citation.pk}</span></li>"
        )
    return mark_safe("".join(items))


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
