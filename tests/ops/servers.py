"""Real gunicorn servers for the deployment tests, on the test database and a shared cache."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection


def server_superuser(username: str, password: str):
    """A superuser who can log in to the servers these tests start: they check passwords with
    the production hashers, which do not include the tests' fast MD5 (tests/conftest.py)."""
    user = get_user_model().objects.create_superuser(username, f"{username}@example.org")
    user.password = make_password(password, hasher="pbkdf2_sha256")  # Django's default
    user.save(update_fields=["password"])
    return user


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(url)


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def server_env(**overrides: str) -> dict:
    """`make serve`'s environment on the test database; the cache is the tests' (CACHE_DIR)."""
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DEBUG": "false",
        "HTTPS": "false",
        "STATIC_MANIFEST": "false",
        "SECRET_KEY": "server-test-key",
        "AXES_FAILURE_LIMIT": "100",
        "ACCESS_LOG": os.devnull,
        **overrides,
    }


@contextlib.contextmanager
def gunicorn(log_path, *, config: bool = True, workers: int = 4, **overrides: str):
    """A gunicorn server (with config/gunicorn.conf.py, as `make serve`); yields its URL."""
    port = free_port()
    env = server_env(PORT=str(port), WEB_CONCURRENCY=str(workers), **overrides)
    command = [sys.executable, "-m", "gunicorn"]
    if config:
        command += ["-c", "config/gunicorn.conf.py"]
    else:
        command += ["-w", str(workers), "-b", f"127.0.0.1:{port}"]
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [*command, "config.wsgi:application"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/livez")
        yield url
    finally:
        server.terminate()
        server.wait(30)


@contextlib.contextmanager
def redis_server(folder):
    """A private redis-server (no persistence) for the block: its URL and its process."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail("redis-server not found and REQUIRE_REDIS=1")
        pytest.skip("redis-server not found (apt-get install redis-server)")
    port = free_port()
    arguments = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(
        [binary, *arguments, "--dir", str(folder)], stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    try:
        yield f"redis://127.0.0.1:{port}/0", process
    finally:
        process.terminate()
        process.wait(10)
