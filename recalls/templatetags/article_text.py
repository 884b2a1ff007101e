"""An article's text in paragraphs, with the quotes that cite it marked.

Article text is imported and untrusted: every piece is escaped (``format_html``/``escape``)
and only the ``<p>``/``<mark>`` wrappers built here are marked safe.
"""

import unicodedata

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from articles.importers.base import normalise_text

register = template.Library()

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "′": "'", "″": '"'})


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
        for piece in unicodedata.normalize("NFKC", char).translate(_QUOTES).casefold():
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
    """``text`` escaped, with the quote of each citation not yet ``claimed`` wrapped in
    ``<mark id="quote-<pk>">``; marked citations are added to ``claimed``."""
    spans = []
    for citation in citations:
        found = None if citation.pk in claimed else find_quote(text, citation.quote)
        if found:
            spans.append((*found, citation.pk))
            claimed.add(citation.pk)
    spans.sort()
    parts: list[str] = []
    position = 0
    for start, end, pk in spans:
        if start < position:  # overlaps a quote already marked: anchor it there instead
            parts.append(format_html('<span id="quote-{}"></span>', pk))
            if end <= position:
                continue
            start = position
        else:
            parts.append(escape(text[position:start]))
        parts.append(format_html('<mark id="quote-{}">{}</mark>', pk, text[start:end]))
        position = end
    parts.append(escape(text[position:]))
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
