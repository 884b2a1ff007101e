"""What an import did, file by file: the lines the command prints and its --json report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


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
    files: list[FileResult] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return sum(f.imported for f in self.files)

    @property
    def duplicates(self) -> int:
        return sum(f.duplicates for f in self.files)

    @property
    def failed(self) -> int:
        return sum(1 for f in self.files if f.error)

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
