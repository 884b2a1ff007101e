"""An article's text in paragraphs, with the quotes that cite it marked.

Article text is imported and untrusted: every piece is escaped (``format_html``/``escape``)
and only the ``<p>``/``<mark>`` wrappers built here are marked safe.
"""

import itertools
import unicodedata

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from core.text import QUOTE_MARKS, normalise_text

register = template.Library()


def _normalised_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` normalised like ``normalise_text``, and for each output character the
    index of the input character it came from."""
    out: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                offsets.append(index)
            continue
        for piece in unicodedata.normalize("NFKC", char).translate(QUOTE_MARKS).casefold():
            out.append(piece)
            offsets.append(index)
    return "".join(out), offsets


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` occurs in ``text`` (ignoring case, whitespace and quote marks)."""
    needle = normalise_text(quote)
    if not needle:
        return None
    haystack, offsets = _normalised_with_offsets(text)
    start = haystack.find(needle)
    if start < 0:
        return None
    return offsets[start], offsets[start + len(needle) - 1] + 1


def highlight(text: str, citations, claimed: set[int]) -> SafeString:
    """``text`` escaped, with the quote of each citation not yet ``claimed`` in ``<mark>``.

    Quotes may overlap: the text is cut at every quote's start and end, each cut covered
    by a quote is marked, and each quote's first piece carries its ``id="quote-<pk>"``
    (quotes that start at the same place nest their marks).
    Marked citations are added to ``claimed``.
    """
    spans = []
    for citation in citations:
        found = None if citation.pk in claimed else find_quote(text, citation.quote)
        if found:
            spans.append((*found, citation.pk))
            claimed.add(citation.pk)
    cuts = sorted({0, len(text), *(start for start, _, _ in spans), *(end for _, end, _ in spans)})
    parts: list[str] = []
    for start, end in itertools.pairwise(cuts):
        piece = text[start:end]
        if not any(s <= start and end <= e for s, e, _ in spans):
            parts.append(escape(piece))
            continue
        # Quotes that start here each get a mark with their id; several nest, so every
        # anchor wraps visible text.
        ids = [pk for s, _, pk in spans if s == start] or [None]
        inner = escape(piece)
        for pk in reversed(ids):
            inner = (
                format_html('<mark id="quote-{}">{}</mark>', pk, inner)
                if pk
                else format_html("<mark>{}</mark>", inner)
            )
        parts.append(inner)
    return mark_safe("".join(parts))  # every part above is escaped


def paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.split("\n\n") if part.strip()]


@register.simple_tag
def article_text(article, citations) -> dict:
    """The headline, dek and body paragraphs of ``article`` with cited quotes marked.

    Each quote is marked once, where it first occurs (headline, then dek, then body).
    """
    citations = list(citations.all() if hasattr(citations, "all") else citations)
    claimed: set[int] = set()
    return {
        "title": highlight(article.title, citations, claimed),
        "dek": highlight(article.dek, citations, claimed) if article.dek else "",
        "body": format_html_join(
            "\n",
            "<p>{}</p>",
            ((highlight(part, citations, claimed),) for part in paragraphs(article.body)),
        ),
        "unmatched": [c for c in citations if c.pk not in claimed],
    }
