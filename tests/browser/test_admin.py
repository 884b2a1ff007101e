import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_logs_in_and_sees_the_seeded_efforts(page, live_server, seeded):
    get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "a-long-test-password"
    )
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.get_by_role("link", name="Recall efforts", exact=True).click()
    page.wait_for_url("**/recalleffort/")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() >= 1
    assert page.locator("#result_list").inner_text().count("Recall") >= 1
    screenshot(page, "admin-efforts")
