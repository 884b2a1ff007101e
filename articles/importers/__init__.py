"""Turn the bytes of a saved file into parsed articles, detecting the format from content."""

from __future__ import annotations

from articles.importers import text as text_formats
from articles.importers.base import ArticleImportError, ParsedArticle

__all__ = ["ArticleImportError", "ParsedArticle", "decode", "parse_bytes"]


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), else Windows-1252; refuse binary data."""
    if not data.strip():
        raise ArticleImportError("empty file")
    if b"\x00" in data[:4096]:
        raise ArticleImportError("not a text file (binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ArticleImportError(
            f"undecodable text: neither UTF-8 nor Windows-1252 (byte {error.start})"
        ) from None


def parse_bytes(data: bytes, source_name: str) -> list[ParsedArticle]:
    text = decode(data)
    if not text.strip():
        raise ArticleImportError("empty file")
    if text_formats.looks_like_listing(text):
        return text_formats.parse_listing(text, source_name)
    if text_formats.looks_like_dated(text):
        return text_formats.parse_dated(text, source_name)
    raise ArticleImportError(
        "unknown format: expected a 'More stories' listing or a ' date YYYY-MM-DD' article"
    )
