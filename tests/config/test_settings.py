import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from tests.ops.servers import database_url

# No .env is read unless a test names one: the developer's own must not change the result.
NO_ENV_FILE = {"PATH": "/usr/bin:/bin", "ENV_FILE": ""}


def run_check(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={**NO_ENV_FILE, **env},
    )


def test_secret_key_required_when_debug_is_off():
    result = run_check({"DEBUG": "false"})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("manage.py: SECRET_KEY is not set: run `make run` once")


@pytest.mark.django_db(transaction=True)
def test_a_newcomer_after_make_run_needs_no_variables(tmp_path):
    """`make run` writes a development .env once; commands then run exactly as the README
    shows them, with no DEBUG=1 typed by hand."""
    shutil.copy(settings.BASE_DIR / "Makefile", tmp_path)
    make = ["make", "--no-print-directory", "-s", ".env"]
    subprocess.run(make, cwd=tmp_path, check=True, env={"PATH": "/usr/bin:/bin"})
    written = (tmp_path / ".env").read_text()
    values = dict(line.split("=", 1) for line in written.splitlines() if "=" in line)
    assert values["DEBUG"] == "1"
    assert len(values["SECRET_KEY"]) >= 50
    assert (tmp_path / ".env").stat().st_mode & 0o077 == 0  # a secret: the owner's only

    (tmp_path / ".env").write_text(written + "# edited by hand\n")
    subprocess.run(make, cwd=tmp_path, check=True, env={"PATH": "/usr/bin:/bin"})
    assert (tmp_path / ".env").read_text().endswith("# edited by hand\n")  # never overwritten

    result = subprocess.run(
        [".venv/bin/python", "manage.py", "import_articles", "--dry-run", "fixtures/sources"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "ENV_FILE": str(tmp_path / ".env"),
            "DATABASE_URL": database_url(),  # the test database, migrated
        },
    )
    assert result.returncode == 0, result.stderr
    assert "dry run: imported" in result.stdout


def test_env_file_is_never_committed():
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", ".env"], cwd=settings.BASE_DIR, check=False
    )
    assert ignored.returncode == 0


def test_debug_on_runs_without_a_secret_key():
    assert run_check({"DEBUG": "true"}).returncode == 0


def test_debug_flag_parses_false_strings_as_false():
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={
            **NO_ENV_FILE,
            "DEBUG": "False",
            "SECRET_KEY": "x",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        },
    )
    assert result.stdout.strip() == "False"


def test_the_documented_production_settings_pass_the_deploy_check():
    """README "Deploying" and docs/DEPLOYMENT.md: no warning with those settings."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={
            **NO_ENV_FILE,
            "DEBUG": "false",
            "SECRET_KEY": "a-long-random-production-key-" + "x7Qp" * 12,
            "DATABASE_URL": "postgres://recalls:secret@127.0.0.1:5432/recalls",
            "ALLOWED_HOSTS": "recalls.example.org",
            "CSRF_TRUSTED_ORIGINS": "https://recalls.example.org",
            "BEHIND_PROXY": "true",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_admin_pages_name_the_tracker(admin_client):
    """The headers come from the project's admin site (config/admin.py), not from an app."""
    page = admin_client.get("/admin/").content.decode()
    assert (
        "<title>Curate recall efforts, people, elections and sources | Recall tracker admin" in page
    )
    assert "Recall tracker — editors" in page


@pytest.mark.django_db
def test_postgres_sessions_never_jit_compile():
    """JIT once spent 1.1 s compiling the six-row stats query (drill: 503s under load)."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting (scripts/with-postgres)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
