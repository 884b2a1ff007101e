"""An editor opens each curated record's change page and saves it unchanged: every save works
the first time, and every change page fits a 1,280 px window (and a 390 px phone)."""

import pytest
from django.apps import apps

from tests.browser.journeys import DESKTOP_WIDTH, Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CURATED = [
    "recalls.Jurisdiction",
    "recalls.Office",
    "recalls.Official",
    "recalls.Tenure",
    "recalls.RecallEffort",
    "recalls.Participant",
    "recalls.TimelineEvent",
    "recalls.Election",
    "recalls.Contest",
    "recalls.Candidacy",
    "articles.Article",
    "articles.Outlet",
]


def test_every_curated_change_page_fits_and_saves_unchanged(page, live_server, seeded):
    journey = Journey(page, live_server.url, "save each curated record unchanged")
    journey.log_in()
    widths = {}
    for label in CURATED:
        model = apps.get_model(label)
        obj = model.objects.order_by("pk").first()
        opts = model._meta
        journey.goto(f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/")
        widths[opts.model_name] = journey.width()
        journey.screenshot(f"change-{opts.model_name}")
        journey.save()
        message = page.locator("ul.messagelist").inner_text()
        assert "was changed successfully" in message, (label, page.locator("#content").inner_text())
    per_record = {
        "page_loads": journey.loads / len(CURATED),
        "clicks": journey.clicks / len(CURATED),
    }
    journey.record(records=len(CURATED), per_record=per_record, widths=widths)
    too_wide = {name: width for name, width in widths.items() if width > DESKTOP_WIDTH}
    assert not too_wide, f"change pages wider than {DESKTOP_WIDTH} px: {too_wide}"
