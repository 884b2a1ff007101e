"""Finding who and what an article talks about, and the dated recall facts it reports.

One ``Matcher`` is built per import run from every official's name and aliases and every
effort's targets and title; scanning an article then costs the same whatever the number
of officials (a dictionary of folded token n-grams, looked up at each word).

Names are compared folded: accents stripped, case folded, possessive 's dropped,
honorifics ("Mr.", "Gov.") skipped. A full name links its official. A bare surname links
only when the article also names that official in full, or when the official's aliases
list that surname and no one else has it, and never when it follows another first name
("Kristen Bell" is not "Wesley Bell"). A first name spelled a little differently
("Chessa Boudin") is accepted with rapidfuzz only when it is close to one candidate and
clearly closer than to any other.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress

from rapidfuzz import fuzz

HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "miss",
        "dr",
        "prof",
        "gov",
        "sen",
        "rep",
        "hon",
        "rev",
        "lt",
        "gen",
        "sgt",
        "det",
        "supt",
        "insp",
    ]
)
# Capitalised words that may stand right before a surname without being a first name:
# titles, and the words a sentence often starts with. Any other capitalised word there is
# read as someone else's first name ("Kristen Bell" is not "Wesley Bell").
NOT_FIRST_NAMES = frozenset(
    [
        "attorney",
        "prosecutor",
        "mayor",
        "governor",
        "sheriff",
        "judge",
        "justice",
        "supervisor",
        "councilman",
        "councilwoman",
        "councilmember",
        "alderman",
        "alderwoman",
        "trustee",
        "commissioner",
        "president",
        "senator",
        "assemblyman",
        "assemblywoman",
        "assemblymember",
        "representative",
        "congressman",
        "congresswoman",
        "chief",
        "secretary",
        "treasurer",
        "controller",
        "auditor",
        "member",
        "candidate",
        "general",
        "counsel",
        "director",
        "chair",
        "chairman",
        "chairwoman",
        "lieutenant",
        "officer",
        "speaker",
        "leader",
        "incumbent",
        "challenger",
        "former",
        "da",
        "a",
        "an",
        "the",
        "and",
        "but",
        "or",
        "so",
        "yet",
        "if",
        "when",
        "while",
        "as",
        "since",
        "after",
        "before",
        "then",
        "now",
        "still",
        "also",
        "meanwhile",
        "however",
        "though",
        "although",
        "because",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "by",
        "of",
        "to",
        "yesterday",
        "today",
        "tonight",
        "later",
        "earlier",
        "last",
        "this",
        "that",
        "these",
        "those",
        "both",
        "why",
        "how",
        "what",
        "where",
        "who",
        "critics",
        "supporters",
        "opponents",
        "officials",
        "voters",
        "residents",
    ]
)
RECALL_WORDS = frozenset(
    [
        "recall",
        "recalled",
        "recalls",
        "recalling",
        "petition",
        "petitions",
        "signatures",
        "oust",
        "ousted",
        "ouster",
        "removed",
        "removal",
        "impeach",
        "impeached",
        "impeachment",
        "qualify",
    ]
)
ORDINALS = {"first": 0, "earlier": 0, "previous": 0, "second": 1, "third": 2, "latest": -1}
ORDINAL = re.compile(
    r"\b(first|earlier|previous|second|third|latest) (?:recall |removal )?"
    r"(?:campaign|effort|attempt|bid|drive|try|petition|recall)",
    re.IGNORECASE,
)
TITLES = frozenset(
    ["president", "governor", "gov", "mayor", "senator", "sen", "rep", "vice", "sheriff"]
)
# Words after a surname that make it a place or a firm ("Bell City Council", "Cooley LLP").
PLACE_WORDS = frozenset(
    [
        "city",
        "council",
        "county",
        "bakery",
        "llp",
        "inc",
        "co",
        "lawyers",
        "law",
        "firm",
        "school",
        "township",
        "street",
        "wash",
        "calif",
        "mich",
        "ore",
        "colo",
        "wis",
    ]
)


def _names_a_place(tokens: Tokens, position: int, length: int) -> bool:
    after = position + length
    if after < len(tokens) and tokens.folds[after] in PLACE_WORDS:
        return True
    return (
        position >= 2
        and tokens.folds[position - 2] in ("city", "town")
        and (tokens.folds[position - 1] == "of")
    )


_BODY = re.compile(
    r"(?P<place>(?:[A-Z][\w.'’-]+ )+)(?P<kind>Board of Education|School Board|City Council"
    r"|Board of Supervisors)"
)
_BODY_NAMES = {
    "board of education": ("board of education", "school board"),
    "school board": ("board of education", "school board"),
}
_RECALL_TEXT = re.compile(r"\brecall|\boust|\bremov", re.IGNORECASE)
FUZZY_MIN_SCORE = 90
FUZZY_MARGIN = 8

_TOKEN = re.compile(r"[^\W_]+(?:['’][sS](?![^\W_]))?")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]*[A-Z0-9])|\n\s*\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Gov|Sen|Rep|Hon|Rev|Lt|Gen|Sgt|Det|St|Jr|Sr|Mo|Calif|Ill|Pa|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|No|vs|Inc|Co|U\.S|D\.A|[A-Z]|"
    r"Atty|Dist|Asst|Dept|Capt|Cmdr|Supt|Assn|Corp|Ft|Mt|Wash|Wis|Mich|Ore|Colo|Ariz|Fla|Mass|"
    r"Minn|Tenn|Tex|Va|Conn|Nev|Okla|Ky|La|Ala|Ark|Ind|Kan|Neb|Md|[ap]\.m))\.$"
)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """ "GASCÓN'S" → "gascon": accents stripped, case folded, possessive dropped."""
    word = re.sub(r"['’][sS]\Z", "", word)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_name(name: str) -> tuple[str, ...]:
    """A name as folded tokens, without honorifics: "Mr. Gascón" → ("gascon",)."""
    tokens = (fold(t) for t in _TOKEN.findall(name))
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
        folded = self[word] = fold(word)
        return folded


@dataclass
class EffortInfo:
    pk: int
    title: str
    target_ids: frozenset[int]
    started: dt.date | None
    ended: dt.date | None


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
    starts: dict[int, dt.date | None] = field(default_factory=dict)

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
        keys = [*self.full, *self.short, *self.titles]
        self.first_words = frozenset(key[0] for key in keys)
        self.longest = max((len(key) for key in keys), default=0)

    @classmethod
    def from_database(cls) -> Matcher:
        """Three queries, whatever the number of officials and efforts; rows, not models,
        which would cost more to build than the matcher itself."""
        from recalls.dates import PartialDate, Precision
        from recalls.models import Official, RecallEffort

        surname = Official.surname.fget  # reads .name and .sort_name, which a row has too
        officials = (
            (o.pk, o.name, surname(o), o.aliases)
            for o in Official.objects.order_by().values_list(
                "pk", "name", "sort_name", "aliases", named=True
            )
        )
        # Target ids from the link table: prefetching would build every target as a model.
        targets = defaultdict(set)
        links = RecallEffort.targets.through.objects.values_list("recalleffort_id", "official_id")
        for effort_id, official_id in links:
            targets[effort_id].add(official_id)
        rows = RecallEffort.objects.order_by().values_list(
            "pk", "title", "started_on", "ended_on", "ended_precision"
        )
        efforts = [
            EffortInfo(
                pk=pk,
                title=title,
                target_ids=frozenset(targets[pk]),
                started=started,
                ended=PartialDate(ended, precision or Precision.DAY).last_day if ended else None,
            )
            for pk, title, started, ended, precision in rows
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
            for length in range(min(self.longest, count - position), 0, -1):
                key = tuple(folds[position : position + length])
                if key in self.titles:
                    title_hits.append((key, position, length))
                elif key in self.full:
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
            if _names_a_place(tokens, position, length):
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
        occurrences = [(pk, s) for pk, s in occurrences if pk in self.efforts_of]
        if occurrences:
            recall_sentences = {tokens.sentence(p) for p in tokens.where(RECALL_WORDS)}
            for official, sentence in occurrences:
                if sentence not in recall_sentences:
                    continue
                start, end = spans[sentence]
                for info in self.efforts_of[official]:
                    found.candidates[sentence].add(info.pk)
                    found.starts[info.pk] = info.started
                for info in self._efforts_in(official, text[start:end], published):
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

    def _efforts_in(self, official: int, sentence: str, published: dt.date | None):
        """The target's efforts a sentence speaks of: "the first recall" or "a second
        campaign" by their order, else those an article of that date can be about."""
        efforts = self.efforts_of.get(official, [])
        if len(efforts) > 1 and (ordinal := ORDINAL.search(sentence)):
            ordered = sorted(efforts, key=lambda e: e.started or dt.date.min)
            index = ORDINALS[ordinal[1].lower()]
            return [ordered[min(index, len(ordered) - 1)]]
        return self._efforts_at(official, published)

    def _efforts_at(self, official: int, published: dt.date | None) -> list[EffortInfo]:
        """The target's efforts an article of that date can be about (the latest started)."""
        efforts = self.efforts_of.get(official, [])
        if published is None or len(efforts) <= 1:
            return efforts
        started = [e for e in efforts if e.started is None or e.started <= published]
        if not started:
            return []
        known = [e for e in started if e.started is not None]
        return [max(known, key=lambda e: e.started)] if known else started
