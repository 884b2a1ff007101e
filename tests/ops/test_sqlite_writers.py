"""Readers, editors and an import at once (#13): an editor's save waits for the import's
short transactions instead of failing, and a save that still cannot get the lock comes
back with the editor's input and a message, never an error page."""

import json
import os
import sqlite3
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from editorial.admin_busy import BUSY
from recalls.models import Official
from tests.admin_pages import form_data, page_form, submit
from tests.factories import OfficialFactory
from tests.ops.servers import database_url

pytestmark = pytest.mark.django_db(transaction=True)


def edit_bio(client, official, bio):
    """Open the official's change form, type ``bio``, save; the response."""
    url = reverse("admin:recalls_official_change", args=[official.pk])
    return submit(client, client.get(url), {"bio": bio})


def write_articles(folder, count):
    folder.mkdir()
    text = "George Gascón faces a recall; organizers counted signatures in Los Angeles. " * 12
    for n in range(count):
        article = {"title": f"Story {n}", "published": "2022-07-06", "body": f"{n}. {text}"}
        (folder / f"{n:04d}.json").write_text(json.dumps(article), encoding="utf-8")
    return folder


def test_every_save_goes_through_while_an_import_writes(admin_client, tmp_path):
    official = OfficialFactory(name="George Gascón", sort_name="Gascón, George")
    folder = write_articles(tmp_path / "articles", 3000)
    out, err = tmp_path / "stdout", tmp_path / "stderr"
    with out.open("w") as stdout, err.open("w") as stderr:
        importer = subprocess.Popen(
            [sys.executable, "manage.py", "import_articles", str(folder)],
            cwd=settings.BASE_DIR,
            env={**os.environ, "DATABASE_URL": database_url()},
            stdout=stdout,
            stderr=stderr,
        )
    failed, saves = [], 0
    while importer.poll() is None:
        saves += 1
        response = edit_bio(admin_client, official, f"Edit {saves}")
        if response.status_code != 302 or Official.objects.get().bio != f"Edit {saves}":
            failed.append((saves, response.status_code))
        time.sleep(0.25)  # an editor saving four times a second
    assert importer.returncode == 0, err.read_text()
    assert out.read_text().splitlines()[-1] == "imported 3000, duplicates 0, failed 0"
    assert saves >= 5, "the import ended before the editor could save"
    assert failed == []


def test_a_save_that_cannot_get_the_lock_keeps_the_editors_input(admin_client, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's write lock")
    official = OfficialFactory(bio="As it was")
    url = reverse("admin:recalls_official_change", args=[official.pk])
    fields = form_data(page_form(admin_client.get(url)), {"bio": "What the editor typed"})

    connection.close()  # reconnect with a short wait for the lock
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "timeout", 0.3)
    other_writer = sqlite3.connect(connection.settings_dict["NAME"])
    other_writer.execute("BEGIN IMMEDIATE")
    try:
        response = admin_client.post(url, fields)
    finally:
        other_writer.rollback()
        other_writer.close()

    assert response.status_code == 200
    page = response.content.decode()
    assert BUSY in page
    refused = form_data(page_form(page))
    assert refused["bio"] == ["What the editor typed"]
    assert Official.objects.get().bio == "As it was"
    # Saving the form as it came back stores the edit.
    assert admin_client.post(url, refused).status_code == 302
    assert Official.objects.get().bio == "What the editor typed"
