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

from ops.demo import generate_demo_data
from recalls.filters import RecallEffortFilter
from recalls.models import RecallEffort

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
    ("params", "condition"),
    [
        ({"status": ["recalled"]}, "Index Cond: ((status)::text = 'recalled'"),
        ({"outcome": "retained"}, "Index Cond: ((status)::text = 'retained'"),
        ({"year": "2019"}, "Index Cond: ((started_on >= '2019-01-01'"),
        ({"state": "CA"}, "Index Cond: (office_id = "),
        ({"category": "prosecutor"}, "Index Cond: (office_id = "),
    ],
    ids=["status", "outcome", "year", "state", "office category"],
)
def test_efforts_list_filter_uses_an_index(efforts, params, condition):
    plan = list_page_plan(params)
    access = effort_access(plan)
    assert "Seq Scan" not in access
    assert condition in access, plan
