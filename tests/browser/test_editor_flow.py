"""An editor changes a status with a source, sees it on the public page and in the change log,
reverts it from the history, and sees the old status back."""

import pytest

from editorial.services import editor_create
from recalls.models import EffortStatus, RecallEffort
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "editor-browser-password-77"
QUOTE = "looks to be on track for a November vote"


def shown_status(page) -> str:
    """The status the page gives: its badge, and for old news the last reported stage
    (recalls/staleness.py: the seeded efforts' news is years old)."""
    badge = page.locator(".status-badge, .badge").first.inner_text()
    return f"{badge} {page.locator('.as-of').first.inner_text()}".lower()


def test_status_change_with_source_then_revert(page, live_server, seeded):
    editor_create(username="ed", password=PASSWORD)
    effort = RecallEffort.objects.get(slug="recall-george-gascon-2022")
    assert effort.status == EffortStatus.FULL_COUNT
    event = effort.events.exclude(status="").order_by("-date_on").first()

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "ed")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    # Change the status the newest event reports; without a source the admin refuses.
    change = f"{live_server.url}/admin/recalls/timelineevent/{event.pk}/change/"
    page.goto(change)
    page.select_option("#id_status", EffortStatus.QUALIFIED)
    page.click("input[name=_save]")
    page.wait_for_selector(".errornote")
    assert "A source is required" in page.content()
    # The one way to cite on the event's page: the citations table, its empty row ready.
    row = f"#articles-citation-content_type-object_id-{event.citations.count()}"
    page.select_option(f"{row} select[name$='-field']", label="Status")
    page.locator(f"{row} .field-article .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("November vote")
    page.locator(".select2-results__option", has_text="on track for a November vote").first.click()
    page.fill(f"{row} textarea[name$='-quote']", QUOTE)
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/recalls/timelineevent/")
    screenshot(page, "editor-saved")

    page.goto(live_server.url + effort.get_absolute_url())
    assert "qualified for the ballot" in shown_status(page)
    changes = page.locator(".changelog").inner_text()
    assert "Status went from “full count of signatures” to “qualified for the ballot”" in changes
    screenshot(page, "editor-public-after-change")

    # Revert the event, from its history, to the version before the change.
    before_change = event.history.order_by("history_date").first()
    page.goto(f"{live_server.url}/admin/recalls/timelineevent/{event.pk}/history/")
    page.click(f"a[href$='/history/{before_change.history_id}/']")
    assert page.locator("#id_status").input_value() == EffortStatus.FULL_COUNT
    page.locator("input[name=_save]").first.click()
    page.wait_for_url("**/admin/recalls/timelineevent/")

    page.goto(live_server.url + effort.get_absolute_url())
    assert "full count" in shown_status(page)
    assert "to “full count of signatures”" in page.locator(".changelog").inner_text()
    screenshot(page, "editor-public-after-revert")
    effort.refresh_from_db()
    assert effort.status == EffortStatus.FULL_COUNT
