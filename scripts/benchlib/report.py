"""The report: verdicts against the targets, docs/BENCHMARKS.md and docs/benchmarks.json."""

from __future__ import annotations

import json
import math
import os
import platform
import subprocess
from pathlib import Path

from benchlib.common import (
    CACHED_RATIO,
    IMPORT_GROWTH,
    IMPORT_PEAK_MB,
    IMPORT_RATE,
    SEARCH_RATIO,
    SMALL_SCALE,
    UNCACHED_RATIO,
    WORKERS,
)
from benchlib.load import ROUNDS
from benchlib.night_report import night_section, night_verdicts


def verdicts(report: dict) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) for every target of issues #8 and #17 that the run measured."""
    rows = page_verdicts(report) if "pages" in report else []
    rows += night_verdicts(report["night"]) if "night" in report else []
    rates = report.get("import", {}).get("rates", {})
    if rates:
        rows += import_verdicts(report["import"])
    return rows


def page_verdicts(report: dict) -> list[tuple[str, str, bool | None]]:
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
    return rows


def import_verdicts(result: dict) -> list[tuple[str, str, bool | None]]:
    rows = []
    rates = result["rates"]
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
        run = result["big"]
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
        "(healthz ms ÷ r) or less: the *allowed* column. *Rendered*: with nothing kept "
        "(FRAGMENT_CACHE=false), what the first request after an edit of what the page shows "
        "costs, split into SQL, templates and the rest of Python. *Kept*: the page's parts and "
        "fragments current in the cache (ops/page_parts.py), as under wrk without the page cache.",
        "",
        "| page | rendered ms | SQL ms | templates ms | other Python ms | kept ms | allowed ms "
        "| healthz ÷ rendered | healthz ÷ kept |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, q in report["queries"].items():
        need = SEARCH_RATIO if name == "search" else UNCACHED_RATIO
        kept = q.get("kept_ms")
        kept_ratio = f"{health['ms'] / kept:.0%}" if kept else "—"
        lines.append(
            f"| {name} | {q['ms']:.1f} | {q['sql_ms']:.1f} | {q.get('template_ms', 0):.1f} | "
            f"{q.get('python_ms', 0):.1f} | {kept if kept is not None else '—'} | "
            f"{health['ms'] / need:.1f} | {health['ms'] / q['ms']:.0%} | "
            f"{kept_ratio} |"
        )
    return lines


def page_sections(report: dict) -> list[str]:
    """The pages under wrk, without and with the page cache, and their SQL."""
    lines = [
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
    return lines + time_split(report)


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
    ]
    if "pages" in report:
        lines += page_sections(report)
    if "night" in report:
        lines += night_section(report["night"])
    if "import" in report:
        lines += [
            "",
            "## Import",
            "",
            "`manage.py import_articles FOLDER`, one file per article; steady rate excludes the "
            "process start and the building of the name matcher (a one-file import). Each row "
            "is the median of its runs (each into a fresh copy of the database); the steady "
            "rate of every run is in brackets.",
            "",
            "| format | officials | articles | seconds | articles/s | steady articles/s | ms/article | start s |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for key, r in report["import"]["rates"].items():
            kind, officials = key.split("_")
            lines.append(
                f"| {kind} | {int(officials):,} | {r['articles']:,} | {r['seconds']} | "
                f"{r['articles_per_second']} | {r['steady_articles_per_second']}"
                f" ({', '.join(str(run['steady_articles_per_second']) for run in r.get('runs', []))}) | "
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
    lines += ["", "## Slowest query of each page", ""] if "queries" in report else []
    for name, q in report.get("queries", {}).items():
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
