"""The election-night part of the report (benchlib/night.py): its verdicts against issue
#17's targets and its section of docs/BENCHMARKS.md."""

from __future__ import annotations

import os

from benchlib.night import (
    CONNECTIONS,
    FEED_RATE,
    NIGHT_P95_MS,
    NIGHT_RATIO,
    VISIBLE_MS,
    ZIPF_S,
    percentile,
)


def night_verdicts(night: dict) -> list[tuple[str, str, bool | None]]:
    """Issue #17's election-night targets."""
    load, seen = night["load"], night["visibility"]
    errors = load["errors"] + (night["import"].get("failed") or 0) + seen["saves_failed"]
    visible = (
        f"max {seen['max_ms']:.0f} ms"
        if seen["max_ms"] is not None
        else f"{seen['not_visible']} of {seen['edits']} not seen on every worker within 10 s"
    )
    return [
        (
            f"election night: ≥ {NIGHT_RATIO:.0%} of /healthz",
            f"{night['ratio']:.0%} ({load['rps']:.0f} vs {night['healthz_rps']:.0f} rps)",
            night["ratio"] >= NIGHT_RATIO,
        ),
        (
            f"election night: p95 ≤ {NIGHT_P95_MS} ms",
            f"{load['p95_ms']:.0f} ms (p50 {load['p50_ms']:.0f}, p99 {load['p99_ms']:.0f})",
            load["p95_ms"] <= NIGHT_P95_MS,
        ),
        (
            "election night: zero errors (readers, editor, importer)",
            f"{load['errors']} reader, {seen['saves_failed']} editor, "
            f"{night['import'].get('failed')} importer",
            errors == 0 and night["import"].get("failed") is not None,
        ),
        (
            f"election night: every edit on its pages on every worker within {VISIBLE_MS / 1000:g} s",
            f"{visible}, p95 {seen['p95_ms'] or 0:.0f} ms ({seen['edits']} edits)",
            seen["max_ms"] is not None and seen["max_ms"] <= VISIBLE_MS,
        ),
        (
            "election night: page-cache hit ratio reported",
            f"{night['hit_ratio']:.0%} hit" if night["hit_ratio"] is not None else "no answers",
            night["hit_ratio"] is not None,
        ),
    ]


