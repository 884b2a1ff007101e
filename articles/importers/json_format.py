"""JSON exports: one article object, or a list of them, in the shapes CMSs write.

The key names vary by system, so each field is the first of several common keys that is
present: the text under ``body``, ``text``, ``content``, ``articleBody``, ``body_text``
(HTML is reduced to text) or Arc-style ``content_elements`` (captions kept as text); the
date under ``published``, ``date``, ``datePublished``, ``publishedAt``…; the outlet under
``outlet``, ``source``, ``publisher``, ``site`` (a string or an object with a ``name``);
the author a string, an object or a list. An article wrapped in an envelope
(``{"data": {"article": {…}}}``) is found inside it.
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

TITLE_KEYS = ("title", "headline", "headlines", "post_title", "name")
BODY_KEYS = ("body", "text", "content", "articleBody", "body_text", "post_content", "bodyText")
DEK_KEYS = ("dek", "description", "subheadline", "subheadlines", "teaser", "summary", "excerpt")
DATE_KEYS = (
    "published", "date", "datePublished", "publishedAt", "published_at", "post_date",
    "pub_date", "pubDate", "display_date", "first_publish_date", "publish_date", "created_at",
)  # fmt: skip
OUTLET_KEYS = ("outlet", "source", "publisher", "site", "site_name", "publication")
AUTHOR_KEYS = ("author", "authors", "byline", "post_author", "credits", "creator")
URL_KEYS = ("url", "canonical_url", "permalink", "link", "canonicalUrl")
_ELEMENTS = "content_elements"


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
    if not isinstance(data, list | dict):
        raise ArticleImportError(
            f"wrong JSON shape: expected an article object or a list of them, got {type(data).__name__}"
        )
    if isinstance(data, dict):
        data = _unwrap(data)
    items = data if isinstance(data, list) else [data]
    if not items:
        raise ArticleImportError("wrong JSON shape: an empty list")
    return [
        _article(item, number, f"{source_name}#{number}" if isinstance(data, list) else source_name)
        for number, item in enumerate(items, start=1)
    ]


def _has_body(item: dict) -> bool:
    return any(key in item for key in (*BODY_KEYS, _ELEMENTS))


def _unwrap(data: dict, depth: int = 0) -> dict | list:
    """The article inside an envelope: ``{"data": {"article": {…}}}``, ``{"items": […]}``."""
    if _has_body(data) or depth >= 4:
        return data
    for value in data.values():
        if isinstance(value, dict):
            inner = _unwrap(value, depth + 1)
            if isinstance(inner, list) or _has_body(inner):
                return inner
        elif (
            isinstance(value, list)
            and value
            and all(isinstance(v, dict) and _has_body(v) for v in value)
        ):
            return value
    return data


def _text(value: object, where: str, key: str) -> str:
    """A text field that may be a string, an object with a name or a ``basic`` form, or a
    list of those (several authors)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for inner in ("name", "basic", "main", "text", "value", "by"):
            if inner in value:
                return _text(value[inner], where, key)
        return ""
    if isinstance(value, list):
        return ", ".join(filter(None, (_text(v, where, key) for v in value)))
    raise ArticleImportError(
        f"wrong JSON shape: {where} has {key!r} as {type(value).__name__}, not text"
    )


def _first(item: dict, keys: tuple[str, ...], where: str) -> str:
    for key in keys:
        if item.get(key) is not None and (text := _text(item[key], where, key).strip()):
            return text
    return ""


def _elements_text(elements: object, where: str) -> str:
    """Arc-style content elements: text paragraphs and image captions, in order."""
    if not isinstance(elements, list):
        raise ArticleImportError(f"wrong JSON shape: {where} has {_ELEMENTS!r} that is not a list")
    parts = []
    for element in elements:
        if isinstance(element, dict):
            value = element.get("content") or element.get("caption") or ""
            if isinstance(value, str) and value.strip():
                parts.append(f"<p>{value}</p>")
    return "".join(parts)


def _article(item: object, number: int, source_name: str) -> ParsedArticle:
    where = f"item {number}"
    if not isinstance(item, dict):
        raise ArticleImportError(
            f"wrong JSON shape: {where} is {type(item).__name__}, not an article object"
        )
    for key in ("title", "body", "text", "url"):
        if item.get(key) is not None and not isinstance(item[key], str | dict | list):
            raise ArticleImportError(
                f"wrong JSON shape: {where} has {key!r} as {type(item[key]).__name__}, not text"
            )
    if not _has_body(item):
        keys = "/".join(BODY_KEYS[:5])
        raise ArticleImportError(f"wrong JSON shape: {where} has no text ({keys})")
    html = _first(item, BODY_KEYS, where) or _elements_text(item.get(_ELEMENTS, []), where)
    body = html_to_text(html)
    title = clean_line(_first(item, TITLE_KEYS, where))
    if not body:
        raise ArticleImportError(f"{where} ({title[:60]!r}) has no text")
    date_text = _first(item, DATE_KEYS, where)
    return ParsedArticle(
        title=title or first_sentence(body),
        title_derived=not title,
        body=body,
        dek=clean_line(_first(item, DEK_KEYS, where)),
        url=clean_url(_first(item, URL_KEYS, where)),
        author=clean_line(_first(item, AUTHOR_KEYS, where)),
        outlet=clean_line(_first(item, OUTLET_KEYS, where)),
        published=parse_published(date_text or None, f"{where}: published date"),
        source_name=source_name,
    )
