import subprocess
import sys

from django.conf import settings


def run_check(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **env},
    )


def test_secret_key_required_when_debug_is_off():
    result = run_check({"DEBUG": "false"})
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_debug_on_runs_without_a_secret_key():
    assert run_check({"DEBUG": "true"}).returncode == 0


def test_debug_flag_parses_false_strings_as_false():
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DEBUG": "False",
            "SECRET_KEY": "x",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        },
    )
    assert result.stdout.strip() == "False"
