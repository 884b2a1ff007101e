"""What an import did, file by file: the lines the command prints and its --json report."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from articles.mentions.matcher import Matcher
    from articles.models import Mention, SuggestedFact

# Control, format (bidi overrides such as U+202E), line/paragraph separators, and the
# surrogates that stand for undecodable bytes in a file name.
_UNPRINTABLE = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def printable_name(name: str) -> str:
    """A file name safe to print on one line: what could break the line, reorder the text
    or hide a character is written as its escape (``\\n``, ``\\u202e``, ``\\udcff``)."""
    return "".join(
        ascii(char)[1:-1] if unicodedata.category(char) in _UNPRINTABLE else char for char in name
    )


@dataclass(slots=True)
class ArticleResult:
    """One article of a file: what was read and, for a new article, what was proposed
    (issue #15 item 7: dates written at their precision, facts with their quotes)."""

    title: str
    slug: str
    created: bool
    mentions: int = 0
    facts: int = 0
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    officials: list[str] = field(default_factory=list)
    efforts: list[str] = field(default_factory=list)
    fact_list: list[dict] = field(default_factory=list)
    numbers: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["facts_count"], data["facts"] = self.facts, data.pop("fact_list")
        return data


@dataclass(slots=True)
class FileResult:
    name: str
    imported: int = 0
    duplicates: int = 0
    error: str = ""
    articles: list[ArticleResult] = field(default_factory=list)

    @property
    def titles(self) -> list[str]:
        return [a.title for a in self.articles if a.created]

    def line(self) -> str:
        if self.error:
            return f"{self.name}: FAILED: {self.error}"
        return f"{self.name}: imported {self.imported}, duplicates {self.duplicates}"


@dataclass
class ImportReport:
    """Totals, and the results of every file, or with ``keep_all`` off only of the failed
    ones: a long import then holds no more than its totals in memory."""

    keep_all: bool = True
    files: list[FileResult] = field(default_factory=list)
    count: int = 0
    imported: int = 0
    duplicates: int = 0
    failed: int = 0

    def add(self, result: FileResult) -> None:
        self.count += 1
        self.imported += result.imported
        self.duplicates += result.duplicates
        self.failed += bool(result.error)
        if self.keep_all or result.error:
            self.files.append(result)

    def summary(self) -> str:
        return f"imported {self.imported}, duplicates {self.duplicates}, failed {self.failed}"

    def as_dict(self) -> dict:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "files": [
                {
                    "name": f.name,
                    "ok": not f.error,
                    "error": f.error,
                    "imported": f.imported,
                    "duplicates": f.duplicates,
                    "articles": [a.as_dict() for a in f.articles],
                }
                for f in self.files
            ],
        }


def proposals(mentions: list[Mention], facts: list[SuggestedFact], matcher: Matcher) -> dict:
    """What the import proposes for one article, as the --json report gives it."""
    efforts = matcher.efforts
    return {
        "officials": [matcher.display[m.official_id] for m in mentions if m.official_id],
        "efforts": [efforts[m.effort_id].title for m in mentions if m.effort_id],
        "fact_list": [
            {
                "effort": efforts[f.effort_id].title if f.effort_id else None,
                "status": f.proposed_status,
                "date": f.date.isoformat(),
                "approximate": f.date.approximate,
                "quote": f.quote,
            }
            for f in facts
        ],
        "numbers": [],  # needs the dated signature series of issue #16
    }
