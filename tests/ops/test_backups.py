"""A backup restored into an emptied database gives back every table, row for row; backup
and restore never destroy data without being told to."""

import datetime
import os
import pty
import sqlite3
import subprocess
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from ops.backups import backup, restore, restore_plan
from tests.commands import manage, sqlite_env
from tests.factories import OfficialFactory

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot() -> dict[str, list[tuple]]:
    tables = connection.introspection.table_names()
    data = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from introspection
            data[table] = sorted(map(repr, cursor.fetchall()))
    return data


def test_backup_round_trip_restores_every_table(seeded, tmp_path):
    before = snapshot()
    assert sum(len(rows) for rows in before.values()) > 100
    path = backup(tmp_path / "seed.backup")
    assert path.stat().st_size > 0
    call_command("flush", "--noinput", verbosity=0)
    assert snapshot() != before
    restore(path)
    assert snapshot() == before


def rows_to_milliseconds(model) -> list[str]:
    """Rows as text: timestamps cut to the millisecond JSON dumps keep, content types by name
    (their ids are the new database's own; the dump refers to them by natural key)."""
    from django.contrib.contenttypes.models import ContentType

    labels = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    fields = model._meta.concrete_fields
    rows = []
    for row in model.objects.values_list(*(f.attname for f in fields)):
        values = []
        for field, value in zip(fields, row, strict=True):
            if isinstance(value, datetime.datetime):
                value = value.replace(microsecond=value.microsecond // 1000 * 1000)
            elif field.is_relation and field.related_model is ContentType:
                value = labels.get(value)
            values.append(value)
        rows.append(repr(tuple(values)))
    return sorted(rows)


def test_dumpdata_loaddata_round_trip_with_natural_keys(seeded, tmp_path):
    from django.apps import apps

    content = [
        m for m in apps.get_models() if m._meta.app_label in ("recalls", "articles", "editorial")
    ]
    before = {m._meta.label: rows_to_milliseconds(m) for m in content}
    dump = tmp_path / "recalls.json"
    call_command(
        "dumpdata",
        "--natural-foreign",
        *("--exclude", "contenttypes", "--exclude", "auth.permission", "--exclude", "sessions"),
        *("--exclude", "admin.logentry", "--exclude", "axes", "--exclude", "auth.group"),
        output=str(dump),
        verbosity=0,
    )
    call_command("flush", "--noinput", verbosity=0)
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        call_command("loaddata", str(dump), verbosity=0)
    after = {m._meta.label: rows_to_milliseconds(m) for m in content}
    for label in before:
        assert after[label] == before[label], label
    assert sum(len(rows) for rows in after.values()) > 50


# -- refusing to destroy: backup keeps an existing file, restore says what it replaces ------


def test_backup_refuses_to_overwrite_an_existing_file_without_force(tmp_path):
    path = tmp_path / "kept.backup"
    path.write_bytes(b"an older backup")
    with pytest.raises(CommandError, match=r"kept.backup already exists; pass --force"):
        call_command("backup", str(path))
    assert path.read_bytes() == b"an older backup"
    call_command("backup", str(path), "--force", stdout=StringIO())
    assert path.read_bytes() != b"an older backup"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.backup"]


def test_restore_plan_compares_the_rows_now_with_the_rows_in_the_backup(tmp_path):
    OfficialFactory.create_batch(2)
    path = backup(tmp_path / "two.backup")
    OfficialFactory()
    plan = restore_plan(path)
    assert plan.rows_in_backup["recalls_official"] == 2
    assert plan.rows_now["recalls_official"] == 3
    assert "  recalls_official: 3 rows now, 2 in the backup" in plan.lines()


def editors(database) -> list[str]:
    with sqlite3.connect(database) as db:
        return sorted(name for (name,) in db.execute("SELECT username FROM auth_user"))


def restore_on_a_terminal(path, answer: str, env: dict) -> subprocess.CompletedProcess:
    """``manage.py restore`` with a real terminal (a pseudo-terminal) as its standard input."""
    controller, terminal = pty.openpty()
    try:
        os.write(controller, answer.encode() + b"\n")
        return manage("restore", str(path), env=env, stdin=terminal)
    finally:
        os.close(terminal)
        os.close(controller)


@pytest.mark.django_db(transaction=False)
def test_manage_py_restore_asks_first_and_refuses_without_a_terminal(tmp_path):
    database, path = tmp_path / "live.sqlite3", tmp_path / "one-editor.backup"
    env = sqlite_env(database, EDITOR_PASSWORD="correct-horse-battery-42")
    assert manage("migrate", "-v0", env=env).returncode == 0
    assert manage("create_editor", "maria", env=env).returncode == 0
    assert manage("backup", str(path), env=env).returncode == 0
    assert manage("create_editor", "jamal", env=env).returncode == 0

    refused = manage("restore", str(path), env=env)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "CommandError: restore refused: no terminal to confirm on; pass --yes to restore anyway"
    ]
    assert f"This replaces the whole database {database} with the backup {path}" in refused.stdout
    assert "  auth_user: 2 rows now, 1 in the backup" in refused.stdout.splitlines()
    assert editors(database) == ["jamal", "maria"]

    declined = restore_on_a_terminal(path, "no", env)
    assert declined.returncode == 1
    assert "the database is unchanged" in declined.stderr
    assert editors(database) == ["jamal", "maria"]

    confirmed = restore_on_a_terminal(path, "yes", env)
    assert confirmed.returncode == 0, confirmed.stderr
    assert editors(database) == ["maria"]

    assert manage("create_editor", "jamal", env=env).returncode == 0
    scripted = manage("restore", str(path), "--yes", env=env)
    assert scripted.returncode == 0, scripted.stderr
    assert editors(database) == ["maria"]
