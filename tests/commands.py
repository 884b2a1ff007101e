"""``manage.py`` as the README shows it: a subprocess against its own SQLite database file."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def sqlite_env(database: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{database}", **extra}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def manage(*args: str, env: dict, stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )
