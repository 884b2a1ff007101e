"""Regular expressions tried only where they can match: the words a match cannot do without.

A pattern tried on many short texts that it seldom matches (the steps of a recall, on every
sentence that says "recall") spends its time failing at every character. ``needed_words``
reads from the pattern itself strings of which every match contains at least one, and
``Prefiltered`` tries the pattern only on a text that contains one of them (``in``: a scan
in C, many times faster than the pattern). The strings are read from the pattern, so they
cannot fall out of step with it; a pattern they cannot be read from (case-blind, or with no
string that every match needs) is always tried. ``AnyOf`` asks whether any of several
such patterns matches, looking for each string once however many of them need it.
"""

from __future__ import annotations

import re

try:  # the parser the re module compiles with (Python 3.11+); without it, no prefilter
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover
    _parser = None

MIN_WORD = 4
_REPEATS = () if _parser is None else (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)


def needed_words(pattern: re.Pattern) -> frozenset[str] | None:
    """Strings of which every match of ``pattern`` contains one; None when none can be
    told (a case-blind pattern, or an alternative with no literal text)."""
    if _parser is None or pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    items = _parser.parse(pattern.pattern, pattern.flags)
    # "a|b" at the top (the parser moves a "\\b" they all start with out in front): the
    # words of either alternative.
    branches = [(op, value) for op, value in items if op is not _c.AT]
    if len(branches) == 1 and branches[0][0] is _c.BRANCH:
        return _alternatives(branches[0][1][1])
    return _one_set(items)


def _sequence(items) -> list[frozenset[str]]:
    """Sets of strings a sequence needs one of each, in order: its runs of literal
    characters, and what each group, alternation or repeat (at least once) in it needs."""
    needs, run = [], []
    for op, value in [*items, (None, None)]:
        if op is _c.LITERAL:
            run.append(chr(value))
            continue
        if run:
            needs.append(frozenset({"".join(run)}))
        run = []
        if op is _c.SUBPATTERN and not value[1] & re.IGNORECASE:  # (?i:…) is case-blind
            needs.append(_one_set(value[3]))
        elif op is _c.BRANCH:
            needs.append(_alternatives(value[1]))
        elif op in _REPEATS and value[0] >= 1:
            needs.append(_one_set(value[2]))
        elif op is _c.ATOMIC_GROUP:
            needs.append(_one_set(value))
    return [words for words in needs if words]


def _one_set(items) -> frozenset[str] | None:
    """The set that stands for a sequence: its first whose strings all have four letters or
    more (the words a pattern's author leads with: "defeated|beat" before "recall"), else
    the one whose shortest string is longest."""
    needs = _sequence(items)
    for words in needs:
        if min(map(len, words)) >= MIN_WORD:
            return words
    return max(needs, key=lambda words: min(map(len, words)), default=None)


def _alternatives(branches) -> frozenset[str] | None:
    found = [_one_set(branch) for branch in branches]
    if not all(found):
        return None  # an alternative that needs nothing: the whole needs nothing
    words = frozenset().union(*found)
    # "oust" in a text is enough to look for: "ousted" holds it
    return frozenset(w for w in words if not any(v != w and v in w for v in words))


class Prefiltered:
    """A compiled pattern whose ``search`` first checks for the strings a match needs."""

    __slots__ = ("needs", "pattern")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.needs = needed_words(pattern)

    def may_match(self, text: str) -> bool:
        return self.needs is None or any(word in text for word in self.needs)

    def search(self, text: str) -> re.Match | None:
        return self.pattern.search(text) if self.may_match(text) else None


class AnyOf:
    """Whether any of several prefiltered patterns matches a text: each string they need
    is looked for once (not once per pattern that needs it), and only the patterns that
    need a string the text holds are tried, each at most once."""

    __slots__ = ("always", "needing")

    def __init__(self, patterns: list[Prefiltered]):
        self.always = [p.pattern for p in patterns if p.needs is None]
        self.needing: dict[str, list[re.Pattern]] = {}
        for prefiltered in patterns:
            for word in sorted(prefiltered.needs or ()):
                self.needing.setdefault(word, []).append(prefiltered.pattern)

    def search(self, text: str) -> bool:
        if any(pattern.search(text) for pattern in self.always):
            return True
        tried = set()
        for word, patterns in self.needing.items():
            if word in text:
                for pattern in patterns:
                    if pattern not in tried:
                        if pattern.search(text):
                            return True
                        tried.add(pattern)
        return False
