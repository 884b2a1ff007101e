"""The legal clock as a reader sees it, at desktop and phone widths.

Screenshots: build/screenshots/legal-clock-<effort>-<viewport>.png (the section) and
legal-clock-newsom-page-<viewport>.png (the whole page).
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from articles.models import Article
from recalls.models import LegalInput, LegalInputKind, RecallEffort
from tests.browser.conftest import new_page, screenshot
from tests.factories import CitationFactory
from tests.recalls.test_legal_clock_page import APPROVED_QUOTE, ARTICLE, LAST_VOTE_QUOTE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def newsom_with_inputs():
    call_command("import_articles", str(ARTICLE), stdout=io.StringIO())
    article = Article.objects.get(title__startswith="Petition to recall Gov. Newsom")
    effort = RecallEffort.objects.get(slug="recall-gavin-newsom-2021")
    for kind, value, quote in [
        (LegalInputKind.LAST_VOTE_FOR_OFFICE, {"count": 12_464_235}, LAST_VOTE_QUOTE),
        (LegalInputKind.PETITION_APPROVED_ON, {"date_on": dt.date(2020, 6, 10)}, APPROVED_QUOTE),
    ]:
        item = LegalInput.objects.create(effort=effort, kind=kind, **value)
        CitationFactory(subject=item, article=article, quote=quote, field=next(iter(value)))
    return effort


def test_legal_clock_reads_apart_from_reported_figures(browser, live_server, seeded, viewport):
    newsom = newsom_with_inputs()
    boudin = RecallEffort.objects.get(slug="recall-chesa-boudin-2022")
    page = new_page(browser, viewport)
    for name, effort in [("newsom", newsom), ("boudin", boudin)]:
        page.goto(live_server.url + effort.get_absolute_url())
        section = page.locator("section.legal-clock")
        section.scroll_into_view_if_needed()
        section.screenshot(
            path=str(
                screenshot(page, f"legal-clock-{name}-page-{viewport}").with_name(
                    f"legal-clock-{name}-{viewport}.png"
                )
            )
        )
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        assert page.console_errors == []
        text = section.inner_text()
        if name == "newsom":
            assert "1,495,709" in text and "17 November 2020" in text
            assert "computed from Cal. Const. art. II, § 14(b)" in text
            section.locator("summary", has_text="[1]").first.click()
            assert "12,464,235 votes cast" in section.inner_text()
        else:
            assert (
                "53,000" in text and "Not computed: needs the number of registered voters" in text
            )
    page.context.close()
