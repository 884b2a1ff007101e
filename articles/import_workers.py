"""Reading and scanning files in worker processes while the main process stores batches.

Parsing a file and finding what it mentions is most of an import's CPU and needs no
database, so with ``jobs`` > 1 that part runs in a pool of forked processes (they share the
matcher built before the fork) and the main process stores the batches in the files' order,
as it would alone: the same report, lines and all-or-nothing per file. At most
``BATCHES_AHEAD`` batches wait parsed, so memory stays that of a few batches. A worker that
dies (killed, out of memory) ends the import with one line, never a hang.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from articles.mentions.matcher import Matcher
from articles.number_suggestions import numbers_scan
from articles.suggestions import links_scan

BATCHES_AHEAD = 2

_matcher: Matcher | None = None  # the workers' matcher, inherited through the fork


class ImportWorkerError(RuntimeError):
    """A worker process stopped without a result; the batches before are stored."""


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextmanager
def gc_frozen():
    """The objects alive now (the matcher and Django's own: some 130,000 against 10,000
    officials) left out of the garbage collector's passes until the block ends. Each full
    pass walked them all, 7% of an import's CPU, and in a forked worker it wrote to the
    pages they share with the main process."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()  # a process that imports again (the tests) can collect them


def batch_sizes(count: int, largest: int) -> list[int]:
    """Sizes of the batches of ``count`` files: ``largest`` in the middle, an eighth of it
    at the start, doubling, and halving again towards the end. The main process waits for
    the first batch to be parsed, and the workers for the last to be stored: with 200 files
    a batch, that was a third of a second at each end of an import of 1,000 files."""
    smallest = max(1, largest // 8)
    sizes, size, left = [], smallest, count
    while left:
        take = left if left <= smallest else min(size, largest, max(smallest, (left + 1) // 2))
        sizes.append(take)
        left -= take
        size *= 2
    return sizes


def ramped(files: list, largest: int) -> Iterator[list]:
    start = 0
    for size in batch_sizes(len(files), largest):
        yield files[start : start + size]
        start += size


def _read_scanned(paths: list[str]) -> list:
    from articles.services import file_read  # services imports this module: a cycle at load time

    files = [file_read(Path(path), None) for path in paths]
    # Scanned even if already stored (the worker has no database): the main process keeps
    # the scan only for the articles it stores.
    for file in files:
        for new in file.articles:
            new.scan = links_scan(article=new.article, matcher=_matcher)
            new.numbers = numbers_scan(article=new.article, found=new.scan[0])
    return files


def parsed_batches(
    batches: Iterator[list[Path]], *, stdin: BinaryIO | None, matcher: Matcher, jobs: int
) -> Iterator[list]:
    """Each batch of paths read and parsed (ParsedFile), in order; standard input (-) is
    read by the main process."""
    from articles.services import file_read  # services imports this module: a cycle at load time

    if jobs <= 1:
        for batch in batches:
            yield [file_read(path, stdin) for path in batch]
        return
    global _matcher
    _matcher = matcher
    pending: deque[list[tuple[list[Path], Future | None]]] = deque()
    # fork: the workers start at once with the matcher in memory (built from the database,
    # which the workers never touch).
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        try:
            for batch in batches:
                pending.append(_submitted(pool, batch, jobs))
                if len(pending) > BATCHES_AHEAD:
                    yield _collect(pending.popleft(), stdin)
            while pending:
                yield _collect(pending.popleft(), stdin)
        except BrokenProcessPool as error:
            raise ImportWorkerError(
                f"a parsing process stopped unexpectedly ({error}); the files before the"
                " unfinished batch are stored, the rest are not"
            ) from None
        finally:
            for batch in pending:
                for _, future in batch:
                    if future is not None:
                        future.cancel()
            _matcher = None


def _submitted(pool: ProcessPoolExecutor, batch: list[Path], jobs: int) -> list:
    """The batch's files in runs, a task each (two per worker). A task per file made the
    processes pass a task and a result, and wake each other, for every file: 2,000 bench
    files against 10,000 officials took 14.3 s of CPU that way, 11.8 s in runs."""
    size = max(1, -(-len(batch) // (2 * jobs)))
    tasks: list[tuple[list[Path], Future | None]] = []
    run: list[Path] = []

    def submit():
        if run:
            tasks.append((run[:], pool.submit(_read_scanned, [str(p) for p in run])))
            run.clear()

    for path in batch:
        if str(path) == "-":  # read by this process, in its place
            submit()
            tasks.append(([path], None))
            continue
        run.append(path)
        if len(run) == size:
            submit()
    submit()
    return tasks


def _collect(tasks: list[tuple[list[Path], Future | None]], stdin: BinaryIO | None) -> list:
    from articles.services import file_read  # services imports this module: a cycle at load time

    files = []
    for paths, future in tasks:
        files += [file_read(paths[0], stdin)] if future is None else future.result()
    return files
