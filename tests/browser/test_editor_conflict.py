"""Two editors open the same effort; the first saves, the second is refused with a link to the
newer version, and the first editor's change is kept."""

import pytest

from recalls.models import RecallEffort
from tests.browser.conftest import new_page
from tests.browser.journeys import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_second_of_two_editors_is_refused_and_the_first_kept(browser, live_server, seeded):
    effort = RecallEffort.objects.get(slug="recall-george-gascon-2022")
    change = f"/admin/recalls/recalleffort/{effort.pk}/change/"
    first = Journey(new_page(browser), live_server.url, "first editor saves")
    second = Journey(new_page(browser), live_server.url, "second editor is refused")
    first.log_in("ana")
    second.log_in("ben")
    first.goto(change)
    second.goto(change)

    first.fill("#id_note", "Ana's correction")
    first.save()
    assert "was changed successfully" in first.page.locator("ul.messagelist").inner_text()

    second.fill("#id_note", "Ben's correction")
    second.save()
    error = second.page.locator(".errornote, .errorlist").first.inner_text()
    message = second.page.locator("#content-main").inner_text()
    assert "Please correct" in error or "Not saved" in error
    assert "Not saved: someone else saved this recall effort" in message
    assert "after you opened it" in message
    newer = second.page.get_by_role("link", name="Open the newer version")
    assert newer.get_attribute("href").endswith(change)
    second.page.locator(".errornote, ul.errorlist").first.scroll_into_view_if_needed()
    second.screenshot("editor-conflict-refused", phone=False)
    second.click(newer)
    second.page.wait_for_load_state()
    assert second.page.locator("#id_note").input_value() == "Ana's correction"
    second.record(note="after the refusal: one click to the newer version")
    first.record()

    effort.refresh_from_db()
    assert effort.note == "Ana's correction"
    for journey in (first, second):
        journey.page.context.close()
