"""Backups: PostgreSQL through pg_dump/pg_restore (custom format), SQLite through its backup API."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
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


def backup(path: Path, *, force: bool = False) -> Path:
    """Write a consistent copy of the whole database to ``path``.

    An existing file is kept unless ``force``; the copy is written next to it first, so a
    failed backup never leaves half a file in its place.
    """
    path = Path(path)
    if path.exists() and not force:
        raise BackupError(f"{path} already exists; pass --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        _write_backup(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _write_backup(path: Path) -> None:
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
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        with target:
            connection.connection.backup(target)
        target.close()
    else:
        raise BackupError(f"no backup method for {connection.vendor}")


@dataclass
class RestorePlan:
    """What a restore would replace: this database's rows against the backup's."""

    database: str
    backup: Path
    backup_date: dt.datetime
    rows_now: dict[str, int]
    rows_in_backup: dict[str, int]

    def lines(self) -> list[str]:
        tables = sorted(set(self.rows_now) | set(self.rows_in_backup))
        changed = [
            f"  {table}: {self.rows_now.get(table, 0)} rows now, "
            f"{self.rows_in_backup.get(table, 0)} in the backup"
            for table in tables
            if self.rows_now.get(table, 0) != self.rows_in_backup.get(table, 0)
        ]
        return [
            f"This replaces the whole database {self.database} with the backup {self.backup}",
            f"(written {self.backup_date:%Y-%m-%d %H:%M:%S} UTC).",
            f"Rows now: {sum(self.rows_now.values())}; "
            f"in the backup: {sum(self.rows_in_backup.values())}.",
            *changed,
            f"  {len(tables) - len(changed)} other tables hold as many rows as the backup.",
        ]


def _database_name() -> str:
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(params["NAME"])
    return f"{params['NAME']} on {params.get('HOST') or 'localhost'}:{params.get('PORT') or 5432}"


def _rows_now() -> dict[str, int]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - introspected names
            counts[table] = cursor.fetchone()[0]
    return counts


def _rows_in_sqlite_backup(path: Path) -> dict[str, int]:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as backup_db:
            tables = [
                name
                for (name,) in backup_db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'"
                )
            ]
            return {
                table: backup_db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
                for table in tables
            }
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a SQLite backup ({error})") from None


COPY_START = re.compile(r"^COPY (?:[\w\"]+\.)?\"?([\w]+)\"? ")


def _rows_in_pg_backup(path: Path) -> dict[str, int]:
    """Rows per table, counted in the data section that ``pg_restore`` would load."""
    process = subprocess.Popen(
        [_pg_tool("pg_restore"), "--data-only", "-f", "-", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    counts, table = {}, None
    for line in process.stdout:
        if table is None:
            match = COPY_START.match(line)
            if match:
                table = match[1]
                counts[table] = 0
        elif line.startswith("\\."):
            table = None
        else:
            counts[table] += 1
    if process.wait():
        raise BackupError(f"{path} is not a pg_dump backup: {process.stderr.read().strip()}")
    return counts


def restore_plan(path: Path) -> RestorePlan:
    """Say what ``restore(path)`` would replace, without changing anything."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    if connection.vendor == "postgresql":
        in_backup = _rows_in_pg_backup(path)
    elif connection.vendor == "sqlite":
        in_backup = _rows_in_sqlite_backup(path)
    else:
        raise BackupError(f"no restore method for {connection.vendor}")
    return RestorePlan(
        database=_database_name(),
        backup=path,
        backup_date=dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC),
        rows_now=_rows_now(),
        rows_in_backup=in_backup,
    )


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
