"""An article's words and sentences: folding, tokens, sentence spans."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import compress

from articles.mentions.words import HONORIFICS, NOT_FIRST_NAMES, PLACE_WORDS
from core.text import fold_word

_TOKEN = re.compile(r"[^\W_]+(?:['’][sS](?![^\W_]))?")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]*[A-Z0-9])|\n\s*\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Gov|Sen|Rep|Hon|Rev|Lt|Gen|Sgt|Det|St|Jr|Sr|Mo|Calif|Ill|Pa|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|No|vs|Inc|Co|U\.S|D\.A|[A-Z]|"
    r"Atty|Dist|Asst|Dept|Capt|Cmdr|Supt|Assn|Corp|Ft|Mt|Wash|Wis|Mich|Ore|Colo|Ariz|Fla|Mass|"
    r"Minn|Tenn|Tex|Va|Conn|Nev|Okla|Ky|La|Ala|Ark|Ind|Kan|Neb|Md|[ap]\.m))\.$"
)


def names_a_place(tokens: Tokens, position: int, length: int) -> bool:
    after = position + length
    if after < len(tokens) and tokens.folds[after] in PLACE_WORDS:
        return True
    return (
        position >= 2
        and tokens.folds[position - 2] in ("city", "town")
        and (tokens.folds[position - 1] == "of")
    )


def fold_name(name: str) -> tuple[str, ...]:
    """A name as folded tokens, without honorifics: "Mr. Gascón" → ("gascon",)."""
    tokens = (fold_word(t) for t in _TOKEN.findall(name))
    return tuple(t for t in tokens if t and t not in HONORIFICS)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end) offsets; no sentence runs over a paragraph break."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().strip() and _ABBREVIATION.search(
            text[max(0, match.start() - 6) : match.start() + 1]
        ):
            continue
        end = match.start() + len(match.group().rstrip())
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


class Tokens:
    """An article's words, folded, with honorifics dropped; the rest of what a word looks
    like (case, possessive, sentence) is worked out only for the few words that match."""

    def __init__(self, text: str, spans: list[tuple[int, int]], folds: dict[str, str]):
        self.text = text
        self.starts = [start for start, _ in spans]
        self.matches = list(_TOKEN.finditer(text))
        self.folds = list(map(folds.__getitem__, map(re.Match.group, self.matches)))
        self.after_honorific: set[int] = set()
        if not HONORIFICS.isdisjoint(self.folds):
            self._drop_honorifics()

    def _drop_honorifics(self) -> None:
        matches, folds, honorific = [], [], False
        for match, folded in zip(self.matches, self.folds, strict=True):
            if folded in HONORIFICS and self.text[match.end() : match.end() + 1] in (".", " "):
                honorific = True
                continue
            if honorific:
                self.after_honorific.add(len(folds))
            matches.append(match)
            folds.append(folded)
            honorific = False
        self.matches, self.folds = matches, folds

    def __len__(self) -> int:
        return len(self.folds)

    def where(self, folds: frozenset[str]) -> list[int]:
        """The positions of the words in ``folds``."""
        return list(compress(range(len(self.folds)), map(folds.__contains__, self.folds)))

    def sentence(self, position: int) -> int:
        return max(0, bisect_right(self.starts, self.matches[position].start()) - 1)

    def words(self, position: int, length: int) -> str:
        start, end = self.matches[position].start(), self.matches[position + length - 1].end()
        return self.text[start:end]

    def first_name_before(self, position: int) -> str | None:
        """The word before a surname when it reads as someone's first name."""
        if position == 0 or position in self.after_honorific:
            return None
        before = self.folds[position - 1]
        raw = self.matches[position - 1].group()
        if (
            raw[:1].isupper()
            and not (raw[-2:-1] in ("'", "’") and raw[-1:] in ("s", "S"))
            and before not in NOT_FIRST_NAMES
            and len(before) > 1
            and self.sentence(position - 1) == self.sentence(position)
            # "In San Francisco, Boudin": a comma between them, so no first name
            and not self.text[
                self.matches[position - 1].end() : self.matches[position].start()
            ].strip()
        ):
            return before
        return None


class FoldCache(dict):
    """Raw word → folded word, for the words of a run (bounded: cleared when it is full)."""

    limit = 100_000

    def __missing__(self, word: str) -> str:
        if len(self) >= self.limit:
            self.clear()
        folded = self[word] = fold_word(word)
        return folded
