from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the whole database (PostgreSQL: pg_dump -Fc; SQLite: the backup API)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            written = backup(path)
        except BackupError as error:
            raise CommandError(f"backup failed: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Backup written to {written}"))
