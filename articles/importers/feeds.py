"""RSS and Atom feeds: one article per entry, the entry's HTML reduced to text.

The XML is checked with defusedxml first (no entity declarations, no external
references), so a hostile feed fails with a clear message before feedparser sees it.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from xml.etree.ElementTree import ParseError

from articles.importers.base import (
    ArticleImportError,
    ParsedArticle,
    clean_line,
    clean_url,
    first_sentence,
    html_to_text,
)
from recalls.dates import PartialDate

_FEED_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?"
    r"(?:<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*|<\?[^>]*>\s*)*<(?:rss|feed|rdf:RDF)\b",
    re.DOTALL,
)


def looks_like_feed(text: str) -> bool:
    return bool(_FEED_START.match(text[:4096]))


def looks_like_xml(text: str) -> bool:
    return text.lstrip()[:5] == "<?xml"


def parse_other_xml(text: str, source_name: str) -> list[ParsedArticle]:
    check_xml(text)
    raise ArticleImportError("unknown format: XML, but not an RSS or Atom feed")


def check_xml(text: str) -> None:
    """Refuse unsafe or broken XML with one clear line."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    # The XML declaration may name an encoding; the text is already decoded.
    text = re.sub(r"\A\s*<\?xml[^>]*\?>", "", text)
    try:
        fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise ArticleImportError(f"unsafe XML refused: {type(error).__name__}") from None
    except ParseError as error:
        line, column = error.position
        if "no element found" in str(error) or "unclosed token" in str(error):
            raise ArticleImportError(
                f"truncated XML: the document ends before it is closed (line {line})"
            ) from None
        raise ArticleImportError(f"malformed XML at line {line}, column {column}") from None


def _entry_date(entry) -> PartialDate | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return PartialDate(dt.date(value.tm_year, value.tm_mon, value.tm_mday))
            except ValueError:
                continue
    return None


def _entry_html(entry) -> str:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if contents:
        return max(contents, key=len)
    return entry.get("summary", "") or entry.get("description", "")


def parse_feed(text: str, source_name: str) -> list[ParsedArticle]:
    import feedparser

    check_xml(text)
    feed = feedparser.parse(text, sanitize_html=True, resolve_relative_uris=False)
    if not feed.entries:
        raise ArticleImportError("a feed with no entries")
    outlet = clean_line(feed.feed.get("title", ""))
    articles = []
    for number, entry in enumerate(feed.entries, start=1):
        title = clean_line(entry.get("title", ""))
        body = html_to_text(_entry_html(entry))
        if not body:
            raise ArticleImportError(f"entry {number} ({title[:60]!r}) has no text")
        articles.append(
            ParsedArticle(
                title=title or first_sentence(body),
                title_derived=not title,
                body=body,
                url=clean_url(entry.get("link", "")),
                author=clean_line(entry.get("author", "")),
                outlet=outlet,
                published=_entry_date(entry),
                source_name=f"{source_name}#{number}",
            )
        )
    return articles
