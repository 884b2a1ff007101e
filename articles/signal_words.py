"""The sentences of an article that may report a step of a recall: those holding a word
that every recall signal needs (``articles.facts`` reads only these)."""

from __future__ import annotations

import re
from bisect import bisect_right

# Every signal of ``articles.facts.SIGNALS`` needs one of these words, at the start of a
# word of the lowercased text. Each is looked for on its own (str.find): one pass of their
# alternation tried it at almost every character, as most letters start one of them. The
# two that need a pattern begin with words that start no other.
_SIGNAL_STEMS = (
    "qualif", "recall", "certified", "signature", "petition", "impeach", "resign", "oust",
    "remov", "surviv", "abandon", "notice of", "vot", "elect", "halt", "stepped down",
    "submit", "deliver", "verif", "drop",
)  # fmt: skip
_SIGNAL_SPACED = re.compile(r"full\s+count|turn(?:ed)? in")


def signal_sentences(text: str, sentences: list[tuple[int, int]]) -> list[int]:
    """The indexes, in order, of the sentences with a signal word: a look over the text
    for each word instead of every signal pattern on every sentence."""
    starts = [start for start, _ in sentences]
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter longer in lower case ("İ"): offsets would move
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    found = [match.start() for match in _SIGNAL_SPACED.finditer(lowered)]
    for stem in _SIGNAL_STEMS:
        at = lowered.find(stem)
        while at != -1:
            found.append(at)
            at = lowered.find(stem, at + 1)
    # At the start of a word only: "\w" is what str.isalnum() says, and the underscore.
    indexes = {
        bisect_right(starts, at) - 1
        for at in found
        if not (at and (lowered[at - 1].isalnum() or lowered[at - 1] == "_"))
    }
    return sorted(i for i in indexes if i >= 0)
