import json
import signal
import sys
import threading
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.import_workers import ImportWorkerError, default_jobs
from articles.services import import_paths
from articles.watching import import_watch


class Command(BaseCommand):
    help = (
        "Import articles from saved files, folders or standard input (-): seed text, HTML "
        "pages, RSS/Atom feeds, JSON; formats detected from content. Exit 0 when nothing "
        "failed, 1 when a file failed (the others are still imported), 2 for bad usage."
    )
    # The system checks load every URL and view (about a second of CPU, more than the
    # matcher's build) and look at nothing an import uses; `manage.py check` runs them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, or -")
        parser.add_argument(
            "--watch",
            metavar="DIR",
            help="keep importing the files that arrive in DIR until interrupted",
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at DIR (1)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and report; write nothing"
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print a JSON report instead"
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=default_jobs(),
            help="processes that parse the files (the CPUs, %(default)s here); 1: none",
        )

    def handle(self, *args, paths, dry_run, as_json, watch, interval, jobs, **options):
        if bool(paths) == bool(watch):
            raise CommandError("give PATHs to import, or --watch DIR", returncode=2)
        if jobs < 1:
            raise CommandError(f"--jobs {jobs}: give 1 or more", returncode=2)
        if watch and not Path(watch).is_dir():
            raise CommandError(f"--watch {watch}: not a folder", returncode=2)
        bar = ProgressBar(sys.stderr) if sys.stderr.isatty() and not watch else None

        def show(result):
            if bar:
                bar.clear()
            if not as_json:
                style = self.style.ERROR if result.error else self.style.SUCCESS
                self.stdout.write(style(result.line()))

        if watch:

            def names(matcher):
                if options["verbosity"] >= 2:
                    found = f"{len(matcher.names):,} officials, {len(matcher.efforts):,} efforts"
                    self.stdout.write(f"names read: {found}")

            report = self.watch(
                Path(watch), interval=interval, dry_run=dry_run, on_result=show, on_names=names
            )
            self.stdout.write(("dry run: " if dry_run else "") + report.summary())
            raise SystemExit(1 if report.failed else 0)
        try:
            report = import_paths(
                paths=paths,
                dry_run=dry_run,
                stdin=sys.stdin.buffer if "-" in paths else None,
                on_result=show,
                on_progress=bar,
                keep_all=as_json,  # lines are printed as they come; only --json needs them all
                jobs=jobs,
            )
        except ImportWorkerError as error:
            raise CommandError(str(error)) from None
        if not report.count:
            raise CommandError("no files found in the given paths", returncode=2)
        if as_json:
            report_data = {**report.as_dict(), "dry_run": dry_run}
            self.stdout.write(json.dumps(report_data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(("dry run: " if dry_run else "") + report.summary())
        if report.failed:
            raise SystemExit(1)

    def watch(self, folder, **options):
        """Until SIGINT or SIGTERM, which end the run after the file being imported."""
        stop = threading.Event()
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, lambda *_: stop.set())
        self.stdout.write(f"watching {folder} (stop with Ctrl-C)")
        self.stdout.flush()
        return import_watch(folder=folder, stop=stop, **options)


class ProgressBar:
    """A one-line bar on a terminal's standard error, redrawn after each file."""

    def __init__(self, stream, width: int = 30):
        self.stream, self.width = stream, width

    def clear(self) -> None:
        self.stream.write("\r\033[K")

    def __call__(self, done: int, total: int) -> None:
        filled = self.width * done // total
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} files" + ("\n" if done == total else ""))
        self.stream.flush()
