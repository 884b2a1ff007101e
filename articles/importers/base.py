"""What every parser returns, and the one error type a parser may raise."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from recalls.dates import PartialDate


class ArticleImportError(Exception):
    """A file cannot be imported; the message says what is wrong, in one line."""


@dataclass
class ParsedArticle:
    title: str
    body: str
    dek: str = ""
    url: str = ""
    author: str = ""
    outlet: str = ""
    published: PartialDate | None = None
    title_derived: bool = False
    source_name: str = ""
    extra: dict = field(default_factory=dict)


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "′": "'", "″": '"'})
_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Compare texts loosely: Unicode NFKC, straight quotes, single spaces, case folded."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _WS.sub(" ", text).strip().casefold()


def collapse_whitespace(text: str) -> str:
    return _WS.sub(" ", text).strip()


_SENTENCE_END = re.compile(r"(?<=[.?!])[”\"’]?\s+(?=[A-Z“\"])")


def first_sentence(text: str, limit: int = 140) -> str:
    """The first sentence of ``text`` (cut at a word boundary with … when longer than ``limit``)."""
    text = collapse_whitespace(text)
    match = _SENTENCE_END.search(text)
    sentence = text[: match.start()].rstrip() if match else text
    sentence = sentence.rstrip(".")
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return sentence
