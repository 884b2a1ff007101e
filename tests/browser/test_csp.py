"""The strict Content-Security-Policy breaks nothing: no violations in public pages or the admin."""

import pytest
from django.contrib.auth import get_user_model

from recalls.models import RecallEffort
from tests.browser.conftest import new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")


def test_public_pages_raise_no_csp_violation(browser, live_server, seeded):
    page = new_page(browser)
    effort = RecallEffort.objects.get(targets__slug="chesa-boudin")
    for path in [
        "/",
        "/recalls/",
        "/recalls/?status=recalled",
        effort.get_absolute_url(),
        "/officials/",
        "/officials/chesa-boudin/",
        "/elections/",
        "/articles/",
        "/search/?q=gascon",
    ]:
        visit(page, live_server.url + path)
    assert page.console_errors == []
    page.context.close()


def test_admin_works_under_the_policy(browser, live_server, seeded):
    get_user_model().objects.create_superuser("chief", "chief@example.org", "a-long-test-password")
    page = new_page(browser)
    visit(page, f"{live_server.url}/admin/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    effort = RecallEffort.objects.get(targets__slug="chesa-boudin")
    for path in [
        "/admin/recalls/recalleffort/",
        f"/admin/recalls/recalleffort/{effort.pk}/change/",
        "/admin/recalls/official/add/",
        f"/admin/recalls/recalleffort/{effort.pk}/history/",
    ]:
        visit(page, live_server.url + path)
    # The admin's own scripts run: the "Add another" inline link is built by inlines.js.
    visit(page, f"{live_server.url}/admin/recalls/recalleffort/{effort.pk}/change/")
    assert page.locator(".add-row a").first.is_visible()
    # Autocomplete (select2, admin JavaScript) opens and searches.
    page.locator(".field-office .select2-selection").first.click()
    page.locator(".select2-container--open .select2-search__field").fill("San")
    page.wait_for_selector(".select2-results__option")
    assert page.console_errors == []
    page.context.close()
