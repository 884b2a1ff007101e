"""Election night (issue #17): readers on a Zipf-distributed list of the site's URLs while an
editor saves every second and the watching importer receives articles.

1. ``url_list``: the site's public URLs ranked from hot to cold (hot effort pages first, the
   home page, lists, search, feeds, API, CSV, officials, elections, articles), then
   ``LIST_SIZE`` draws with a Zipf distribution (s = ``ZIPF_S``) from a fixed seed, so runs
   compare;
2. gunicorn as `make serve` runs it (page cache on, shared Redis cache, several workers),
   answering with the worker's pid (night_wsgi.py); /healthz under wrk alone (the baseline),
   one warm-up pass over the list;
3. for the measured time, all at once: wrk at ``CONNECTIONS`` connections cycling the list
   (bench_night.lua counts the X-Cache answers), the editor (night_editor.py, a Django process
   saving an effort or a result every second through the admin's service and timing until
   each edit shows on its pages on every worker), and ``import_articles --watch`` fed
   ``FEED_RATE`` generated articles a second;
4. /healthz alone again; the baseline is the faster of the two runs.
"""

from __future__ import annotations

import contextlib
import json
import math
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchlib.common import ROOT, SEED, base_env, log
from benchlib.imports import article_texts
from benchlib.load import wait_until_idle, wrk
from benchlib.night_server import cpu_by_group, cpu_snapshot, server_log_summary, server_time
from benchlib.servers import start_gunicorn, start_redis, stop

LIST_SIZE, ZIPF_S, CONNECTIONS, FEED_RATE = 1000, 1.1, 20, 5
NIGHT_RATIO, NIGHT_P95_MS, VISIBLE_MS = 0.60, 100, 1000
# Of each kind, at most this many candidates: the Zipf tail below them is never drawn anyway.
PER_KIND = 200
# The order ranks are handed out in, repeated: hot effort pages come back most often.
PATTERN = (
    "effort",
    "home",
    "effort",
    "list",
    "search",
    "effort",
    "feed",
    "api",
    "official",
    "effort",
    "election",
    "csv",
    "article",
)
KINDS = tuple(dict.fromkeys(PATTERN))


