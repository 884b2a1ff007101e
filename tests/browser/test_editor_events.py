"""An editor adds a timeline event with its citation on the effort's page, in one save, and
sees it, cited, on the public page; a partial date is typed as the article gives it."""

import pytest

from recalls.models import EffortStatus, RecallEffort
from tests.browser.journeys import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUOTE = "now the initial screening of signatures has yielded enough verifications for a full count"
DESCRIPTION = "Initial screening found enough valid signatures for a full count."


def test_editor_adds_a_cited_event_and_sees_it_published(page, live_server, seeded):
    effort = RecallEffort.objects.get(slug="recall-george-gascon-2022")
    events_before = effort.events.count()
    journey = Journey(page, live_server.url, "add a timeline event with its citation")
    journey.log_in()
    journey.goto(f"/admin/recalls/recalleffort/{effort.pk}/change/")
    journey.click(page.locator(".add-row a", has_text="Add another Timeline event"))
    new = f"#events-{events_before}"
    journey.fill(f"#id_events-{events_before}-date", "mid-July 2022~")
    journey.fill(f"#id_events-{events_before}-description", DESCRIPTION)
    journey.select(f"#id_events-{events_before}-status", EffortStatus.FULL_COUNT)
    journey.choose("source_article", "November vote", within=new)
    journey.fill(f"#id_events-{events_before}-source_quote", QUOTE)
    page.locator(new).scroll_into_view_if_needed()
    journey.screenshot("editor-event-inline-filled", phone=False)
    journey.save()
    assert "was changed successfully" in page.locator("ul.messagelist").inner_text()

    journey.goto(effort.get_absolute_url())
    body = page.locator("body").inner_text()
    assert DESCRIPTION in body
    assert "mid-July 2022 (approx.)" in body
    assert QUOTE[:40] in page.locator("body").inner_html()
    journey.screenshot("editor-event-public")
    journey.record()
    event = effort.events.get(description=DESCRIPTION)
    assert event.citations.get().field == "status"
