"""The servers the page load runs against: a private Redis for the page cache and gunicorn
as `make serve` runs it, each on a free loopback port."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from benchlib.common import ROOT


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
    """A free loopback port: any, or one of ``BENCH_PORTS`` ("8600-8649") when it is set, for a
    machine where each user has a range."""
    first, _, last = os.environ.get("BENCH_PORTS", "0").partition("-")
    for port in range(int(first), int(last or first) + 1):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise SystemExit(f"no free port in BENCH_PORTS={os.environ['BENCH_PORTS']}")


def start_gunicorn(
    env: dict, app: str = "config.wsgi:application", log_file: Path | None = None
) -> tuple[subprocess.Popen, str]:
    """gunicorn on a free port; its error log (LOG_LEVEL) goes to ``log_file`` if given."""
    port = free_port()
    errors = log_file.open("w") if log_file else subprocess.DEVNULL
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            "config/gunicorn.conf.py",
            app,
        ],
        cwd=ROOT,
        env={**env, "BIND": f"127.0.0.1:{port}"},
        stdout=errors,
        stderr=errors,
    )
    if log_file:
        errors.close()  # the child has its own copy
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
