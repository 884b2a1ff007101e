"""Saved HTML news pages: the headline, byline, date, outlet, canonical URL and main text.

trafilatura finds the main text (without navigation, asides, footers and scripts) and the
metadata; htmldate (through trafilatura, and again on its own when the metadata has no
date) finds the publication date.
"""

from __future__ import annotations

import re

from articles.importers.base import (
    ArticleImportError,
    ParsedArticle,
    clean_line,
    clean_paragraphs,
    clean_url,
    parse_published,
)

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article)\b",
    re.IGNORECASE | re.DOTALL,
)
_BYLINE = re.compile(r"\A(?:by|von|par)\s+[^.!?]{2,80}\Z", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:4096]))


def parse_html(text: str, source_name: str) -> list[ParsedArticle]:
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            deduplicate=False,
        )
    except (ValueError, TypeError, LookupError, AttributeError) as error:
        # trafilatura hands a broken page to lxml, which may fail in several ways.
        raise ArticleImportError(f"unreadable HTML: {type(error).__name__}") from None
    if document is None or not (document.text or "").strip():
        raise ArticleImportError("an HTML page with no article text in it")
    title = clean_line(document.title or "")
    lines = [clean_line(line) for line in (document.text or "").splitlines()]
    # The extracted text repeats the headline and the byline at the top.
    while lines and (not lines[0] or lines[0] == title or _BYLINE.match(lines[0])):
        lines.pop(0)
    body = clean_paragraphs("\n\n".join(lines))
    if not body:
        raise ArticleImportError("an HTML page with no article text in it")
    published = None
    date_text = document.date or _find_date(text)
    if date_text:
        try:
            published = parse_published(date_text)
        except ArticleImportError:
            published = None
    return [
        ParsedArticle(
            title=title,
            body=body,
            dek=clean_line(document.description or ""),
            url=clean_url(document.url or ""),
            author=clean_line(document.author or ""),
            outlet=clean_line(document.sitename or ""),
            published=published,
            source_name=source_name,
        )
    ]


def _find_date(text: str) -> str | None:
    from htmldate import find_date

    try:
        return find_date(text, extensive_search=False, original_date=True)
    except (ValueError, TypeError):
        return None
