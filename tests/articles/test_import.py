"""The import command on real files: the seed formats, duplicates, bad input, dry runs."""

import datetime as dt
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.importers import ArticleImportError, parse_bytes
from articles.models import Article, Outlet
from articles.services import import_paths
from core.dates import Precision

SOURCES = settings.BASE_DIR / "fixtures" / "sources"
LISTING = SOURCES / "000_6a7014cbdf44f9e3.txt"
DATED = SOURCES / "003_a1f8758ee281264a.txt"


def test_listing_gives_four_articles_with_titles_deks_and_bodies():
    articles = parse_bytes(LISTING.read_bytes(), "listing.txt")
    assert [a.title for a in articles] == [
        "As Crime Surges, Roll Back of Tough-on-Crime Policies Faces Resistance",
        "Rick Caruso Jumps Into Los Angeles Mayor’s Race",
        "Robberies. Drought. Tent Camps. Los Angeles’s Next Mayor Faces a Litany of Crises.",
        "Los Angeles Just Elected a Liberal D.A. He’s Already Facing a Recall Effort.",
    ]
    first = articles[0]
    assert first.dek.startswith("With violent crime rates rising and elections looming")
    assert first.body.startswith("Four years ago, progressive prosecutors")
    for article in articles:
        assert not article.body.rstrip().endswith("More"), article.title
        assert article.published is None and article.outlet == ""
    # Paragraph breaks that the saved page lost are restored.
    assert "of the 1990s.\n\nFour years ago" not in first.body
    assert "\n\nToday, a political backlash is brewing." in first.body


def test_dated_article_gets_date_outlet_and_a_derived_title():
    (article,) = parse_bytes(DATED.read_bytes(), "dated.txt")
    assert article.published.value == dt.date(2022, 7, 15)
    assert article.published.precision == Precision.DAY
    assert article.outlet == "NewsNation"
    assert article.title == (
        "The recall effort against Los Angeles County District Attorney George Gascon "
        "looks to be on track for a November vote"
    )
    assert article.title_derived
    assert article.body.startswith("The recall effort against")
    assert "CHICAGO" not in article.body


@pytest.mark.django_db
def test_command_imports_seed_files_then_reimport_is_all_duplicates(capsys):
    call_command("import_articles", str(SOURCES))
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-1] == "imported 5, duplicates 0, failed 0"
    assert Article.objects.count() == 5
    assert Outlet.objects.get().name == "NewsNation"
    call_command("import_articles", str(LISTING), str(DATED))
    assert capsys.readouterr().out.strip().splitlines()[-1] == "imported 0, duplicates 5, failed 0"
    assert Article.objects.count() == 5


@pytest.mark.django_db
def test_same_text_with_other_whitespace_and_quotes_is_a_duplicate(tmp_path):
    original = DATED.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(original, encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        original.replace("’", "'").replace("  ", " ") + "\n\n", encoding="utf-8"
    )
    report = import_paths(paths=[str(tmp_path)])
    assert (report.imported, report.duplicates, report.failed) == (1, 1, 0)


@pytest.mark.django_db
def test_bad_files_fail_one_line_each_and_the_rest_import(tmp_path, capsys):
    (tmp_path / "1-good.txt").write_bytes(DATED.read_bytes())
    (tmp_path / "2-empty.txt").write_bytes(b"   \n")
    (tmp_path / "3-binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "4-unknown.txt").write_text("just some words", encoding="utf-8")
    (tmp_path / "5-bad-date.txt").write_text(
        " date 2022-13-45 CHICAGO (X) — Text.", encoding="utf-8"
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_articles", str(tmp_path))
    assert exit_info.value.code == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 6
    assert lines[0].endswith("1-good.txt: imported 1, duplicates 0")
    assert "2-empty.txt: FAILED: empty file" in lines[1]
    assert "3-binary.bin: FAILED: not a text file" in lines[2]
    assert "4-unknown.txt: FAILED: unknown format" in lines[3]
    assert "5-bad-date.txt: FAILED: bad date" in lines[4]
    assert lines[5] == "imported 1, duplicates 0, failed 4"
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_windows_1252_text_is_decoded(tmp_path):
    text = DATED.read_text(encoding="utf-8").replace("Gascon", "Gascón")
    (tmp_path / "latin.txt").write_bytes(text.encode("cp1252"))
    import_paths(paths=[str(tmp_path)])
    assert "George Gascón" in Article.objects.get().title


@pytest.mark.django_db
def test_utf8_bom_is_ignored(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + DATED.read_bytes())
    report = import_paths(paths=[str(tmp_path)])
    assert report.imported == 1


@pytest.mark.django_db
def test_too_large_file_is_refused(tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 100
    (tmp_path / "big.txt").write_bytes(DATED.read_bytes())
    report = import_paths(paths=[str(tmp_path)])
    assert report.failed == 1
    assert "too large" in report.files[0].error
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_dry_run_writes_nothing(capsys):
    call_command("import_articles", "--dry-run", str(SOURCES))
    assert (
        capsys.readouterr().out.strip().splitlines()[-1]
        == "dry run: imported 5, duplicates 0, failed 0"
    )
    assert Article.objects.count() == 0
    assert Outlet.objects.count() == 0


@pytest.mark.django_db
def test_file_is_atomic_a_broken_story_keeps_nothing_of_that_file(tmp_path):
    text = LISTING.read_text(encoding="utf-8") + "\n  • in\n\n    Headline without text\n"
    (tmp_path / "broken.txt").write_text(text, encoding="utf-8")
    report = import_paths(paths=[str(tmp_path)])
    assert report.failed == 1 and "story 5" in report.files[0].error
    assert Article.objects.count() == 0


def test_parsers_raise_only_the_import_error():
    for data in [b"", b"\xff\xfe\x00", "More stories\n  • in\n".encode(), b" date 2022-01-01"]:
        with pytest.raises(ArticleImportError):
            parse_bytes(data, "x")


def test_bad_usage_exits_2():
    result = subprocess.run(
        [sys.executable, "manage.py", "import_articles"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={"SECRET_KEY": "x", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "give PATHs to import, or --watch DIR" in result.stderr
    assert "Traceback" not in result.stderr
