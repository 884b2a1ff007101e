"""A reader's path through the public site, in headless Chromium, at desktop and phone sizes."""

import re

import pytest

from tests.browser.conftest import new_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_finds_the_san_francisco_recall_and_its_source(
    browser, live_server, seeded, viewport
):
    page = new_page(browser, viewport)
    try:
        page.goto(f"{live_server.url}/")
        assert page.locator("h1").inner_text() == "Recall campaigns against elected officials"

        # Home → the efforts list, filtered to recalled efforts.
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Recalls").click()
        page.wait_for_url("**/recalls/")
        toggle = page.locator("summary.filters-toggle")
        # On a phone the filters fold behind one control; on a desktop they are always shown.
        assert toggle.is_visible() == (viewport == "phone")
        if viewport == "phone":
            toggle.click()
        page.locator("input[name=status][value=recalled]").check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url(re.compile(r".*/recalls/\?.*status=recalled.*"))
        results = page.locator(".results")
        assert "Recall of Chesa Boudin" in results.inner_text()
        assert "gathering signatures" not in results.inner_text()
        assert page.locator("input[name=status][value=recalled]").is_checked()
        screenshot(page, f"reader-1-recalled-{viewport}")

        # The San Francisco district attorney's recall: status, signatures, timeline.
        results.get_by_role("link", name="Recall of Chesa Boudin").click()
        page.wait_for_url("**/recalls/recall-chesa-boudin*/")
        header = page.locator(".record-header").inner_text()
        assert "Recalled" in header
        # The newest dated source behind the status (recalls/staleness.py), with its outlet.
        assert "as of 15 July 2022, per NewsNation" in header
        figures = page.locator("dl.figures").inner_text()
        assert "53,000" in figures
        assert "80,000" in figures
        assert (
            page.locator(".sigbar figcaption")
            .inner_text()
            .startswith("Submitted (raw count): 151%")
        )
        timeline = page.locator("ol.timeline")
        assert timeline.locator("li").count() >= 2
        assert "San Francisco voters ousted District Attorney Chesa Boudin" in timeline.inner_text()

        # Open a citation: the quote shows, and its link leads to the highlighted passage.
        citation = timeline.locator("details.cite").last
        quote_box = citation.locator(".cite-quote")
        assert not quote_box.is_visible()
        citation.locator("summary").click()
        assert quote_box.is_visible()
        quote = quote_box.inner_text()
        screenshot(page, f"reader-2-effort-citation-open-{viewport}")
        link = citation.locator(".cite-source a")
        anchor = link.get_attribute("href").split("#")[1]
        link.click()
        page.wait_for_url(f"**/articles/**#{anchor}")
        mark = page.locator(f"mark#{anchor}")
        assert mark.is_visible()
        assert " ".join(mark.inner_text().split()).lower() in " ".join(quote.split()).lower() or (
            " ".join(quote.split()).lower() in " ".join(mark.inner_text().split()).lower()
        )
        assert mark.evaluate("el => el.matches(':target')")
        screenshot(page, f"reader-3-article-quote-{viewport}")
        assert page.console_errors == []
    finally:
        page.context.close()


def test_the_pages_work_without_javascript(browser, live_server, seeded):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/recalls/?status=recalled&sort=name")
        page.get_by_role("link", name="Recall of Chesa Boudin").first.click()
        citation = page.locator("details.cite").first
        citation.locator("summary").click()
        assert citation.locator(".cite-quote").is_visible()
    finally:
        context.close()
