"""The drill's parts (scripts/drill.py): a gunicorn server as `make serve` runs it, a reader,
an editor who saves through the admin form, and the measurements."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import lxml.html

PYTHON = sys.executable
PASSWORD_ENV = "DJANGO_SUPERUSER_PASSWORD"


class Server:
    """gunicorn with config/gunicorn.conf.py, DEBUG off, on its own database and cache."""

    def __init__(self, root: Path, work: Path, database_url: str, port: int, workers: int):
        self.root, self.work, self.port = root, work, port
        work.mkdir(parents=True)
        (work / "static").mkdir()
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DEBUG": "0",
            "HTTPS": "false",
            "SECRET_KEY": "drill-only-secret-key-" + "x" * 40,
            "STATIC_MANIFEST": "false",
            "STATIC_ROOT": str(work / "static"),
            "CACHE_DIR": str(work / "cache"),
            "PORT": str(port),
            "WEB_CONCURRENCY": str(workers),
            "ACCESS_LOG": str(work / "access.log"),
            "AXES_FAILURE_LIMIT": "1000",
            PASSWORD_ENV: "drill-password-123",
        }
        self.process = None

    def manage(self, *args: str) -> str:
        run = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if run.returncode:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{run.stderr[-2000:]}")
        return run.stdout

    def prepare(self) -> None:
        self.manage("migrate", "--noinput", "-v0")
        self.manage("load_seed_data", "-v0")
        self.manage(
            "createsuperuser", "--noinput", "--username", "drill", "--email", "d@example.org"
        )

    def official(self) -> tuple[int, str]:
        out = self.manage(
            "shell",
            "-c",
            "from recalls.models import Official; o = Official.objects.order_by('pk').first();"
            " print(o.pk, o.get_absolute_url())",
        )
        pk, path = out.split()[-2:]
        return int(pk), path

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self):
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi:application"],
            cwd=self.root,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.work / "gunicorn.log", "w"),  # noqa: SIM115
        )
        deadline = time.monotonic() + 60
        while fetch(self.url("/livez"), timeout=2)[0] != 200:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit((self.work / "gunicorn.log").read_text()[-3000:])
            time.sleep(0.3)
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(30)
        # Kept for a look after a failed check (build/ is not committed).
        kept = self.root / "build" / f"drill-{self.work.name}-gunicorn.log"
        kept.parent.mkdir(exist_ok=True)
        kept.write_text((self.work / "gunicorn.log").read_text())


def fetch(url: str, timeout: float = 10, fresh: bool = False) -> tuple[int, dict, str]:
    """One GET on a new connection (so that requests spread over the workers); status 0 for
    no answer. ``fresh`` asks proxies and browsers' caches to revalidate, as a reload does."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    headers = {"Cache-Control": "no-cache"} if fresh else {}
    try:
        conn.request(
            "GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers
        )
        response = conn.getresponse()
        return (
            response.status,
            dict(response.getheaders()),
            response.read().decode(errors="replace"),
        )
    except OSError:
        return 0, {}, ""
    finally:
        conn.close()


class Sampler(threading.Thread):
    """Asks a URL every 0.1 s and keeps the slowest answer and the failures."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.target, self.worst, self.errors, self.count = url, 0.0, 0, 0
        self._stop_event = threading.Event()

    def run(self):
        while not self._stop_event.is_set():
            started = time.monotonic()
            status = fetch(self.target, timeout=5)[0]
            self.worst = max(self.worst, time.monotonic() - started)
            self.errors += status != 200
            self.count += 1
            time.sleep(0.1)

    def stop(self):
        self._stop_event.set()
        self.join(10)


class Editor:
    """Signs in to the admin and saves change forms as a browser would: the form as the page
    renders it, with only the edited fields changed."""

    def __init__(self, base: str, username: str, password: str):
        self.base, self.saves, self.failed, self.reasons = base, 0, 0, []
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.submit("/admin/login/", {"username": username, "password": password}, "login-form")

    def submit(self, path: str, changes: dict, form_id: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            page = lxml.html.fromstring(response.read().decode("utf-8"))
        form = page.get_element_by_id(form_id)
        values = [(k, v) for k, v in form.form_values() if k not in changes]
        body = urllib.parse.urlencode([*values, *changes.items()]).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=30) as response:
            if not response.geturl().endswith(path):
                return ""  # redirected: saved
            page = lxml.html.fromstring(response.read().decode("utf-8"))
        errors = page.xpath("//*[contains(@class, 'errornote') or contains(@class, 'errorlist')]")
        return " ".join(e.text_content().strip() for e in errors) or "not saved"

    def save(self, path: str, changes: dict) -> None:
        """One save; a refusal or an error page is counted as failed, with its reason."""
        self.saves += 1
        try:
            refused = self.submit(path, changes, "official_form")
        except (OSError, KeyError) as error:
            refused = f"error: {error}"
        if refused:
            self.failed += 1
            self.reasons.append(refused)


def load(server: Server, seconds: float, connections: int) -> Counter:
    """``connections`` keep-alive clients reading a mix of cached and uncached pages;
    returns how many answers had each status (0: no answer)."""
    pages = [
        "/", "/recalls/", "/officials/", "/elections/", "/articles/", "/stats/",
        "/search/?q=recall", "/recalls/export.csv", "/feeds/updates/", "/livez",
    ]  # fmt: skip
    statuses = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        n = 0
        while time.monotonic() < deadline:
            n += 1
            path = pages[n % len(pages)]
            if n % 4 == 0:  # a quarter miss the page cache
                path += ("&" if "?" in path else "?") + f"load={number}-{n}"
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                status = response.status
            except OSError:
                status = 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            with lock:
                statuses[status] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def describe(statuses: Counter) -> str:
    """ "3 errors of 2,000 (503: 2, no answer: 1)"."""
    errors = {k: v for k, v in statuses.items() if k != 200}
    detail = ", ".join(f"{k or 'no answer'}: {v}" for k, v in sorted(errors.items()))
    text = f"{sum(errors.values())} errors of {sum(statuses.values()):,}"
    return f"{text} ({detail})" if detail else text


def write_articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for n in range(count):
        article = {
            "title": f"Drill article {n}: recall petition update",
            "body": (
                f"Recall organizers in drill town {n} said on Monday that they had gathered "
                f"{1000 + n} signatures. The petition asks voters to remove the official."
            ),
            "url": f"https://drill.example.org/articles/{n}",
        }
        (folder / f"{n:05}.json").write_text(json.dumps(article), encoding="utf-8")


DIGEST = """
import hashlib, json
from django.db import connection
digests = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names()):
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        rows = sorted(repr(row) for row in cursor.fetchall())
        digests[table] = hashlib.sha256("\\n".join(rows).encode()).hexdigest()
print(json.dumps(digests))
"""


def table_digests(env: dict) -> dict[str, str]:
    run = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", DIGEST],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout.strip().splitlines()[-1])  # after the shell's own notes
