"""Page load: wrk on each page, alternating with /healthz (the baseline), best of a few rounds."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request

from benchlib.common import ROOT, log
from benchlib.servers import start_gunicorn, stop


def wrk(
    url: str, seconds: float, *, connections: int = 10, script: str = "bench_wrk.lua", args=()
) -> dict:
    """One wrk run: the BENCH line of the script, with its BENCH_<PART> lines as parts."""
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "scripts" / script),
            url,
            *args,
        ],
        capture_output=True,
        text=True,
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result for {url}:\n{result.stdout}\n{result.stderr}")
    data = json.loads(line[len("BENCH ") :])
    for part in result.stdout.splitlines():
        name, _, value = part.partition(" ")
        if name.startswith("BENCH_"):
            data[name[len("BENCH_") :].lower()] = json.loads(value)
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