def ranked(candidates: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(kind, URL) from hot to cold: the kinds in turn as ``PATTERN`` orders them, each kind's
    URLs in its own order (hottest first); a kind that runs out leaves its turns to the rest."""
    queues = {kind: list(reversed(urls)) for kind, urls in candidates.items()}
    seen, order = set(), []
    while any(queues.values()):
        for kind in PATTERN:
            while queues.get(kind):
                url = queues[kind].pop()
                if url not in seen:
                    seen.add(url)
                    order.append((kind, url))
                    break
    return order


def url_list(candidates: dict[str, list[str]], *, size: int = LIST_SIZE, seed: int = SEED):
    """``size`` URLs drawn from the ranking with a Zipf distribution: rank k with a weight of
    1 / k^s. The same candidates and seed give the same list."""
    order = ranked(candidates)
    weights = [1 / (rank**ZIPF_S) for rank in range(1, len(order) + 1)]
    return random.Random(seed).choices(order, weights=weights, k=size)


def candidate_urls() -> dict[str, list[str]]:
    """The site's public URLs at this data's scale, each kind hottest first."""
    from django.db.models import Count, Q

    # Models load once bench.py's main() has set Django up (after choosing the database).
    from articles.models import Article
    from recalls.models import EffortStatus, Election, Official, RecallEffort

    confirmed = Count("mentions", filter=Q(mentions__status="confirmed"), distinct=True)
    efforts = list(RecallEffort.objects.annotate(n=confirmed).order_by("-n", "pk")[:PER_KIND])
    officials = list(
        Official.objects.annotate(n=Count("mentions", distinct=True)).order_by("-n", "pk")[
            :PER_KIND
        ]
    )
    elections = Election.objects.filter(contests__result_reports__isnull=False).distinct()
    articles = Article.objects.order_by("-pk")[:PER_KIND]
    states = ("CA", "NY", "TX", "MI", "WI", "OR", "CO", "AZ")
    pages = math.ceil(RecallEffort.objects.count() / 20)
    return {
        "effort": [effort.get_absolute_url() for effort in efforts],
        "home": ["/"],
        "list": [
            "/recalls/",
            "/officials/",
            "/elections/",
            "/articles/",
            "/stats/",
            *(f"/recalls/?status={status}" for status in EffortStatus.values),
            *(f"/recalls/?state={state}" for state in states),
            *(f"/recalls/?page={page}" for page in range(2, min(pages, 40) + 1)),
        ],
        "search": [f"/search/?q={official.surname}" for official in officials],
        "feed": [
            "/feeds/updates/",
            *(f"/feeds/recalls/{effort.slug}/" for effort in efforts),
            *(f"/feeds/states/{state}/" for state in states),
        ],
        "api": [
            "/api/efforts/",
            *(f"/api/efforts/{effort.slug}/" for effort in efforts),
            "/api/officials/",
            "/api/elections/",
        ],
        "official": [official.get_absolute_url() for official in officials],
        "election": [
            election.get_absolute_url() for election in elections.order_by("-date_on", "pk")[:200]
        ],
        "csv": [
            "/recalls/export.csv",
            "/elections/results.csv",
            "/officials/export.csv",
            "/elections/export.csv",
        ],
        "article": [article.get_absolute_url() for article in articles],
    }


def edit_plan(hot_urls: list[str], count: int = 20) -> list[dict]:
    """What the editor saves in turn: the hottest effort pages of the list (summary), and
    the results of recall questions (the yes votes of a count), with the pages they show on."""
    # Models load once bench.py's main() has set Django up (after choosing the database).
    from recalls.models import RecallEffort, ResultReport

    efforts = {e.get_absolute_url(): e for e in RecallEffort.objects.filter(contests__isnull=False)}
    hot = [efforts[url] for url in dict.fromkeys(hot_urls) if url in efforts][:count]
    hot += [e for e in efforts.values() if e not in hot][: count - len(hot)]
    plan = []
    for effort in hot:
        report = (
            ResultReport.objects.filter(contest__effort=effort, yes_votes__isnull=False)
            .select_related("contest__election")
            .order_by("pk")
            .first()
        )
        plan.append({"kind": "effort", "pk": effort.pk, "urls": [effort.get_absolute_url()]})
        if report is not None:
            urls = [report.contest.election.get_absolute_url(), effort.get_absolute_url()]
            plan.append({"kind": "result", "pk": report.pk, "urls": urls})
    return plan


def run_night(
    env: dict,
    tmp: Path,
    *,
    seconds: float,
    urls: list[tuple[str, str]],
    plan: list[dict],
    officials: int,
) -> dict:
    """The scenario on its own gunicorn and Redis; the figures for the report. The fed
    articles name the first ``officials`` generated officials."""
    redis = start_redis()
    folder, cache = tmp / "night-inbox", tmp / "night-cache"
    folder.mkdir(parents=True, exist_ok=True)
    server_env = base_env(Path(env["STATIC_ROOT"]), page_cache=True)
    server_env.update(DATABASE_URL=env["DATABASE_URL"], CACHE_DIR=str(cache))
    if redis:
        server_env["REDIS_URL"] = redis[1]
    list_file = tmp / "night-urls.txt"
    list_file.write_text("\n".join(url for _, url in urls) + "\n")
    timings = tmp / "night-timings"
    timings.mkdir(exist_ok=True)
    server_env["NIGHT_TIMINGS"] = str(timings)
    result: dict = {"seconds": seconds, "connections": CONNECTIONS, "urls": len(urls)}
    result["cache"] = "Redis" if redis else "SQLite file (ops/sqlite_cache.py)"
    process, base = start_gunicorn(
        server_env, app="scripts.benchlib.night_wsgi:application", log_file=tmp / "night-server.log"
    )
    try:
        baseline = max(5.0, seconds / 6)
        before = wrk(base + "/healthz", baseline, connections=CONNECTIONS)
        result["warmup"] = warm_up(base, [url for _, url in urls])
        wait_until_idle(base)
        texts = list(article_texts(int(FEED_RATE * (seconds + 30)), officials, html=False, seed=17))
        with (
            importer(server_env, folder) as imported,
            editor(server_env, tmp, base, process.pid, seconds, plan) as edits,
        ):
            feeder = Feeder(folder, texts)
            feeder.start()
            measured, cpu_before = time.time(), cpu_snapshot()
            load = wrk(
                base + "/",
                seconds,
                connections=CONNECTIONS,
                script="bench_night.lua",
                args=[str(list_file), "2"],
            )
            measured = (measured, time.time())
            cpu = cpu_by_group(cpu_before, cpu_snapshot(), measured[1] - measured[0])
            feeder.stop()
        wait_until_idle(base)
        after = wrk(base + "/healthz", baseline, connections=CONNECTIONS)
    finally:
        stop(process)
        if redis:
            stop(redis[0])
    result.update(load=load, healthz=[before, after], edits=edits)
    result["server_log"] = server_log_summary(tmp / "night-server.log")
    result["cores_used"] = cpu
    result["server_time"] = server_time(timings, {url: kind for kind, url in urls}, measured)
    result["import"] = {**imported, "fed": feeder.written}
    return summarise(result)


def warm_up(base: str, urls: list[str]) -> dict:
    """One pass over the list (4 at a time): every page rendered once, every URL answers."""

    def get(url):
        try:
            with urllib.request.urlopen(base + url, timeout=60) as response:
                # To the last byte, as a reader's download: a streamed CSV export left after
                # its headers was never kept, and was rendered cold, for a minute of CPU,
                # while the load was measured.
                response.read()
                return url, response.status
        except urllib.error.HTTPError as error:
            return url, error.code
        except OSError:
            return url, 0

    started = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(get, urls))
    failed = sorted({f"{url} ({status})" for url, status in answers if status != 200})
    return {"seconds": round(time.monotonic() - started, 1), "failed": failed}


class Feeder(threading.Thread):
    """Writes ``FEED_RATE`` article files a second into the watched folder, each under a
    dot-name first and then renamed, as a download finishes (the importer takes it at once)."""

    def __init__(self, folder: Path, texts: list[str]):
        super().__init__(daemon=True)
        self.folder, self.texts, self.written = folder, texts, 0
        self.stopping = threading.Event()

    def run(self):
        started = time.monotonic()
        while not self.stopping.is_set() and self.written < len(self.texts):
            due = started + self.written / FEED_RATE
            if self.stopping.wait(max(0.0, due - time.monotonic())):
                break
            name = f"night-{self.written:06d}.txt"
            (self.folder / f".{name}").write_text(self.texts[self.written], encoding="utf-8")
            (self.folder / f".{name}").rename(self.folder / name)
            self.written += 1

    def stop(self):
        self.stopping.set()
        self.join(10)


@contextlib.contextmanager
def importer(env: dict, folder: Path):
    """``import_articles --watch`` on the folder for the block; its summary afterwards."""
    log_file = folder.parent / "night-import.log"
    with log_file.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "import_articles", "--watch", str(folder)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        summary: dict = {}
        try:
            yield summary
        finally:
            # Two polls to take the last files, then SIGTERM ends it after the file in hand.
            time.sleep(2.5)
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
    text = log_file.read_text()
    found = re.findall(r"imported (\d+), duplicates (\d+), failed (\d+)", text)
    imported, _, failed = map(int, found[-1]) if found else (None, None, None)
    summary.update(imported=imported, failed=failed, exit=process.returncode)
    if not found:
        summary["output"] = text[-1500:]


@contextlib.contextmanager
def editor(env: dict, tmp: Path, base: str, master: int, seconds: float, plan: list[dict]):
    """night_editor.py for the block: a save a second, each followed to every worker."""
    plan_file, out_file = tmp / "night-plan.json", tmp / "night-edits.json"
    job = {"base": base, "master": master, "seconds": seconds, "edits": plan}
    plan_file.write_text(json.dumps(job))
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("night_editor.py")), str(plan_file)],
        cwd=ROOT,
        env=env,
        stdout=out_file.open("w"),
        stderr=subprocess.STDOUT,
    )
    edits: list = []
    try:
        deadline = time.monotonic() + 120
        while not out_file.read_text().startswith("ready") and time.monotonic() < deadline:
            if process.poll() is not None:
                break
            time.sleep(0.1)
        yield edits
    finally:
        try:
            process.wait(timeout=seconds + 120)
        except subprocess.TimeoutExpired:
            process.kill()
    output = out_file.read_text()
    found = [line for line in output.splitlines() if line.startswith("[")]
    if process.returncode == 0 and found:
        edits.extend(json.loads(found[-1]))
    else:  # reported as a failed save, not a crash that loses the rest of the run
        log(f"  the editor failed:\n{output[-3000:]}")
        edits.append({"kind": "editor", "error": output[-500:], "visible_ms": None})


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (None for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summarise(result: dict) -> dict:
    load, edits = result["load"], result["edits"]
    health = [run["rps"] for run in result["healthz"]]
    # The faster of the two: a run slowed by work the night left behind (an export still
    # streaming) would lower the baseline and flatter the ratio.
    result["healthz_rps"] = round(max(health), 1)
    result["ratio"] = round(load["rps"] / result["healthz_rps"], 3) if result["healthz_rps"] else 0
    counts = load.get("cache", {})
    answered = sum(counts.values())
    result["hit_ratio"] = round(counts.get("hit", 0) / answered, 3) if answered else None
    visible = [edit["visible_ms"] for edit in edits if edit["visible_ms"] is not None]
    result["visibility"] = {
        "edits": len(edits),
        "not_visible": len(edits) - len(visible),
        "saves_failed": sum(1 for edit in edits if edit.get("error")),
        "p95_ms": percentile(visible, 0.95),
        "max_ms": max(visible) if len(visible) == len(edits) and visible else None,
        "kinds": dict(Counter(edit["kind"] for edit in edits)),
    }
    log(
        f"  night: {load['rps']:.0f} rps vs healthz {result['healthz_rps']:.0f} "
        f"({result['ratio']:.0%}), p50/p95/p99 {load['p50_ms']:.0f}/{load['p95_ms']:.0f}/"
        f"{load['p99_ms']:.0f} ms, errors {load['errors']}, cache {counts}, "
        f"edits visible p95 {result['visibility']['p95_ms']} ms max "
        f"{result['visibility']['max_ms']} ms, import {result['import']}"
    )
    return result
