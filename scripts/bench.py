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
import contextlib
import datetime as dt
import json
import math
import os
import platform
import random
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FULL = {
    "officials": 10_000,
    "efforts": 12_000,
    "articles": 100_000,
    "mentions": 300_000,
    "events": 60_000,
}
SEED = 8
SMALL_SCALE = 0.02  # the same pages on a small data set: query counts must not grow
# The counts the tests pin with django_assert_num_queries (tests/recalls/test_views.py).
TEST_QUERY_COUNTS = {
    "home": 6,
    "efforts_first": 5,
    "efforts_last": 5,
    "efforts_filtered": 5,
    "effort_detail": 14,
    "official": 8,
    "election": 8,
    "search": 6,
}
UNCACHED_RATIO, SEARCH_RATIO, CACHED_RATIO = 0.35, 0.20, 0.80
IMPORT_RATE, IMPORT_GROWTH, IMPORT_PEAK_MB = 300, 1.5, 300
WORKERS = 2 * (os.cpu_count() or 1) + 1


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def base_env(static_root: Path, *, page_cache: bool = False, database_url: str = "") -> dict:
    env = {
        **os.environ,
        "DEBUG": "0",
        "HTTPS": "false",
        "SECRET_KEY": SECRET_KEY,
        "STATIC_MANIFEST": "true",
        "STATIC_ROOT": str(static_root),
        "CONN_MAX_AGE": "60",
        "PAGE_CACHE": "true" if page_cache else "false",
        "ACCESS_LOG": "/dev/null",
        "LOG_LEVEL": "ERROR",
        "API_ANON_RATE": "100000000/minute",  # measure the page, not the rate limiter
        "WEB_CONCURRENCY": str(WORKERS),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


SECRET_KEY = secrets.token_urlsafe(50)


def manage(*args: str, env: dict, quiet: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    if not quiet and result.stdout.strip():
        log(result.stdout.strip().splitlines()[-1])
    return result.stdout


class Phases:
    """Wall-clock seconds per phase, for the report and for keeping the run under 15 minutes."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    def __call__(self, name: str):
        phases = self

        class Timer:
            def __enter__(self):
                log(f"{name}…")
                self.start = time.monotonic()

            def __exit__(self, *exc):
                phases.seconds[name] = round(time.monotonic() - self.start, 1)

        return Timer()


# -- pages ---------------------------------------------------------------------------------


def pick_pages() -> dict[str, str]:
    """Concrete URLs from the generated data; endpoints that do not exist yet are left out."""
    from django.db.models import Count, Q
    from django.urls import Resolver404, resolve

    from articles.models import Article
    from recalls.models import Election, Official, RecallEffort

    # Pages with every part filled in (as in the query-count tests), the most covered first.
    efforts = RecallEffort.objects.count()
    confirmed = Count("mentions", filter=Q(mentions__status="confirmed"), distinct=True)
    famous_effort = (
        RecallEffort.objects.filter(contests__isnull=False)
        .annotate(n=confirmed)
        .order_by("-n", "pk")
        .first()
    )
    famous_official = (
        Official.objects.filter(efforts_against__isnull=False, candidacies__isnull=False)
        .annotate(n=Count("mentions", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    election = Election.objects.filter(contests__kind="candidate").order_by("pk").first()
    middle = (Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) // 2
    article = (
        Article.objects.filter(pk__gte=middle, citations__isnull=False)
        .filter(mentions__status="confirmed")
        .order_by("pk")
        .first()
    )
    pages = {
        "home": "/",
        "efforts_first": "/recalls/",
        "efforts_last": f"/recalls/?page={max(1, math.ceil(efforts / 20))}",
        "efforts_filtered": "/recalls/?status=recalled&state=CA",
        "effort_detail": famous_effort.get_absolute_url(),
        "official": famous_official.get_absolute_url(),
        "election": election.get_absolute_url(),
        "article": article.get_absolute_url(),
        "search": f"/search/?q={famous_official.surname}",
    }
    optional = {
        "api_list": ["/api/efforts/", "/api/v1/efforts/", "/api/recalls/"],
        "feed": ["/feeds/updates/", "/feeds/", "/feeds/efforts/"],
    }
    for name, candidates in optional.items():
        for url in candidates:
            try:
                resolve(url)
            except Resolver404:
                continue
            pages[name] = url
            break
    return pages


class TemplateClock:
    """Wall time spent rendering templates (the outermost ``Template.render`` calls), less
    the SQL that lazy QuerySets run while a template iterates them."""

    def __init__(self):
        from django.template.base import Template

        self.seconds, self._depth, original = 0.0, 0, Template.render
        clock = self

        def render(template, context):
            if clock._depth:
                return original(template, context)
            clock._depth, started = 1, time.perf_counter()
            try:
                return original(template, context)
            finally:
                clock._depth = 0
                clock.seconds += time.perf_counter() - started

        Template.render = render

    def reset(self):
        self.seconds = 0.0

    def sql_wrapper(self, execute, sql, params, many, context):
        """A database execute wrapper: SQL run inside a template is not template time."""
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if self._depth:
                self.seconds -= time.perf_counter() - started


PROFILE_RUNS = 7


def count_queries(pages: dict[str, str]) -> dict[str, dict]:
    """Each page through the test client: status, queries, and where the time goes (median
    of several requests after a warm-up: SQL, template rendering, the rest of Python)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    clock = TemplateClock()
    results = {}
    for name, url in {"healthz": "/healthz", **pages}.items():
        client.get(url)  # the first request of a process pays for imports and templates
        runs = []
        for _ in range(PROFILE_RUNS):
            clock.reset()
            with (
                connection.execute_wrapper(clock.sql_wrapper),
                CaptureQueriesContext(connection) as captured,
            ):
                started = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - started
            sql = sum(float(q["time"]) for q in captured.captured_queries)
            runs.append((elapsed, sql, clock.seconds, captured))
        elapsed, sql, templates, captured = sorted(runs, key=lambda run: run[0])[len(runs) // 2]
        queries = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))
        slowest = queries[0] if queries else None
        plan = ""
        if slowest and slowest["sql"].lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
                plan = "\n".join(row[0] for row in cursor.fetchall())
        results[name] = {
            "url": url,
            "status": response.status_code,
            "queries": len(captured),
            "expected": TEST_QUERY_COUNTS.get(name),
            "ms": round(elapsed * 1000, 1),
            "sql_ms": round(sql * 1000, 1),
            "template_ms": round(templates * 1000, 1),
            "python_ms": round(max(0.0, elapsed - sql - templates) * 1000, 1),
            "median_of": PROFILE_RUNS,
            "ms_spread": [round(run[0] * 1000, 1) for run in sorted(runs, key=lambda run: run[0])],
            "slowest_ms": round(float(slowest["time"]) * 1000, 1) if slowest else None,
            "slowest_sql": slowest["sql"][:2000] if slowest else "",
            "slowest_plan": plan,
        }
        log(
            f"  {name}: {response.status_code}, {len(captured)} queries, {elapsed * 1000:.0f} ms "
            f"(SQL {sql * 1000:.0f}, templates {templates * 1000:.0f})"
        )
    return results


def use_database(name: str) -> None:
    """Point this process's Django connection at another database of the same cluster."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = name


def start_redis() -> tuple[subprocess.Popen, str] | None:
    """A private Redis for the page cache, as in production (shared by all workers)."""
    server = shutil.which("redis-server")
    if not server:
        return None
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(50):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return process, f"redis://127.0.0.1:{port}/0"
        time.sleep(0.1)
    stop(process)
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            "config/gunicorn.conf.py",
            "config.wsgi:application",
        ],
        cwd=ROOT,
        env={**env, "BIND": f"127.0.0.1:{port}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return process, base
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not answer /healthz")


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def wrk(url: str, seconds: float) -> dict:
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            "-c10",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "scripts" / "bench_wrk.lua"),
            url,
        ],
        capture_output=True,
        text=True,
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result for {url}:\n{result.stdout}\n{result.stderr}")
    data = json.loads(line[len("BENCH ") :])
    data["errors"] = data["non_2xx_3xx"] + data["socket_errors"] + data["timeouts"]
    return data


ROUNDS = 3


def combine(runs: list[dict]) -> dict:
    """Several wrk runs of one URL as one: total requests over total time, the median p50
    and p95 (one round that met a worker being recycled does not decide; the worst p95 is
    kept as ``p95_worst_ms``), every error."""
    total = {key: sum(run[key] for run in runs) for key in ("requests", "seconds", "errors")}
    for key in ("non_2xx_3xx", "socket_errors", "timeouts"):
        total[key] = sum(run[key] for run in runs)
    total["rps"] = round(total["requests"] / total["seconds"], 2) if total["seconds"] else 0
    total["p50_ms"] = sorted(run["p50_ms"] for run in runs)[len(runs) // 2]
    total["p95_ms"] = sorted(run["p95_ms"] for run in runs)[len(runs) // 2]
    total["p95_worst_ms"] = max(run["p95_ms"] for run in runs)
    total["rounds"] = len(runs)
    return total


def alternate(health_url: str, url: str, seconds: float) -> tuple[dict, dict]:
    """/healthz and the page in turns, ``ROUNDS`` times: a change in the machine's load
    during the measurement then moves both alike."""
    each = max(1.0, seconds / ROUNDS * 1.2)
    health, page = [], []
    for _ in range(ROUNDS):
        health.append(wrk(health_url, each))
        page.append(wrk(url, each))
    return combine(health), combine(page)


def wait_until_idle(base: str, limit: float = 60) -> None:
    """Let gunicorn finish what a previous run left queued before measuring again."""
    deadline, quick = time.monotonic() + limit, 0
    while quick < 3 and time.monotonic() < deadline:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=30):
                pass
        except OSError:
            pass
        quick = quick + 1 if time.monotonic() - started < 0.05 else 0
        time.sleep(0.1)


def load_pages(pages: dict[str, str], env: dict, seconds: float, label: str) -> dict[str, dict]:
    """Each page right after /healthz, so both see the same machine at the same moment."""
    process, base = start_gunicorn(env)
    try:
        for url in pages.values():  # warm: connections, templates and (if on) the page cache
            wrk(base + url, 1)
            wait_until_idle(base)
        results = {}
        for name, url in pages.items():
            wait_until_idle(base)
            health, page = alternate(base + "/healthz", base + url, seconds)
            page["healthz_rps"] = health["rps"]
            page["healthz_errors"] = health["errors"]
            page["ratio"] = round(page["rps"] / health["rps"], 3) if health["rps"] else 0
            results[name] = page
            log(
                f"  {label} {name}: {page['rps']:.0f} rps vs healthz {health['rps']:.0f} "
                f"({page['ratio']:.0%}), p95 {page['p95_ms']:.0f} ms, errors {page['errors']}"
            )
        return results
    finally:
        stop(process)


# -- import ------------------------------------------------------------------------------


def article_texts(count: int, officials: int, *, html: bool, seed: int):
    """Synthetic articles naming three of the first ``officials`` generated officials each."""
    from ops.demo.words import NAMED, SURNAMED, Words

    names = Words(random.Random(SEED))  # the same names generate_demo_data gave them
    rng = random.Random(seed)
    filler = Words(random.Random(seed))
    for n in range(count):
        sentences = []
        for index in rng.sample(range(officials), 3):
            first, last = names.person(index)
            sentences.append(rng.choice(NAMED).format(name=f"{first} {last}"))
            sentences.append(rng.choice(SURNAMED).format(surname=last))
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3600))
        # A lead of its own, as real articles have: a derived title is its first sentence.
        lead = f"Report {seed}-{n} from {filler.place(n)}, {day:%B %-d}: the recall fight goes on."
        body = lead + " " + filler.body(sentences, length=rng.randint(1000, 4000))
        if html:
            paragraphs = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n"))
            title = f"Recall news {seed}-{n}"
            yield (
                f"<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>{title}</title>"
                f"<meta property='article:published_time' content='{day}'></head>"
                f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>\n{paragraphs}"
                "</article><footer>Copyright</footer></body></html>\n"
            )
        else:
            yield f" date {day} {rng.choice(['SPRINGFIELD', 'OAKTON', 'RIVERDALE'])} (The Ledger) — {body}\n"


def write_files(folder: Path, texts, suffix: str) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for count, text in enumerate(texts, start=1):
        (folder / f"{count:06d}{suffix}").write_text(text, encoding="utf-8")
    return count


def watch(process: subprocess.Popen, started: float, cap: float | None):
    """Wait for ``process``, sampling its resident memory; stop it after ``cap`` s (SIGTERM:
    a background job started by a non-interactive shell ignores SIGINT)."""
    peak_kb, samples, capped = 0, [], False
    status = Path(f"/proc/{process.pid}/status")
    while process.poll() is None:
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
            peak_kb = max(peak_kb, int(fields.get("VmHWM", "0 kB").split()[0]))
            samples.append(
                (round(time.monotonic() - started, 1), int(fields["VmRSS"].split()[0]) // 1024)
            )
        except (OSError, KeyError, ValueError):
            pass
        if cap and time.monotonic() - started > cap:
            capped = True
            process.send_signal(signal.SIGTERM)
            break
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.25)
    process.wait()
    return peak_kb, samples, capped


def run_import(folder: Path, env: dict, cap: float | None = None) -> dict:
    """Time one import_articles run; sample its memory (VmHWM) while it runs."""
    # Files, not pipes: the command prints a line per file, more than a pipe holds.
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "manage.py", "import_articles", str(folder)],
            cwd=ROOT,
            env=env,
            stdout=stdout,
            stderr=stderr,
            text=True,
        )
        peak_kb, samples, capped = watch(process, started, cap)
        seconds = time.monotonic() - started
        stdout.seek(0)
        stderr.seek(0)
        out, err = stdout.read(), stderr.read()
    summary = re.search(r"imported (\d+), duplicates (\d+), failed (\d+)", out)
    return {
        "seconds": round(seconds, 2),
        "imported": int(summary[1]) if summary else None,
        "failed": int(summary[3]) if summary else None,
        "peak_mb": round(peak_kb / 1024, 1),
        "rss_samples_mb": samples[:: max(1, len(samples) // 40)],
        "capped": capped,
        "stderr": err[-1500:] if (not summary and not capped) else "",
        "first_failure": next((line for line in out.splitlines() if "FAILED" in line), ""),
    }


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def import_rate(folder: Path, env: dict, *, officials: int, count: int, html: bool) -> dict:
    """Articles per second of ``count`` generated files, and of the files after the first
    (a one-file import first measures the process start and the matcher's build)."""
    kind = "html" if html else "text"
    files = folder / f"import-{officials}-{kind}"
    write_files(files / "one", article_texts(1, officials, html=html, seed=1), ".x")
    texts = article_texts(count, officials, html=html, seed=officials + html)
    write_files(files / "many", texts, ".html" if html else ".txt")
    one = run_import(files / "one", env)
    cpu_before = children_cpu()
    many = run_import(files / "many", env)
    cpu = children_cpu() - cpu_before
    marginal = (many["seconds"] - one["seconds"]) / max(1, count - 1)
    return {
        "articles": count,
        "imported": many["imported"],
        "failed": many["failed"],
        "seconds": many["seconds"],
        "startup_seconds": one["seconds"],
        "articles_per_second": round(count / many["seconds"], 1),
        "steady_articles_per_second": round(1 / marginal, 1) if marginal > 0 else None,
        "ms_per_article": round(marginal * 1000, 2),
        # CPU seconds of the command (user + system): steadier than wall time on a busy
        # machine, but blind to waiting on the disk (SQLite commits), so an upper bound.
        "cpu_seconds": round(cpu, 2),
        "cpu_articles_per_second": round(count / cpu, 1) if cpu > 0 else None,
        "peak_mb": many["peak_mb"],
        "first_failure": many["first_failure"],
        "stderr": many["stderr"],
    }


def import_bench(args, tmp: Path, static_root: Path) -> dict:
    from django.db import connection

    from articles.models import Article

    base_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    text_count = max(100, int(1000 * args.scale))
    html_count = max(50, int(200 * args.scale))
    results: dict = {"rates": {}}
    env_for = {}
    for officials in (100, 10_000):
        name = f"bench_import_{officials}"
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name}")
        env = base_env(static_root, database_url=f"{base_url}/{name}")
        env_for[officials] = env
        manage("migrate", "--noinput", "-v0", env=env)
        efforts = int(officials * 1.2)
        manage(
            *("generate_demo_data", "--officials", str(officials), "--efforts", str(efforts)),
            *("--articles", "0", "--mentions", "0", "--events", str(efforts * 5)),
            *("--seed", str(SEED), "-v0"),
            env=env,
            quiet=True,
        )
        for kind, html, count in (("text", False, text_count), ("html", True, html_count)):
            results["rates"][f"{kind}_{officials}"] = import_rate(
                tmp, env, officials=officials, count=count, html=html
            )
            log(
                f"  import {kind} vs {officials:,} officials: {results['rates'][f'{kind}_{officials}']}"
            )
    big = int(FULL["articles"] * args.scale)
    folder = tmp / "import-big"
    with Phases()("write files"):
        write_files(folder, article_texts(big, 10_000, html=False, seed=99), ".txt")
    use_database("bench_import_10000")
    before = Article.objects.count()
    run = run_import(folder, env_for[10_000], cap=args.import_cap)
    run["articles"] = big
    run["imported"] = Article.objects.count() - before  # also when stopped at the cap
    connection.close()
    results["big"] = run
    log(
        f"  import of {big:,} files: {run['imported']} imported in {run['seconds']} s, peak {run['peak_mb']} MB"
    )
    return results


# -- reports ---------------------------------------------------------------------------


def verdicts(report: dict) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) for every target of issue #8; None when not measured."""
    rows = []
    for label, floor in (("uncached", UNCACHED_RATIO), ("cached", CACHED_RATIO)):
        for name, page in report["pages"][label].items():
            need = SEARCH_RATIO if (name == "search" and label == "uncached") else floor
            rows.append(
                (
                    f"{label}: {name} ≥ {need:.0%} of /healthz",
                    f"{page['ratio']:.0%} ({page['rps']:.0f} vs {page['healthz_rps']:.0f} rps)",
                    page["ratio"] >= need,
                )
            )
    uncached = report["pages"]["uncached"]
    first, last = uncached["efforts_first"]["p95_ms"], uncached["efforts_last"]["p95_ms"]
    rows.append(
        (
            "efforts list: last page p95 ≤ 2× first page's",
            f"{last:.0f} ms vs {first:.0f} ms",
            last <= 2 * first,
        )
    )
    errors = sum(
        page["errors"] + page["healthz_errors"]
        for runs in report["pages"].values()
        for page in runs.values()
    )
    rows.append(("zero errors under load", f"{errors} errors", errors == 0))
    for name, page in report["queries"].items():
        rows.append(
            (
                f"SQL queries: {name} the same as on the small data set",
                f"{page['queries']} vs {page['small_scale']} (tests pin {page['expected'] or '—'})",
                page["queries"] == page["small_scale"],
            )
        )
    rates = report.get("import", {}).get("rates", {})
    if rates:
        big, small = rates["text_10000"], rates["text_100"]
        steady = big["steady_articles_per_second"] or 0
        rows.append(
            (
                f"import: ≥ {IMPORT_RATE} text articles/s vs 10,000 officials",
                f"{steady:.0f}/s",
                steady >= IMPORT_RATE,
            )
        )
        growth = (
            big["ms_per_article"] / small["ms_per_article"] if small["ms_per_article"] else math.inf
        )
        rows.append(
            (
                f"import: cost per article at 10,000 officials ≤ {IMPORT_GROWTH}× at 100",
                f"{growth:.2f}× ({big['ms_per_article']} vs {small['ms_per_article']} ms)",
                growth <= IMPORT_GROWTH,
            )
        )
        run = report["import"]["big"]
        done = f"{run['imported'] or 0:,} of {run['articles']:,} imported in {run['seconds']:.0f} s"
        rows.append(
            (
                f"import: peak memory of a {run['articles']:,}-article import ≤ {IMPORT_PEAK_MB} MB",
                f"{run['peak_mb']:.0f} MB ({done}{', stopped at the time cap' if run['capped'] else ''})",
                None
                if run["capped"] and run["peak_mb"] <= IMPORT_PEAK_MB
                else run["peak_mb"] <= IMPORT_PEAK_MB,
            )
        )
    return rows


