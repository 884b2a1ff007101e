"""import_articles --jobs N: files parsed in worker processes give the same report, in the
same order, as one process; a worker that dies ends the import with one line."""

import contextlib
import io
import json
import multiprocessing
import os
import signal

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from articles.import_workers import ImportWorkerError, batch_sizes, ramped
from articles.models import Article
from articles.services import import_paths

EVAL = settings.BASE_DIR / "tests" / "data" / "eval" / "articles"  # 83 files: two batches


def json_report(capsys, *args):
    with contextlib.suppress(SystemExit):  # a file failing is part of the report
        call_command("import_articles", *args)
    return json.loads(capsys.readouterr().out)


def test_two_jobs_report_what_one_process_reports_and_store_it(seeded, tmp_path, capsys):
    (tmp_path / "bad.txt").write_text("just some words", encoding="utf-8")
    paths = (str(EVAL), str(tmp_path))
    alone = json_report(capsys, *paths, "--json", "--dry-run", "--jobs", "1")
    assert json_report(capsys, *paths, "--json", "--dry-run", "--jobs", "2") == alone
    before = Article.objects.count()
    stored = json_report(capsys, *paths, "--json", "--jobs", "2")
    assert [f["name"] for f in stored["files"]] == [f["name"] for f in alone["files"]]
    assert "unknown format" in stored["files"][-1]["error"]
    assert stored["imported"] == alone["imported"] > 60
    assert Article.objects.count() == before + alone["imported"]


def test_bad_jobs_is_bad_usage(tmp_path):
    with pytest.raises(CommandError, match=r"--jobs 0: give 1 or more") as error:
        call_command("import_articles", str(tmp_path), "--jobs", "0")
    assert error.value.returncode == 2


@pytest.mark.django_db
def test_a_worker_killed_mid_import_stops_it_with_one_line(tmp_path):
    for n in range(6):
        (tmp_path / f"{n}.json").write_text(
            json.dumps({"title": f"Story {n}", "body": f"Story {n} about a recall."}),
            encoding="utf-8",
        )

    def kill_a_worker(result):
        for child in multiprocessing.active_children():
            # The pool may already have ended the others once the first one died.
            with contextlib.suppress(ProcessLookupError):
                os.kill(child.pid, signal.SIGKILL)

    with pytest.raises(ImportWorkerError, match="a parsing process stopped unexpectedly"):
        import_paths(paths=[str(tmp_path)], batch_files=1, jobs=2, on_result=kill_a_worker)
    # The batches stored before the failure stay, each file whole.
    assert 1 <= Article.objects.count() < 6


@pytest.mark.django_db
def test_standard_input_among_files_keeps_its_place_with_jobs(tmp_path):
    """Files go to the workers in runs; standard input is read here, between its neighbours."""
    paths = []
    for n in range(7):
        path = tmp_path / f"{n}.json"
        path.write_text(json.dumps({"title": f"Story {n}", "body": f"Story {n} of a recall."}))
        paths.append(str(path))
    paths.insert(3, "-")
    stdin = io.BytesIO(json.dumps({"title": "Piped", "body": "Piped story of a recall."}).encode())
    report = import_paths(paths=paths, stdin=stdin, jobs=2, batch_files=5)
    assert [(f.name.rsplit("/", 1)[-1], f.imported) for f in report.files] == [
        *[(f"{n}.json", 1) for n in range(3)],
        ("<stdin>", 1),
        *[(f"{n}.json", 1) for n in range(3, 7)],
    ]


@pytest.mark.parametrize("count", [0, 1, 7, 25, 26, 200, 1000, 2001])
def test_batches_ramp_up_and_down_and_take_every_file_once(count):
    sizes = batch_sizes(count, 200)
    assert sum(sizes) == count and all(0 < size <= 200 for size in sizes)
    if count > 25:
        assert sizes[0] == 25  # the workers' first batch is soon ready
        assert sizes[-1] <= 25  # the last is soon stored
    if count >= 1000:
        assert sizes.count(200) >= count // 200 - 2
    assert [path for batch in ramped(list(range(count)), 200) for path in batch] == list(
        range(count)
    )
