from django.core.management.base import BaseCommand, CommandError

from seeding.seed import SeedError, load_seed_data


class Command(BaseCommand):
    help = (
        "Import the seed documents and create the curated seed records the database lacks; "
        "records that exist are left as they are and their differences from the seed reported."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be created and what differs from the seed; write nothing.",
        )

    def handle(self, *args, dry_run, **options):
        try:
            report = load_seed_data(dry_run=dry_run)
        except SeedError as error:
            raise CommandError(f"seed data not loaded: {error}") from None
        verb = "would create" if dry_run else "created"
        if dry_run or options["verbosity"] > 1:
            for where in report.created:
                self.stdout.write(f"{verb} {where}")
        for line in report.differences + report.deleted:
            self.stdout.write(line)
        summary = report.summary().replace("created", verb, 1)
        if dry_run:
            self.stdout.write(self.style.WARNING(f"Dry run, nothing written: {summary}"))
        else:
            self.stdout.write(self.style.SUCCESS(f"Seed data loaded: {summary}"))
