"""A continuous import: a folder watched for new files, each imported once it is complete.

The folder is polled every ``interval`` seconds. A file is taken when its size and
modification time are the same at two polls in a row (a writer still appending changes
them), or at once when it appeared whole by a rename (hidden names — ``.part``, ``.tmp``
files starting with a dot — are skipped until renamed). Each file is imported once per run,
through ``import_paths``: the same report lines, the same all-or-nothing per file.

The names the files are scanned for (``Matcher``: every official and effort) are read once
and again only when an official, an effort or an effort's targets changed, as the shared
cache's collection tags say (ops/cache_tags.py): building them for 10,000 officials costs
half a second, and on election night files arrive every second.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from articles.import_files import expand_paths
from articles.importers.report import FileResult, ImportReport
from articles.mentions.matcher import Matcher
from articles.services import import_paths
from ops.cache_tags import collection_versions
from recalls.models import Official, RecallEffort

# What Matcher.from_database reads.
MATCHER_MODELS = (Official, RecallEffort, RecallEffort.targets.through)


def import_watch(
    *,
    folder: Path,
    stop: threading.Event,
    interval: float = 1.0,
    dry_run: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
    on_names: Callable[[Matcher], None] | None = None,
) -> ImportReport:
    """Import the files that arrive in ``folder`` until ``stop`` is set; the whole run's
    report (failures kept, the rest counted). ``on_names`` hears of each reading of the
    names."""
    report = ImportReport(keep_all=False)
    matcher, read_at = None, None
    taken: set[Path] = set()
    last_seen: dict[Path, tuple[int, int]] = {}

    def add(result: FileResult) -> None:
        report.add(result)
        if on_result:
            on_result(result)

    while not stop.is_set():
        now_seen = {}
        for path in expand_paths([str(folder)]):
            if path in taken:
                continue
            try:
                stat = path.stat()
            except OSError:  # gone between the listing and the look
                continue
            now_seen[path] = (stat.st_size, stat.st_mtime_ns)
        ready = [path for path, mark in now_seen.items() if last_seen.get(path) == mark]
        last_seen = now_seen
        if ready:
            taken.update(ready)
            # Versions before the reading: a change committed meanwhile is read again next.
            versions = collection_versions(MATCHER_MODELS)
            if versions != read_at:
                matcher, read_at = Matcher.from_database(), versions
                if on_names:
                    on_names(matcher)
            paths = [str(p) for p in ready]
            import_paths(paths=paths, dry_run=dry_run, on_result=add, matcher=matcher)
        stop.wait(interval)
    return report
