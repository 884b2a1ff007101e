"""SQL per page: the pages picked from the generated data, each loaded with Django's test
client, its queries counted against the tests' pinned counts, its slowest query explained."""

from __future__ import annotations

import math
import time

from benchlib.common import log
from ops.query_budget import PAGE_QUERIES

# The benchmark's pages and the counts the tests pin for them (ops/query_budget.py).
TEST_QUERY_COUNTS = {
    "home": PAGE_QUERIES["home"],
    "efforts_first": PAGE_QUERIES["effort_list"],
    "efforts_last": PAGE_QUERIES["effort_list"],
    "efforts_filtered": PAGE_QUERIES["effort_list"],
    "effort_detail": PAGE_QUERIES["effort_detail"],
    "official": PAGE_QUERIES["official_detail"],
    "election": PAGE_QUERIES["election_detail"],
    "search": PAGE_QUERIES["search"],
}


def pick_pages() -> dict[str, str]:
    """Concrete URLs from the generated data; endpoints that do not exist yet are left out."""
    from django.db.models import Count, Q
    from django.urls import Resolver404, resolve

    # Models load once bench.py's main() has set Django up (after choosing the database).
    from articles.models import Article
    from recalls.models import Election, Official, RecallEffort

    # Pages with every part filled in (as in the query-count tests), the most covered first.
    efforts = RecallEffort.objects.count()
    confirmed = Count("mentions", filter=Q(mentions__status="confirmed"), distinct=True)
    famous_effort = (
        RecallEffort.objects.filter(contests__isnull=False)
        .annotate(n=confirmed)
        .order_by("-n", "pk")
        .first()
    )
    famous_official = (
        Official.objects.filter(efforts_against__isnull=False, candidacies__isnull=False)
        .annotate(n=Count("mentions", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    election = Election.objects.filter(contests__kind="candidate").order_by("pk").first()
    middle = (Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) // 2
    article = (
        Article.objects.filter(pk__gte=middle, citations__isnull=False)
        .filter(mentions__status="confirmed")
        .order_by("pk")
        .first()
    )
    pages = {
        "home": "/",
        "efforts_first": "/recalls/",
        "efforts_last": f"/recalls/?page={max(1, math.ceil(efforts / 20))}",
        "efforts_filtered": "/recalls/?status=recalled&state=CA",
        "effort_detail": famous_effort.get_absolute_url(),
        "official": famous_official.get_absolute_url(),
        "election": election.get_absolute_url(),
        "article": article.get_absolute_url(),
        "search": f"/search/?q={famous_official.surname}",
    }
    optional = {
        "api_list": ["/api/efforts/", "/api/v1/efforts/", "/api/recalls/"],
        "feed": ["/feeds/updates/", "/feeds/", "/feeds/efforts/"],
    }
    for name, candidates in optional.items():
        for url in candidates:
            try:
                resolve(url)
            except Resolver404:
                continue
            pages[name] = url
            break
    return pages


class TemplateClock:
    """Wall time spent rendering templates (the outermost ``Template.render`` calls), less
    the SQL that lazy QuerySets run while a template iterates them."""

    def __init__(self):
        from django.template.base import Template

        self.seconds, self._depth, original = 0.0, 0, Template.render
        clock = self

        def render(template, context):
            if clock._depth:
                return original(template, context)
            clock._depth, started = 1, time.perf_counter()
            try:
                return original(template, context)
            finally:
                clock._depth = 0
                clock.seconds += time.perf_counter() - started

        Template.render = render

    def reset(self):
        self.seconds = 0.0

    def sql_wrapper(self, execute, sql, params, many, context):
        """A database execute wrapper: SQL run inside a template is not template time."""
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if self._depth:
                self.seconds -= time.perf_counter() - started


PROFILE_RUNS = 7


def count_queries(pages: dict[str, str]) -> dict[str, dict]:
    """Each page through the test client: status, queries, and where the time goes (median
    of several requests after a warm-up: SQL, template rendering, the rest of Python)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST="localhost")
    clock = TemplateClock()
    results = {}
    for name, url in {"healthz": "/healthz", **pages}.items():
        # With the pages' parts kept (ops/page_parts.py, ops/fragments.py), as under wrk
        # without the page cache: what a request costs while nothing it shows changes.
        client.get(url)  # the first request of a process pays for imports and templates
        kept = []
        for _ in range(PROFILE_RUNS):
            started = time.perf_counter()
            client.get(url)
            kept.append(time.perf_counter() - started)
        # Rendered, nothing kept: what the first request after an edit costs, its queries
        # and where its time goes.
        runs = []
        with override_settings(FRAGMENT_CACHE=False):
            client.get(url)
            for _ in range(PROFILE_RUNS):
                clock.reset()
                with (
                    connection.execute_wrapper(clock.sql_wrapper),
                    CaptureQueriesContext(connection) as captured,
                ):
                    started = time.perf_counter()
                    response = client.get(url)
                    elapsed = time.perf_counter() - started
                sql = sum(float(q["time"]) for q in captured.captured_queries)
                runs.append((elapsed, sql, clock.seconds, captured))
        elapsed, sql, templates, captured = sorted(runs, key=lambda run: run[0])[len(runs) // 2]
        queries = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))
        slowest = queries[0] if queries else None
        plan = ""
        if slowest and slowest["sql"].lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
                plan = "\n".join(row[0] for row in cursor.fetchall())
        results[name] = {
            "url": url,
            "status": response.status_code,
            "queries": len(captured),
            "expected": TEST_QUERY_COUNTS.get(name),
            "ms": round(elapsed * 1000, 1),
            "kept_ms": round(sorted(kept)[len(kept) // 2] * 1000, 1),
            "sql_ms": round(sql * 1000, 1),
            "template_ms": round(templates * 1000, 1),
            "python_ms": round(max(0.0, elapsed - sql - templates) * 1000, 1),
            "median_of": PROFILE_RUNS,
            "ms_spread": [round(run[0] * 1000, 1) for run in sorted(runs, key=lambda run: run[0])],
            "slowest_ms": round(float(slowest["time"]) * 1000, 1) if slowest else None,
            "slowest_sql": slowest["sql"][:2000] if slowest else "",
            "slowest_plan": plan,
        }
        log(
            f"  {name}: {response.status_code}, {len(captured)} queries, {elapsed * 1000:.0f} ms "
            f"(SQL {sql * 1000:.0f}, templates {templates * 1000:.0f}); parts kept "
            f"{results[name]['kept_ms']:.1f} ms"
        )
    return results


def use_database(name: str) -> None:
    """Point this process's Django connection at another database of the same cluster."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = name
