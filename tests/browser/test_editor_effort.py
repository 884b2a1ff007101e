"""An editor corrects an effort's signature figures and dates and sees them on the public page,
then reverts a bad edit from the History and sees the old values back."""

import pytest

from core.dates import Precision
from recalls.models import RecallEffort
from tests.browser.journeys import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "recall-george-gascon-2022"


def effort_page(live_server):
    return live_server.url + RecallEffort.objects.get(slug=SLUG).get_absolute_url()


def test_editor_corrects_signatures_and_dates_and_sees_them_published(page, live_server, seeded):
    effort = RecallEffort.objects.get(slug=SLUG)
    journey = Journey(page, live_server.url, "correct an effort's signatures and dates")
    journey.log_in()
    journey.goto(f"/admin/recalls/recalleffort/{effort.pk}/change/")
    journey.fill("#id_signatures_required", "566857")
    journey.fill("#id_signatures_submitted", "715833")
    journey.fill("#id_started", "2021-10~")
    journey.fill("#id_deadline", "late October 2022")
    journey.screenshot("editor-effort-form-filled", phone=False)
    journey.click("input[name=_continue]")
    page.wait_for_load_state()
    assert "was changed successfully" in page.locator("ul.messagelist").inner_text()
    # The form says how it read each date.
    assert page.locator("#id_started_reading").inner_text() == "read as: October 2021 (approx.)"
    assert page.locator("#id_deadline").input_value() == "late October 2022"
    journey.screenshot("editor-effort-form-saved")

    journey.goto(effort.get_absolute_url())
    figures = page.locator(".figures").inner_text()
    assert "566,857" in figures and "715,833" in figures
    assert "late October 2022" in figures
    assert "October 2021 (approx.)" in page.locator("body").inner_text()
    journey.screenshot("editor-effort-public")
    journey.record()
    effort.refresh_from_db()
    assert (
        effort.started_on.isoformat(),
        effort.started_precision,
        effort.started_approximate,
    ) == (
        "2021-10-01",
        Precision.MONTH,
        True,
    )


def test_an_unreadable_date_is_refused_with_what_to_type(page, live_server, seeded):
    effort = RecallEffort.objects.get(slug=SLUG)
    journey = Journey(page, live_server.url, "unreadable date")
    journey.log_in()
    journey.goto(f"/admin/recalls/recalleffort/{effort.pk}/change/")
    journey.fill("#id_deadline", "sometime next fall")
    journey.save()
    error = page.locator(".field-deadline .errorlist").inner_text()
    assert "Could not read “sometime next fall” as a date" in error
    assert "late October 2021" in error
    journey.screenshot("editor-effort-date-error", phone=False)
    effort.refresh_from_db()
    assert effort.deadline_on is None or effort.deadline.display() != "sometime next fall"


def test_editor_reverts_a_bad_edit_from_history(page, live_server, seeded):
    effort = RecallEffort.objects.get(slug=SLUG)
    good_required, good_note = effort.signatures_required, effort.note
    journey = Journey(page, live_server.url, "revert a bad edit from History")
    journey.log_in()
    # The bad edit, made through the form like any other.
    journey.goto(f"/admin/recalls/recalleffort/{effort.pk}/change/")
    journey.fill("#id_signatures_required", "5")
    journey.fill("#id_note", "oops")
    journey.save()
    effort.refresh_from_db()
    assert effort.signatures_required == 5
    journey.loads = journey.clicks = journey.typed = (
        0  # the job starts when the editor spots the bad edit
    )

    journey.goto(f"/admin/recalls/recalleffort/{effort.pk}/history/")
    journey.screenshot("editor-effort-history")
    before = effort.history.order_by("-history_date")[1]
    journey.click(f"a[href$='/history/{before.history_id}/']")
    page.wait_for_load_state()
    assert page.locator("#id_signatures_required").input_value() == str(good_required or "")
    journey.save()
    assert "successfully" in page.locator("ul.messagelist").inner_text()
    journey.goto(effort.get_absolute_url())
    figures = page.locator(".figures").inner_text()
    assert "Required\n5\n" not in figures and "oops" not in page.locator("body").inner_text()
    journey.record()
    effort.refresh_from_db()
    assert (effort.signatures_required, effort.note) == (good_required, good_note)
