"""A continuous import: a folder watched for new files, each imported once it is complete.

The folder is polled every ``interval`` seconds. A file is taken when its size and
modification time are the same at two polls in a row (a writer still appending changes
them), or at once when it appeared whole by a rename (hidden names — ``.part``, ``.tmp``
files starting with a dot — are skipped until renamed). Each file is imported once per run,
through ``import_paths``: the same report lines, the same all-or-nothing per file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from articles.importers.report import FileResult, ImportReport
from articles.services import expand_paths, import_paths


def import_watch(
    *,
    folder: Path,
    stop: threading.Event,
    interval: float = 1.0,
    dry_run: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
) -> ImportReport:
    """Import the files that arrive in ``folder`` until ``stop`` is set; the whole run's
    report (failures kept, the rest counted)."""
    report = ImportReport(keep_all=False)
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
            import_paths(paths=[str(p) for p in ready], dry_run=dry_run, on_result=add)
        stop.wait(interval)
    return report
