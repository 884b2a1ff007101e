"""JSON exports: one article object, or a list of them.

Keys: ``title``, ``url``, ``published``, ``outlet``, ``author``, ``body`` (required; HTML
is reduced to text), and optionally ``dek``. Anything else is ignored.
"""

from __future__ import annotations

import json

from articles.importers.base import (
    ArticleImportError,
    ParsedArticle,
    clean_line,
    clean_url,
    first_sentence,
    html_to_text,
    parse_published,
)

_TEXT_KEYS = ("title", "url", "outlet", "author", "body", "dek")


def looks_like_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


def parse_json(text: str, source_name: str) -> list[ParsedArticle]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        problem = "truncated JSON" if error.pos >= len(text.rstrip()) else "malformed JSON"
        raise ArticleImportError(f"{problem} at line {error.lineno}: {error.msg}") from None
    except RecursionError:
        raise ArticleImportError("wrong JSON shape: nested too deeply") from None
    items = data if isinstance(data, list) else [data]
    if not isinstance(data, list | dict):
        raise ArticleImportError(
            f"wrong JSON shape: expected an article object or a list of them, got {type(data).__name__}"
        )
    if not items:
        raise ArticleImportError("wrong JSON shape: an empty list")
    return [
        _article(item, number, f"{source_name}#{number}" if isinstance(data, list) else source_name)
        for number, item in enumerate(items, start=1)
    ]


def _article(item: object, number: int, source_name: str) -> ParsedArticle:
    where = f"item {number}"
    if not isinstance(item, dict):
        raise ArticleImportError(
            f"wrong JSON shape: {where} is {type(item).__name__}, not an article object"
        )
    for key in _TEXT_KEYS:
        if item.get(key) is not None and not isinstance(item[key], str):
            raise ArticleImportError(
                f"wrong JSON shape: {where} has {key!r} as {type(item[key]).__name__}, not text"
            )
    if "body" not in item:
        raise ArticleImportError(f"wrong JSON shape: {where} has no 'body'")
    body = html_to_text(item["body"] or "")
    title = clean_line(item.get("title") or "")
    if not body:
        raise ArticleImportError(f"{where} ({title[:60]!r}) has no text")
    return ParsedArticle(
        title=title or first_sentence(body),
        title_derived=not title,
        body=body,
        dek=clean_line(item.get("dek") or ""),
        url=clean_url(item.get("url") or ""),
        author=clean_line(item.get("author") or ""),
        outlet=clean_line(item.get("outlet") or ""),
        published=parse_published(item.get("published"), f"{where}: published date"),
        source_name=source_name,
    )
