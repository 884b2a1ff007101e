"""An editor works through what an import suggested: confirms one fact (it appears on the
effort's page), rejects another, and adds the citation of a fact the timeline already has to
that event in one click, without changing the event."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from articles.models import ReviewStatus, SuggestedFact
from recalls.models import EffortStatus
from tests.browser.journeys import Journey
from tests.factories import OfficialFactory, RecallEffortFactory, TimelineEventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBMITTED = "Recall organizers submitted about 715,000 signatures on Wednesday."
FAILED = "Opponents said on Tuesday that the recall had failed to qualify."
TAIL = "They want to recall District Attorney George Gascón."


def import_files(tmp_path, *articles):
    """Saves the articles as JSON files and imports them with the import command."""
    for number, article in enumerate(articles):
        (tmp_path / f"{number}.json").write_text(json.dumps(article), encoding="utf-8")
    out = io.StringIO()
    call_command("import_articles", str(tmp_path), stdout=out)
    assert f"imported {len(articles)}, duplicates 0, failed 0" in out.getvalue()


def select_fact(journey, sentence: str):
    row = journey.page.locator("#result_list tbody tr", has_text=sentence)
    journey.tick(row.locator("input.action-select"))


def test_editor_confirms_rejects_and_cites_a_duplicate_in_one_click(page, live_server, tmp_path):
    gascon = OfficialFactory(name="George Gascón", sort_name="Gascón, George")
    effort = RecallEffortFactory(title="Recall of George Gascón", targets=[gascon])
    first = {
        "title": "Gascón foes submit signatures",
        "published": "2022-07-06",
        "outlet": "Metro Wire",
        "body": f"{SUBMITTED} {FAILED} {TAIL}",
    }
    import_files(tmp_path, first)
    assert SuggestedFact.objects.filter(effort=effort).count() == 2

    journey = Journey(page, live_server.url, "confirm and reject import suggestions")
    journey.log_in()
    queue = page.locator("#review-queue tr", has_text="Timeline facts to review")
    assert queue.locator("td").inner_text().strip() == "2"
    journey.click(queue.locator("a"))
    page.wait_for_url("**/suggestedfact/**")
    journey.screenshot("review-queue")
    select_fact(journey, SUBMITTED)
    journey.select("select[name=action]", "confirm")
    journey.click("button[name=index]")
    assert "Added 1 event(s) to the timeline." in page.locator("ul.messagelist").inner_text()
    select_fact(journey, FAILED)
    journey.select("select[name=action]", "reject")
    journey.click("button[name=index]")
    assert "Rejected 1 fact(s)." in page.locator("ul.messagelist").inner_text()
    journey.screenshot("review-queue-done")
    journey.record(facts=2)

    journey.goto(f"/recalls/{effort.slug}/")
    timeline = page.locator("body").inner_text()
    assert SUBMITTED in timeline and FAILED not in timeline
    effort.refresh_from_db()
    assert effort.status == EffortStatus.SUBMITTED

    # A second report of the same step: the queue offers to cite it in the existing event.
    event = effort.events.get()
    second = {**first, "title": "Signatures are in", "outlet": "Daily Ledger"}
    second["body"] = f"{SUBMITTED} {TAIL} The county has 30 days to count them."
    (tmp_path / "0.json").unlink()
    (tmp_path / "1.json").unlink(missing_ok=True)
    import_files(tmp_path, second)
    duplicate = SuggestedFact.objects.get(status=ReviewStatus.SUGGESTED, quote=SUBMITTED)
    journey = Journey(page, live_server.url, "cite a duplicate suggestion in the existing event")
    journey.goto("/admin/articles/suggestedfact/?status__exact=suggested")
    row = page.locator("#result_list tbody tr", has_text=SUBMITTED)
    assert "Already on the timeline" in row.inner_text()
    journey.screenshot("review-queue-duplicate")
    journey.click(row.get_by_role("button", name="Add its citation to that event"))
    page.wait_for_load_state()
    assert "Added the sentence as a citation of" in page.locator("ul.messagelist").inner_text()
    journey.record()

    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.event) == (ReviewStatus.CONFIRMED, event)
    assert effort.events.count() == 1
    assert sorted(event.citations.values_list("article__title", flat=True)) == [
        "Gascón foes submit signatures",
        "Signatures are in",
    ]
    unchanged = type(event).objects.get(pk=event.pk)
    assert (unchanged.description, unchanged.date, unchanged.status) == (
        event.description,
        event.date,
        event.status,
    )


def test_editor_accepts_a_fact_with_its_row_button_seeing_its_date_reading_and_a_conflict(
    page, live_server, tmp_path
):
    gascon = OfficialFactory(name="George Gascón", sort_name="Gascón, George")
    effort = RecallEffortFactory(title="Recall of George Gascón", targets=[gascon])
    fails = "Opponents said on Tuesday that the recall had failed to qualify."
    TimelineEventFactory(
        effort=effort,
        date_on=dt.date(2022, 8, 15),
        status=EffortStatus.FAILED_TO_QUALIFY,
        description="The registrar found too few valid signatures.",
    )
    import_files(
        tmp_path,
        {
            "title": "Gascón foes submit signatures",
            "published": "2022-07-06",
            "outlet": "Metro Wire",
            "body": f"{SUBMITTED} {fails} {TAIL}",
        },
    )
    submitted = SuggestedFact.objects.get(quote=SUBMITTED)
    assert submitted.date_note  # "on Wednesday" in an article of 6 July 2022

    journey = Journey(page, live_server.url, "accept one fact with its row's button")
    journey.log_in()
    journey.goto("/admin/articles/suggestedfact/?status__exact=suggested")
    row = page.locator("#result_list tbody tr", has_text=SUBMITTED)
    assert submitted.date_note in row.inner_text()
    conflict = page.locator("#result_list tbody tr", has_text=fails).locator(".conflict")
    assert "The timeline has “failed to qualify” on 15 August 2022" in conflict.inner_text()
    journey.screenshot("review-queue-accept")
    journey.click(row.get_by_role("button", name="Accept"))
    page.wait_for_load_state()
    assert (
        "to the timeline of Recall of George Gascón" in page.locator("ul.messagelist").inner_text()
    )
    journey.record(facts=1)

    submitted.refresh_from_db()
    assert submitted.status == ReviewStatus.CONFIRMED
    journey.goto(f"/recalls/{effort.slug}/")
    assert SUBMITTED in page.locator("body").inner_text()
