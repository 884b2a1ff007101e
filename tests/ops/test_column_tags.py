"""Invalidation by column (ops/cache_signals.py, ops/sql_columns.py): an update bumps the
groups of the columns it changed (long texts, stamps, plain data), and a list that reads
none of them stays cached; anything else a row goes through (a new row, a deletion) still
makes every list reading its table stale."""

import pytest
from django.core.cache import cache

from ops.cache_signals import changed_columns
from ops.cache_tags import bumped
from ops.change_journal import Journal, hashes
from ops.sql_columns import DATA, STAMP, TEXT, column_groups
from recalls.models import EffortStatus, RecallEffort
from tests.factories import RecallEffortFactory
from tests.ops import test_cache_tags
from tests.ops.test_cache_tags import text

pytestmark = pytest.mark.django_db
LABEL = "recalls.recalleffort"
world = test_cache_tags.world  # the same records as the tests of every page type


def bumps_of(change) -> frozenset[int]:
    before = Journal().step
    change()
    return Journal().changed_since(before)


def test_an_update_bumps_the_groups_of_the_columns_it_changed():
    effort = RecallEffortFactory()
    effort.summary = "A new summary."
    seen = bumps_of(effort.save)
    text, stamp = f"col:{LABEL}.text", f"col:{LABEL}.stamp"  # the summary; version, updated_at
    assert hashes({text, stamp, f"list:{LABEL}", f"{LABEL}:{effort.pk}"}) <= seen
    assert hashes({f"core:{LABEL}"}).isdisjoint(seen)
    effort.status = EffortStatus.RECALLED
    assert hashes({f"core:{LABEL}"}) <= bumps_of(effort.save)  # a plain column


def test_column_groups_follow_the_fields():
    groups = column_groups("recalls_recalleffort")
    assert groups["summary"] == groups["note"] == TEXT
    assert groups["version"] == groups["updated_at"] == groups["created_at"] == STAMP
    assert groups["title"] == groups["status"] == groups["office_id"] == DATA


def test_a_new_row_and_a_deletion_bump_the_rows():
    seen = bumps_of(lambda: RecallEffortFactory())
    assert hashes({f"core:{LABEL}", f"list:{LABEL}"}) <= seen
    effort = RecallEffort.objects.first()
    assert hashes({f"core:{LABEL}"}) <= bumps_of(effort.delete)


def test_a_change_of_a_whole_table_bumps_its_rows_too():
    assert bumped({f"list:{LABEL}"}) == {f"list:{LABEL}", f"core:{LABEL}"}
    assert bumped({f"upd:{LABEL}", f"col:{LABEL}.text"}) == {f"list:{LABEL}", f"col:{LABEL}.text"}
    # Several changes in one transaction: a new row's bump of the rows is kept.
    assert f"core:{LABEL}" in bumped({f"upd:{LABEL}", f"list:{LABEL}"})


def test_changed_columns_compares_what_the_save_wrote():
    effort = RecallEffortFactory(title="Recall of A", summary="One.")
    row = RecallEffort.objects.filter(pk=effort.pk).values().get()
    assert changed_columns(effort, row) == set()
    effort.title, effort.summary = "Recall of B", "Two."
    assert changed_columns(effort, row) == {"title", "summary"}
    assert changed_columns(effort, row, frozenset({"summary"})) == {"summary"}
    assert changed_columns(effort, None) is None
    deferred = RecallEffort.objects.only("id", "title").get(pk=effort.pk)
    deferred.title = "Recall of C"
    assert changed_columns(deferred, row) == {"title"}


def test_a_raw_save_changes_the_whole_table():
    effort = RecallEffortFactory()
    effort.summary = "Loaded from a fixture."
    seen = bumps_of(lambda: effort.save_base(raw=True))
    assert hashes({f"core:{LABEL}", f"list:{LABEL}"}) <= seen


def test_a_list_stays_cached_through_an_edit_of_what_it_does_not_read(
    client,
    world,
    django_capture_on_commit_callbacks,
):
    client.get("/recalls/")
    assert client.get("/recalls/")["X-Cache"] == "hit"
    effort = world["effort"]
    with django_capture_on_commit_callbacks(execute=True):
        effort.summary = "Renamed summary: the count goes on."
        effort.save()
    assert client.get("/recalls/")["X-Cache"] == "hit"
    # The effort's own page shows it at once.
    assert "Renamed summary" in text(client.get(effort.get_absolute_url()))
    # An edit of what the list counts shows at once.
    other = world["other"]
    before = text(client.get("/recalls/"))
    with django_capture_on_commit_callbacks(execute=True):
        other.status = EffortStatus.RECALLED
        other.save()
    after = client.get("/recalls/")
    assert after["X-Cache"] == "miss"
    assert text(after) != before
    assert other.get_status_display() in text(after)


def test_the_list_shows_a_changed_title_without_the_page_cache(
    client,
    world,
    django_capture_on_commit_callbacks,
    settings,
):
    """Through the kept parts alone, as an editor sees it (ops/page_parts.py)."""
    settings.PAGE_CACHE = False
    cache.clear()
    assert "Recall of Alexandra Target" in text(client.get("/recalls/"))
    effort = world["effort"]
    with django_capture_on_commit_callbacks(execute=True):
        effort.summary = "Not on the list."
        effort.save()
    assert "Recall of Alexandra Target" in text(client.get("/recalls/"))
    with django_capture_on_commit_callbacks(execute=True):
        effort.title = "Recall of Alexandra Renamed"
        effort.save()
    assert "Recall of Alexandra Renamed" in text(client.get("/recalls/"))
