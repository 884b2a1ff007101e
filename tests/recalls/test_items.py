"""An effort's item in the lists, home and search is rendered once and kept until something
it shows changes (recalls/items.py, ops/fragments.py ``cached_objects``): every edit to what
an item shows is on the next page, and a page of cached items loads no effort rows."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ops.cache_tags import object_tags, recording, without_bumped_rows
from ops.fragments import loaded_tags
from recalls.items import _render, effort_items
from recalls.models import EffortStatus, RecallEffort
from tests.factories import (
    ContestFactory,
    DatedElectionFactory,
    EventCitationFactory,
    OfficialFactory,
    RecallEffortFactory,
    TimelineEventFactory,
)
from tests.recalls.pages import rich_effort, text

pytestmark = pytest.mark.django_db

# Every page that shows effort items, with a URL that lists the effort made below.
PAGES = ["/recalls/", "/", "/search/?q=Quillfeather"]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE = False  # the render path: what a reader gets after an edit


@pytest.fixture
def effort():
    official = OfficialFactory(name="Pat Quillfeather", sort_name="Quillfeather, Pat")
    effort = RecallEffortFactory(
        title="Recall of Pat Quillfeather", targets=[official], status=EffortStatus.CIRCULATING
    )
    EventCitationFactory(
        subject=TimelineEventFactory(
            effort=effort,
            date_on=timezone.localdate() - dt.timedelta(days=10),
            status=EffortStatus.CIRCULATING,
        )
    )
    return effort


def test_each_page_reads_cached_items_without_loading_efforts(client, effort):
    for url in PAGES:
        cache.clear()  # the pages share the items: each renders them once here
        with CaptureQueriesContext(connection) as rendered:
            first = client.get(url)
        assert "Recall of Pat Quillfeather" in text(first), url
        with CaptureQueriesContext(connection) as again:
            second = client.get(url)
        assert second.content == first.content, url
        assert len(again) < len(rendered), url
        if url != "/":  # home's "latest updates" name their efforts
            sql = " ".join(q["sql"] for q in again.captured_queries)
            assert '"recalls_recalleffort"."slug"' not in sql, url
            assert '"recalls_timelineevent"' not in sql, url


@pytest.mark.parametrize("url", PAGES)
def test_an_edit_to_anything_an_item_shows_is_on_the_next_page(client, effort, url):
    client.get(url)  # the items are cached
    official = effort.targets.get()
    official.name = "Pat Quillfeather-Ruiz"
    official.save()
    assert "Targets: Pat Quillfeather-Ruiz" in text(client.get(url))
    office = effort.office
    office.title = "Harbor Commissioner"
    office.save()
    assert "Harbor Commissioner" in text(client.get(url))
    jurisdiction = office.jurisdiction
    jurisdiction.name = "Port Quillfeather"
    jurisdiction.save()
    assert "Port Quillfeather" in text(client.get(url))
    ContestFactory(effort=effort, office=office, election=DatedElectionFactory())
    assert "· election" in text(client.get(url))
    effort.title = "Recall of Pat Quillfeather, renamed"
    effort.save()
    assert "Recall of Pat Quillfeather, renamed" in text(client.get(url))


def test_a_new_status_fact_changes_the_as_of_line(client, effort):
    client.get("/recalls/")
    later = TimelineEventFactory(
        effort=effort, date_on=timezone.localdate(), status=EffortStatus.SUBMITTED
    )
    citation = EventCitationFactory(subject=later)
    effort.status = EffortStatus.SUBMITTED
    effort.save()  # the admin saves the effort with its new status
    page = client.get("/recalls/").content.decode()
    assert f"#quote-{citation.pk}" in page
    outlet = citation.article.outlet
    outlet.name = "The Quillfeather Ledger"
    outlet.save()
    assert "The Quillfeather Ledger" in text(client.get("/recalls/"))


def test_items_are_kept_for_the_day_they_were_rendered_on(client, effort, monkeypatch):
    client.get("/recalls/")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: tomorrow)
    with CaptureQueriesContext(connection) as rendered:
        client.get("/recalls/")
    assert any('"recalls_timelineevent"' in q["sql"] for q in rendered.captured_queries)


def test_a_deleted_effort_is_left_out():
    kept, deleted = RecallEffortFactory(), RecallEffortFactory()
    ids = [deleted.pk, kept.pk]
    deleted.delete()
    assert len(effort_items(ids)) == 1


def test_an_item_depends_on_every_object_loaded_for_it():
    """What a cached item is keyed on (the objects found from the effort, and those its
    template loaded) covers every object its queries loaded."""
    effort = rich_effort(2)
    with recording() as load:
        loaded = RecallEffort.objects.for_list().get(pk=effort.pk)
    with recording() as rendering:
        _render(loaded)
    keyed = object_tags(loaded_tags(loaded) | rendering.objects)
    assert object_tags(load.objects) <= keyed
    assert len(keyed) > 10  # the effort, its office, place, targets, events, contests…
    assert f"recalls.recalleffort:{effort.pk}" in keyed
    assert {f"recalls.official:{o.pk}" for o in effort.targets.all()} <= keyed


def test_switched_off_every_item_is_rendered(client, effort, settings):
    settings.FRAGMENT_CACHE = False
    first = client.get("/recalls/")
    with CaptureQueriesContext(connection) as again:
        second = client.get("/recalls/")
    assert second.content == first.content
    assert any('"recalls_timelineevent"' in q["sql"] for q in again.captured_queries)


def test_home_keeps_its_active_efforts_until_an_effort_changes(client, effort):
    client.get("/")
    with CaptureQueriesContext(connection) as again:
        client.get("/")
    stale_count = 'SELECT COUNT(*) AS "__count" FROM "recalls_recalleffort"'
    assert not any(q["sql"].startswith(stale_count) for q in again.captured_queries)
    newer = RecallEffortFactory(title="Recall of Lee Marchbanks", status=EffortStatus.CIRCULATING)
    TimelineEventFactory(effort=newer, date_on=timezone.localdate())
    assert "Recall of Lee Marchbanks" in text(client.get("/"))


def test_an_edit_of_the_article_behind_the_status_changes_the_item(client):
    """The item does not depend on each event (an event's change bumps its effort): an edit of
    the article an event cites still reaches it, through the event to its effort."""
    effort = RecallEffortFactory(title="Recall of Noor Alvarado")
    event = TimelineEventFactory(
        effort=effort, date_on=timezone.localdate(), status=EffortStatus.CIRCULATING
    )
    citation = EventCitationFactory(subject=event, article__outlet=None)
    assert "Recall news" in text(client.get("/recalls/"))
    article = citation.article
    article.title = "Petitioners fan out across Alvarado County"
    article.save()
    assert "Petitioners fan out" in text(client.get("/recalls/"))


def test_an_item_is_keyed_on_its_place_targets_and_contests_not_its_events():
    effort = rich_effort(2)
    with recording() as rec:
        loaded = RecallEffort.objects.for_list().get(pk=effort.pk)
    tags = object_tags(loaded_tags(loaded))
    own = tags - without_bumped_rows(tags, rec.parents)
    assert {f"recalls.timelineevent:{e.pk}" for e in effort.events.all()} <= own
    assert not any(tag.startswith(("recalls.contest:", "recalls.official:")) for tag in own)
