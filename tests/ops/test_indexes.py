"""The efforts list's common filters are served by indexes (PostgreSQL's plans; skipped on SQLite).

The planner rightly prefers a sequential scan for a few thousand rows, so the test forbids
it (``enable_seqscan = off``) and then checks that the efforts table is reached through an
index whose condition is the filter itself, not by walking a whole index and filtering
every row — which is what a missing index looks like once sequential scans are off.
"""

import re

import pytest
from django.core.management import call_command
from django.db import connection

from recalls.filters import RecallEffortFilter
from recalls.models import RecallEffort
from seeding.demo import generate_demo_data

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's"),
]


@pytest.fixture(scope="module")
def _generated(django_db_setup, django_db_blocker):
    """Made once for the module, outside the tests' transactions, and flushed after."""
    with django_db_blocker.unblock():
        generate_demo_data(
            officials=300, efforts=600, articles=0, mentions=0, events=600, seed=5, batch_size=500
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    yield
    with django_db_blocker.unblock():
        call_command("flush", "--noinput", verbosity=0)


@pytest.fixture
def efforts(_generated, db):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")


def list_page_plan(params: dict) -> str:
    """The plan of the query behind one page of /recalls/ with these filters."""
    queryset = RecallEffort.objects.for_list().sorted_by("newest")
    page = RecallEffortFilter(params, queryset=queryset).qs[:20]
    return page.explain()


def effort_access(plan: str) -> str:
    """The plan lines from the node that reads recalls_recalleffort down to its conditions."""
    lines = plan.splitlines()
    for number, line in enumerate(lines):
        if re.search(r"on recalls_recalleffort\b", line):
            return "\n".join(lines[number : number + 4])
    raise AssertionError(f"the plan never reads the efforts table:\n{plan}")


@pytest.mark.parametrize(
    ("params", "condition", "joined"),
    [
        ({"status": ["recalled"]}, "Index Cond: ((status)::text = 'recalled'", False),
        ({"outcome": "retained"}, "Index Cond: ((status)::text = 'retained'", False),
        ({"year": "2019"}, "Index Cond: ((started_on >= '2019-01-01'", False),
        ({"state": "CA"}, "Index Cond: (office_id = ", True),
        ({"category": "prosecutor"}, "Index Cond: (office_id = ", True),
    ],
    ids=["status", "outcome", "year", "state", "office category"],
)
def test_efforts_list_filter_uses_an_index(efforts, params, condition, joined):
    """A filter on the office (``joined``) may also be served by reading efforts in the
    list's order from its sort index and stopping at the page's ``LIMIT``."""
    plan = list_page_plan(params)
    access = effort_access(plan)
    assert "Seq Scan" not in access
    in_list_order = plan.startswith("Limit") and "using effort_newest_idx" in access
    assert condition in access or (joined and in_list_order), plan


def test_efforts_list_pages_read_the_sort_index(efforts):
    """The default order comes from its index (no sort of every effort), and a deep page
    finds its ids by an index-only scan of it (DeferredJoinPaginator)."""
    queryset = RecallEffort.objects.for_list().sorted_by("newest")
    first = queryset[:20].explain()
    assert "Index Scan using effort_newest_idx" in first, first
    assert "Sort" not in first.split("Index Scan")[0], first
    deep = queryset.filter(pk__in=queryset.values("pk")[500:520]).explain()
    assert "Index Only Scan using effort_newest_idx" in deep, deep
