"""The change journal: every bump is logged after its versions, and a reader that cannot
tell what changed says so rather than answering "nothing"."""

import pytest
from django.core.cache import cache

from ops import change_journal
from ops.cache_tags import tags_bump
from ops.change_journal import Journal, entry_key, hashes


def test_a_bump_shows_to_a_reader_of_the_steps_since():
    before = Journal().step
    tags_bump({"recalls.recalleffort:1", "list:recalls.recalleffort"})
    tags_bump({"recalls.official:7"})
    journal = Journal()
    assert journal.step == before + 2
    assert journal.changed_since(before) == hashes(
        {
            "recalls.recalleffort:1",
            "list:recalls.recalleffort",
            "core:recalls.recalleffort",
            "recalls.official:7",
        }
    )
    assert journal.changed_since(before + 1) == hashes({"recalls.official:7"})
    assert journal.changed_since(journal.step) == frozenset()
    assert journal.unchanged(before + 1, hashes({"recalls.recalleffort:1"}))
    assert not journal.unchanged(before, hashes({"recalls.recalleffort:1", "recalls.office:3"}))


def test_a_dropped_entry_means_unknown_not_unchanged():
    before = Journal().step
    tags_bump({"recalls.recalleffort:1"})
    cache.delete(entry_key(before + 1))
    journal = Journal()
    assert journal.changed_since(before) is None
    assert not journal.unchanged(before, hashes({"recalls.official:99"}))


def test_a_lost_count_starts_far_from_any_kept_step():
    kept = Journal().step
    cache.delete(change_journal.STEP_KEY)
    tags_bump({"recalls.recalleffort:1"})
    journal = Journal()
    assert abs(journal.step - kept) > change_journal.MAX_SPAN
    assert journal.changed_since(kept) is None


def test_too_many_steps_since_are_not_read(monkeypatch):
    monkeypatch.setattr(change_journal, "MAX_SPAN", 3)
    before = Journal().step
    for pk in range(4):
        tags_bump({f"recalls.official:{pk}"})
    assert Journal().changed_since(before + 1) == hashes(
        {f"recalls.official:{pk}" for pk in (1, 2, 3)}
    )
    assert Journal().changed_since(before) is None


@pytest.mark.parametrize("tag", ["recalls.recalleffort:1", "list:articles.article", "site"])
def test_tag_hashes_are_stable_64_bit_numbers(tag):
    value = change_journal.tag_hash(tag)
    change_journal.tag_hash.cache_clear()
    assert change_journal.tag_hash(tag) == value
    assert 0 <= value < 2**64
