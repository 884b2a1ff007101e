"""The newsroom-scale benchmark behind `make bench` (issue #8).

Run against a throwaway PostgreSQL:  scripts/with-postgres .venv/bin/python scripts/bench.py

1. migrate, generate_demo_data (10,000 officials, 12,000 efforts, 100,000 articles, 300,000
   mentions, 60,000 events at --scale 1), VACUUM ANALYZE, collectstatic;
2. SQL queries per page at this scale (Django's test client), against the tests' pinned
   counts, with each page's slowest query and its EXPLAIN ANALYZE;
3. gunicorn (DEBUG off, 2*cores+1 workers) without and then with the page cache: wrk at
   10 connections on each page, each run right after one on /healthz (the baseline);
4. import_articles: articles per second (text, HTML) against 100 and 10,000 officials, and
   the peak memory of importing 100,000 articles;
5. docs/BENCHMARKS.md and docs/benchmarks.json.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import os
import shutil
import tempfile
import time
from pathlib import Path

from benchlib.common import FULL, ROOT, SEED, SMALL_SCALE, Phases, base_env, log, manage
from benchlib.imports import import_bench
from benchlib.load import load_pages
from benchlib.queries import count_queries, pick_pages, use_database
from benchlib.report import machine, write_reports
from benchlib.servers import start_redis, stop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full data set")
    parser.add_argument("--seconds", type=float, default=5, help="wrk duration per run")
    parser.add_argument(
        "--import-cap", type=float, default=420, help="stop the big import after this many seconds"
    )
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("run under scripts/with-postgres: the benchmark needs PostgreSQL")
    started = time.monotonic()
    phases = Phases()
    counts = {key: max(1, int(value * args.scale)) for key, value in FULL.items()}
    tmp = Path(tempfile.mkdtemp(prefix="recalls-bench-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    static_root = tmp / "static"
    env = base_env(static_root)
    os.environ.update({k: v for k, v in env.items() if k != "DATABASE_URL"})
    report = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "machine": machine()}
    report["command"] = "make bench" + (
        f" BENCH_ARGS='--scale {args.scale}'" if args.scale != 1 else ""
    )
    report["data"] = counts
    report["seconds"] = args.seconds
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.db import connection

    full_db = connection.settings_dict["NAME"]
    small_db = "bench_small"
    small_env = {
        **env,
        "DATABASE_URL": os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + small_db,
    }
    small = {key: max(1, int(value * SMALL_SCALE)) for key, value in FULL.items()}
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {small_db}")
    with phases("migrate"):
        manage("migrate", "--noinput", "-v0", env=env)
        manage("migrate", "--noinput", "-v0", env=small_env)
    with phases("generate data"):
        for data_env, sizes in ((env, counts), (small_env, small)):
            flags = [f"--{key}={value}" for key, value in sizes.items()]
            manage("generate_demo_data", *flags, f"--seed={SEED}", env=data_env)
    with phases("vacuum analyze"):
        for name in (small_db, full_db):
            use_database(name)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
    with phases("collectstatic"):
        manage("collectstatic", "--noinput", "-v0", env=env)
    with phases("query counts"):
        use_database(small_db)
        small_counts = count_queries(pick_pages())
        use_database(full_db)
        pages = pick_pages()
        report["queries"] = count_queries(pages)
        report["healthz_profile"] = report["queries"].pop("healthz")
        small_counts.pop("healthz", None)
        for name, page in report["queries"].items():
            page["small_scale"] = small_counts.get(name, {}).get("queries")
    connection.close()
    report["pages"] = {}
    redis = start_redis()
    report["machine"]["cache"] = "Redis" if redis else "local memory (per worker)"
    try:
        for label, cached in (("uncached", False), ("cached", True)):
            with phases(f"wrk {label}"):
                server_env = base_env(static_root, page_cache=cached)
                if redis:
                    server_env["REDIS_URL"] = redis[1]
                report["pages"][label] = load_pages(pages, server_env, args.seconds, label)
    finally:
        if redis:
            stop(redis[0])
    if not args.skip_import:
        with phases("import"):
            report["import"] = import_bench(args, tmp, static_root)
    phases.seconds["total"] = round(time.monotonic() - started, 1)
    report["phases"] = phases.seconds
    write_reports(report, args.out)
    log(f"done in {phases.seconds['total']:.0f} s; wrote {args.out}/BENCHMARKS.md")


if __name__ == "__main__":
    main()
