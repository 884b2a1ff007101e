"""The prefilter of core.patterns: the words a match needs, and never a match lost."""

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from articles import facts
from core.patterns import AnyOf, Prefiltered, needed_words

DATA = Path(__file__).resolve().parent.parent / "data"


def test_the_words_of_each_alternative():
    pattern = re.compile(r"(?<!not )\bresign(?:ed|s)?\b|\bstepped down\b")
    assert needed_words(pattern) == {"resign", "stepped down"}
    # The first words of four letters or more stand for a sequence; "oust" covers "ousted".
    pattern = re.compile(r"\b(?:ousted|oust|removed)\b[^.;]{0,60}\b(?:recall|office)\b|x{2,}")
    assert needed_words(pattern) == {"oust", "removed", "x"}


def test_nothing_told_is_always_tried():
    assert needed_words(re.compile(r"recall", re.IGNORECASE)) is None
    assert needed_words(re.compile(r"(?i:recall)")) is None
    assert needed_words(re.compile(r"recall|\d+")) is None  # an alternative needs no word
    assert Prefiltered(re.compile(r"\d+ votes?|\d+")).search("12") is not None


def test_any_of_tries_each_pattern_that_may_match():
    any_of = AnyOf([Prefiltered(re.compile(p)) for p in (r"\brecalled\b", r"\bvoted? out", r"\d+")])
    assert any_of.search("they voted out the mayor")
    assert any_of.search("1,000 signatures")  # a pattern needing no word is always tried
    assert not any_of.search("the recall failed")
    assert not AnyOf([Prefiltered(re.compile(r"\brecalled\b"))]).search("unrecalled")


_SIGNAL_PATTERNS = [p.pattern for p in facts._ANY_STATUS]
_PIECES = sorted(
    {word for p in facts._ANY_STATUS for word in p.needs or ()}
    | {" ", ".", ";", "the ", "recall ", "not ", "be ", "signatures ", "election ", "to ", "ed"}
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_a_prefiltered_signal_matches_where_its_pattern_does(pieces):
    text = "".join(pieces)
    for prefiltered, pattern in zip(facts._ANY_STATUS, _SIGNAL_PATTERNS, strict=True):
        assert bool(prefiltered.search(text)) == bool(pattern.search(text)), pattern.pattern
    assert facts.names_a_step(text) == any(p.search(text) for p in _SIGNAL_PATTERNS)


def test_every_sentence_of_the_evaluation_sets_reads_the_same():
    checked = 0
    for path in sorted(DATA.glob("*/articles/*")):
        lowered = path.read_text(encoding="utf-8", errors="replace").lower()
        for sentence in re.split(r"(?<=[.!?])\s+", lowered):
            for prefiltered, pattern in zip(facts._ANY_STATUS, _SIGNAL_PATTERNS, strict=True):
                assert bool(prefiltered.search(sentence)) == bool(pattern.search(sentence))
            assert facts.names_a_step(sentence) == any(p.search(sentence) for p in _SIGNAL_PATTERNS)
            checked += 1
    assert checked > 900  # the eval set and the held-out sets
