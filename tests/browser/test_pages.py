"""Every public page at desktop and phone sizes: a screenshot, and what a reader relies on.

Screenshots go to build/screenshots/page-<name>-<viewport>.png.
"""

import pytest

from tests.browser.conftest import new_page, screenshot
from tests.public_pages import public_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHECKS = """() => {
  const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const fields = [...document.querySelectorAll('input, select, textarea')]
    .filter(el => el.type !== 'hidden' && visible(el));
  const unlabelled = fields.filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
    .map(el => el.name);
  const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1]);
  const skips = levels.filter((level, i) => i > 0 && level > levels[i - 1] + 1);
  return {
    lang: document.documentElement.lang,
    title: document.title,
    description: (document.querySelector('meta[name=description]') || {}).content || '',
    h1: document.querySelectorAll('h1').length,
    firstHeading: levels[0],
    skips: skips.length,
    unlabelled,
    main: document.querySelectorAll('main').length,
    nav: document.querySelectorAll('nav').length,
    inlineStyles: document.querySelectorAll('[style]').length,
    scripts: document.querySelectorAll('script').length,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  };
}"""


def test_every_public_page_is_readable_and_accessible(browser, live_server, seeded, viewport):
    page = new_page(browser, viewport)
    titles = {}
    try:
        for name, url in public_pages().items():
            response = page.goto(f"{live_server.url}{url}")
            assert response.status == (404 if name == "not-found" else 200), name
            found = page.evaluate(CHECKS)  # before the screenshot, which restyles the page
            screenshot(page, f"page-{name}-{viewport}")
            assert found["lang"] == "en", name
            assert found["description"], name
            assert found["h1"] == 1 and found["firstHeading"] == 1, name
            assert found["skips"] == 0, f"{name}: a heading level is skipped"
            assert found["unlabelled"] == [], name
            assert found["main"] == 1 and found["nav"] >= 1, name
            assert (found["inlineStyles"], found["scripts"]) == (0, 0), name
            assert found["overflow"] <= 0, f"{name}: wider than the {viewport} screen"
            titles.setdefault(found["title"], []).append(name)
        # The only failed load is the not-found page itself.
        assert [e for e in page.console_errors if "404" not in e] == []
    finally:
        page.context.close()
    assert {title: names for title, names in titles.items() if len(names) > 1} == {}


def test_focus_is_visible(browser, live_server, seeded):
    page = new_page(browser)
    try:
        page.goto(f"{live_server.url}/recalls/")
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        assert skip.inner_text() == "Skip to content"
        assert skip.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    finally:
        page.context.close()
