"""`manage.py import_articles` as the README shows it, on what is not a regular file: a
device, a pipe, standard input; and file names that would break or reorder its output."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from articles.import_files import read_limited
from tests.ops.servers import database_url

pytestmark = pytest.mark.django_db(transaction=True)

DATED = settings.BASE_DIR / "fixtures" / "sources" / "003_a1f8758ee281264a.txt"
LIMIT = f"the limit is {settings.IMPORT_MAX_BYTES:,}; IMPORT_MAX_BYTES"


def import_articles(*args, stdin=subprocess.DEVNULL):
    return subprocess.run(
        [sys.executable, "manage.py", "import_articles", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": database_url()},
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_refused_as_too_large(result, name):
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        f"{name}: FAILED: too large: more than {settings.IMPORT_MAX_BYTES:,} bytes ({LIMIT})",
        "dry run: imported 0, duplicates 0, failed 1",
    ]


def test_a_device_that_never_ends_is_refused_at_the_limit():
    assert_refused_as_too_large(import_articles("--dry-run", "/dev/zero"), "/dev/zero")


def test_standard_input_that_never_ends_is_refused_at_the_limit():
    with open("/dev/zero", "rb") as zeros:
        result = import_articles("--dry-run", "-", stdin=zeros)
    assert_refused_as_too_large(result, "<stdin>")


def test_a_named_pipe_that_never_ends_is_refused_at_the_limit(tmp_path):
    pipe = tmp_path / "feed"
    os.mkfifo(pipe)
    writer = subprocess.Popen(["sh", "-c", f"cat /dev/zero > '{pipe}'"], stderr=subprocess.DEVNULL)
    try:
        assert_refused_as_too_large(import_articles("--dry-run", str(pipe)), pipe)
    finally:
        writer.kill()
        writer.wait()


def test_a_small_pipe_imports_like_a_file(tmp_path):
    pipe = tmp_path / "article"
    os.mkfifo(pipe)
    writer = subprocess.Popen(["sh", "-c", f"cat '{DATED}' > '{pipe}'"])
    result = import_articles("--dry-run", str(pipe))
    writer.wait()
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "dry run: imported 1, duplicates 0, failed 0"


NAMES = {
    "line\nbreak.txt": "line\\nbreak.txt",
    "\u202etxt.exe": "\\u202etxt.exe",  # RIGHT-TO-LEFT OVERRIDE: would show as "exe.txt"
    "bell\x07 and escape\x1b[31m.txt": "bell\\x07 and escape\\x1b[31m.txt",
}


def test_control_and_bidi_characters_in_file_names_are_escaped(tmp_path):
    for name in NAMES:
        (tmp_path / name).write_bytes(DATED.read_bytes())
    expected = sorted(str(tmp_path / "x")[:-1] + shown for shown in NAMES.values())

    result = import_articles("--dry-run", str(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(NAMES) + 1  # one line a file, then the totals
    assert sorted(line.split(": ", 1)[0] for line in lines[:-1]) == expected
    assert not any(char in result.stdout for char in "\u202e\x07\x1b")

    report = json.loads(import_articles("--dry-run", "--json", str(tmp_path)).stdout)
    assert sorted(file["name"] for file in report["files"]) == expected


def test_a_file_read_by_the_size_it_gave_is_still_read_whole_or_up_to_the_limit(settings):
    """read_limited reads the size a file gave (not a buffer of the limit), and a file that
    grew since is read to its end, or refused past the limit."""
    settings.IMPORT_MAX_BYTES = 100
    assert read_limited(io.BytesIO(b"x" * 10), 10) == b"x" * 10
    assert read_limited(io.BytesIO(b"x" * 50), 10) == b"x" * 50
    assert len(read_limited(io.BytesIO(b"x" * 500), 10)) == 101
    assert len(read_limited(io.BytesIO(b"x" * 500))) == 101
