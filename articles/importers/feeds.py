"""RSS and Atom feeds: one article per entry, the entry's HTML reduced to text.

The XML is checked with defusedxml first (no entity declarations, no external
references), so a hostile feed fails with a clear message before feedparser sees it.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

from articles.importers.base import (
    ArticleImportError,
    ParsedArticle,
    clean_line,
    clean_url,
    first_sentence,
    html_to_text,
)
from core.dates import PartialDate

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
    """The item's day in its own offset: "Fri, 08 Jul 2022 17:00:00 -0700" is the 8th,
    although it is the 9th in UTC (feedparser's ``*_parsed`` values are in UTC)."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if isinstance(raw, str) and (day := _local_day(raw)):
            return PartialDate(day)
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return PartialDate(dt.date(value.tm_year, value.tm_mon, value.tm_mday))
            except ValueError:
                continue
    return None


def _local_day(raw: str) -> dt.date | None:
    raw = raw.strip()
    try:
        return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        return None


def _entry_outlet(entry, feed) -> str:
    """Who published the item: its own ``<source>``, else the feed's publisher or (for the
    feed of a site's home page) its title when the item is on the feed's own site, else
    the item's site from its link (a section's or a search's feed title, "Greater LA -
    Stories", names no outlet)."""
    source = entry.get("source") or {}
    if name := clean_line(source.get("title", "")):
        return name
    link_site = _site(entry.get("link", ""))
    feed_site = _site(feed.get("link", ""))
    publisher = clean_line(
        (feed.get("author_detail") or {}).get("name", "") or feed.get("publisher", "")
    )
    if publisher and "@" not in publisher and (not link_site or link_site == feed_site):
        return publisher
    title = clean_line(feed.get("title", ""))
    home_page = urlsplit(feed.get("link", "")).path in ("", "/")
    words = re.findall(r"\w+", title.casefold())
    if title and (
        not feed_site
        or link_site in ("", "".join(words), *words)
        or (home_page and link_site == feed_site)
    ):
        return title  # the feed of a site's home page is named after the site
    if link_site:
        return site_name(link_site, entry.get("link", ""))
    return title


# Words papers and stations are named with: a site's run-together name splits on them
# ("eastbaytimes" → "East Bay Times", "fresnobee" → "Fresno Bee").
_NAME_WORDS = frozenset({
    "times", "news", "post", "daily", "tribune", "herald", "journal", "chronicle", "gazette",
    "press", "democrat", "republican", "register", "review", "record", "observer", "examiner",
    "sentinel", "inquirer", "independent", "dispatch", "standard", "leader", "beacon", "star",
    "sun", "bee", "union", "courier", "mercury", "telegraph", "globe", "bulletin", "reporter",
    "citizen", "eagle", "ledger", "enterprise", "advocate", "free", "public", "radio",
    "politics", "weekly", "voice", "signal", "monitor", "banner", "pioneer", "dealer",
    "morning", "evening", "east", "west", "north", "south", "bay", "valley", "county", "city",
    "state", "coast", "new", "local", "today", "san", "santa", "los",
})  # fmt: skip


def site_name(site: str, url: str) -> str:
    """A readable name for a site: "NJ.com" for a two- or three-letter one (known by its
    address), "KCRW" for a four-letter one, else its run-together words split."""
    if len(site) <= 3:
        host = urlsplit(url or "").hostname or ""
        return f"{site.upper()}.{host.rsplit('.', 1)[-1]}" if "." in host else site.upper()
    if len(site) <= 4:
        return site.upper()
    # Fewest letters outside known words, then fewest pieces.
    best: list[tuple[int, int, list[str]] | None] = [(0, 0, [])] + [None] * len(site)
    for end in range(1, len(site) + 1):
        for start in range(end):
            if best[start] is None:
                continue
            piece = site[start:end]
            known = piece in _NAME_WORDS
            if not known and len(piece) < 4 and not (start == 0 and len(piece) == 2):
                continue  # initials only lead ("la|times"); "capradio" stays whole
            unknown, pieces, words = best[start]
            candidate = (unknown + (0 if known else len(piece)), pieces + 1, [*words, piece])
            if best[end] is None or candidate[:2] < best[end][:2]:
                best[end] = candidate
    result = best[len(site)]
    if result is None or result[0] == len(site):
        return site.capitalize()
    words = result[2]
    return " ".join(
        w.upper() if len(w) == 2 and i == 0 else w.capitalize() for i, w in enumerate(words)
    )


def _site(url: str) -> str:
    """ "https://www.kcrw.com/news/…" → "kcrw"."""
    host = urlsplit(url or "").hostname or ""
    labels = [label for label in host.split(".") if label not in ("www", "m", "amp")]
    return labels[-2] if len(labels) >= 2 else ""


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
                outlet=_entry_outlet(entry, feed.feed),
                published=_entry_date(entry),
                source_name=f"{source_name}#{number}",
            )
        )
    return articles
