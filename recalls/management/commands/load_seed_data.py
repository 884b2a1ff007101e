from django.core.management.base import BaseCommand, CommandError

from recalls.seed import SeedError, load_seed_data


class Command(BaseCommand):
    help = "Import the seed documents and load the curated seed records (idempotent)."

    def handle(self, *args, **options):
        try:
            counts = load_seed_data()
        except SeedError as error:
            raise CommandError(f"seed data not loaded: {error}") from None
        summary = ", ".join(f"{name} {count}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Seed data loaded: {summary}"))