def night_section(night: dict) -> list[str]:
    """What the scenario did, its figures and each kind of edit's visibility."""
    load, seen, imported = night["load"], night["visibility"], night["import"]
    cache = load.get("cache", {})
    answered = sum(cache.values()) or 1
    edits = [edit for edit in night["edits"] if edit.get("visible_ms") is not None]
    by_kind = {}
    for kind in sorted({edit["kind"] for edit in night["edits"]}):
        times = [edit["visible_ms"] for edit in edits if edit["kind"] == kind]
        saves = [
            edit["save_ms"] for edit in night["edits"] if edit["kind"] == kind and "save_ms" in edit
        ]
        old = [edit.get("last_old_ms") or 0 for edit in night["edits"] if edit["kind"] == kind]
        by_kind[kind] = (times, saves, old)
    lines = [
        "",
        "## Election night",
        "",
        f"{CONNECTIONS} connections (`wrk -t2 -c{CONNECTIONS}`, scripts/bench_night.lua) cycle a "
        f"fixed list of {night['urls']:,} URLs drawn with a Zipf distribution (s = {ZIPF_S}, "
        "fixed seed) over the site's public URLs ranked hot to cold: "
        + ", ".join(f"{kind} {count}" for kind, count in night["mix"].items())
        + f". One warm-up pass over the list ({night['warmup']['seconds']} s), then "
        f"{night['seconds']:g} s measured, during which an editor saves an effort's summary or "
        "a result's yes votes every second through the admin's service "
        "(`editorial.services.versioned_save`) and `import_articles --watch` receives "
        f"{FEED_RATE} generated articles a second. Page cache on ({night['cache']}), "
        "gunicorn as `make serve` runs it.",
        "",
        "| | req/s | /healthz req/s | ratio | p50 ms | p95 ms | p99 ms | max ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| readers | {load['rps']:.0f} | {night['healthz_rps']:.0f} | {night['ratio']:.0%} | "
        f"{load['p50_ms']:.0f} | {load['p95_ms']:.0f} | {load['p99_ms']:.0f} | "
        f"{load['max_ms']:.0f} | {load['errors']} |",
        "",
        "The percentiles are wrk's, corrected for coordinated omission: for each answer slower "
        "than twice the mean time between a connection's requests, wrk counts the answers that "
        "connection would have asked for meanwhile, each as late as it would have been. They "
        "are what a steady stream of readers would meet, not only the requests a slow answer "
        "let through.",
        "",
        f"Page cache answers: {cache.get('hit', 0):,} hit ({cache.get('hit', 0) / answered:.0%}), "
        f"{cache.get('stale', 0):,} stale (served while one request renders the page again), "
        f"{cache.get('refreshing', 0):,} refreshing (stale, this request having started the "
        "render, which went on after `PAGE_REFRESH_WAIT`: ops/refresh.py), "
        f"{cache.get('miss', 0):,} miss (rendered), {cache.get('revalidated', 0):,} revalidated "
        "(changed, found the same without rendering: ops/revalidation.py), "
        f"{cache.get('none', 0):,} without the header. "
        f"/healthz alone, before and after: "
        + " and ".join(f"{run['rps']:.0f}" for run in night["healthz"])
        + " req/s (the baseline is the faster).",
        "",
        f"Importer: {imported.get('fed', 0):,} files fed, {imported.get('imported')} imported, "
        f"{imported.get('failed')} failed. Warm-up answers other than 200: "
        f"{len(night['warmup']['failed'])} URLs"
        + (f" ({', '.join(night['warmup']['failed'][:5])}…)" if night["warmup"]["failed"] else "")
        + ".",
        "",
        "Edits, in ms after the save's commit. *Visible*: every gunicorn worker has answered "
        "each of the edited object's pages with the new value. Each worker is asked directly, "
        "on a benchmark-only port of its own (night_wsgi.py), every 0.1 s until it shows the "
        "edit (six request slots, 60 asks a second in all): an upper bound, by up to a round "
        "and the answer's own time. *Old until*: the latest answer still without the edit "
        "was sent then (0: none) — a lower bound.",
        "",
        "| edit | saves | save ms (median) | old until, max | visible p50 | visible p95 | visible max | not seen in 10 s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, (times, saves, old) in by_kind.items():
        total = sum(1 for edit in night["edits"] if edit["kind"] == kind)
        lines.append(
            f"| {kind} | {total} | {percentile(saves, 0.5) or 0:.0f} | {max(old, default=0):.0f} | "
            f"{percentile(times, 0.5) or 0:.0f} | {percentile(times, 0.95) or 0:.0f} | "
            f"{max(times, default=0):.0f} | {total - len(times)} |"
        )
    lines.append(
        f"| all | {seen['edits']} | | | | {seen['p95_ms'] or 0:.0f} | "
        f"{seen['max_ms'] if seen['max_ms'] is not None else '—'} | {seen['not_visible']} |"
    )
    return lines + server_lines(night)


def server_lines(night: dict) -> list[str]:
    """Where the machine's time went in the measured seconds (benchlib/night_server.py)."""
    if "server_time" not in night:
        return []
    used = dict(night["cores_used"])
    machine, stolen = used.pop("machine", None), used.pop("stolen", None)
    cores = ", ".join(f"{group} {n:.2f}" for group, n in used.items())
    if machine is not None:
        cores += f"; the machine as a whole was busy {machine:.2f}, and {stolen:.2f} was stolen"
        cores += " by the hypervisor"
    log = night["server_log"]
    lines = [
        "",
        f"Cores used while measured (of {os.cpu_count()}): {cores}. The workers' error log: "
        f"{log['answered_503']} answers 503"
        + "".join(f"; {n} × “{text}”" for text, n in log["commonest"] if n > 1)
        + ".",
        "",
        "Where the workers' request and refresh threads spent their CPU, per kind of URL and "
        "page-cache answer (benchmark-only timing in scripts/benchlib/night_wsgi.py; *refresh "
        "thread*: a page rendered again beside its reader, ops/refresh.py; *editor polls* are "
        "the editor following its edits):",
        "",
        "| kind | requests | CPU s | share | per answer: requests × CPU ms (wall ms) |",
        "|---|---:|---:|---:|---|",
    ]
    for kind, row in night["server_time"].items():
        answers = "; ".join(
            f"{state} {a['requests']} × {a['cpu_ms_each']:.0f} ({a['wall_ms_each']:.0f})"
            for state, a in row["by_answer"].items()
        )
        lines.append(
            f"| {kind} | {row['requests']} | {row['cpu_s']:.1f} | {row['cpu_share']:.0%} "
            f"| {answers} |"
        )
    return lines
