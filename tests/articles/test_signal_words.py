"""signal_sentences: the sentences find_facts reads, found word by word as one pattern did."""

import re
from bisect import bisect_right

import pytest
from django.conf import settings

from articles.mentions.text import sentence_spans
from articles.signal_words import signal_sentences

# The alternation signal_sentences replaced (one pass over the text), as the reference.
SIGNAL_WORD = re.compile(
    r"qualif|recall|full\s+count|certified|signature|petition|impeach|resign|oust|remov"
    r"|surviv|abandon|notice of|vot|elect|halt|stepped down|turn(?:ed)? in|submit|deliver"
    r"|verif|drop"
)
DATA = settings.BASE_DIR / "tests" / "data"


def reference(text: str, sentences: list[tuple[int, int]]) -> list[int]:
    starts = [start for start, _ in sentences]
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    indexes = {
        bisect_right(starts, match.start()) - 1
        for match in SIGNAL_WORD.finditer(lowered)
        if not (match.start() and re.match(r"\w", lowered[match.start() - 1]))
    }
    return sorted(i for i in indexes if i >= 0)


TRICKY = [
    "The unrecalled mayor spoke. Voters recalled him. A full\n count began.",
    "They turned in 5,000 names. Others turn in theirs. The return in May was late.",
    "A snake_vote here. The revoting there. Re-election talk; _elect it. İstanbul voted.",
    "It was a notice of intent. He stepped down. Handful count. Unverified claims.",
    "",
    "Nothing about it at all.",
]


def texts():
    for path in sorted(DATA.rglob("*")):
        if path.is_file() and path.suffix in {".txt", ".html", ".json", ".xml", ".rss", ".atom"}:
            yield path.read_text(encoding="utf-8", errors="replace")
    for path in sorted((settings.BASE_DIR / "fixtures" / "sources").glob("*.txt")):
        yield path.read_text(encoding="utf-8")


def test_the_signal_sentences_are_those_the_one_pattern_found():
    checked = 0
    for text in [*TRICKY, *texts()]:
        sentences = sentence_spans(text)
        assert signal_sentences(text, sentences) == reference(text, sentences), text[:80]
        checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nothing here. Then voters recalled him.", [1]),
        ("The unrecalled mayor. Fine.", []),
        ("They turned in petitions. Later.", [0]),
    ],
)
def test_a_signal_word_counts_only_at_the_start_of_a_word(text, expected):
    assert signal_sentences(text, sentence_spans(text)) == expected