def mark(met: bool | None) -> str:
    return {True: "PASS", False: "**MISS**", None: "not measured in full"}[met]


def page_table(runs: dict, queries: dict) -> list[str]:
    lines = [
        "| page | URL | req/s | /healthz req/s | ratio | p50 ms | p95 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, page in runs.items():
        lines.append(
            f"| {name} | `{queries[name]['url']}` | {page['rps']:.0f} | {page['healthz_rps']:.0f} | "
            f"{page['ratio']:.0%} | {page['p50_ms']:.0f} | {page['p95_ms']:.0f} | {page['errors']} |"
        )
    return lines


ANALYSIS_MARK = "<!-- analysis: kept across runs -->"


def time_split(report: dict) -> list[str]:
    """Where one uncached request's time goes, against what the throughput target allows."""
    health = report.get("healthz_profile")
    if not health:
        return []
    lines = [
        "",
        "## Where an uncached request's time goes",
        "",
        f"In-process, through the test client and the full middleware stack: the median of "
        f"{health['median_of']} requests after a warm-up. `/healthz` takes {health['ms']:.1f} ms "
        "this way, so a page meets a throughput ratio r only if it takes about "
        "(healthz ms ÷ r) or less: the *allowed* column.",
        "",
        "| page | page ms | SQL ms | templates ms | other Python ms | allowed ms | healthz ÷ page |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, q in report["queries"].items():
        need = SEARCH_RATIO if name == "search" else UNCACHED_RATIO
        lines.append(
            f"| {name} | {q['ms']:.1f} | {q['sql_ms']:.1f} | {q.get('template_ms', 0):.1f} | "
            f"{q.get('python_ms', 0):.1f} | {health['ms'] / need:.1f} | "
            f"{health['ms'] / q['ms']:.0%} |"
        )
    return lines


def write_reports(report: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    rows = verdicts(report)
    report["targets"] = [{"target": t, "measured": m, "met": ok} for t, m, ok in rows]
    (out / "benchmarks.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    m = report["machine"]
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (scripts/bench.py); the numbers are in `docs/benchmarks.json`. "
        "Throughput targets are ratios to `/healthz` measured in the same run, right before "
        "each page, so that a busy or slow machine moves both.",
        "",
        f"- **Date**: {report['date']}",
        f"- **Command**: `{report['command']}` ({report['phases']['total'] / 60:.1f} minutes)",
        f"- **Machine**: {m['cpus']} CPUs ({m['cpu_model']}), {m['memory_gb']} GB memory, "
        f"Python {m['python']}, {m['postgres']}; load average at start "
        f"{', '.join(f'{x:.2f}' for x in m['load_average_at_start'])}",
        f"- **Server**: gunicorn, {m['gunicorn_workers']} sync workers, DEBUG off, "
        f"CONN_MAX_AGE=60, WhiteNoise manifest static files, cache: {m.get('cache', '?')}; "
        "load from `wrk -t2 -c10`: /healthz and the page in turns, "
        f"{ROUNDS} rounds of {max(1, round(report.get('seconds', 5) / ROUNDS * 1.2))} s each",
        "- **Data**: " + ", ".join(f"{v:,} {k}" for k, v in report["data"].items()),
        "- **Phases (s)**: " + ", ".join(f"{k} {v}" for k, v in report["phases"].items()),
        "",
        "## Targets",
        "",
        "| target | measured | result |",
        "|---|---|---|",
        *(f"| {t} | {measured} | {mark(ok)} |" for t, measured, ok in rows),
        "",
        "## Pages without the page cache",
        "",
        *page_table(report["pages"]["uncached"], report["queries"]),
        "",
        "## Pages with the page cache warm",
        "",
        *page_table(report["pages"]["cached"], report["queries"]),
        "",
        "## SQL per page at this scale",
        "",
        f"One request through Django's test client after a warm-up request, here and on a "
        f"small data set ({SMALL_SCALE:.0%} of the size) made by the same generator, with pages "
        "picked by the same rules (every part of the page filled in). The tests' pinned "
        "counts are for their own data shapes: a prefetch that finds no parent rows is skipped.",
        "",
        "| page | status | queries | queries, small data set | pinned in the tests | page ms | SQL ms | slowest query ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, q in report["queries"].items():
        expected = "—" if q["expected"] is None else q["expected"]
        lines.append(
            f"| {name} | {q['status']} | {q['queries']} | {q['small_scale']} | {expected} | {q['ms']:.0f} | "
            f"{q['sql_ms']:.0f} | {q['slowest_ms'] or 0:.0f} |"
        )
    lines += time_split(report)
    if "import" in report:
        lines += [
            "",
            "## Import",
            "",
            "`manage.py import_articles FOLDER`, one file per article; steady rate excludes the "
            "process start and the building of the name matcher (a one-file import).",
            "",
            "| format | officials | articles | seconds | articles/s | steady articles/s | ms/article | start s |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for key, r in report["import"]["rates"].items():
            kind, officials = key.split("_")
            lines.append(
                f"| {kind} | {int(officials):,} | {r['articles']:,} | {r['seconds']} | "
                f"{r['articles_per_second']} | {r['steady_articles_per_second']} | "
                f"{r['ms_per_article']} | {r['startup_seconds']} |"
            )
        big = report["import"]["big"]
        lines += [
            "",
            f"Big import: {big['imported'] or 0:,} of {big['articles']:,} text articles in "
            f"{big['seconds']} s{' (stopped at the time cap)' if big['capped'] else ''}; "
            f"peak resident memory {big['peak_mb']} MB. Resident MB over time (s, MB): "
            + ", ".join(f"{t:.0f}s {mb}" for t, mb in big["rss_samples_mb"][::4]),
        ]
    lines += ["", "## Slowest query of each page", ""]
    for name, q in report["queries"].items():
        if not q["slowest_sql"]:
            continue
        lines += [
            f"### {name} — {q['slowest_ms']} ms of {q['sql_ms']} ms SQL",
            "",
            "```sql",
            q["slowest_sql"][:1200],
            "```",
            "",
            "```",
            *q["slowest_plan"].splitlines()[:30],
            "```",
            "",
        ]
    previous = out / "BENCHMARKS.md"
    analysis = ""
    if previous.exists() and ANALYSIS_MARK in previous.read_text():
        analysis = previous.read_text().split(ANALYSIS_MARK, 1)[1]
    lines += [ANALYSIS_MARK, analysis.strip("\n")]
    previous.write_text("\n".join(lines).rstrip() + "\n")


# -- main --------------------------------------------------------------------------------


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    postgres = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "postgres": postgres,
        "wrk": "wrk -t2 -c10",
        "gunicorn_workers": WORKERS,
        "load_average_at_start": os.getloadavg(),
    }


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
