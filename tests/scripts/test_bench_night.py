"""The election-night benchmark's pure parts (scripts/benchlib/night.py): the URL list is
the same on every run and has the mix the scenario promises, wrk's script cycles it and
counts the page cache's answers, and the report judges the issue's targets."""

from __future__ import annotations

import json
import shutil
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from benchlib.load import wrk
from benchlib.night import KINDS, LIST_SIZE, ranked, url_list
from benchlib.report import write_reports
from benchlib.servers import free_port


def candidates() -> dict[str, list[str]]:
    """Of each kind a few hundred URLs, as many as a newsroom-scale data set gives."""
    many = {kind: [f"/{kind}/{n}/" for n in range(200)] for kind in KINDS}
    return {**many, "home": ["/"], "csv": ["/recalls/export.csv", "/elections/results.csv"]}


def test_the_list_is_the_same_on_every_run_and_another_seed_gives_another():
    first = url_list(candidates())
    assert len(first) == LIST_SIZE
    assert url_list(candidates()) == first
    assert url_list(candidates(), seed=9) != first


def test_the_list_has_every_kind_of_page_with_hot_effort_pages_and_home_on_top():
    drawn = url_list(candidates())
    kinds = Counter(kind for kind, _ in drawn)
    assert set(kinds) == set(KINDS)
    urls = Counter(url for _, url in drawn)
    top = [url for url, _ in urls.most_common(3)]
    assert top[:2] == ["/effort/0/", "/"], urls.most_common(5)
    # Zipf: rank 1 about 2^1.1 times as often as rank 2 (1000 draws: loosely)
    assert 1.4 < urls["/effort/0/"] / urls["/"] < 3.2
    assert kinds["effort"] == max(kinds.values())
    # A long tail: many URLs asked once or twice, as readers arriving from everywhere do.
    assert sum(1 for count in urls.values() if count <= 2) > 150


def test_the_ranking_takes_turns_and_leaves_an_exhausted_kind_out():
    order = ranked({"effort": ["/e1", "/e2", "/e3"], "home": ["/"], "list": ["/l1", "/e1"]})
    assert [url for _, url in order] == ["/e1", "/", "/e2", "/l1", "/e3"]


class Answers(BaseHTTPRequestHandler):
    """Answers each path with its X-Cache state: ``/hit/…``, ``/stale/…``, ``/miss/…``."""

    protocol_version = "HTTP/1.1"
    asked: Counter = Counter()

    def do_GET(self):
        Answers.asked[self.path] += 1
        state = self.path.split("/")[1]
        self.send_response(200)
        if state != "none":
            self.send_header("X-Cache", state)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # wrk drops its connections mid-request when its time is up


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed (apt-get install wrk)")
def test_the_wrk_script_cycles_the_list_and_counts_the_cache_answers(tmp_path):
    paths = ["/hit/1", "/hit/2", "/stale/3", "/miss/4", "/none/5"]
    (tmp_path / "urls.txt").write_text("\n".join(paths) + "\n")
    server = Server(("127.0.0.1", free_port()), Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        run = wrk(
            base + "/",
            1,
            connections=4,
            script="bench_night.lua",
            args=[str(tmp_path / "urls.txt"), "2"],
        )
    finally:
        server.shutdown()
    assert set(Answers.asked) == set(paths)
    cache = run["cache"]
    assert sum(cache.values()) == run["requests"] > 50
    # Every path in turn: each state's share is its share of the list (give or take the
    # partial cycle of each thread and the requests still in flight at the end).
    assert abs(cache["hit"] - 2 * cache["miss"]) <= 8, cache
    assert abs(cache["stale"] - cache["none"]) <= 8, cache
    assert cache["miss"] >= run["requests"] // 5 - 8, cache


def night(**changes) -> dict:
    figures = {
        "seconds": 60,
        "urls": 1000,
        "connections": 20,
        "cache": "Redis",
        "mix": {"effort": 400, "home": 120, "list": 100},
        "warmup": {"seconds": 12.5, "failed": []},
        "healthz": [{"rps": 1800.0}, {"rps": 1700.0}],
        "healthz_rps": 1750.0,
        "ratio": 0.7,
        "hit_ratio": 0.9,
        "load": {
            "rps": 1225.0,
            "p50_ms": 9.0,
            "p95_ms": 60.0,
            "p99_ms": 140.0,
            "max_ms": 900.0,
            "errors": 0,
            "cache": {"hit": 900, "stale": 40, "miss": 60, "none": 0},
        },
        "import": {"fed": 300, "imported": 300, "failed": 0},
        "edits": [
            {"kind": "effort", "save_ms": 20.0, "visible_ms": 350.0},
            {"kind": "result", "save_ms": 25.0, "visible_ms": 420.0},
        ],
        "visibility": {
            "edits": 2,
            "not_visible": 0,
            "saves_failed": 0,
            "p95_ms": 420.0,
            "max_ms": 420.0,
        },
    }
    for key, value in changes.items():
        section, _, field = key.partition("__")
        if field:
            figures[section] = {**figures[section], field: value}
        else:
            figures[section] = value
    return figures


def report(tmp_path, **changes) -> tuple[str, dict]:
    data = {
        "date": "2026-11-26T17:00:00+00:00",
        "command": "make bench BENCH_ARGS='--only night'",
        "data": {"officials": 500},
        "phases": {"total": 120.0},
        "machine": {
            "cpus": 2,
            "cpu_model": "test",
            "memory_gb": 4,
            "python": "3.12",
            "postgres": "15",
            "gunicorn_workers": 5,
            "load_average_at_start": [0.5, 0.5, 0.5],
        },
        "night": night(**changes),
    }
    write_reports(data, tmp_path)
    written = json.loads((tmp_path / "benchmarks.json").read_text())
    return (tmp_path / "BENCHMARKS.md").read_text(), written


def test_the_report_shows_the_night_targets_met(tmp_path):
    text, written = report(tmp_path)
    assert "## Election night" in text
    assert "| election night: ≥ 60% of /healthz | 70% (1225 vs 1750 rps) | PASS |" in text
    assert "| election night: p95 ≤ 100 ms | 60 ms (p50 9, p99 140) | PASS |" in text
    assert "within 1 s | max 420 ms, p95 420 ms (2 edits) | PASS |" in text
    assert "page-cache hit ratio reported | 90% hit | PASS |" in text
    assert "900 hit (90%), 40 stale" in text
    assert all(row["met"] for row in written["targets"])


def test_the_report_marks_each_missed_night_target(tmp_path):
    text, written = report(
        tmp_path,
        ratio=0.5,
        load__p95_ms=180.0,
        load__errors=3,
        visibility__not_visible=1,
        visibility__max_ms=None,
    )
    missed = {row["target"] for row in written["targets"] if row["met"] is False}
    assert missed == {
        "election night: ≥ 60% of /healthz",
        "election night: p95 ≤ 100 ms",
        "election night: zero errors (readers, editor, importer)",
        "election night: every edit on its pages on every worker within 1 s",
    }
    assert "1 of 2 not seen on every worker within 10 s" in text
    assert text.count("**MISS**") == 4
