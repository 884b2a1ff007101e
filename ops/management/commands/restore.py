from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backups import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database's contents with a backup made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            restore(path)
        except BackupError as error:
            raise CommandError(f"restore failed: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Restored from {path}"))
