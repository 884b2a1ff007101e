"""What every part of the benchmark shares: the data set's size, the targets, the servers'
environment, ``manage.py`` and the phase timer."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
# The project's packages (ops, recalls, …) for the parts that read them.
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
UNCACHED_RATIO, SEARCH_RATIO, CACHED_RATIO = 0.35, 0.20, 0.80
IMPORT_RATE, IMPORT_GROWTH, IMPORT_PEAK_MB = 300, 1.5, 300
# As config/gunicorn.conf.py: its default, or WEB_CONCURRENCY (and THREADS) from the
# environment, so that a run measures what `make serve` would run with the same settings.
WORKERS = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))


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
        # Measure the page, not the rate limiter: both limits count an anonymous client (DRF's
        # per-user limit counts one by its address too).
        "API_ANON_RATE": "100000000/minute",
        "API_USER_RATE": "100000000/minute",
        "WEB_CONCURRENCY": str(WORKERS),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    # As `make` runs everything (Makefile: unexport): Python keeps the modules it compiles,
    # so that scripts/bench_import.py run on its own measures the import, not compiling
    # Django again in every process (2-3 s of CPU per import_articles here).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
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
