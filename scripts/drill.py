"""Fault drill (issue #13): `make drill`.

Starts gunicorn as `make serve` does (DEBUG off, several workers, the shared page cache) on
the throwaway PostgreSQL that scripts/with-postgres provides, breaks things the way
operations do, and prints a table of what readers, editors and load balancers saw. Exits 1
when a check fails. Everything listens on loopback; the whole drill takes 5-10 minutes.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from drill_lib import (  # noqa: E402
    Editor,
    Sampler,
    Server,
    describe,
    fetch,
    load,
    table_digests,
    write_articles,
)

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
results: list[tuple[str, str, bool]] = []


def check(name: str, measured: str, ok: bool) -> None:
    results.append((name, measured, ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {measured}", flush=True)


# -- PostgreSQL from the outside: its processes and pg_ctl ---------------------------------


def as_owner(command: list[str]) -> list[str]:
    if os.getuid() == 0:
        return ["su", "postgres", "-s", "/bin/bash", "-c", shlex.join(command)]
    return command


class Postgres:
    def __init__(self, database_url: str):
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as conn:
            backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
            self.data = conn.execute("SHOW data_directory").fetchone()[0]
        self.postmaster = int(Path(f"/proc/{backend}/stat").read_text().split(")")[1].split()[1])
        opts = shlex.split(Path(self.data, "postmaster.opts").read_text())
        self.binary = Path(opts[0]).parent
        self.options = [o for o in opts[1:] if o not in ("-D", self.data)]

    def processes(self) -> list[int]:
        children = Path(f"/proc/{self.postmaster}/task/{self.postmaster}/children").read_text()
        return [self.postmaster, *map(int, children.split())]

    def signal(self, sig, every: bool) -> None:
        for pid in self.processes() if every else [self.postmaster]:
            os.kill(pid, sig)

    def pg_ctl(self, *args: str) -> None:
        command = [str(self.binary / "pg_ctl"), "-D", self.data, "-w", *args]
        subprocess.run(as_owner(command), check=True, capture_output=True, timeout=60)

    def stop(self) -> None:
        self.pg_ctl("-m", "fast", "stop")

    def start(self) -> None:
        self.pg_ctl(
            "-l", f"{self.data}/../drill-restart.log", "-o", shlex.join(self.options), "start"
        )
        self.postmaster = int(Path(self.data, "postmaster.pid").read_text().split()[0])


# -- the scenarios ---------------------------------------------------------------------------


def until_ok(server: Server, path: str, limit: float = 30) -> float | None:
    """Seconds until an uncached page answers 200 again (None: not within the limit)."""
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < limit:
        n += 1
        if fetch(server.url(f"{path}&recover={n}"), timeout=10)[0] == 200:
            return time.monotonic() - start
        time.sleep(0.25)
    return None


def outage(server: Server, name: str, cut, restore) -> None:
    """During an outage: uncached pages 503 within 5 s, cached pages and /livez answer."""
    cached = "/recalls/"
    fetch(server.url(cached))  # in the cache before the outage
    slug = name.replace(" ", "-")
    sampler = Sampler(server.url("/livez"))
    sampler.start()
    cut()
    try:
        worst, statuses = 0.0, set()
        for n in range(5):
            started = time.monotonic()
            status, _, _ = fetch(server.url(f"/officials/?outage={slug}-{n}"), timeout=30)
            worst = max(worst, time.monotonic() - started)
            statuses.add(status)
        check(
            f"{name}: uncached pages",
            f"{sorted(statuses)} in ≤ {worst:.1f} s",
            statuses == {503} and worst < 5,
        )
        status, headers, _ = fetch(server.url(cached))
        check(
            f"{name}: cached page", f"{status} (X-Cache: {headers.get('X-Cache')})", status == 200
        )
        status, _, _ = fetch(server.url("/readyz"), timeout=10)
        check(f"{name}: /readyz", str(status), status == 503)
        time.sleep(2)
    finally:
        restore()
    recovered = until_ok(server, f"/officials/?after={slug}")
    sampler.stop()
    check(
        f"{name}: /livez during the outage",
        f"{sampler.count} answers, slowest {sampler.worst:.2f} s, {sampler.errors} errors",
        sampler.errors == 0 and sampler.worst < 1,
    )
    check(
        f"{name}: recovery without a restart",
        f"{recovered:.1f} s" if recovered is not None else "none in 30 s",
        recovered is not None and recovered < 15,
    )


def stale_after_edit(server: Server, editor: Editor, official_id: int, path: str) -> None:
    for _ in range(40):  # the page in the cache, whichever worker answers
        fetch(server.url(path), fresh=True)
    marker = f"Drill edit {time.time():.0f}."
    failed = editor.failed
    editor.save(f"/admin/recalls/official/{official_id}/change/", {"bio": marker})
    if editor.failed > failed:
        check("edit: the admin saves", editor.reasons[-1], False)
        return
    time.sleep(1)
    old = sum(marker not in fetch(server.url(path), fresh=True)[2] for _ in range(100))
    check("edit: requests serving the old page 1 s later", f"{old} of 100", old == 0)


def import_while_editing(server: Server, label: str, official_id: int, work: Path) -> None:
    folder = work / f"articles-{label}"
    write_articles(folder, 2000)
    editor = Editor(server.url(""), "drill", "drill-password-123")
    statuses, stop = Counter(), threading.Event()

    def read():
        n = 0
        while not stop.is_set():
            n += 1
            for path in ("/", "/recalls/", f"/articles/?q=drill&n={n}", "/officials/"):
                statuses[fetch(server.url(path), timeout=30)[0]] += 1

    def edit():
        n = 0
        while not stop.is_set():
            n += 1
            editor.save(
                f"/admin/recalls/official/{official_id}/change/", {"bio": f"{label} save {n}."}
            )
            time.sleep(0.5)

    threads = [threading.Thread(target=read), threading.Thread(target=edit)]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    run = subprocess.run(
        [PYTHON, "manage.py", "import_articles", str(folder)],
        cwd=ROOT,
        env=server.env,
        capture_output=True,
        text=True,
    )
    took = time.monotonic() - started
    stop.set()
    for thread in threads:
        thread.join(60)
    summary = (run.stdout.strip().splitlines() or ["(no output)"])[-1]
    check(f"import on {label}: 2,000 articles", f"{summary} in {took:.0f} s", run.returncode == 0)
    check(
        f"import on {label}: editor saves every 0.5 s",
        f"{editor.failed} failed of {editor.saves}"
        + (f" ({editor.reasons[0][:80]})" if editor.reasons else ""),
        editor.failed == 0 and editor.saves > 0,
    )
    check(f"import on {label}: readers", describe(statuses), set(statuses) == {200})


def backup_restore(env: dict, work: Path) -> None:
    manage = [PYTHON, "manage.py"]
    before = table_digests(env)
    path = work / "drill.backup"
    subprocess.run(
        [*manage, "backup", str(path)], cwd=ROOT, env=env, check=True, capture_output=True
    )
    subprocess.run(
        [*manage, "restore", str(path), "--yes"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    after = table_digests(env)
    differ = [t for t in before if before[t] != after.get(t)]
    check(
        "backup → restore: tables equal",
        f"{len(before) - len(differ)} of {len(before)}",
        not differ,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("DRILL_PORT", 8140)))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--load-seconds", type=float, default=30)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        print(
            "make drill runs under scripts/with-postgres (DATABASE_URL=postgres://…)",
            file=sys.stderr,
        )
        return 2
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="recalls-drill-") as tmp:
        work = Path(tmp)
        postgres = Postgres(database_url)
        pg = Server(ROOT, work / "pg", database_url, args.port, args.workers)
        pg.prepare()
        with pg:
            official_id, official_path = pg.official()
            editor = Editor(pg.url(""), "drill", "drill-password-123")
            fetch(pg.url(official_path))

            outage(pg, "database stopped", postgres.stop, postgres.start)
            outage(
                pg,
                "postmaster SIGSTOP",
                lambda: postgres.signal(signal.SIGSTOP, every=False),
                lambda: postgres.signal(signal.SIGCONT, every=False),
            )
            stopped: list[int] = []

            def stop_all():
                stopped[:] = postgres.processes()
                for pid in stopped:
                    os.kill(pid, signal.SIGSTOP)

            def continue_all():
                for pid in stopped:
                    os.kill(pid, signal.SIGCONT)

            outage(pg, "every PostgreSQL process SIGSTOP", stop_all, continue_all)
            stale_after_edit(pg, editor, official_id, official_path)
            import_while_editing(pg, "PostgreSQL", official_id, work)
            statuses = load(pg, args.load_seconds, connections=20)
            check(
                f"{args.load_seconds:.0f} s of mixed pages at 20 connections",
                describe(statuses),
                set(statuses) == {200},
            )
        backup_restore(pg.env, work)

        sqlite = Server(
            ROOT, work / "sqlite", f"sqlite:///{work}/drill.sqlite3", args.port + 1, args.workers
        )
        sqlite.prepare()
        with sqlite:
            official_id, _ = sqlite.official()
            import_while_editing(sqlite, "SQLite", official_id, work)

    width = max(len(name) for name, _, _ in results)
    print(
        f"\nmake drill: {sum(ok for *_, ok in results)} of {len(results)} checks passed in {time.monotonic() - started:.0f} s\n"
    )
    print(f"| {'check'.ljust(width)} | result | |")
    print(f"|{'-' * (width + 2)}|---|---|")
    for name, measured, ok in results:
        print(f"| {name.ljust(width)} | {measured} | {'ok' if ok else '**FAIL**'} |")
    return 0 if all(ok for *_, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
