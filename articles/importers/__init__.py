"""Turn the bytes of a saved file into parsed articles, detecting the format from content.

Every parser raises only ``ArticleImportError``; the message says what is wrong in one line.
"""

from __future__ import annotations

import re
from itertools import islice

from articles.importers import text as text_formats
from articles.importers.base import (
    ArticleImportError,
    ParsedArticle,
    clean_line,
    clean_paragraphs,
    first_sentence,
)
from articles.importers.feeds import looks_like_feed, looks_like_xml, parse_feed, parse_other_xml
from articles.importers.html import looks_like_html, parse_html
from articles.importers.json_format import looks_like_json, parse_json
from articles.importers.plain import looks_like_plain, parse_plain

__all__ = ["ArticleImportError", "ParsedArticle", "decode", "parse_bytes"]

_BOMS = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")]
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_WORD = re.compile(r"[^\W\d_]{2,}")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252; refuse binary data."""
    if not data.strip():
        raise ArticleImportError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise ArticleImportError(
                    f"undecodable text: bad {encoding} at byte {error.start}"
                ) from None
    if b"\x00" in data[:4096]:
        raise ArticleImportError("not a text file (binary data)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            # Windows-1252 is a superset of Latin-1's printable characters.
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ArticleImportError(
                f"undecodable text: neither UTF-8 nor Windows-1252 (byte {error.start})"
            ) from None
    if len(_CONTROL.findall(text[:4096])) > 8:
        raise ArticleImportError("not a text file (control characters)")
    return text


def detect(text: str):
    """The parser for ``text``, chosen from its content, not its file name."""
    if looks_like_feed(text):
        return parse_feed
    if looks_like_html(text):
        return parse_html
    if looks_like_xml(text):
        return parse_other_xml
    if looks_like_json(text):
        return parse_json
    if text_formats.looks_like_listing(text):
        return text_formats.parse_listing
    if text_formats.looks_like_dated(text):
        return text_formats.parse_dated
    if looks_like_plain(text):
        return parse_plain
    return None


def parse_bytes(data: bytes, source_name: str) -> list[ParsedArticle]:
    text = decode(data)
    if not text.strip():
        raise ArticleImportError("empty file")
    parser = detect(text)
    if parser is None:
        raise ArticleImportError(
            "unknown format: expected HTML, an RSS/Atom feed, JSON, or plain text with at "
            "least a sentence of a dozen words"
        )
    try:
        articles = parser(text, source_name)
    except RecursionError:
        raise ArticleImportError("nested too deeply to read") from None
    return [finalise(article) for article in articles]


def finalise(article: ParsedArticle) -> ParsedArticle:
    """Plain text in every field, within the column sizes; an article must have real text."""
    article.body = clean_paragraphs(article.body)
    if len(list(islice(_WORD.finditer(article.body[:2000]), 3))) < 3:  # stops at the third
        which = f" in {article.title[:60]!r}" if article.title.strip() else ""
        raise ArticleImportError(f"no usable text{which} (fewer than three words)")
    article.title = clean_line(article.title)[:500]
    if not article.title:
        article.title, article.title_derived = first_sentence(article.body), True
    article.dek = clean_paragraphs(article.dek)
    article.author = clean_line(article.author)[:300]
    article.outlet = clean_line(article.outlet)[:200]
    article.source_name = article.source_name[:500]
    return article
