"""Writes for articles: importing files, storing parsed articles and what they mention.

An import reads and parses files a batch at a time (``BATCH_FILES``) and stores each
batch in one transaction with a few bulk queries, whatever the number of articles in it:
one look-up of the duplicates, one of the slugs, one insert each for the articles, the
mentions, their history rows and the suggested facts. A file the database refuses makes
its batch go again file by file, so that only that file fails and keeps nothing.

What the new articles mention is found before the transaction begins: the matching is
most of an import's work, and on SQLite every other writer (an editor saving) waits while
a transaction holds the write lock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connection, transaction
from django.utils.text import slugify

from articles.duplicates import facts_mark_duplicates
from articles.facts import FactFound
from articles.import_files import expand_paths, read_limited, too_large
from articles.importers import ArticleImportError, ParsedArticle, parse_bytes
from articles.importers.report import (
    ArticleResult,
    FileResult,
    ImportReport,
    printable_name,
    proposals,
)
from articles.mentions.matcher import Found, Matcher
from articles.models import Article, Mention, Outlet, SuggestedFact
from articles.number_suggestions import numbers_scan, numbers_suggest
from articles.numbers import NumberFound
from articles.suggestions import links_find, links_scan
from core.copy_insert import rows_insert
from core.history_sql import history_insert_created
from core.text import normalise_text
from editorial.context import as_system, change_reason
from ops.cache_tags import objects_changed

__all__ = ["ArticleResult", "FileResult", "ImportReport", "import_paths"]

# Files stored per transaction: a commit per file kept SQLite waiting on the disk, and on
# SQLite a transaction holds the write lock that editors' saves wait for. 50 files hold it
# for 0.4 s (0.6 s at most; 100 took 0.9 s) with two cores loaded 4×, at the same speed.
# PostgreSQL locks only the rows written, so there a batch is larger: each batch's dozen
# statements and the workers' waits at its edges cost less per file (2,000 bench files
# against 10,000 officials: 8.75 → 7.87 s, 8 runs).
BATCH_FILES = 50
BATCH_FILES_SERVER = 200


def batch_files_default() -> int:
    return BATCH_FILES if connection.vendor == "sqlite" else BATCH_FILES_SERVER


# Values per IN (…) look-up, within every database's limit on query parameters.
LOOKUP_CHUNK = 500


def content_hash(body: str) -> str:
    return hashlib.sha256(normalise_text(body).encode("utf-8")).hexdigest()


def unique_slugs(model, wanted: list[tuple[str, str]], *, max_length: int = 80) -> list[str]:
    """Slugs for new rows of ``model`` from (text, key) pairs, taken neither by a stored row
    nor by each other. A taken slug gets a short suffix from the key (a hash), so that a
    common title costs one more look-up, not one per row that already has it."""
    bases = [slugify(text)[:max_length].strip("-") or "untitled" for text, _ in wanted]
    slugs: list[str] = [""] * len(wanted)
    pending, chosen, attempt = list(range(len(wanted))), set(), 0
    while pending:
        proposed = {
            i: _slug_candidate(bases[i], wanted[i][1], attempt, max_length) for i in pending
        }
        stored = {
            slug
            for chunk in chunked(sorted(set(proposed.values())), LOOKUP_CHUNK)
            for slug in model.objects.filter(slug__in=chunk).values_list("slug", flat=True)
        }
        retry = []
        for i in pending:
            if proposed[i] in stored or proposed[i] in chosen:
                retry.append(i)
            else:
                slugs[i] = proposed[i]
                chosen.add(proposed[i])
        pending, attempt = retry, attempt + 1
    return slugs


def _slug_candidate(base: str, key: str, attempt: int, max_length: int) -> str:
    if attempt == 0:
        return base
    suffix = key[:6] if attempt == 1 else f"{key[:6]}-{attempt}"
    return f"{base[: max_length - len(suffix) - 1].rstrip('-')}-{suffix}"


def unique_slug(model, text: str, *, max_length: int = 80) -> str:
    key = hashlib.sha256(text.encode()).hexdigest()
    (slug,) = unique_slugs(model, [(text, key)], max_length=max_length)
    return slug


def outlet_get_or_create(*, name: str) -> Outlet:
    outlet = Outlet.objects.filter(name__iexact=name).first()
    if outlet:
        return outlet
    return Outlet.objects.create(name=name, slug=unique_slug(Outlet, name))


def chunked(values: list, size: int) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


# -- One file: read, parse, check ----------------------------------------------------------


@dataclass
class NewArticle:
    """A parsed article ready to store; ``outlet`` is the name, found or made when stored;
    ``scan`` what it mentions, found before the batch's transaction (None for a duplicate)."""

    article: Article
    outlet: str
    scan: tuple[Found, list[FactFound]] | None = None
    numbers: list[NumberFound] | None = None  # the figures it gives, found with ``scan``


