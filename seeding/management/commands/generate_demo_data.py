from django.core.management.base import BaseCommand, CommandError

from seeding.demo import DemoDataRefused, generate_demo_data


class Command(BaseCommand):
    help = (
        "Fill an empty database with a synthetic, realistic data set for benchmarks and demos "
        "(deterministic with --seed). Rows are bulk-inserted: no edit history is written and "
        "no signals are sent, so restart the servers (or clear the page cache) afterwards. "
        "Refuses a database that holds records it did not generate, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--officials", type=int, default=1_000)
        parser.add_argument("--efforts", type=int, default=1_200)
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--mentions", type=int, default=None, help="default: 3 per article")
        parser.add_argument("--events", type=int, default=None, help="default: 5 per effort")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=2_000)
        parser.add_argument(
            "--force", action="store_true", help="add to a database that holds real records"
        )

    def handle(self, *args, **options):
        try:
            summary = generate_demo_data(
                officials=options["officials"],
                efforts=options["efforts"],
                articles=options["articles"],
                mentions=options["mentions"]
                if options["mentions"] is not None
                else 3 * options["articles"],
                events=options["events"]
                if options["events"] is not None
                else 5 * options["efforts"],
                seed=options["seed"],
                force=options["force"],
                batch_size=options["batch_size"],
                progress=self.stdout.write if options["verbosity"] >= 1 else lambda message: None,
            )
        except DemoDataRefused as refusal:
            raise CommandError(f"refused: {refusal}") from None
        self.stdout.write(self.style.SUCCESS(summary.line()))
