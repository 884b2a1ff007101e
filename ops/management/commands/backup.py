from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the whole database (PostgreSQL: pg_dump -Fc; SQLite: the backup API)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--force", action="store_true", help="Overwrite an existing file.")

    def handle(self, *args, path, force, **options):
        try:
            written = backup(path, force=force)
        except BackupError as error:
            raise CommandError(f"backup failed: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Backup written to {written}"))
