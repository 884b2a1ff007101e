"""`import_articles --watch DIR`, run as README shows it: files dropped into the folder are
imported once each, the pages show them, and SIGTERM ends it with the summary line."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings

from articles.models import Article
from tests.factories import OfficialFactory, RecallEffortFactory
from tests.ops.servers import server_env

pytestmark = pytest.mark.django_db(transaction=True)


def article(title: str) -> str:
    return json.dumps({"title": title, "body": f"{title}. Volunteers filed recall papers."})


def wait_until(check, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def watch(inbox, out_path, *options: str) -> subprocess.Popen:
    """`import_articles --watch` as README shows it, polling every 0.2 s, output to a file."""
    command = [sys.executable, "manage.py", "import_articles", "--watch", str(inbox), *options]
    with open(out_path, "w") as out:
        return subprocess.Popen(
            [*command, "--interval", "0.2"],
            cwd=settings.BASE_DIR,
            env=server_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def test_watch_imports_files_as_they_arrive_once_each(client, tmp_path, settings):
    settings.PAGE_NEW_ARTICLE_LAG = 0  # the articles page shows each at once (else: lags)
    RecallEffortFactory()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "first.json").write_text(article("Zanzibar petition filed"), encoding="utf-8")
    client.get("/articles/")
    assert client.get("/articles/")["X-Cache"] == "hit"
    watcher = watch(inbox, tmp_path / "out.txt")
    try:
        assert wait_until(lambda: Article.objects.filter(title__startswith="Zanzibar").exists())
        page = client.get("/articles/")
        assert "Zanzibar petition filed" in page.content.decode()
        # A file written in two parts is taken only once complete; a renamed one at once.
        partial = inbox / "second.json"
        with open(partial, "w", encoding="utf-8") as handle:
            text = article("Yorktown recall qualifies")
            handle.write(text[:20])
            handle.flush()
            time.sleep(0.1)
            handle.write(text[20:])
        (tmp_path / "third.json").write_text(article("Xenia count begins"), encoding="utf-8")
        os.rename(tmp_path / "third.json", inbox / "third.json")
        assert wait_until(lambda: Article.objects.count() == 3)
        (inbox / "first.json").touch()  # seen already: not imported again
        time.sleep(1)
        assert "Xenia count begins" in client.get("/articles/").content.decode()
    finally:
        watcher.send_signal(signal.SIGTERM)
        code = watcher.wait(20)
    output = (tmp_path / "out.txt").read_text()
    assert code == 0, output
    assert Article.objects.count() == 3
    lines = output.strip().splitlines()
    assert lines[0].startswith("watching ")
    assert sum("second.json" in line for line in lines) == 1, output
    assert lines[-1] == "imported 3, duplicates 0, failed 0", output
    assert "Traceback" not in output


def test_watch_reads_the_names_again_only_when_an_official_or_effort_changed(tmp_path):
    """Reading 10,000 officials' names costs half a second: not once per arriving file."""
    RecallEffortFactory()
    inbox = tmp_path / "inbox"
    inbox.mkdir()

    def drop(title: str, body: str) -> None:
        name = f"{title}.json"
        (tmp_path / name).write_text(json.dumps({"title": title, "body": body}), "utf-8")
        os.rename(tmp_path / name, inbox / name)

    def mentioned(title: str) -> list[str]:
        article = Article.objects.filter(title=title).first()
        return [m.official.name for m in article.mentions.all() if m.official] if article else []

    watcher = watch(inbox, tmp_path / "out.txt", "-v", "2")
    try:
        for n in range(3):
            drop(f"before-{n}", f"Quentin Newperson spoke {n + 1} times about the recall.")
            assert wait_until(lambda n=n: Article.objects.filter(title=f"before-{n}").exists())
        assert mentioned("before-2") == []  # not an official yet
        OfficialFactory(name="Quentin Newperson")  # an editor adds him
        drop("after", "Quentin Newperson spoke about the recall petition.")
        assert wait_until(lambda: mentioned("after") == ["Quentin Newperson"])
    finally:
        watcher.send_signal(signal.SIGTERM)
        code = watcher.wait(20)
    output = (tmp_path / "out.txt").read_text()
    assert code == 0, output
    reads = [line for line in output.splitlines() if line.startswith("names read: ")]
    assert len(reads) == 2, output  # at the first file, and after the new official
    assert reads[-1].startswith("names read: 1 officials"), output
