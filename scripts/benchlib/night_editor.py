"""The election-night editor (scripts/benchlib/night.py): a Django process on the bench
database and its shared cache that saves an effort or a result every second through the
service the admin's saves use (editorial.services.versioned_save: the version check, the
save, the edit history and the cache invalidation at commit), then asks the edited object's
pages until every gunicorn worker answers with the new value.

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
# Five workers answer any one page about every 0.2 s at this rate (each new connection goes
# to whichever worker accepts it first: about 11 asks to meet all five).
POLL_RATE = 60
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


def ask(base: str, path: str) -> tuple[int, str, str, str]:
    """One GET on a new connection (so that the answers spread over the workers)."""
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request("GET", path, headers={"X-Bench-Poll": "1"})  # apart in night_wsgi.py
        response = conn.getresponse()
        headers = response.getheader("X-Worker", ""), response.getheader("X-Cache", "")
        return response.status, *headers, response.read().decode()
    except OSError:
        return 0, "", "", ""
    finally:
        conn.close()


def ask_in_turn(base: str, path: str) -> tuple[float, int, str, str, str]:
    """``ask`` once a slot is free and the pace allows; the time it was sent with the answer."""
    PACE.wait()
    with SLOTS:
        sent = time.monotonic()
        return sent, *ask(base, path)


def follow(base: str, master: int, urls: list[str], expect: str, saved: float) -> dict:
    """Ask ``urls`` until every worker has answered each with ``expect``. Visible at: the
    latest of each worker's first answer showing it, and of the sending of any answer still
    without it (ms after the save's commit); None when not seen everywhere within GIVE_UP."""
    first_new: dict[tuple[str, str], float] = {}
    last_old = dict.fromkeys(urls, 0.0)
    asked, errors, done = [0], [0], threading.Event()
    old_states: Counter = Counter()  # X-Cache of the answers still without the edit
    lock = threading.Lock()

    def poll(offset: int):
        n = offset
        while not done.is_set():
            url = urls[n % len(urls)]
            n += 1
            sent, status, worker, cached, body = ask_in_turn(base, url)
            received = time.monotonic()
            with lock:
                asked[0] += 1
                if status != 200 or not worker:
                    errors[0] += 1
                elif expect in body:
                    first_new.setdefault((url, worker), received)
                else:
                    last_old[url] = max(last_old[url], sent)
                    old_states[cached] += 1

    threads = [threading.Thread(target=poll, args=(i,), daemon=True) for i in range(POLLERS)]
    for thread in threads:
        thread.start()
    visible, current = None, set()
    while time.monotonic() - saved < GIVE_UP:
        time.sleep(0.05)
        current = {str(pid) for pid in workers(master)}
        with lock:
            if current and all((url, pid) in first_new for url in urls for pid in current):
                seen = [first_new[url, pid] for url in urls for pid in current]
                visible = max([*seen, *last_old.values()]) - saved
                break
    done.set()
    for thread in threads:
        thread.join(35)
    return {
        "visible_ms": None if visible is None else round(visible * 1000, 1),
        "workers": len(current),
        "asked": asked[0],
        "poll_errors": errors[0],
        "last_old_ms": round((max(last_old.values()) - saved) * 1000, 1)
        if any(last_old.values())
        else None,
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
            outcome = follow(job["base"], job["master"], urls, expect, saved)
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
