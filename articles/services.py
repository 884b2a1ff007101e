"""Writes for articles: importing files, storing parsed articles."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify

from articles.importers import ArticleImportError, ParsedArticle, parse_bytes
from articles.importers.base import normalise_text
from articles.models import Article, Outlet


def content_hash(body: str) -> str:
    return hashlib.sha256(normalise_text(body).encode("utf-8")).hexdigest()


def unique_slug(model, text: str, *, max_length: int = 80) -> str:
    base = slugify(text)[:max_length].strip("-") or "untitled"
    slug, counter = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base[: max_length - 6]}-{counter}"
        counter += 1
    return slug


def outlet_get_or_create(*, name: str) -> Outlet:
    outlet = Outlet.objects.filter(name__iexact=name).first()
    if outlet:
        return outlet
    return Outlet.objects.create(name=name, slug=unique_slug(Outlet, name))


def article_find_duplicate(parsed: ParsedArticle, digest: str) -> Article | None:
    condition = Q(content_hash=digest)
    if parsed.url:
        condition |= Q(url=parsed.url)
    return Article.objects.filter(condition).first()


def article_create(*, parsed: ParsedArticle) -> tuple[Article, bool]:
    """Store one parsed article; returns (article, created). A re-import returns the original."""
    digest = content_hash(parsed.body)
    existing = article_find_duplicate(parsed, digest)
    if existing:
        return existing, False
    article = Article(
        title=parsed.title[:500],
        slug=unique_slug(Article, parsed.title),
        outlet=outlet_get_or_create(name=parsed.outlet) if parsed.outlet else None,
        url=parsed.url or None,
        author=parsed.author[:300],
        dek=parsed.dek,
        body=parsed.body,
        content_hash=digest,
        title_derived=parsed.title_derived,
        source_name=parsed.source_name[:500],
    )
    article.published = parsed.published
    article.full_clean(exclude=["slug", "url", "content_hash"])
    try:
        # A savepoint, so that losing a race to a concurrent import keeps the file's transaction.
        with transaction.atomic():
            article.save()
    except IntegrityError:
        existing = article_find_duplicate(parsed, digest)
        if existing is None:
            raise
        return existing, False
    return article, True


@dataclass
class FileResult:
    name: str
    imported: int = 0
    duplicates: int = 0
    error: str = ""
    titles: list[str] = field(default_factory=list)

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


def import_bytes(*, data: bytes, name: str, dry_run: bool = False) -> FileResult:
    """Import every article in one file, all or nothing."""
    result = FileResult(name=name)
    limit = settings.IMPORT_MAX_BYTES
    if len(data) > limit:
        result.error = f"too large: {len(data):,} bytes (the limit is {limit:,}; IMPORT_MAX_BYTES)"
        return result
    try:
        parsed_articles = parse_bytes(data, source_name=name)
        with transaction.atomic():
            for parsed in parsed_articles:
                _, created = article_create(parsed=parsed)
                if created:
                    result.imported += 1
                    result.titles.append(parsed.title)
                else:
                    result.duplicates += 1
            if dry_run:
                transaction.set_rollback(True)
    except ArticleImportError as error:
        result.error = str(error)
        result.imported = result.duplicates = 0
    return result


def expand_paths(paths: list[str]) -> list[Path]:
    """Files as given; folders recursively, in a stable order, skipping hidden files."""
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            files.append(path)
    return files


def import_paths(*, paths: list[str], dry_run: bool = False, on_result=None) -> ImportReport:
    report = ImportReport()
    for path in expand_paths(paths):
        try:
            data = path.read_bytes()
        except OSError as error:
            result = FileResult(name=str(path), error=f"cannot read: {error.strerror or error}")
        else:
            result = import_bytes(data=data, name=str(path), dry_run=dry_run)
        report.files.append(result)
        if on_result:
            on_result(result)
    return report
