"""Writes for articles: importing files, storing parsed articles."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from articles.importers import ArticleImportError, ParsedArticle, parse_bytes
from articles.importers.base import normalise_text
from articles.mentions import Matcher, find_facts
from articles.models import Article, Mention, Outlet, SuggestedFact
from editorial.context import as_system, current_actor


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
    # The database enforces the constraints; checking them here too costs a query each.
    article.full_clean(exclude=["slug", "url", "content_hash"], validate_constraints=False)
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


def article_suggest_links(
    *, article: Article, matcher: Matcher, fresh: bool = False
) -> tuple[int, int]:
    """Store who and what the article mentions, and its dated recall facts, as suggestions.

    Returns (mentions, facts) added. Suggestions already stored are left as they are;
    ``fresh`` (the article was created just now, so it has none) skips looking for them.
    """
    text = "\n\n".join(part for part in (article.title, article.dek, article.body) if part)
    published = article.published.value if article.published else None
    found = matcher.scan(text, published)
    mentions = [
        Mention(article=article, official_id=pk, matched_text="; ".join(forms)[:300])
        for pk, forms in found.officials.items()
    ] + [
        Mention(article=article, effort_id=pk, matched_text=forms[0][:300])
        for pk, forms in found.efforts.items()
    ]
    # Bulk operations keep history too (#5). Pairs already stored are skipped here rather
    # than by ignore_conflicts, which would make simple-history match rows field by field.
    if not fresh:
        mentions = mentions_not_stored(article, mentions)
    if mentions:
        # Bulk history skips the signal that records why; pass the reason on ourselves.
        actor = current_actor()
        reason = actor[1][:100] if actor and actor[1] else None
        bulk_create_with_history(mentions, Mention, default_change_reason=reason)
    facts = []
    for fact in find_facts(text, found, published):
        suggestion = SuggestedFact(
            article=article,
            effort_id=fact.effort,
            quote=fact.quote,
            description=fact.quote,
            date_note=fact.date_note,
            proposed_status=fact.status,
        )
        suggestion.date = fact.date
        facts.append(suggestion)
    SuggestedFact.objects.bulk_create(facts, ignore_conflicts=True)
    return len(mentions), len(facts)


def mentions_not_stored(article: Article, mentions: list[Mention]) -> list[Mention]:
    if not mentions:
        return []
    stored = set(Mention.objects.filter(article=article).values_list("official_id", "effort_id"))
    return [m for m in mentions if (m.official_id, m.effort_id) not in stored]


@dataclass
class ArticleResult:
    title: str
    slug: str
    created: bool
    mentions: int = 0
    facts: int = 0


@dataclass
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


def too_large(size: int, *, stream: bool = False) -> str:
    """The failure line for an input over IMPORT_MAX_BYTES ("" when it is within)."""
    limit = settings.IMPORT_MAX_BYTES
    if size <= limit:
        return ""
    amount = f"more than {limit:,} bytes" if stream else f"{size:,} bytes"
    return f"too large: {amount} (the limit is {limit:,}; IMPORT_MAX_BYTES)"


def import_bytes(
    *, data: bytes, name: str, dry_run: bool = False, matcher: Matcher | None = None
) -> FileResult:
    """Import every article in one file, all or nothing, with its suggested links."""
    result = FileResult(name=name)
    if error := too_large(len(data)):
        result.error = error
        return result
    try:
        parsed_articles = parse_bytes(data, source_name=name)
        if matcher is None:
            matcher = Matcher.from_database()
        with transaction.atomic():
            for parsed in parsed_articles:
                article, created = article_create(parsed=parsed)
                entry = ArticleResult(title=article.title, slug=article.slug, created=created)
                if created:
                    result.imported += 1
                    entry.mentions, entry.facts = article_suggest_links(
                        article=article, matcher=matcher, fresh=True
                    )
                else:
                    result.duplicates += 1
                result.articles.append(entry)
            if dry_run:
                transaction.set_rollback(True)
    except ArticleImportError as error:
        result.error = str(error)
        result.imported = result.duplicates = 0
        result.articles = []
    return result


def expand_paths(paths: list[str]) -> list[Path]:
    """Files as given; folders recursively, in a stable order, skipping hidden files."""
    files = []
    for raw in paths:
        path = Path(raw)
        if raw == "-":
            files.append(path)
        elif path.is_dir():
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


def read_limited(stream: BinaryIO) -> bytes:
    """Read at most one byte over the limit, so that a huge input is refused, not slurped."""
    return stream.read(settings.IMPORT_MAX_BYTES + 1)


def import_paths(
    *,
    paths: list[str],
    dry_run: bool = False,
    stdin: BinaryIO | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import files, folders (recursively) and ``-`` (standard input), each file on its own."""
    # History records name the system user; a dry run must not even create that account.
    with nullcontext() if dry_run else as_system("import_articles"):
        return _import_files(
            files=expand_paths(paths),
            dry_run=dry_run,
            stdin=stdin,
            on_result=on_result,
            on_progress=on_progress,
        )


def _import_files(
    *,
    files: list[Path],
    dry_run: bool,
    stdin: BinaryIO | None,
    on_result: Callable[[FileResult], None] | None,
    on_progress: Callable[[int, int], None] | None,
) -> ImportReport:
    report = ImportReport()
    matcher = Matcher.from_database()  # one per run: scanning then costs the same per article
    for done, path in enumerate(files, start=1):
        name = str(path)
        try:
            if name == "-":
                name = "<stdin>"
                data = read_limited(stdin) if stdin is not None else b""
                error = too_large(len(data), stream=True)
            else:
                error = too_large(path.stat().st_size)
                data = b"" if error else path.read_bytes()
        except OSError as problem:
            result = FileResult(name=name, error=f"cannot read: {problem.strerror or problem}")
        else:
            result = (
                FileResult(name=name, error=error)
                if error
                else import_bytes(data=data, name=name, dry_run=dry_run, matcher=matcher)
            )
        report.files.append(result)
        if on_result:
            on_result(result)
        if on_progress:
            on_progress(done, len(files))
    return report
