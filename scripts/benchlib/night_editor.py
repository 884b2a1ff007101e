"""The election-night editor (scripts/benchlib/night.py): a Django process on the bench
database and its shared cache that saves an effort or a result every second through the
service the admin's saves use (editorial.services.versioned_save: the version check, the
save, the edit history and the cache invalidation at commit), then asks each gunicorn worker,
on its own port (night_wsgi.py), for the edited object's pages until it answers with the new
value.

Usage: python scripts/benchlib/night_editor.py PLAN.json — the plan names the server, the
gunicorn master's pid, the seconds to run and the edits to make in turn; the last line
printed is the JSON list of the edits with the milliseconds until each was visible.
"""

from __future__ import annotations

import http.client
import json
import os
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
# Requests asking edited pages at once, all edits together (an edit a second, each followed
# for up to GIVE_UP s): enough to reach every worker soon, few enough not to be the load.
POLLERS = 6
SLOTS = threading.BoundedSemaphore(POLLERS)
# And at most this many a second, all together: a cached answer takes 2 ms, so six unpaced
# slots asked up to 300 a second, half the workers' CPU and 15 times the readers' requests.
POLL_RATE = 60
# Each worker not yet showing an edit is asked again this long after its last answer.
ROUND = 0.1
GIVE_UP = 10.0  # seconds after which an edit not yet seen everywhere counts as not visible


class Pacer:
    """Spaces calls to ``wait`` at least ``1 / rate`` s apart, across threads."""

    def __init__(self, rate: float):
        self.gap, self.next, self.lock = 1.0 / rate, 0.0, threading.Lock()

    def wait(self) -> None:
        with self.lock:
            now = time.monotonic()
            at = max(now, self.next)
            self.next = at + self.gap
        time.sleep(max(0.0, at - now))


PACE = Pacer(POLL_RATE)


def workers(master: int) -> set[int]:
    """The gunicorn master's current children (a worker may be recycled during the run)."""
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        return {int(pid) for pid in children}
    except OSError:
        return set()


def worker_ports(folder: Path, master: int) -> dict[str, int]:
    """The current workers' own ports (night_wsgi.py), by pid; a worker that has not yet
    answered a request has none."""
    ports = {}
    for pid in workers(master):
        try:
            ports[str(pid)] = int((folder / f"{pid}.port").read_text())
        except (OSError, ValueError):
            continue
    return ports


def ask(port: int, host: str, path: str) -> tuple[int, str, str]:
    """One GET to one worker's own port: the status, the page-cache answer and the page.
    With the shared socket's host name, as the readers send it: the page cache keys on it."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        # X-Bench-Poll: counted apart in night_wsgi.py.
        conn.request("GET", path, headers={"Host": host, "X-Bench-Poll": "1"})
        response = conn.getresponse()
        return response.status, response.getheader("X-Cache", ""), response.read().decode()
    except OSError:
        return 0, "", ""
    finally:
        conn.close()


def ask_in_turn(port: int, host: str, path: str) -> tuple[float, int, str, str]:
    """``ask`` once a slot is free and the pace allows; the time it was sent with the answer."""
    PACE.wait()
    with SLOTS:
        sent = time.monotonic()
        return sent, *ask(port, host, path)


def follow(
    folder: Path, master: int, host: str, urls: list[str], expect: str, saved: float
) -> dict:
    """Ask every worker for each of ``urls`` until it answers with ``expect``. Visible at:
    the latest of the (url, worker) pairs' first answers showing it (ms after the save's
    commit); None when not seen on every worker within GIVE_UP."""
    first_new: dict[tuple[str, str], float] = {}
    last_old = 0.0
    asked = errors = 0
    old_states: Counter = Counter()  # X-Cache of the answers still without the edit
    visible, ports, unreachable = None, {}, 0
    lock = threading.Lock()

    def one(pair):
        nonlocal asked, errors, last_old
        url, pid = pair
        sent, status, cached, body = ask_in_turn(ports[pid], host, url)
        received = time.monotonic()
        with lock:
            asked += 1
            if status != 200:
                errors += 1
            elif expect in body:
                first_new.setdefault(pair, received)
            else:
                last_old = max(last_old, sent)
                old_states[cached] += 1

    while time.monotonic() - saved < GIVE_UP:
        ports = worker_ports(folder, master)
        unreachable = len(workers(master)) - len(ports)
        pending = [(url, pid) for url in urls for pid in ports if (url, pid) not in first_new]
        if ports and not pending:
            visible = max(first_new[url, pid] for url in urls for pid in ports) - saved
            break
        began = time.monotonic()
        threads = [threading.Thread(target=one, args=(pair,), daemon=True) for pair in pending]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(35)
        time.sleep(max(0.0, ROUND - (time.monotonic() - began)))
    return {
        "visible_ms": None if visible is None else round(visible * 1000, 1),
        "workers": len(ports),
        "workers_not_asked": unreachable,
        "asked": asked,
        "poll_errors": errors,
        "last_old_ms": round((last_old - saved) * 1000, 1) if last_old else None,
        "old_answers": dict(old_states),
    }


def save(edit: dict, n: int) -> str:
    """One save through the admin's service; the text its pages show afterwards."""
    # Models load once main() has set Django up with the bench database's settings.
    from editorial.services import versioned_save
    from recalls.models import RecallEffort, ResultReport

    if edit["kind"] == "effort":
        effort = RecallEffort.objects.get(pk=edit["pk"])
        marker = f"Election night, update {n}:"
        effort.summary = (
            f"{marker} the count goes on. {effort.summary.split(': the count goes on. ', 1)[-1]}"
        )
        versioned_save(obj=effort, expected_version=effort.version)
        return marker
    report = ResultReport.objects.get(pk=edit["pk"])
    report.yes_votes = (report.yes_votes or 0) + 1 + n
    versioned_save(obj=report, expected_version=report.version)
    return f'<td class="num">{report.yes_votes:,}</td>'


def main() -> None:
    job = json.loads(Path(sys.argv[1]).read_text())
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    folder = Path(os.environ["NIGHT_TIMINGS"])  # where the workers write their ports
    host = urllib.parse.urlsplit(job["base"]).netloc  # the shared socket's: readers send it
    print("ready", flush=True)  # the readers start now (night.py waits for this line)
    started, results, followers = time.monotonic(), [], []
    lock = threading.Lock()
    n = 0
    while n < job["seconds"]:
        time.sleep(max(0.0, started + n - time.monotonic()))
        edit = job["edits"][n % len(job["edits"])]
        began = time.monotonic()
        record = {"kind": edit["kind"], "pk": edit["pk"], "at_s": round(began - started, 2)}
        try:
            expect = save(edit, n)
        except Exception as error:  # noqa: BLE001 - counted as a failed save in the report
            record.update(error=f"{type(error).__name__}: {error}", visible_ms=None)
            results.append(record)
            n += 1
            continue
        saved = time.monotonic()
        record["save_ms"] = round((saved - began) * 1000, 1)

        def watch(record=record, expect=expect, saved=saved, urls=edit["urls"]):
            outcome = follow(folder, job["master"], host, urls, expect, saved)
            with lock:
                record.update(outcome)

        follower = threading.Thread(target=watch)
        follower.start()
        followers.append(follower)
        results.append(record)
        n += 1
    for follower in followers:
        follower.join()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
