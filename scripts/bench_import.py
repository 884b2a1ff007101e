"""Import throughput: articles per second for text and HTML files, and peak memory.

    .venv/bin/python scripts/bench_import.py [--articles 1000] [--officials 100 10000]
        [--big 100000] [--repeats 3] [--postgres] [--json]

The import part of scripts/bench.py (issue #8), on its own: for each number of officials, a
throwaway database gets the demo officials and efforts, then `manage.py import_articles
FOLDER` runs on generated files, one article a file. SQLite (DATABASE_URL=sqlite:////tmp/…)
by default; with --postgres, a database per run in the cluster DATABASE_URL names, e.g.
`scripts/with-postgres .venv/bin/python scripts/bench_import.py --postgres`. It reuses
the benchmark's generator and timer (scripts/benchlib/imports.py), so the articles, the names they mention and the figures
(articles_per_second, steady_articles_per_second, peak_mb) are the same. --big N then
imports N more text files against the largest number of officials, for the peak memory.
Each rate is the median of --repeats runs, each into a fresh copy of the database.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from pathlib import Path

from benchlib import common, imports


def sqlite_env(folder: Path, officials: int) -> dict:
    database = folder / f"bench_import_{officials}.sqlite3"
    return common.base_env(folder / "static", database_url=f"sqlite:///{database}")


def postgres_env(folder: Path, officials: int, server_url: str) -> dict:
    """A fresh database of the cluster at ``server_url`` (made with Django's connection)."""
    from django.db import connection

    name = f"bench_import_{officials}"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name}")
    return common.base_env(folder / "static", database_url=f"{server_url.rsplit('/', 1)[0]}/{name}")


def big_run(folder: Path, env: dict, *, officials: int, count: int) -> dict:
    files = folder / f"import-big-{officials}"
    imports.write_files(files, imports.article_texts(count, officials, html=False, seed=99), ".txt")
    cpu_before = imports.children_cpu()
    run = imports.run_import(files, env)
    cpu = imports.children_cpu() - cpu_before
    return {
        "articles": count,
        "imported": run["imported"],
        "failed": run["failed"],
        "seconds": run["seconds"],
        "articles_per_second": round(count / run["seconds"], 1),
        "cpu_articles_per_second": round(count / cpu, 1) if cpu > 0 else None,
        "peak_mb": run["peak_mb"],
        "first_failure": run["first_failure"],
        "stderr": run["stderr"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="files of each kind")
    parser.add_argument("--officials", type=int, nargs="+", default=[100, 10_000])
    parser.add_argument("--big", type=int, default=0, help="then a run of this many files")
    parser.add_argument(
        "--postgres", action="store_true", help="in the PostgreSQL cluster of DATABASE_URL"
    )
    parser.add_argument(
        "--repeats", type=int, default=imports.REPEATS, help="runs per rate (the median is kept)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    server_url = os.environ.get("DATABASE_URL", "")
    if args.postgres and not server_url.startswith("postgres"):
        parser.error("--postgres needs DATABASE_URL to name a PostgreSQL database")
    folder = Path(tempfile.mkdtemp(prefix="recalls-bench-import-"))
    try:
        # imports.article_texts reads the demo generator's names, which needs Django set up.
        if args.postgres:
            os.environ.update(common.base_env(folder / "static", database_url=server_url))
        else:
            os.environ.update(sqlite_env(folder, args.officials[0]))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()
        results = {}
        for officials in args.officials:
            if args.postgres:
                env = postgres_env(folder, officials, server_url)
            else:
                env = sqlite_env(folder, officials)
            common.manage("migrate", "--noinput", "-v0", env=env)
            efforts = int(officials * 1.2)
            common.manage(
                *("generate_demo_data", "--officials", str(officials)),
                *("--efforts", str(efforts), "--articles", "0", "--mentions", "0"),
                *("--events", str(efforts * 5), "--seed", str(common.SEED), "-v0"),
                env=env,
                quiet=True,
            )
            for html in (False, True):
                key = f"{'html' if html else 'text'}_{officials}"
                results[key] = imports.import_rate(
                    folder,
                    env,
                    officials=officials,
                    count=args.articles,
                    html=html,
                    repeats=args.repeats,
                )
                if not args.json:
                    r = results[key]
                    print(
                        f"{key}: {r['imported']}/{r['articles']} imported in {r['seconds']} s"
                        f" = {r['articles_per_second']} articles/s"
                        f" (steady {r['steady_articles_per_second']}/s,"
                        f" startup {r['startup_seconds']} s, failed {r['failed']};"
                        f" median of {[run['steady_articles_per_second'] for run in r['runs']]});"
                        f" {r['cpu_articles_per_second']} articles per CPU second;"
                        f" peak {r['peak_mb']} MB",
                        flush=True,
                    )
        if args.big:
            officials = args.officials[-1]
            r = results[f"big_{officials}"] = big_run(
                folder, env, officials=officials, count=args.big
            )
            if not args.json:
                print(
                    f"big_{officials}: {r['imported']}/{r['articles']} imported in {r['seconds']} s"
                    f" = {r['articles_per_second']} articles/s, failed {r['failed']};"
                    f" {r['cpu_articles_per_second']} articles per CPU second;"
                    f" peak {r['peak_mb']} MB",
                    flush=True,
                )
        if args.json:
            print(json.dumps(results, indent=2))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
