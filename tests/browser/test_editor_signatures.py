"""Sources that differ (#16): a report gives another requirement for the Boudin recall; the
import suggests it, an editor accepts it in the admin, and the Boudin page shows both
"needed" figures with their sources, the "sources differ" mark and the signature series."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import NumberField, ReviewStatus, SuggestedNumber
from recalls.models import RecallEffort
from tests.browser.conftest import SCREENSHOTS
from tests.browser.journeys import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT = settings.BASE_DIR / "tests" / "data" / "signatures" / "ledger-boudin-recall-qualifies.txt"
SENTENCE = "Organizers needed roughly 51,000 valid signatures"


def test_editor_accepts_a_differing_requirement_and_the_page_shows_both(page, live_server):
    call_command("load_seed_data", stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_articles", str(REPORT), stdout=out)  # as the README shows it
    assert "imported 1, duplicates 0, failed 0" in out.getvalue()
    boudin = RecallEffort.objects.get(slug="recall-chesa-boudin-2022")
    suggestion = SuggestedNumber.objects.get(
        effort=boudin, field=NumberField.SIGNATURES_REQUIRED, value=51_000
    )
    assert suggestion.approximate and "The record says 53,000" in suggestion.conflict

    journey = Journey(page, live_server.url, "accept a suggested signature figure")
    journey.log_in()
    journey.goto("/admin/articles/suggestednumber/")
    row = page.locator("#result_list tbody tr", has_text=SENTENCE)
    assert "53,000 (differs: both will be kept)" in row.inner_text()
    journey.screenshot("suggested-numbers")
    journey.click(row.get_by_role("button", name="Accept"))
    page.wait_for_load_state()
    assert (
        "Added 1 figure(s) to the signature series" in page.locator("ul.messagelist").inner_text()
    )
    journey.record(figures=1)
    suggestion.refresh_from_db()
    assert suggestion.status == ReviewStatus.CONFIRMED and suggestion.signature_report

    journey.goto(boudin.get_absolute_url())
    section = page.locator("#signatures")
    required = section.locator(".figure-required")
    assert required.locator("dd").inner_text().startswith("53,000")
    assert "Sources differ" in required.inner_text()
    assert "about 51,000" in required.inner_text()
    # Each figure opens its source: the seed's quote and the report's sentence.
    sources = required.locator("details.cite")
    assert sources.count() == 2
    sources.nth(1).locator("summary").click()
    assert SENTENCE in sources.nth(1).inner_text()
    assert "Bay City Ledger" in sources.nth(1).inner_text()
    # The series: the chart (described for screen readers) and its table.
    chart = section.locator("svg.sigchart-svg")
    assert chart.is_visible() and chart.get_attribute("role") == "img"
    assert (
        "about 51,000 required to qualify, 9 November 2021" in chart.locator("desc").text_content()
    )
    rows = section.locator("table.sigtable tbody tr")
    assert rows.count() == 3
    texts = [rows.nth(i).inner_text() for i in range(3)]
    assert "about 51,000" in texts[0] and "sources differ" in texts[0]
    assert "Recall of San Francisco DA Chesa Boudin qualifies" in texts[0]
    assert "53,000" in texts[1] and "As Crime Surges" in texts[1]
    assert "about 80,000" in texts[2]
    journey.screenshot("boudin-signatures")
    section.screenshot(path=str(SCREENSHOTS / "boudin-signatures-section-1280.png"))
