"""Where an uncached page's time goes, in-process (issue #17, item 2).

Builds a newsroom-ish database once (migrate, generate_demo_data at --scale of the full
benchmark data set, VACUUM ANALYZE, collectstatic), then loads each page of the benchmark
(scripts/benchlib/queries.py pick_pages) through Django's test client with the page cache
off, DEBUG off, and prints the median of --runs requests split into SQL, template rendering
and the rest of Python.

    scripts/with-postgres .venv/bin/python scripts/profile_pages.py --scale 0.2

--reuse skips building the data when the database already has it (for a long-lived cluster:
DATABASE_URL=… .venv/bin/python scripts/profile_pages.py --reuse). --json FILE writes the
numbers, --compare FILE prints them next to an earlier run's.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib.common import FULL, SEED, base_env, log, manage  # noqa: E402


def build(env: dict, scale: float) -> None:
    manage("migrate", "--noinput", "-v0", env=env)
    flags = [f"--{key}={max(1, int(value * scale))}" for key, value in FULL.items()]
    manage("generate_demo_data", *flags, f"--seed={SEED}", env=env)
    manage("dbshell", "--", "-c", "VACUUM ANALYZE", env=env, quiet=True)
    manage("collectstatic", "--noinput", "-v0", env=env)


def profile(pages: dict[str, str], runs: int) -> dict[str, dict]:
    from benchlib.queries import TemplateClock
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    clock = TemplateClock()
    results = {}
    for name, url in {"healthz": "/healthz", **pages}.items():
        for _ in range(2):  # the first requests of a process pay for imports and templates
            client.get(url)
        samples, cpus = [], []
        for _ in range(runs):
            clock.reset()
            with (
                connection.execute_wrapper(clock.sql_wrapper),
                CaptureQueriesContext(connection) as captured,
            ):
                started, cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            sql = sum(float(q["time"]) for q in captured.captured_queries)
            samples.append((elapsed, sql, clock.seconds, len(captured), len(response.content)))
            cpus.append(cpu)
        # Python function calls of one request: the same on a busy machine as on an idle one.
        profiler = cProfile.Profile()
        profiler.runcall(client.get, url)
        calls = pstats.Stats(profiler).total_calls
        # The median request's time; the split from the fastest one, which on a busy machine
        # is the closest to the page's own cost (CPU time too: steadier than wall time).
        samples.sort()
        elapsed, queries, size = samples[len(samples) // 2][0], samples[0][3], samples[0][4]
        best, sql, templates = samples[0][:3]
        results[name] = {
            "url": url,
            "status": response.status_code,
            "queries": queries,
            "bytes": size,
            "ms": round(elapsed * 1000, 1),
            "best_ms": round(best * 1000, 1),
            "cpu_ms": round(min(cpus) * 1000, 1),
            "sql_ms": round(sql * 1000, 1),
            "template_ms": round(templates * 1000, 1),
            "python_ms": round(max(0.0, best - sql - templates) * 1000, 1),
            "calls": calls,
        }
    return results


def show(results: dict[str, dict], before: dict[str, dict] | None) -> None:
    print("median ms; best: ms, CPU ms, template / SQL / other Python ms; queries")
    print(
        f"{'page':18} {'median':>6} {'best':>6} {'cpu':>6} {'tmpl':>6} {'sql':>6} {'py':>6} {'q':>3}"
    )
    for name, row in results.items():
        old = (before or {}).get(name)
        was = (
            f"  before {old['ms']:.1f}; {old['best_ms']:.1f}, {old['cpu_ms']:.1f},"
            f" {old['template_ms']} / {old['sql_ms']} / {old['python_ms']}; {old['calls']}"
            if old
            else ""
        )
        print(
            f"{name:18} {row['ms']:6.1f} {row['best_ms']:6.1f} {row['cpu_ms']:6.1f}"
            f" {row['template_ms']:6.1f}"
            f" {row['sql_ms']:6.1f}"
            f" {row['python_ms']:6.1f} {row['queries']:3} {row['calls']:7}{was}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.2, help="fraction of the full data set")
    parser.add_argument("--runs", type=int, default=20, help="requests per page (median)")
    parser.add_argument("--reuse", action="store_true", help="use the data already there")
    parser.add_argument("--only", nargs="*", help="page names to profile")
    parser.add_argument("--json", type=Path, help="write the numbers here")
    parser.add_argument("--compare", type=Path, help="an earlier --json file to compare with")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("run under scripts/with-postgres: the profile needs PostgreSQL")
    static_root = Path(tempfile.gettempdir()) / "recalls-profile-static"
    env = base_env(static_root, database_url=os.environ["DATABASE_URL"])
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if not args.reuse:
        started = time.monotonic()
        build(env, args.scale)
        log(f"built the data in {time.monotonic() - started:.0f} s")
    import django

    django.setup()
    from benchlib.queries import pick_pages

    pages = pick_pages()
    if args.only:
        pages = {name: url for name, url in pages.items() if name in args.only}
    results = profile(pages, args.runs)
    before = json.loads(args.compare.read_text()) if args.compare else None
    show(results, before)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
