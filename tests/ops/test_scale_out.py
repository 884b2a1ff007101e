"""Two app servers, one database, one Redis: an edit through one is visible through the other."""

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
from django.conf import settings

from tests.admin_pages import form_data, page_form
from tests.factories import OfficialFactory
from tests.ops.servers import database_url, free_port, redis_server, server_superuser, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def redis_url(tmp_path):
    with redis_server(tmp_path) as (url, _):
        yield url


@pytest.fixture
def two_app_servers(redis_url, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "DEBUG": "false",
        "HTTPS": "false",
        "STATIC_MANIFEST": "false",
        "SECRET_KEY": "scale-out-test-key",
        "AXES_FAILURE_LIMIT": "100",
    }
    servers, urls = [], []
    for _ in range(2):
        port = free_port()
        servers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-w",
                    "1",
                    "-b",
                    f"127.0.0.1:{port}",
                    "config.wsgi:application",
                ],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=open(tmp_path / f"server-{port}.log", "w"),  # noqa: SIM115
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            wait_for(url + "/healthz")
        yield urls
    finally:
        for server in servers:
            server.terminate()
            server.wait(10)


class Browser:
    """Just enough of a browser: cookies, CSRF tokens, form posts."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[str, dict]:
        with self.opener.open(self.base + path, timeout=10) as response:
            return response.read().decode(), dict(response.headers)

    def post(self, path: str, data: dict) -> str:
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}, doseq=True).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=10) as response:
            return response.read().decode()


def test_edit_through_one_server_is_visible_through_the_other(two_app_servers):
    first, second = two_app_servers
    official = OfficialFactory(name="Alexandra Example", bio="Original biography.")
    server_superuser("chief", "scale-out-password-123")
    page = official.get_absolute_url()

    reader = Browser(second)
    html, headers = reader.get(page)
    assert "Original biography." in html
    html, headers = reader.get(page)
    assert headers.get("X-Cache") == "hit"

    editor = Browser(first)
    editor.get("/admin/login/")
    editor.post(
        "/admin/login/",
        {"username": "chief", "password": "scale-out-password-123", "next": "/admin/"},
    )
    change = f"/admin/recalls/official/{official.pk}/change/"
    form, _ = editor.get(change)
    assert "Alexandra Example" in form
    editor.post(change, form_data(page_form(form), {"bio": "Edited biography."}))
    official.refresh_from_db()
    assert official.bio == "Edited biography."

    # The first reader after the edit has the page rendered again. It gets the edit, or the
    # copy from before if the render took longer than PAGE_REFRESH_WAIT (ops/refresh.py);
    # either way the render is kept, for every reader of either server, within a moment.
    html, headers = reader.get(page)
    if headers.get("X-Cache") == "refreshing":
        assert "Original biography." in html
        deadline = time.monotonic() + 5
        while "Edited biography." not in html and time.monotonic() < deadline:
            time.sleep(0.05)
            html, headers = reader.get(page)
    else:
        assert headers.get("X-Cache") == "miss"
    assert "Edited biography." in html
    assert re.search(r"Original biography", html) is None
    html, headers = reader.get(page)
    assert headers.get("X-Cache") == "hit" and "Edited biography." in html
