"""The import benchmark: ``import_articles`` on generated files, articles per second against
few and many officials, and the peak memory of a big import."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib.common import FULL, ROOT, SEED, Phases, base_env, log, manage
from benchlib.queries import use_database


def article_texts(count: int, officials: int, *, html: bool, seed: int):
    """Synthetic articles naming three of the first ``officials`` generated officials each."""
    # The word lists import the models: Django is set up first (bench.py, bench_import.py).
    from seeding.demo.words import NAMED, SURNAMED, Words

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


# Each rate is the median of this many runs. One pair of runs moved by ±15% on this shared
# 2-core machine (the same code read 287/s and 336/s steady an hour apart; in alternating
# runs the one-file import alone took 1.5 to 2.5 s), and the steady rate is a difference
# of two timings, so one slow start or one slow import moved it that much.
REPEATS = 3


def fresh_copies(env: dict):
    """A function that returns, each time it is called, the environment of a fresh copy of
    ``env``'s database (PostgreSQL: CREATE DATABASE … TEMPLATE; SQLite: the backup API), so
    that every run imports into the same database."""
    url = env["DATABASE_URL"]
    if url.startswith("sqlite"):
        import sqlite3

        source = Path(url.split(":///", 1)[1])
        copy = source.with_name(f"{source.stem}_run{source.suffix}")

        def fresh() -> dict:
            copy.unlink(missing_ok=True)
            with (
                contextlib.closing(sqlite3.connect(source)) as src,
                contextlib.closing(sqlite3.connect(copy)) as dst,
            ):
                src.backup(dst)
            return {**env, "DATABASE_URL": f"sqlite:///{copy}"}

        return fresh
    from django.db import connection  # the bench process's connection: not to these two

    base, name = url.rsplit("/", 1)

    def fresh() -> dict:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name}_run")
            cursor.execute(f"CREATE DATABASE {name}_run TEMPLATE {name}")
        return {**env, "DATABASE_URL": f"{base}/{name}_run"}

    return fresh


def import_rate(
    folder: Path, env: dict, *, officials: int, count: int, html: bool, repeats: int = REPEATS
) -> dict:
    """Articles per second of ``count`` generated files, and of the files after the first
    (a one-file import first measures the process start and the matcher's build). Each of
    ``repeats`` runs imports both into fresh copies of ``env``'s database; the figures are
    the median run's (by steady rate), and ``runs`` keeps every run's."""
    kind = "html" if html else "text"
    files = folder / f"import-{officials}-{kind}"
    write_files(files / "one", article_texts(1, officials, html=html, seed=1), ".x")
    texts = article_texts(count, officials, html=html, seed=officials + html)
    write_files(files / "many", texts, ".html" if html else ".txt")
    fresh = fresh_copies(env)
    runs = []
    for _ in range(repeats):
        one = run_import(files / "one", fresh())
        copy = fresh()
        cpu_before = children_cpu()
        many = run_import(files / "many", copy)
        runs.append(_rate(count, one, many, children_cpu() - cpu_before))
    return median_run(runs)


def median_run(runs: list[dict]) -> dict:
    """The run of median steady rate, with ``runs``: every run's timings, slowest first."""
    runs = sorted(runs, key=lambda run: run["steady_articles_per_second"] or 0)
    keys = ("seconds", "startup_seconds", "steady_articles_per_second", "cpu_seconds")
    return {**runs[len(runs) // 2], "runs": [{key: run[key] for key in keys} for run in runs]}


def _rate(count: int, one: dict, many: dict, cpu: float) -> dict:
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

    # Models load once bench.py's main() has set Django up (after choosing the database).
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
