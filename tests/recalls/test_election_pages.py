"""The election pages: contests, candidacies and results; the list's filters."""

import datetime as dt

import pytest
from django.urls import reverse

from ops.query_budget import PAGE_QUERIES
from recalls.models import (
    CandidacyStatus,
    ContestKind,
    RecallOutcome,
)
from tests.factories import (
    CandidacyFactory,
    ContestFactory,
    ElectionFactory,
    OfficialFactory,
    RecallEffortFactory,
    TimelineEventFactory,
)
from tests.recalls.pages import cite, text

pytestmark = pytest.mark.django_db


def test_election_page_shows_contests_candidacies_and_results(client):
    election = ElectionFactory(
        name="Los Angeles primary", date_on=dt.date(2022, 6, 7), date_precision=6
    )
    race = ContestFactory(election=election, kind=ContestKind.CANDIDATE, name="Mayor")
    CandidacyFactory(
        contest=race,
        official=OfficialFactory(name="Rick Caruso"),
        status=CandidacyStatus.ADVANCED,
        votes=10,
    )
    CandidacyFactory(
        contest=race,
        official=OfficialFactory(name="Joe Buscaino"),
        status=CandidacyStatus.WITHDRAWN,
    )
    ContestFactory(
        election=election,
        name="Shall X be recalled?",
        yes_votes=40,
        no_votes=60,
        outcome=RecallOutcome.RETAINED,
    )
    page = text(client.get(election.get_absolute_url()))
    assert "7 June 2022" in page
    assert "Rick Caruso" in page and "Advanced to runoff" in page
    assert "Joe Buscaino Withdrew" in page.replace(" — ", " ").replace("  ", " ")
    assert "Yes (recall) 40 40.0%" in page
    assert "Outcome: retained" in page


def test_election_list_filters_and_404(client):
    ElectionFactory(
        name="Recall vote", kind="recall", date_on=dt.date(2021, 9, 14), date_precision=6
    )
    ElectionFactory(
        name="General vote", kind="general", date_on=dt.date(2022, 11, 8), date_precision=6
    )
    response = client.get(reverse("recalls:election_list") + "?kind=general&year=2022")
    assert [e.name for e in response.context["object_list"]] == ["General vote"]
    assert client.get("/elections/nope/").status_code == 404


@pytest.mark.parametrize("size", [1, 50])
def test_election_pages_query_count_does_not_grow(client, django_assert_num_queries, size):
    election = ElectionFactory()
    cite(election)
    for _ in range(size):
        contest = ContestFactory(election=election, effort=RecallEffortFactory())
        cite(contest)
        cite(CandidacyFactory(contest=contest))
        cite(TimelineEventFactory(effort=None, election=election))
        ElectionFactory()
    with django_assert_num_queries(PAGE_QUERIES["election_detail"]):
        client.get(election.get_absolute_url())
    with django_assert_num_queries(PAGE_QUERIES["election_list"]):
        client.get(reverse("recalls:election_list") + "?kind=recall")
