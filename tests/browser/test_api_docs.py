"""The API documentation runs under the site's CSP, read-only: no Authorize button, no locks."""

import pytest

from tests.browser.conftest import new_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_without_authorisation_or_policy_violations(browser, live_server, viewport):
    page = new_page(browser, viewport)
    try:
        page.goto(f"{live_server.url}/api/docs/")
        page.wait_for_selector(".opblock")
        assert page.locator(".opblock").count() >= 9
        assert page.get_by_role("button", name="Authorize").count() == 0
        assert page.locator(".authorization__btn").count() == 0
        assert page.get_by_role("link", name="← Recall tracker").get_attribute("href") == "/"
        screenshot(page, f"api-docs-{viewport}")
        assert page.console_errors == []  # a blocked inline style or script would show here
    finally:
        page.context.close()
