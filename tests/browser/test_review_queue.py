"""An editor confirms an imported suggestion and the event appears on the effort's page."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import SuggestedFact
from tests.browser.conftest import screenshot
from tests.factories import OfficialFactory, RecallEffortFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENTENCE = "Recall organizers submitted about 715,000 signatures on Wednesday."


def test_editor_confirms_a_suggested_fact_and_sees_it_on_the_effort(page, live_server, tmp_path):
    gascon = OfficialFactory(name="George Gascón", sort_name="Gascón, George")
    effort = RecallEffortFactory(title="Recall of George Gascón", targets=[gascon])
    article = {
        "title": "Gascón foes submit signatures",
        "published": "2022-07-06",
        "outlet": "Metro Wire",
        "body": f"{SENTENCE} They want to recall District Attorney George Gascón.",
    }
    (tmp_path / "a.json").write_text(json.dumps(article), encoding="utf-8")
    call_command("import_articles", str(tmp_path), stdout=io.StringIO())
    assert SuggestedFact.objects.get().effort == effort
    get_user_model().objects.create_superuser("editor", "e@example.org", "a-long-test-password")

    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    queue = page.locator("#review-queue tr", has_text="Timeline facts to review")
    assert queue.locator("td").inner_text().strip() == "1"
    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_role("link", name="has suggestions to review").click()
    row = page.locator("#result_list tbody tr", has_text="Gascón foes submit signatures")
    row.locator("td.field-facts_to_review a").click()
    page.wait_for_url("**/suggestedfact/**")
    assert SENTENCE in page.locator("#result_list").inner_text()
    page.locator("#result_list tbody input.action-select").first.check()
    page.select_option("select[name=action]", "confirm")
    page.click("button[name=index]")
    assert "Added 1 event(s) to the timeline." in page.locator("ul.messagelist").inner_text()
    screenshot(page, "review-queue-confirmed")

    page.goto(f"{live_server.url}/recalls/{effort.slug}/")
    timeline = page.locator("body").inner_text()
    assert SENTENCE in timeline
    assert "signatures submitted" in timeline.lower()
    screenshot(page, "review-queue-effort")
