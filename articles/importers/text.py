"""The two plain-text formats of the seed documents.

* A saved "More stories" listing: ``• in`` bullets, each followed by a headline line and
  one long line that runs the dek, the text and the photo captions together and ends
  with "More".
* A single dated article: `` date YYYY-MM-DD PLACE (Outlet) — text…`` with no headline.
"""

from __future__ import annotations

import datetime as dt
import re

from articles.importers.base import ArticleImportError, ParsedArticle, first_sentence
from core.dates import PartialDate, Precision

_BULLET = re.compile(r"^[ \t]*[•*·][ \t]*in[ \t]*$", re.MULTILINE)
_DATED = re.compile(r"\A\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*(?P<rest>.*)\Z", re.DOTALL)
_DATELINE = re.compile(
    r"\A(?P<place>[A-Z][A-Z .,'’-]{1,60}?)\s*\((?P<outlet>[^()\n]{2,80})\)\s*[—–-]{1,2}\s*"
)
# Where the saved page lost its paragraph breaks: a sentence end glued to the next capital,
# or a photo credit glued to the next sentence.
_GLUED = re.compile(
    r"(?<=[a-z0-9)%][.?!])(?=[A-Z“\"])"
    r"|(?<=[.?!][”\"])(?=[A-Z“\"])"
    r"|(?:(?<=Associated Press)|(?<=The New York Times)|(?<=Getty Images)|(?<=/Reuters))(?=[A-Z“\"])"
)
_DEK_END = re.compile(r"(?<=[a-z0-9)][.?!])(?=[A-Z“\"])")
_TRAILING_MORE = re.compile(r"\s*\bMore\s*\Z")


def looks_like_listing(text: str) -> bool:
    # The cheap test first: the bullet search reads the whole text.
    return text.lstrip()[:12].lower().startswith("more stories") and bool(_BULLET.search(text))


def looks_like_dated(text: str) -> bool:
    return bool(_DATED.match(text))


def restore_paragraphs(text: str) -> str:
    return "\n\n".join(part.strip() for part in _GLUED.split(text) if part.strip())


def parse_listing(text: str, source_name: str) -> list[ParsedArticle]:
    articles = []
    chunks = _BULLET.split(text)[1:]
    for number, chunk in enumerate(chunks, start=1):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if len(lines) < 2:
            raise ArticleImportError(f"story {number} has a headline but no text")
        title, run = lines[0], " ".join(lines[1:])
        run = _TRAILING_MORE.sub("", run)
        dek_end = _DEK_END.search(run)
        dek, body = (run[: dek_end.start()], run[dek_end.start() :]) if dek_end else ("", run)
        body = restore_paragraphs(body)
        if not body:
            raise ArticleImportError(f"story {number} ({title[:60]!r}) has no text")
        articles.append(
            ParsedArticle(
                title=title, dek=dek.strip(), body=body, source_name=f"{source_name}#{number}"
            )
        )
    if not articles:
        raise ArticleImportError("a 'More stories' listing with no stories in it")
    return articles


def parse_dated(text: str, source_name: str) -> list[ParsedArticle]:
    match = _DATED.match(text)
    try:
        published = dt.date.fromisoformat(match["date"])
    except ValueError as error:
        raise ArticleImportError(f"bad date {match['date']!r}: {error}") from None
    rest = match["rest"].strip()
    outlet = ""
    dateline = _DATELINE.match(rest)
    if dateline:
        outlet = dateline["outlet"].strip()
        rest = rest[dateline.end() :]
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", rest) if p.strip()]
    if not paragraphs:
        raise ArticleImportError("a dated article with no text after the date")
    body = "\n\n".join(paragraphs)
    return [
        ParsedArticle(
            title=first_sentence(body),
            title_derived=True,
            body=body,
            outlet=outlet,
            published=PartialDate(published, Precision.DAY),
            source_name=source_name,
        )
    ]