@dataclass
class ParsedFile:
    """A file read and parsed, waiting for its batch to be stored."""

    result: FileResult
    articles: list[NewArticle] = field(default_factory=list)


def article_build(*, parsed: ParsedArticle) -> NewArticle:
    """An unsaved article from a parsed one, its fields checked (not its uniqueness)."""
    article = Article(
        title=parsed.title[:500],
        url=parsed.url or None,
        author=parsed.author[:300],
        dek=parsed.dek,
        body=parsed.body,
        content_hash=content_hash(parsed.body),
        title_derived=parsed.title_derived,
        source_name=parsed.source_name[:500],
    )
    article.published = parsed.published
    # The database enforces uniqueness and the constraints; checking them here costs queries.
    try:
        article.full_clean(
            exclude=["slug", "url", "content_hash", "outlet"], validate_constraints=False
        )
    except ValidationError as error:
        problems = "; ".join(f"{name}: {' '.join(m)}" for name, m in error.message_dict.items())
        raise ArticleImportError(f"invalid article {parsed.title[:60]!r}: {problems}") from None
    return NewArticle(article, parsed.outlet)


def file_parse(*, data: bytes, name: str) -> ParsedFile:
    file = ParsedFile(FileResult(name=name))
    if error := too_large(len(data)):
        file.result.error = error
        return file
    try:
        file.articles = [article_build(parsed=p) for p in parse_bytes(data, source_name=name)]
    except ArticleImportError as error:
        file.result.error = str(error)
    return file


def file_read(path: Path, stdin: BinaryIO | None) -> ParsedFile:
    name = printable_name(str(path))
    try:
        if str(path) == "-":
            name = "<stdin>"
            data = read_limited(stdin) if stdin is not None else b""
            error = too_large(len(data), stream=True)
        else:
            # A regular file tells its size; a pipe or a device says 0 whatever comes, so
            # what is read is capped too.
            size = path.stat().st_size
            error = too_large(size)
            if not error:
                with path.open("rb") as file:
                    data = read_limited(file, size or None)
                error = too_large(len(data), stream=True)
    except OSError as problem:
        error = f"cannot read: {problem.strerror or problem}"
    if error:
        return ParsedFile(FileResult(name=name, error=error))
    return file_parse(data=data, name=name)


# -- A batch of files: one transaction -----------------------------------------------------


def files_store(*, files: list[ParsedFile], matcher: Matcher, dry_run: bool = False) -> None:
    """Store the articles of parsed files, with their suggested links, in one transaction.

    When the database refuses the batch, each file goes again on its own: the file at
    fault fails with one line and keeps nothing, the others are stored.
    """
    todo = [file for file in files if not file.result.error]
    if not todo:
        return
    links_scan_new(files=todo, matcher=matcher)
    try:
        with transaction.atomic():
            outcomes = _store(todo, matcher)
            if dry_run:
                transaction.set_rollback(True)
    except (IntegrityError, DataError) as error:  # what a row can break, not the server
        if len(todo) > 1:
            for file in todo:
                files_store(files=[file], matcher=matcher, dry_run=dry_run)
            return
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        todo[0].result.error = f"not stored: {first_line[:200]}"
        return
    for file, entries in zip(todo, outcomes, strict=True):
        file.result.articles = entries
        file.result.imported = sum(1 for entry in entries if entry.created)
        file.result.duplicates = len(entries) - file.result.imported


