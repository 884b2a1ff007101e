"""Saved HTML news pages: the headline, byline, date, outlet, canonical URL and main text.

trafilatura finds the main text (without navigation, asides, footers and scripts); the
page's own metadata (JSON-LD ``NewsArticle``, Open Graph, ``<meta>``) names the outlet,
date and author first, and captions are kept as text.
"""

from __future__ import annotations

import datetime as dt
import json
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
    meta = page_metadata(text)
    title = clean_line(meta.get("title") or document.title or "")
    lines = [clean_line(line) for line in (document.text or "").splitlines()]
    # The extracted text repeats the headline and the byline at the top.
    while lines and (not lines[0] or lines[0] == title or _BYLINE.match(lines[0])):
        lines.pop(0)
    # Captions often carry the date of a step; they are text that facts may cite.
    known = set(lines)
    lines += [c for c in meta.get("captions", []) if c not in known]
    body = clean_paragraphs("\n\n".join(lines))
    if not body:
        raise ArticleImportError("an HTML page with no article text in it")
    # The page's own metadata first; a date from the page's text only when it has none.
    published = None
    if meta.get("date"):
        try:
            published = parse_published(meta["date"])
        except ArticleImportError:
            published = None
    return [
        ParsedArticle(
            title=title,
            body=body,
            dek=clean_line(document.description or ""),
            url=clean_url(meta.get("url") or document.url or ""),
            author=clean_line(meta.get("author") or document.author or ""),
            outlet=clean_line(meta.get("outlet") or document.sitename or ""),
            published=published,
            source_name=source_name,
        )
    ]


_DATE_META = (
    "article:published_time",
    "date",
    "dc.date",
    "pubdate",
    "publish-date",
    "dcterms.created",
)
_OUTLET_META = ("og:site_name", "publisher", "application-name", "dc.publisher")
_AUTHOR_META = (
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "dc.creator",
    "sailthru.author",
)


def page_metadata(text: str) -> dict:
    """What the page says about itself: JSON-LD ``NewsArticle``, Open Graph and ``<meta>``
    tags (publisher, date, author, headline, URL), else a date line it shows on its own
    (never a date from a sentence of the story: a page without a date is undated), and
    its captions."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        return {}
    meta: dict = {}
    tags = {}
    for element in root.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().casefold()
        if key and element.get("content") and key not in tags:
            tags[key] = element.get("content").strip()
    ld = _json_ld_article(root)
    publisher = ld.get("publisher")
    meta["outlet"] = _name(publisher) or next((tags[k] for k in _OUTLET_META if k in tags), "")
    meta["date"] = ld.get("datePublished") or next((tags[k] for k in _DATE_META if k in tags), "")
    if meta["outlet"] == "" and (release := _release_issuer(root, tags)):
        meta["outlet"] = release
    author = _name(ld.get("author")) or next((tags[k] for k in _AUTHOR_META if k in tags), "")
    meta["author"] = re.sub(r"\A[Bb]y\s+", "", author) if isinstance(author, str) else ""
    meta["title"] = ld.get("headline") if isinstance(ld.get("headline"), str) else ""
    meta["url"] = tags.get("og:url") or (ld.get("url") if isinstance(ld.get("url"), str) else "")
    meta["captions"] = [
        clean_line(figcaption.text_content()) for figcaption in root.iter("figcaption")
    ]
    meta["captions"] = [c for c in meta["captions"] if c] + _figure_rows(root)
    meta["date"] = meta["date"] or _visible_date(root)
    if isinstance(meta["date"], str) and _UTC_STAMP.search(meta["date"]):
        meta["date"] = _local_day(root, meta["date"]) or meta["date"]
    return meta


# "2023-11-08T06:14:00Z": a moment in UTC, whose day may be the day after the page's own.
_UTC_STAMP = re.compile(r"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]00:?00)\Z")
_SHOWN_STAMP = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b"
)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?", re.IGNORECASE)


def _local_day(root, stamp: str) -> str:
    """The day the page itself shows next to a time ("Published May 19, 2023 at 9:30 PM
    PDT") when it is the UTC stamp's day or the one before: the day where it was written."""
    utc_day = dt.date.fromisoformat(stamp[:10])
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "title"):
            continue
        piece = " ".join((element.text or "").split())
        if not piece or len(piece) > 120 or not _CLOCK.search(piece):
            continue
        if match := _SHOWN_STAMP.search(piece):
            try:
                shown = parse_published(match.group())
            except ArticleImportError:
                continue
            if shown and (utc_day - shown.value).days in (0, 1):
                return shown.value.isoformat()
    return ""


def _figure_rows(root) -> list[str]:
    """A table's label-and-figure rows as sentences ("Valid signatures: 520,050."): the
    text leaves tables out, and a release gives its counts in one."""
    rows = []
    for row in root.iter("tr"):
        cells = [clean_line(cell.text_content()) for cell in row if cell.tag in ("th", "td")]
        if len(cells) == 2 and all(cells) and any(char.isdigit() for char in cells[1]):
            rows.append(f"{cells[0].rstrip(':')}: {cells[1]}.")
    return rows


def _json_ld_article(root) -> dict:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().casefold() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, RecursionError):
            continue
        items = data if isinstance(data, list) else [data]
        items += [g for d in items if isinstance(d, dict) for g in d.get("@graph", []) or []]
        for item in items:
            if isinstance(item, dict) and "Article" in str(item.get("@type", "")):
                return item
    return {}


def _name(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return value.get("name") if isinstance(value.get("name"), str) else ""
    if isinstance(value, list):
        return ", ".join(filter(None, map(_name, value)))
    return ""


def _release_issuer(root, tags) -> str:
    """A news release names its issuer in the page description or its footer."""
    body_text = root.text_content()
    if not re.search(r"\b(?:NEWS RELEASE|FOR IMMEDIATE RELEASE|PRESS RELEASE)\b", body_text):
        return ""
    if (description := tags.get("description", "")) and len(description.split()) <= 8:
        return description
    return ""


_DATE_LINE = re.compile(
    r"\A(?:(?:published|posted|updated|date)\s*:?\s*)?"
    r"(?:(?:Mon|Tues?|Wed|Thu|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}.*)?\Z",
    re.IGNORECASE,
)


def _visible_date(root) -> str:
    """A date line the page shows on its own ("August 15, 2022" under a release's label),
    not a date inside a sentence of the story."""
    for element in root.iter("time"):
        if value := (element.get("datetime") or element.text_content() or "").strip():
            return value
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "title"):
            continue
        for piece in (element.text, element.tail):
            piece = " ".join((piece or "").split())
            if piece and len(piece) <= 60 and _DATE_LINE.match(piece):
                return re.split(r",?\s+(?:at\s+)?\d{1,2}:\d{2}", piece)[0]
    return ""
