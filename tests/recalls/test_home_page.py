"""The home page: what is active, upcoming and new, and its query count."""

import datetime as dt

import pytest
import time_machine

from ops.query_budget import PAGE_QUERIES
from recalls.models import (
    EffortStatus,
)
from tests.factories import (
    ArticleFactory,
    ElectionFactory,
    RecallEffortFactory,
    TimelineEventFactory,
)
from tests.recalls.pages import rich_effort, text

pytestmark = pytest.mark.django_db


def test_home_shows_active_efforts_elections_updates_and_articles(client):
    active = RecallEffortFactory(title="Recall of Active Person", status=EffortStatus.CIRCULATING)
    RecallEffortFactory(title="Recall of Ended Person", status=EffortStatus.RECALLED)
    ElectionFactory(name="Future special election", date_on=dt.date(2099, 3, 1), date_precision=6)
    TimelineEventFactory(effort=active, description="Petitions went out.")
    ArticleFactory(title="Newest recall report")

    page = text(client.get("/"))

    assert "Recall of Active Person" in page
    assert "Recall of Ended Person" not in page.split("Latest updates")[0]
    assert "Future special election" in page
    assert "Petitions went out." in page
    assert "Newest recall report" in page


@pytest.mark.parametrize("size", [1, 50])
def test_home_query_count_does_not_grow(client, django_assert_num_queries, size):
    for _ in range(size):
        effort = rich_effort(1, status=EffortStatus.CIRCULATING)
        ElectionFactory(date_on=dt.date(2099, 1, 1), date_precision=6)
        ArticleFactory()
    # On a day when these efforts are active (their news is recent: recalls/staleness.py).
    with (
        time_machine.travel(dt.datetime(2022, 7, 1, tzinfo=dt.UTC)),
        django_assert_num_queries(PAGE_QUERIES["home"]),
    ):
        response = client.get("/")
    assert effort.title in text(response)  # the page shows what the queries read


def test_healthz_still_answers(client):
    assert client.get("/healthz").content == b"ok"