def _store(files: list[ParsedFile], matcher: Matcher) -> list[list[ArticleResult]]:
    new_articles = [new for file in files for new in file.articles]
    by_hash, by_url = articles_stored(new_articles)
    outlets: dict[str, Outlet] = {}
    fresh: list[NewArticle] = []
    kept: list[list[tuple[Article, bool, NewArticle]]] = []  # per file: (article, created, read)
    for file in files:
        kept.append([])
        for new in file.articles:
            article = new.article
            existing = by_hash.get(article.content_hash) or by_url.get(article.url or "")
            if existing is not None:
                kept[-1].append((existing, False, new))
                continue
            article.pk, article._state.adding = None, True  # when a batch goes again
            if new.outlet:
                key = new.outlet.casefold()
                if key not in outlets:
                    outlets[key] = outlet_get_or_create(name=new.outlet)
                article.outlet = outlets[key]
            by_hash[article.content_hash] = article
            if article.url:
                by_url[article.url] = article
            fresh.append(new)
            kept[-1].append((article, True, new))
    slugs = unique_slugs(Article, [(n.article.title, n.article.content_hash) for n in fresh])
    for new, slug in zip(fresh, slugs, strict=True):
        new.article.slug = slug
    counts, proposed = {}, {}
    if fresh:
        reason = change_reason()
        articles = rows_insert(Article, [n.article for n in fresh])
        pks = [article.pk for article in articles]
        history_insert_created(model=Article, rows=articles, column="id", values=pks, reason=reason)
        mentions, facts, numbers = [], [], []
        for new in fresh:
            article = new.article
            scan = new.scan or links_scan(article=article, matcher=matcher)
            article_mentions, article_facts = links_find(
                article=article, matcher=matcher, scan=scan
            )
            counts[article.pk] = (len(article_mentions), len(article_facts))
            proposed[article.pk] = proposals(article_mentions, article_facts, matcher)
            mentions += article_mentions
            facts += article_facts
            found_numbers = new.numbers
            if found_numbers is None or new.scan is not scan:
                found_numbers = numbers_scan(article=article, found=scan[0])
            numbers.append((article, found_numbers))
        if mentions:
            rows_insert(Mention, mentions)
            history_insert_created(
                model=Mention, rows=mentions, column="article_id", values=pks, reason=reason
            )
        facts_mark_duplicates(facts=facts)
        SuggestedFact.objects.bulk_create(facts, ignore_conflicts=True)
        for pk, rows in numbers_suggest(found=numbers, efforts=matcher.efforts).items():
            proposed[pk]["numbers"] = rows
        # Bulk inserts send no post_save: the pages of what they touch change at commit
        # (a rolled-back batch or a dry run changes nothing).
        objects_changed([*(n.article for n in fresh), *mentions])
    return [
        [
            ArticleResult(
                a.title,
                a.slug,
                created,
                *(counts[a.pk] if created else (0, 0)),
                url=read.article.url or None,
                outlet=read.outlet or None,
                published=read.article.published.isoformat().rstrip("~")
                if read.article.published
                else None,
                **(proposed[a.pk] if created else {}),
            )
            for a, created, read in entries
        ]
        for entries in kept
    ]


def articles_stored(new_articles: list[NewArticle]) -> tuple[dict, dict]:
    """Stored articles with the content hash or the URL of any of ``new_articles``."""
    hashes = sorted({new.article.content_hash for new in new_articles})
    urls = sorted({new.article.url for new in new_articles if new.article.url})
    by_hash, by_url = {}, {}
    for values, lookup in ((hashes, "content_hash__in"), (urls, "url__in")):
        for chunk in chunked(values, LOOKUP_CHUNK):
            rows = (
                Article.objects.filter(**{lookup: chunk})
                .order_by()
                .only("pk", "title", "slug", "content_hash", "url")
            )
            for article in rows:
                by_hash[article.content_hash] = article
                if article.url:
                    by_url[article.url] = article
    return by_hash, by_url


# -- Suggested links ---------------------------------------------------------------------


def links_scan_new(*, files: list[ParsedFile], matcher: Matcher) -> None:
    """Scan the articles of ``files`` that are not stored yet (a re-import costs no
    matching); the transaction checks again, and scans any that this missed."""
    new_articles = [new for file in files for new in file.articles if new.scan is None]
    by_hash, by_url = articles_stored(new_articles)
    for new in new_articles:
        article = new.article
        if article.content_hash not in by_hash and (article.url or "") not in by_url:
            new.scan = links_scan(article=article, matcher=matcher)
            new.numbers = numbers_scan(article=article, found=new.scan[0])


def import_paths(
    *,
    paths: list[str],
    dry_run: bool = False,
    stdin: BinaryIO | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    batch_files: int | None = None,
    keep_all: bool = True,
    jobs: int = 1,
    matcher: Matcher | None = None,
) -> ImportReport:
    """Import files, folders (recursively) and ``-`` (standard input), each file all or
    nothing, at most ``batch_files`` files per transaction (``batch_files_default()``).
    The report keeps every file's result, or with ``keep_all`` off only the failures;
    ``jobs`` processes parse and scan the files (``articles.import_workers``); ``matcher``,
    the names to scan for if already read (a watching import)."""
    # They read with file_read: an import at load time would be a cycle.
    from articles.import_workers import gc_frozen, parsed_batches, ramped

    files = expand_paths(paths)
    report = ImportReport(keep_all=keep_all)
    # History records name the system user; a dry run must not even create that account.
    with nullcontext() if dry_run else as_system("import_articles"):
        # One per run: scanning then costs the same per article.
        matcher = matcher or Matcher.from_database()
        largest = batch_files or batch_files_default()
        # In worker processes, the batches ramp up and down so that none waits long.
        batches = ramped(files, largest) if jobs > 1 else chunked(files, largest)
        with gc_frozen():
            for parsed in parsed_batches(batches, stdin=stdin, matcher=matcher, jobs=jobs):
                files_store(files=parsed, matcher=matcher, dry_run=dry_run)
                for file in parsed:
                    report.add(file.result)
                    if on_result:
                        on_result(file.result)
                    if on_progress:
                        on_progress(report.count, len(files))
    return report
