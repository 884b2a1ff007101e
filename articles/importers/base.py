"""What every parser returns, and the one error type a parser may raise."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from core.dates import PartialDate, Precision


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


def collapse_whitespace(text: str) -> str:
    # str.split() splits on exactly what the regex \s+ matches, at a quarter of the time.
    return " ".join(text.split())


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


# Anything that looks like a tag or a comment; no stored field may carry markup.
_MARKUP = re.compile(r"<!--.*?(?:-->|\Z)|<\s*/?\s*[A-Za-z!?][^<>]*(?:>|\Z)", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff]")


def strip_markup(text: str) -> str:
    """Plain text without anything that looks like a tag, and without control characters."""
    previous = None
    while previous != text:  # "<<b>script>" becomes "<script>" after one pass
        previous, text = text, _MARKUP.sub("", text)
    return _CONTROL.sub("", text)


def clean_line(text: str) -> str:
    """One line of plain text for a title, an author or an outlet."""
    return collapse_whitespace(strip_markup(text or ""))


def clean_paragraphs(text: str) -> str:
    """Plain text with paragraphs separated by one blank line and single spaces inside them."""
    text = strip_markup(text or "")
    paragraphs = (collapse_whitespace(p) for p in re.split(r"\n\s*\n|\r\n\s*\r\n", text))
    return "\n\n".join(p for p in paragraphs if p)


_BLOCK_TAGS = {
    "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip
_DROP_TAGS = ("script", "style", "noscript", "iframe", "object", "embed", "template", "svg", "math")


def html_to_text(html: str) -> str:
    """Reduce an HTML fragment (a feed entry, a JSON body) to paragraphs of plain text."""
    if "<" not in html and "&" not in html:
        return clean_paragraphs(html)
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return clean_paragraphs(html)
    for element in list(
        root.iter(*_DROP_TAGS, lxml.etree.Comment, lxml.etree.ProcessingInstruction)
    ):
        if element is not root:
            element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _BLOCK_TAGS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
        elif element.tag == "br":
            element.tail = "\n\n" + (element.tail or "")
    return clean_paragraphs(root.text_content())


def clean_url(url: str) -> str:
    """An absolute http(s) URL, or "" (a javascript: or relative link is not a source)."""
    url = (url or "").strip()
    if not url or len(url) > 1000 or not url.lower().startswith(("http://", "https://")):
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return ""
    return url


_ISO_DAY = re.compile(r"\A\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*\Z")
_ISO_MONTH = re.compile(r"\A\s*(\d{4})-(\d{2})\s*\Z")
_YEAR = re.compile(r"\A\s*(\d{4})\s*\Z")


def parse_published(value: object, what: str = "published date") -> PartialDate | None:
    """A publication date as the sources write it: ISO dates and times, or free text."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ArticleImportError(f"{what} must be a string, not {type(value).__name__}")
    try:
        if match := _ISO_DAY.match(value):
            return PartialDate(dt.date(*map(int, match.groups())), Precision.DAY)
        if match := _ISO_MONTH.match(value):
            return PartialDate(dt.date(int(match[1]), int(match[2]), 1), Precision.MONTH)
        if match := _YEAR.match(value):
            return PartialDate(dt.date(int(match[1]), 1, 1), Precision.YEAR)
    except ValueError:
        raise ArticleImportError(f"bad {what} {value[:40]!r}") from None
    import dateparser

    # A day when the text gives one, else a month ("Sept. 2022"): never more than it says.
    for parts, precision in (
        (["day", "month", "year"], Precision.DAY),
        (["month", "year"], Precision.MONTH),
    ):
        parsed = dateparser.parse(
            value[:100],
            languages=["en"],
            settings={"REQUIRE_PARTS": parts, "PREFER_DAY_OF_MONTH": "first"},
        )
        if parsed is not None:
            day = parsed.date() if precision == Precision.DAY else parsed.date().replace(day=1)
            return PartialDate(day, precision)
    raise ArticleImportError(f"bad {what} {value[:40]!r}")
