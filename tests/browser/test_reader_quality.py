"""Every public page type at 1,280 and 390 px, light and dark: axe-core finds nothing, nothing
scrolls sideways, and on a phone the first result or main fact is on the first screen.

Screenshots: build/screenshots/quality-<page>-<viewport>-<light|dark|print>.png.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from recalls.models import RecallEffort
from tests.browser.conftest import new_page, screenshot
from tests.public_pages import public_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What a reader came for on each page type: it must be on a phone's first screen.
MAIN_FACT = {
    # The first active effort, or the line saying none is under way (old news is not active).
    "home": "main .card-title, .home-main .empty",
    "efforts": ".results .card-title",
    "efforts-filtered": ".results .card-title",
    "efforts-empty": ".results .empty",
    "effort": ".status-line",
    "officials": ".results .card-title",
    "official": ".record-header h1",
    "elections": ".results .card-title",
    "election": ".record-header h1",
    "articles": ".results .card-title",
    "article": ".record-header h1",
    "search": "main h2 + .cards .card-title, main h2 + .plain li",
    "stats": ".lede",
    "not-found": "main h1",
    "embed": ".status",
}
PHONE_SCREEN_HEIGHT = 844

axe = Axe()


def pages_to_check() -> dict[str, str]:
    effort = RecallEffort.objects.get(targets__slug="chesa-boudin")
    return {**public_pages(), "embed": f"{effort.get_absolute_url()}embed/"}


def violations(page) -> list[str]:
    results = axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def test_every_page_type_passes_axe_fits_the_screen_and_shows_its_point_first(
    browser, live_server, seeded, viewport
):
    page = new_page(browser, viewport)
    found = {}
    try:
        for name, url in pages_to_check().items():
            page.emulate_media(media="screen", color_scheme="light")
            page.goto(f"{live_server.url}{url}")
            problems = violations(page)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"scrolls sideways by {overflow} px")
            if viewport == "phone":
                fact = page.locator(MAIN_FACT[name]).first
                bottom = fact.evaluate("el => el.getBoundingClientRect().bottom")
                if bottom > PHONE_SCREEN_HEIGHT:
                    problems.append(f"{MAIN_FACT[name]} ends at {bottom:.0f} px, below the screen")
            screenshot(page, f"quality-{name}-{viewport}-light")
            page.emulate_media(color_scheme="dark")
            problems += [f"dark: {v}" for v in violations(page)]
            screenshot(page, f"quality-{name}-{viewport}-dark")
            page.emulate_media(media="print", color_scheme="light")
            screenshot(page, f"quality-{name}-{viewport}-print")
            if problems:
                found[name] = problems
    finally:
        page.context.close()
    assert found == {}
