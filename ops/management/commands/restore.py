import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backups import BackupError, restore, restore_plan


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by `manage.py backup`: says what it "
        "replaces and asks first (--yes for scripts)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask; for scripts (there is no undo)."
        )

    def handle(self, *args, path, yes, **options):
        try:
            plan = restore_plan(path)
        except BackupError as error:
            raise CommandError(f"restore failed: {error}") from None
        for line in plan.lines():
            self.stdout.write(line)
        if not yes:
            if not sys.stdin.isatty():
                raise CommandError(
                    "restore refused: no terminal to confirm on; pass --yes to restore anyway",
                    returncode=2,
                )
            answer = input("Replace the database with this backup? Type yes to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("restore cancelled; the database is unchanged", returncode=1)
        try:
            restore(path)
        except BackupError as error:
            raise CommandError(f"restore failed: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Restored from {path}"))
