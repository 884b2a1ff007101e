"""The election-night scenario's view of the server: each request timed by the benchmark's
WSGI wrapper, the timings summed per kind of URL, the workers' log and the cores used."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
import urllib.request
import wsgiref.util

import pytest
from benchlib import night_wsgi
from benchlib.night_server import cpu_by_group, cpu_snapshot, server_log_summary, server_time
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from ops.caching import CLOCK_SKEW
from tests.factories import RecallEffortFactory


def get(path: str, **headers) -> tuple[str, bytes]:
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "HTTP_HOST": "127.0.0.1", **headers}
    wsgiref.util.setup_testing_defaults(environ)
    status = []
    # As the test client does: the end of a request must not close the test's database.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        body = night_wsgi.application(environ, lambda s, h, exc_info=None: status.append((s, h)))
        content = b"".join(body)
        body.close()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    return status[0], content


@pytest.mark.django_db
def test_the_wrapper_times_each_request_until_its_last_byte(tmp_path, monkeypatch, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    effort = RecallEffortFactory(title="Recall of Somebody")
    time.sleep(2 * CLOCK_SKEW)  # a page rendered right after a change is kept only as stale
    monkeypatch.setattr(night_wsgi, "TIMINGS", str(tmp_path))
    monkeypatch.setattr(night_wsgi, "_side", {os.getpid(): None})  # no port of its own here
    (status, headers), content = get(effort.get_absolute_url())
    assert status.startswith("200") and b"Recall of Somebody" in content
    assert ("X-Worker", str(os.getpid())) in headers
    get(effort.get_absolute_url(), HTTP_X_BENCH_POLL="1")
    get("/no-such-page/")
    lines = [line.split("\t") for line in next(tmp_path.glob("*.tsv")).read_text().splitlines()]
    assert [(url, state) for url, state, *_ in lines] == [
        (effort.get_absolute_url(), "miss"),
        ("poll:" + effort.get_absolute_url(), "hit"),
        ("/no-such-page/", "error 404"),
    ]
    wall, cpu, ended = map(float, lines[0][2:])
    assert 0 < cpu <= wall + 0.01 and abs(ended - time.time()) < 60


def test_a_render_on_a_refresh_thread_is_timed_too(tmp_path, monkeypatch):
    """ops/refresh.py logs each render at DEBUG with its wall and CPU seconds."""
    monkeypatch.setattr(night_wsgi, "TIMINGS", str(tmp_path))
    monkeypatch.setattr(night_wsgi, "_files", {})  # not an earlier test's file
    entry = logging.LogRecord(
        "ops.refresh", logging.DEBUG, "", 0, "rendered %s again", ("/x/",), None
    )
    entry.took = (0.25, 0.125)
    night_wsgi.Renders().handle(entry)
    path, state, wall, cpu, _ = next(tmp_path.glob("*.tsv")).read_text().split("\t")
    assert (path, state, float(wall), float(cpu)) == ("/x/", "refresh thread", 0.25, 0.125)


def test_each_worker_answers_on_a_port_of_its_own_too(tmp_path, monkeypatch):
    """So that the editor can ask every worker whether it shows an edit (night_editor.py)."""
    monkeypatch.setattr(night_wsgi, "TIMINGS", str(tmp_path))
    monkeypatch.setattr(night_wsgi, "_side", {})
    night_wsgi.side_port(str(tmp_path))
    try:
        port = int((tmp_path / f"{os.getpid()}.port").read_text())
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=10) as response:
            assert response.status == 200
            assert response.headers["X-Worker"] == str(os.getpid())
        night_wsgi.side_port(str(tmp_path))  # once per process
        assert len(list(tmp_path.glob("*.port"))) == 1
    finally:
        night_wsgi._side[os.getpid()].shutdown()


def test_the_timings_are_summed_per_kind_and_answer_within_the_measured_window(tmp_path):
    (tmp_path / "1.tsv").write_text(
        "/\tmiss\t0.500\t0.040\t100.5\n"
        "/\thit\t0.010\t0.002\t101.0\n"
        "poll:/recalls/a/\thit\t0.020\t0.004\t102.0\n"
    )
    (tmp_path / "2.tsv").write_text(
        "/recalls/a/\tmiss\t0.300\t0.100\t103.0\n/\tmiss\t9.0\t9.0\t99.0\n"  # before: left out
    )
    found = server_time(tmp_path, {"/": "home", "/recalls/a/": "effort"}, (100.0, 110.0))
    assert list(found) == ["effort", "home", "editor polls"]  # most CPU first
    assert found["home"]["requests"] == 2
    assert found["home"]["by_answer"]["miss"] == {
        "requests": 1,
        "cpu_ms_each": 40.0,
        "wall_ms_each": 500.0,
    }
    assert found["effort"]["cpu_share"] == pytest.approx(0.1 / 0.146, abs=0.001)


def test_the_log_summary_counts_503_answers_apart_from_their_causes(tmp_path):
    log = tmp_path / "server.log"
    log.write_text(
        "[2026-11-26 23:00:00 +0000] [12] [INFO] Booting worker with pid: 12\n"
        "Service Unavailable: /recalls/\n"
        "Service Unavailable: /\n"
        "database did not answer (1 of 2): timeout\n"
        "database did not answer (1 of 2): timeout\n"
    )
    summary = server_log_summary(log)
    assert summary["lines"] == 5 and summary["answered_503"] == 2
    assert summary["commonest"][0] == ("database did not answer (1 of 2): timeout", 2)


def test_the_cores_used_count_this_process():
    before = cpu_snapshot()
    started = time.process_time()
    while time.process_time() - started < 0.3:
        pass
    used = cpu_by_group(before, cpu_snapshot(), 1.0)
    machine, stolen = used.pop("machine"), used.pop("stolen")
    assert sum(used.values()) >= 0.2
    assert machine >= 0.2 and stolen >= 0


def test_a_child_that_ended_while_measured_still_counts_in_its_parent():
    """A gunicorn worker recycled by max_requests: its CPU is its master's once reaped."""
    before = cpu_snapshot()
    burn = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass"
    subprocess.run([sys.executable, "-c", burn], check=True)
    after = cpu_snapshot()
    ticks = after[os.getpid()][1] - before[os.getpid()][1]
    assert ticks / os.sysconf("SC_CLK_TCK") >= 0.25  # this process itself only waited


def test_a_recycled_worker_counts_once_the_part_it_used_while_measured():
    """Worker 2 used 50 ticks before, 30 while measured, then ended; master 1 reaped its 80."""
    before = {1: ("web workers", 10), 2: ("web workers", 50)}
    after = {1: ("web workers", 10 + 80), 3: ("web workers", 20)}  # 3: its replacement
    hertz = os.sysconf("SC_CLK_TCK")
    used = cpu_by_group(before, after, 1.0)
    assert used == {"web workers": round((30 + 20) / hertz, 2)}
