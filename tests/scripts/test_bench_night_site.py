"""The election-night benchmark against the real site: every URL its list draws answers,
and each edit the editor makes (through the admin's service) shows on the pages it is
followed on, in the form the editor looks for."""

from __future__ import annotations

import pytest
from benchlib.night import candidate_urls, edit_plan, url_list
from benchlib.night_editor import save

from tests.factories import (
    ArticleFactory,
    ContestFactory,
    OfficialFactory,
    RecallEffortFactory,
    ResultReportFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    for n in range(3):
        official = OfficialFactory()
        effort = RecallEffortFactory(targets=[official], summary=f"Petition {n} is out.")
        ResultReportFactory(contest=ContestFactory(effort=effort, office=effort.office))
        ArticleFactory()


def test_every_url_of_the_list_answers(client, site):
    drawn = url_list(candidate_urls())
    failed = {
        url: status
        for url in {url for _, url in drawn}
        if (status := client.get(url).status_code) != 200
    }
    assert failed == {}
    assert {kind for kind, _ in drawn} >= {"effort", "home", "list", "search", "api", "csv"}


def test_each_edit_shows_on_the_pages_the_editor_follows(client, site):
    plan = edit_plan(["/nowhere/"])
    assert {edit["kind"] for edit in plan} == {"effort", "result"}
    for n, edit in enumerate(plan):
        before = {url: client.get(url).content.decode() for url in edit["urls"]}
        expect = save(edit, n)
        for url in edit["urls"]:
            assert expect not in before[url]
            assert expect in client.get(url).content.decode(), (edit, url)
