"""The newsroom-scale benchmark behind `make bench` (issue #8).

Run against a throwaway PostgreSQL:  scripts/with-postgres .venv/bin/python scripts/bench.py

1. migrate, generate_demo_data (10,000 officials, 12,000 efforts, 100,000 articles, 300,000
   mentions, 60,000 events at --scale 1), VACUUM ANALYZE, collectstatic;
2. SQL queries per page at this scale (Django's test client), against the tests' pinned
   counts, with each page's slowest query and its EXPLAIN ANALYZE;
3. gunicorn (DEBUG off, 2*cores+1 workers) without and then with the page cache: wrk at
   10 connections on each page, each run right after one on /healthz (the baseline);
4. election night (issue #17, benchlib/night.py): 20 connections on a Zipf-drawn list of
   1,000 URLs with the page cache on, while an editor saves every second and the watching
   importer receives 5 articles a second, for --night-seconds (60);
5. import_articles: articles per second (text, HTML) against 100 and 10,000 officials, and
   the peak memory of importing 100,000 articles;
6. docs/BENCHMARKS.md and docs/benchmarks.json.

``--only night`` (or pages, import; repeatable) runs that part alone on the generated data,
for development: ``scripts/with-postgres .venv/bin/python scripts/bench.py --only night
--scale 0.05 --seconds 10 --out /tmp/night``.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import os
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchlib.common import FULL, ROOT, SEED, SMALL_SCALE, Phases, base_env, log, manage
from benchlib.imports import import_bench
from benchlib.load import load_pages
from benchlib.night import candidate_urls, edit_plan, run_night, url_list
from benchlib.queries import count_queries, pick_pages, use_database
from benchlib.report import machine, write_reports
from benchlib.servers import start_redis, stop

PARTS = ("pages", "night", "import")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full data set")
    parser.add_argument("--seconds", type=float, help="wrk duration per page run (5)")
    parser.add_argument(
        "--night-seconds",
        type=float,
        help="measured time of the election-night scenario (60; with --only night, --seconds)",
    )
    parser.add_argument(
        "--only", action="append", choices=PARTS, help="run only this part (repeatable)"
    )
    parser.add_argument(
        "--import-cap", type=float, default=420, help="stop the big import after this many seconds"
    )
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument(
        "--out", type=Path, help="where the reports go (docs; with --only, build/bench)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the working folder (its path is printed)"
    )
    args = parser.parse_args()
    # A partial run must not replace the full report in docs/ with one section.
    args.out = args.out or ROOT / ("build/bench" if args.only else "docs")
    parts = set(args.only or PARTS) - ({"import"} if args.skip_import else set())
    night_seconds = args.night_seconds or (
        args.seconds if args.seconds and parts == {"night"} else 60
    )
    args.seconds = args.seconds or 5
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("run under scripts/with-postgres: the benchmark needs PostgreSQL")
    started = time.monotonic()
    phases = Phases()
    counts = {key: max(1, int(value * args.scale)) for key, value in FULL.items()}
    tmp = Path(tempfile.mkdtemp(prefix="recalls-bench-"))
    if args.keep:
        print(f"working folder: {tmp}", flush=True)
    else:
        atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    static_root = tmp / "static"
    env = base_env(static_root)
    os.environ.update({k: v for k, v in env.items() if k != "DATABASE_URL"})
    report = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "machine": machine()}
    flags = " ".join(
        [
            *([f"--scale {args.scale}"] if args.scale != 1 else []),
            *(f"--only {part}" for part in args.only or []),
            *([f"--night-seconds {night_seconds:g}"] if "night" in parts else []),
        ]
    )
    report["command"] = "make bench" + (f" BENCH_ARGS='{flags}'" if flags else "")
    report["data"] = counts
    report["seconds"] = args.seconds
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.db import connection

    full_db = connection.settings_dict["NAME"]
    databases = {full_db: (env, counts)}
    if "pages" in parts:  # the same pages on a small data set: query counts must not grow
        small_env = {**env, "DATABASE_URL": env["DATABASE_URL"].rsplit("/", 1)[0] + "/bench_small"}
        databases["bench_small"] = (
            small_env,
            {k: max(1, int(v * SMALL_SCALE)) for k, v in FULL.items()},
        )
        with connection.cursor() as cursor:
            cursor.execute("CREATE DATABASE bench_small")
    with phases("migrate"):
        for data_env, _ in databases.values():
            manage("migrate", "--noinput", "-v0", env=data_env)
    with phases("generate data"):
        for data_env, sizes in databases.values():
            flags = [f"--{key}={value}" for key, value in sizes.items()]
            manage("generate_demo_data", *flags, f"--seed={SEED}", env=data_env)
    with phases("vacuum analyze"):
        for name in reversed(databases):
            use_database(name)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
    with phases("collectstatic"):
        manage("collectstatic", "--noinput", "-v0", env=env)
    if "pages" in parts:
        page_load(report, phases, static_root, args.seconds, full_db)
    if "night" in parts:
        with phases("election night"):
            use_database(full_db)
            urls = url_list(candidate_urls())
            plan = edit_plan([url for kind, url in urls if kind == "effort"])
            connection.close()
            report["night"] = run_night(
                env,
                tmp,
                seconds=night_seconds,
                urls=urls,
                plan=plan,
                officials=counts["officials"],
            )
            report["night"]["mix"] = dict(Counter(kind for kind, _ in urls))
    if "import" in parts:
        with phases("import"):
            report["import"] = import_bench(args, tmp, static_root)
    phases.seconds["total"] = round(time.monotonic() - started, 1)
    report["phases"] = phases.seconds
    write_reports(report, args.out)
    log(f"done in {phases.seconds['total']:.0f} s; wrote {args.out}/BENCHMARKS.md")


def page_load(report: dict, phases: Phases, static_root: Path, seconds: float, db: str) -> None:
    """SQL per page (on ``db`` and on the small data set), then each page under wrk without
    and with the page cache."""
    from django.db import connection

    with phases("query counts"):
        use_database("bench_small")
        small_counts = count_queries(pick_pages())
        use_database(db)
        pages = pick_pages()
        report["queries"] = count_queries(pages)
        report["healthz_profile"] = report["queries"].pop("healthz")
        small_counts.pop("healthz", None)
        for name, page in report["queries"].items():
            page["small_scale"] = small_counts.get(name, {}).get("queries")
    connection.close()
    report["pages"] = {}
    redis = start_redis()
    report["machine"]["cache"] = "Redis" if redis else "SQLite file (ops/sqlite_cache.py)"
    try:
        for label, cached in (("uncached", False), ("cached", True)):
            with phases(f"wrk {label}"):
                server_env = base_env(static_root, page_cache=cached)
                if redis:
                    server_env["REDIS_URL"] = redis[1]
                report["pages"][label] = load_pages(pages, server_env, seconds, label)
    finally:
        if redis:
            stop(redis[0])


if __name__ == "__main__":
    main()
