from django.core.management.base import BaseCommand, CommandError

from articles.services import import_paths


class Command(BaseCommand):
    help = "Import articles from saved files or folders (formats detected from content)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and report; write nothing"
        )

    def handle(self, *args, paths, dry_run, **options):
        def show(result):
            style = self.style.ERROR if result.error else self.style.SUCCESS
            self.stdout.write(style(result.line()))

        report = import_paths(paths=paths, dry_run=dry_run, on_result=show)
        if not report.files:
            raise CommandError("no files found in the given paths", returncode=2)
        prefix = "dry run: " if dry_run else ""
        self.stdout.write(prefix + report.summary())
        if report.failed:
            raise SystemExit(1)
