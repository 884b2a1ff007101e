"""An editor records a recall question's results as they come in: the election-night count
(with the share of precincts counted), then the certified result, each with its source, on
the contest's page; the election page then leads with the certified result and keeps the
election-night count in its history."""

import pytest

from recalls.models import ContestKind
from tests.browser.journeys import Journey
from tests.factories import ArticleFactory, ContestFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIGHT = "With 62.5% of precincts reporting, 41,000 voters backed the recall and 38,000 opposed it."
CERTIFIED = "The county certified the result: 122,000 votes for the recall and 99,000 against."


def add_count(journey, row: int, fields: dict, quote: str, *, certified: bool = False):
    page = journey.page
    journey.click(page.locator(".add-row a", has_text="Add another reported count"))
    prefix = f"#id_result_reports-{row}"
    for name, value in fields.items():
        journey.fill(f"{prefix}-{name}", value)
    if certified:
        journey.tick(f"{prefix}-certified")
    else:
        journey.select(f"{prefix}-share_basis", "precincts")
    journey.choose("source_article", "Election returns", within=f"#result_reports-{row}")
    journey.fill(f"{prefix}-source_quote", quote)


def test_editor_adds_the_night_count_then_the_certified_one(page, live_server):
    ArticleFactory(title="Election returns", body=f"Election night. {NIGHT} Later. {CERTIFIED}")
    contest = ContestFactory(name="Shall Pat Doe be recalled?", kind=ContestKind.RECALL_QUESTION)
    journey = Journey(page, live_server.url, "add election-night and certified results")
    journey.log_in()
    journey.goto(f"/admin/recalls/contest/{contest.pk}/change/")
    night = {
        "date": "7 June 2022",
        "reported_at_0": "2022-06-08",
        "reported_at_1": "06:30:00",
        "yes_votes": "41000",
        "no_votes": "38000",
        "share_counted": "62.5",
    }
    add_count(journey, 0, night, NIGHT)
    journey.save("input[name=_continue]")
    assert "was changed successfully" in page.locator("ul.messagelist").inner_text()

    certified = {"date": "15 July 2022", "yes_votes": "122000", "no_votes": "99000"}
    add_count(journey, 1, certified, CERTIFIED, certified=True)
    page.locator("#result_reports-1").scroll_into_view_if_needed()
    journey.screenshot("editor-results-inline")
    journey.save()
    assert "was changed successfully" in page.locator("ul.messagelist").inner_text()

    journey.goto(contest.election.get_absolute_url())
    body = page.locator("body").inner_text()
    assert "Certified result, 15 July 2022" in body
    assert "122,000" in body and "55.2%" in body
    page.locator(".result-history > summary").click()
    history = page.locator(".result-history").inner_text()
    assert "41,000" in history and "62.5% of precincts counted" in history
    journey.screenshot("election-results-series")
    journey.record()
    assert contest.result_reports.count() == 2
