"""The matcher: every official's names and every effort's title, looked up in an article."""

from __future__ import annotations

import datetime as dt
import json
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import TextField
from django.db.models.functions import Cast
from rapidfuzz import fuzz

from articles.mentions.text import FoldCache, Tokens, fold_name, names_a_place, sentence_spans
from articles.mentions.words import ORDINAL, ORDINALS, RECALL_WORDS, TITLES, WORD_KINDS
from core.dates import PartialDate, Precision
from recalls.models import Official, RecallEffort

_BODY = re.compile(
    r"(?P<place>(?:[A-Z][\w.'’-]+ )+)(?P<kind>Board of Education|School Board|City Council"
    r"|Board of Supervisors)"
)
_BODY_NAMES = {
    "board of education": ("board of education", "school board"),
    "school board": ("board of education", "school board"),
}
_RECALL_TEXT = re.compile(r"\brecall|\boust|\bremov", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Aliases read as JSON text, decoded here only when there are any: most rows have none,
# and decoding every row's list was a third of building the matcher for 10,000 officials.
_AS_TEXT = Cast("aliases", TextField())


def _aliases(text: str | None) -> list:
    if not text or text == "[]":
        return []
    value = json.loads(text)
    return value if isinstance(value, list) else []


FUZZY_MIN_SCORE = 90
FUZZY_MARGIN = 8


@dataclass
class EffortInfo:
    pk: int
    title: str
    target_ids: frozenset[int]
    started: dt.date | None
    ended: dt.date | None
    kind: str = "recall"
    aliases: tuple[str, ...] = ()


@dataclass
class Found:
    """What one article mentions: officials and efforts with the words that matched."""

    sentences: list[tuple[int, int]] = field(default_factory=list)
    officials: dict[int, list[str]] = field(default_factory=dict)
    efforts: dict[int, list[str]] = field(default_factory=dict)
    # sentence index → efforts and officials named in it (for dating facts)
    sentence_efforts: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    # sentence index → every effort against the officials it names (a fact's own date may
    # then choose among them), and when each of those efforts started
    candidates: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    # sentence index → the officials it names (a recall of one with no known effort)
    sentence_officials: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    starts: dict[int, dt.date | None] = field(default_factory=dict)
    # why an effort was not linked, for the editor (an undated page, several efforts)
    notes: list[str] = field(default_factory=list)

    def add_official(self, pk: int, words: str) -> None:
        forms = self.officials.setdefault(pk, [])
        if words not in forms:
            forms.append(words)

    def add_effort(self, pk: int, words: str) -> None:
        forms = self.efforts.setdefault(pk, [])
        if words not in forms:
            forms.append(words)


class Matcher:
    """Every official's names and every effort's title as folded token n-grams."""

    def __init__(self, officials, efforts=()):
        self.full: dict[tuple[str, ...], set[int]] = defaultdict(set)
        self.short: dict[tuple[str, ...], dict[int, bool]] = defaultdict(dict)
        self.names: dict[int, str] = {}
        self.display: dict[int, str] = {}  # names as written, for the import report
        self.efforts: dict[int, EffortInfo] = {}
        self.efforts_of: dict[int, list[EffortInfo]] = defaultdict(list)
        self.titles: dict[tuple[str, ...], set[int]] = defaultdict(set)
        self.fold_cache = FoldCache()
        for pk, name, surname, aliases in officials:
            self._add_official(pk, name, surname, aliases)
        # Efforts whose targets are not named (a school board's members): by their body.
        self.bodies: list[tuple[int, str, tuple[str, ...]]] = []
        for info in efforts:
            self.efforts[info.pk] = info
            if not info.target_ids and (body := _BODY.search(info.title)):
                kind = body["kind"].casefold()
                self.bodies.append(
                    (info.pk, body["place"].strip().casefold(), _BODY_NAMES.get(kind, (kind,)))
                )
            for target in info.target_ids:
                self.efforts_of[target].append(info)
            title = fold_name(info.title)
            if len(title) >= 3:
                self.titles[title].add(info.pk)
            for alias in info.aliases:  # the editors' names for it: "Prop H", "Boudin recall"
                if len(key := fold_name(str(alias))) >= 2:
                    self.titles[key].add(info.pk)
        keys = [*self.full, *self.short, *self.titles]
        self.first_words = frozenset(key[0] for key in keys)
        self.longest = max((len(key) for key in keys), default=0)

    @classmethod
    def from_database(cls) -> Matcher:
        """Three queries, whatever the number of officials and efforts; rows, not models,
        which would cost more to build than the matcher itself."""
        surname = Official.surname.fget  # reads .name and .sort_name, which a row has too
        officials = (
            (o.pk, o.name, surname(o), _aliases(o.aliases_json))
            for o in Official.objects.order_by()
            .annotate(aliases_json=_AS_TEXT)
            .values_list("pk", "name", "sort_name", "aliases_json", named=True)
        )
        # Target ids from the link table: prefetching would build every target as a model.
        targets = defaultdict(set)
        links = RecallEffort.targets.through.objects.values_list("recalleffort_id", "official_id")
        for effort_id, official_id in links:
            targets[effort_id].add(official_id)
        rows = (
            RecallEffort.objects.order_by()
            .annotate(aliases_json=_AS_TEXT)
            .values_list(
                "pk", "title", "started_on", "ended_on", "ended_precision", "kind", "aliases_json"
            )
        )
        efforts = [
            EffortInfo(
                pk=pk,
                title=title,
                target_ids=frozenset(targets[pk]),
                started=started,
                ended=PartialDate(ended, precision or Precision.DAY).last_day if ended else None,
                kind=kind,
                aliases=tuple(_aliases(aliases)),
            )
            for pk, title, started, ended, precision, kind, aliases in rows
        ]
        return cls(officials, efforts)

    def _add_official(self, pk: int, name: str, surname: str, aliases) -> None:
        full_name = fold_name(name)
        self.names[pk] = " ".join(full_name)
        self.display[pk] = name
        surname_key = fold_name(surname) or full_name[-1:]
        if len(full_name) >= 2:
            self.full[full_name].add(pk)
        if len(full_name) >= 3:
            self.full[(full_name[0], full_name[-1])].add(pk)
        if surname_key and surname_key != full_name:
            self.short[surname_key].setdefault(pk, False)
        for alias in aliases if isinstance(aliases, list) else []:
            key = fold_name(str(alias))
            if not key:
                continue
            if key == surname_key or len(key) == 1:
                self.short[key][pk] = True  # the editors say this short form means them
            else:
                self.full[key].add(pk)

    def scan(self, text: str, published: dt.date | None = None) -> Found:
        spans = sentence_spans(text)
        tokens = Tokens(text, spans, self.fold_cache)
        full_hits, short_hits, title_hits = [], [], []
        folds, count, free = tokens.folds, len(tokens), 0
        for position in tokens.where(self.first_words):
            if position < free:
                continue  # inside a name matched already
            titled = False
            for length in range(min(self.longest, count - position), 0, -1):
                key = tuple(folds[position : position + length])
                if not titled and key in self.titles:
                    # An effort's name may hold an official's: both are found, so its
                    # words stay free ("the recall of Gavin Newsom", "Boudin recall").
                    title_hits.append((key, position, length))
                    titled = True
                    continue
                if key in self.full:
                    full_hits.append((key, position, length))
                elif key in self.short:
                    short_hits.append((key, position, length))
                else:
                    continue
                free = position + length
                break

        found = Found(sentences=spans)
        occurrences: list[tuple[int, int]] = []  # (official, sentence)
        for key, position, length in full_hits:
            if len(self.full[key]) == 1:  # two people with one name: leave it to an editor
                (pk,) = self.full[key]
                found.add_official(pk, tokens.words(position, length))
                occurrences.append((pk, tokens.sentence(position)))
        named_in_full = set(found.officials)
        # A surname after a first name: the official (allowing a near spelling), or someone
        # else with that surname, who makes the bare surname ambiguous in this article.
        bare, shadowed = [], set()
        for key, position, length in short_hits:
            first_name = tokens.first_name_before(position)
            if first_name is None:
                bare.append((key, position, length))
                continue
            pk = self._fuzzy(f"{first_name} {' '.join(key)}", self.short[key])
            if pk is None:
                pk = self._titled(key, position, tokens)  # "President Joe Biden" → "Biden"
            if pk is None:
                shadowed.add(key)
            else:
                found.add_official(pk, tokens.words(position - 1, length + 1))
                occurrences.append((pk, tokens.sentence(position)))
        for key, position, length in bare:
            if names_a_place(tokens, position, length):
                shadowed.add(key)  # "Bell City Council", "Boudin Bakery", "LACEY, Wash."
        for key, position, length in bare:
            pk = None if key in shadowed else self._resolve_bare(key, named_in_full)
            if pk is not None:
                found.add_official(pk, tokens.words(position, length))
                occurrences.append((pk, tokens.sentence(position)))
        for key, position, length in title_hits:
            for pk in self.titles[key]:
                found.add_effort(pk, tokens.words(position, length))
                found.sentence_efforts[tokens.sentence(position)].add(pk)

        if self.bodies:
            self._scan_bodies(text, tokens, found)
        for pk, sentence in occurrences:
            found.sentence_officials[sentence].add(pk)
        occurrences = [(pk, s) for pk, s in occurrences if pk in self.efforts_of]
        if occurrences:
            # sentence → the kinds of effort its words can mean ("impeach": not a recall)
            kinds: dict[int, set[str]] = defaultdict(set)
            for position in tokens.where(RECALL_WORDS):
                kinds[tokens.sentence(position)] |= WORD_KINDS[folds[position]]
            for official, sentence in occurrences:
                if sentence not in kinds:
                    continue
                start, end = spans[sentence]
                efforts = [e for e in self.efforts_of[official] if e.kind in kinds[sentence]]
                for info in efforts:
                    found.candidates[sentence].add(info.pk)
                    found.starts[info.pk] = info.started
                chosen = self._efforts_in(efforts, text[start:end], published, text, found)
                for info in chosen:
                    found.add_effort(info.pk, text[start:end][:300])
                    found.sentence_efforts[sentence].add(info.pk)
        return found

    def _scan_bodies(self, text: str, tokens: Tokens, found: Found) -> None:
        """A recall sentence naming the body ("school board") in an article naming its place."""
        folded = text.casefold()
        for pk, place, names in self.bodies:
            if place not in folded:
                continue
            for name in names:
                for match in re.finditer(re.escape(name), folded):
                    index = max(0, bisect_right(tokens.starts, match.start()) - 1)
                    start, end = found.sentences[index]
                    if _RECALL_TEXT.search(text[start:end]):
                        found.add_effort(pk, text[match.start() : match.end()])
                        found.sentence_efforts[index].add(pk)

    def _titled(self, key, position: int, tokens: Tokens) -> int | None:
        """An official known by a surname alone ("Biden") after a title and a first name."""
        singles = [pk for pk in self.short[key] if " " not in self.names[pk]]
        if len(singles) == 1 and position >= 2 and tokens.folds[position - 2] in TITLES:
            return singles[0]
        return None

    def _resolve_bare(self, key, named_in_full) -> int | None:
        """Who a bare surname means: the one official with it named in full in the article,
        else the only official with it, if the editors listed it among their aliases."""
        candidates = self.short[key]
        in_full = [pk for pk in candidates if pk in named_in_full]
        if len(in_full) == 1:
            return in_full[0]
        if not in_full and len(candidates) == 1:
            ((pk, explicit),) = candidates.items()
            return pk if explicit else None
        return None

    def _fuzzy(self, written: str, candidates) -> int | None:
        scores = sorted(
            ((fuzz.ratio(written, self.names[pk]), pk) for pk in candidates), reverse=True
        )
        if not scores or scores[0][0] < FUZZY_MIN_SCORE:
            return None
        if len(scores) > 1 and scores[0][0] - scores[1][0] < FUZZY_MARGIN:
            return None
        return scores[0][1]

    def _efforts_in(self, efforts, sentence: str, published, text: str, found: Found):
        """Which of one target's efforts a sentence speaks of: "the first recall" or "a
        second campaign" by their order, else by the year the sentence (or, if it gives
        none, the article) names, else those an article of that date can be about. An
        undated article that names no year links none of several: an editor chooses."""
        if len(efforts) <= 1:
            return efforts
        if ordinal := ORDINAL.search(sentence):
            ordered = sorted(efforts, key=lambda e: e.started or dt.date.min)
            return [ordered[min(ORDINALS[ordinal[1].lower()], len(ordered) - 1)]]
        if published is not None:
            return self._efforts_at(efforts, published)
        years = _YEAR.findall(sentence) or _YEAR.findall(text)
        picked = {
            tuple(e.pk for e in self._efforts_at(efforts, dt.date(int(year), 12, 31)))
            for year in set(years)
        }
        if len(picked) == 1 and (pks := next(iter(picked))):
            return [e for e in efforts if e.pk in pks]
        note = (
            f"Undated, and the years it names ({', '.join(sorted(set(years)))}) do not pick one"
            if years
            else "Undated, and it names no year"
        )
        note += f" of {len(efforts)} efforts ({'; '.join(e.title for e in efforts)}): none linked."
        if note not in found.notes:
            found.notes.append(note)
        return []

    @staticmethod
    def _efforts_at(efforts: list[EffortInfo], published: dt.date) -> list[EffortInfo]:
        """The efforts an article of that date can be about (the latest started)."""
        started = [e for e in efforts if e.started is None or e.started <= published]
        if not started:
            return []
        known = [e for e in started if e.started is not None]
        return [max(known, key=lambda e: e.started)] if known else started
