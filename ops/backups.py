"""Backups: PostgreSQL through pg_dump/pg_restore (custom format), SQLite through its backup API."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    pass


def _pg_env_and_args() -> tuple[dict, list[str]]:
    params = connection.get_connection_params()
    env = {"PATH": "/usr/bin:/bin:/usr/local/bin"}
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    args = []
    for key, flag in (("host", "-h"), ("port", "-p"), ("user", "-U")):
        if params.get(key):
            args += [flag, str(params[key])]
    return env, [*args, "-d", params.get("dbname") or connection.settings_dict["NAME"]]


def _pg_tool(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))), None
    )
    if not found:
        raise BackupError(f"{name} not found; install PostgreSQL client tools")
    return str(found)


def backup(path: Path) -> Path:
    """Write a consistent copy of the whole database to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args()
        result = subprocess.run(
            [_pg_tool("pg_dump"), "-Fc", "--no-owner", "-f", str(path), *args],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BackupError(result.stderr.strip())
        return path
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        with target:
            connection.connection.backup(target)
        target.close()
        return path
    raise BackupError(f"no backup method for {connection.vendor}")


def restore(path: Path) -> None:
    """Replace the database's contents with the backup at ``path``."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args()
        connection.close()
        result = subprocess.run(
            [
                _pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *args,
                str(path),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BackupError(result.stderr.strip())
        return
    if connection.vendor == "sqlite":
        source = sqlite3.connect(path)
        connection.ensure_connection()
        with source:
            source.backup(connection.connection)
        source.close()
        return
    raise BackupError(f"no restore method for {connection.vendor}")
