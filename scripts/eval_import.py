#!/usr/bin/env python
"""Import an evaluation set as a new user would, and score what the importer read.

    .venv/bin/python scripts/eval_import.py [--set tests/data/eval] [--json PATH] [--keep DIR]

On a fresh throwaway SQLite database: ``migrate`` and ``load_seed_data`` (in this process),
then the real ``manage.py import_articles --json <set>/articles`` (a separate process, as a
user runs it). The report is scored by ``articles.evaluation``
against ``<set>/truth.yaml`` (precision and recall per category, then every miss). A held-out
set is scored the same way with ``--set``, or from a saved report with ``--report`` (then the
report must carry every key of issue #15 item 7). ``make eval`` runs it on our set.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from articles.evaluation import Lookup, format_misses, format_table, score  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REPORT_KEYS = ("url", "outlet", "published", "officials", "efforts", "facts", "numbers")


def use_fresh_database(workdir: Path) -> None:
    """Point this process (and the command it runs) at a new SQLite file, migrated and seeded."""
    database = workdir / "eval.sqlite3"
    database.unlink(missing_ok=True)  # --keep may point at an earlier run
    os.environ.update(
        DATABASE_URL=f"sqlite:///{database}", DEBUG="1", REDIS_URL="", PAGE_CACHE="false"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_seed_data", stdout=io.StringIO())


def run_import(articles: Path) -> dict:
    """The --json report of the real command, run as a user runs it."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "import_articles", "--json", str(articles)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    # Exit 1 means that some file failed; the report says which, and that is scored.
    if done.returncode not in (0, 1):
        sys.exit(f"import_articles failed ({done.returncode}):\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    report["seconds"] = time.perf_counter() - started
    return report


def complete_from_database(report: dict) -> dict:
    """Fill the keys of issue #15 item 7 that today's report lacks, from the database.

    Today's ``--json`` report gives each article's title and slug (``facts`` is only a count);
    the rest is read from
    the stored article, its suggested mentions and facts. Numbers are not proposed at all
    yet, so they stay empty. Keys the report does give are left as they are.
    """
    # Models load once the database is chosen and Django set up (see above).
    from articles.models import Article, ReviewStatus

    for file in report["files"]:
        for entry in file["articles"]:
            missing = [key for key in REPORT_KEYS if not _has(entry, key)]
            if not missing or not entry.get("slug"):
                continue
            article = (
                Article.objects.select_related("outlet")
                .prefetch_related(
                    "mentions__official", "mentions__effort", "suggested_facts__effort"
                )
                .get(slug=entry["slug"])
            )
            mentions = [m for m in article.mentions.all() if m.status != ReviewStatus.REJECTED]
            found = {
                "url": article.url,
                "outlet": article.outlet.name if article.outlet else None,
                "published": article.published.isoformat() if article.published else None,
                "officials": [m.official.name for m in mentions if m.official],
                "efforts": [m.effort.title for m in mentions if m.effort],
                "facts": [
                    {
                        "effort": fact.effort.title if fact.effort else None,
                        "status": fact.proposed_status,
                        "date": fact.date.isoformat(),
                        "approximate": fact.date.approximate,
                        "quote": fact.quote,
                    }
                    for fact in article.suggested_facts.all()
                    if fact.status != ReviewStatus.REJECTED
                ],
                "numbers": [],
            }
            for key in missing:
                entry[key] = found[key]
    return report


def lookup_from_seed() -> Lookup:
    """Official names and effort titles (as the report gives them) → slugs, from the seed."""
    seed = ROOT / "fixtures/seed"
    people = yaml.safe_load((seed / "02_people.yaml").read_text(encoding="utf-8"))
    efforts = yaml.safe_load((seed / "03_efforts.yaml").read_text(encoding="utf-8"))
    return Lookup.build(
        ((o["name"], o["slug"]) for o in people["officials"]),
        ((e["title"], e["slug"]) for e in efforts["efforts"]),
    )


def _has(entry: dict, key: str) -> bool:
    """Item 7's shape: today's report has ``facts`` as a count, not the list of facts."""
    if key in ("officials", "efforts", "facts", "numbers"):
        return isinstance(entry.get(key), list)
    return key in entry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=ROOT / "tests/data/eval", dest="folder")
    parser.add_argument("--json", type=Path, help="also write the scores as JSON here")
    parser.add_argument("--keep", type=Path, help="keep the database and report in this folder")
    parser.add_argument(
        "--report", type=Path, help="score this saved import_articles --json report; import nothing"
    )
    args = parser.parse_args(argv)
    truth = yaml.safe_load((args.folder / "truth.yaml").read_text(encoding="utf-8"))
    if args.report:
        # A report made elsewhere (a held-out set): it must carry item 7's keys itself.
        report = json.loads(args.report.read_text(encoding="utf-8"))
        tallies = score(truth, report, lookup_from_seed())
    else:
        with tempfile.TemporaryDirectory(prefix="eval-") as tmp:
            workdir = args.keep or Path(tmp)
            workdir.mkdir(parents=True, exist_ok=True)
            use_fresh_database(workdir)
            report = complete_from_database(run_import(args.folder / "articles"))
            if args.keep:
                text = json.dumps(report, indent=2, ensure_ascii=False)
                (workdir / "report.json").write_text(text, encoding="utf-8")
            tallies = score(truth, report, lookup_from_seed())
    print(format_table(tallies))
    if "seconds" in report:
        print(f"\nimport_articles took {report['seconds']:.1f} s for {report['imported']} articles")
    print()
    print(format_misses(tallies))
    if args.json:
        scores = {name: tally.as_dict() for name, tally in tallies.items()}
        args.json.write_text(json.dumps(scores, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
