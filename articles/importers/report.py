"""What an import did, file by file: the lines the command prints and its --json report."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field

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
    title: str
    slug: str
    created: bool
    mentions: int = 0
    facts: int = 0


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
                    "articles": [asdict(a) for a in f.articles],
                }
                for f in self.files
            ],
        }
