"""Dated recall facts: sentences that report a step of a recall and say when it happened.

``find_facts`` reads the sentences the matcher found (``articles.mentions.matcher.Found``); each
sentence with a recall signal and a date becomes a fact an editor may accept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from articles.fact_dates import dates_in, words_before
from articles.mentions.words import ORDINAL, ORDINALS
from articles.signal_words import signal_sentences
from core.dates import PartialDate
from core.patterns import AnyOf, Prefiltered
from recalls.models import EffortStatus

if TYPE_CHECKING:
    from articles.mentions.matcher import Found

_S = EffortStatus
# A court throwing out a suit against the recall keeps it going: not an outcome.
_NOT_A_SUIT = (
    r"(?!\s+(?:(?:a|an|the|his|her|their)\s+)?(?:\w+\s+)?(?:lawsuit|suit|challenge|claim"
    r"|motion|request|appeal|complaint)s?\b)"
)
# The first pattern that matches a clause names the status it reports ("" for none):
# outcomes before stages, later stages before earlier ones.
SIGNALS: list[tuple[re.Pattern, str]] = [
    (r"\bfail(?:ed|s|ing)? to (?:qualify|make the ballot|gather enough)|\bdid not qualify"
     r"|\bf[ae]ll(?:s)? short\b|\bdid not meet the required|\bnot enough valid signatures"
     r"|\breject(?:ed|s)? (?:a |the )?petition|\bhad not (?:collected|gathered|submitted|turned in)"
     r" enough\b"
     # An office rejecting an effort is a petition refused; voters rejecting it is an outcome.
     r"|\b(?:clerk|registrar|commission|secretary of state|elections? (?:office|officials|board"
     r"|department)|judge|court)\b(?:(?!voters)[^;]){0,60}\b(?:rejected|rejects|threw out|tossed)"
     r"\b" + _NOT_A_SUIT, _S.FAILED_TO_QUALIFY),
    (r"\bsurviv(?:ed|es|ing)\b|\b(?:defeated|rejected|turned back|beat back|beats back|beat)"
     r"\b" + _NOT_A_SUIT + r"[^.;]{0,40}\b(?:recall|effort)|\bkeeps? (?:his|her|their) (?:job|seat)"
     r"|\bvoted? (?:no|against)\b[^.;]{0,20}\brecall|\bwon the recall", _S.RETAINED),
    (r"(?<!be )(?<!been )\brecalled\b|\b(?:ousted|removed|voted out|oust)\b[^.;]{0,60}\b(?:recall|office|from)\b"
     r"|\b(?:removed|ousted)\b[^.;]{0,120}\bfrom (?:office|the (?:board|council))\b"
     r"|\bvoted (?:out|to remove)\b|\bvoters? oust", _S.RECALLED),
    (r"(?<!calls to )(?<!refused to )(?<!not )\bresign(?:ed|s)?\b|\bstepped down\b", _S.RESIGNED),
    (r"\babandon(?:ed|s|ing)?\b|\bdropped (?:the|its|their)\b|\b(?:effort|campaign|bid) "
     r"(?:was )?dropped\b|\bhalt(?:ed|s)?\b[^.;]{0,40}\b(?:drive|campaign|effort|petition)"
     r"|\b(?:ended|ends|end)\b[^.;]{0,20}\bwithout\b|\bstop(?:ped|s)? (?:collecting|gathering)"
     r"|\b(?:gave up|called off)\b|\b(?:ending|ended|ends|end|suspend(?:ed|ing|s)?)"
     r" (?:the|its|their|his|her) (?:\w+ )?(?:effort|campaign|bid|drive|petition)"
     r"|\bno longer (?:pursue|pursuing)\b",
     _S.ABANDONED),
    (r"\b(?:set|scheduled|hold|held)\b[^.;]{0,60}\b(?:election|vote)\b"
     r"|\bcalled (?:a |an |the )?(?:special |recall )*(?:election|vote) (?:for|on|in)\b"
     r"|\b(?:election|vote)\b[^.;]{0,30}\b(?:set|scheduled|held)\b|\bvoters will vote\b|\bwill decide\b"
     r"|\bdate of the (?:special )?election\b|\bfaces? (?:a )?(?:recall )?(?:voters|election)\b"
     r"|\b(?:goes|go|going|heads?|headed|heading) (?:to|before) (?:the )?voters\b"
     r"|\b(?:appear|be|placed|put) on the\b[^;]{0,30}\bballot\b",
     _S.ELECTION_SCHEDULED),
    (r"\bqualif(?:ied|ies|ying)\b|\bcertified\b[^.;]{0,40}\b(?:recall|petition|ballot|signatures)"
     r"|\benough (?:valid )?signatures to (?:make|qualify|force|trigger)", _S.QUALIFIED),
    (r"\bfull count\b|\b(?:check|count|verify|review)(?:ed|ing|s)?\b[^;]{0,12}\bevery (?:\S+ )?"
     r"signature|\bevery (?:\S+ )?signature\b[^;]{0,30}\b(?:checked|counted|verified)", _S.FULL_COUNT),
    (r"\bverif(?:y|ying|ied|ication)\b|\brandom sample\b|\b(?:checking|counting|reviewing) "
     r"(?:the )?(?:\S+ )?signatures", _S.VERIFICATION),
    (r"\b(?:submitted|submits|submit|turned in|turn in|turning in|handed in|delivered|deliver"
     r"|dropped off|filed)\b[^.;]{0,60}\bsignatures|\bsignatures\b[^.;]{0,30}\b(?:submitted"
     r"|turned in|handed in|delivered)\b|\b(?:turned in|submitted|delivered|handed in|dropped off)"
     r"\s+(?:more than |about |nearly |over |roughly |some )?\d[\d,.]*|\b(?:deliver|delivers"
     r"|delivered|submitted|turned in|dropped off)\b[^;]{0,30}\bpetitions\b", _S.SUBMITTED),
    (r"\bapprov(?:ed|es)\b[^.;]{0,60}\b(?:petition|circulation)|\bpetition\b[^.;]{0,60}"
     r"\b(?:approved|cleared)\b|\bcleared\b[^;]{0,40}\b(?:for|to) circulat|\blegally sufficient\b",
     _S.PETITION_APPROVED),
    (r"\b(?:gathers?|gathering|collects?|collecting|circulat(?:e|es|ing))\b[^.;]{0,40}\bsignatures"
     r"|\bhit the streets\b|\bbegan (?:gathering|collecting)\b", _S.CIRCULATING),
    (r"\bnotice of (?:intent|intention)\b|\bfiled (?:paperwork|papers)\b", _S.NOTICE_FILED),
    # A step of an impeachment, not the word: "called the impeachment a stunt" is none.
    (r"\bimpeach(?:ed|es)\b|\bvoted?\b[^.;]{0,40}\bto impeach\b|\barticles of impeachment\b",
     _S.UNDERWAY),
    (r"\bsignatures?\b|\bpetitions?\b", ""),
]  # fmt: skip
# Whether a sentence names any step at all (most do not): each pattern on its own, on the
# lowercased sentence, without IGNORECASE (a third of the time of one case-blind
# alternation, which was the import's costliest line), and only on a sentence holding one
# of the words it needs (half the time again), each word looked for once (AnyOf: a third
# less again). A pattern with capitals stays blind.
_ANY_STATUS = [
    Prefiltered(
        re.compile(p, re.IGNORECASE if any(c.isupper() for c in re.sub(r"\\.", "", p)) else 0)
    )
    for p, status in SIGNALS
    if status
]
_STEP_NAMED = AnyOf(_ANY_STATUS)
SIGNALS = [(re.compile(pattern, re.IGNORECASE), status) for pattern, status in SIGNALS]

# A sentence reports several steps when its clauses do: "The notice was served on March 3,
# and the clerk approved the petition on April 12."
_CLAUSE = re.compile(
    r";\s+|,\s+(?:and|but|then|while|so)\s+(?=\w)|\s+and then\s+|,?\s+(?=after (?:the|a|an|its)\b)"
    r"|,\s+(?=(?:\S+\s+){0,2}(?:after|when)\s)"
    # "had turned in its signatures last October and qualified in November"
    r"|\s+and\s+(?=(?:then\s+)?(?:qualified|submitted|filed|approved|certified|launched|served"
    r"|rejected|abandoned|failed|turned in)\b)"
)
# "the Nov. 5 ballot", "a May 2 recall election": the date of an election, not of the step.
_BALLOT_AFTER = re.compile(
    r"\s+(?:(?:recall|special|general|primary|runoff) )*(?:ballot|election)\b"
)
_EVENT_AFTER = re.compile(r"\s+(?:(?:impeachment|senate|court) )?(?:trial|hearing)\b")
_EARLIER = re.compile(r"(?:\S+\s+){0,2}after\s", re.IGNORECASE)
_SAME_DAY = re.compile(r"\b(?:earlier|later) (?:in the|that) day\b|\bthe same day\b", re.IGNORECASE)
_OUTCOMES = {_S.RECALLED, _S.RETAINED}
_AFTER_WHICH = re.compile(r"\b(?:after|because|since|now that)\b")
_UNDECIDED = re.compile(r"\b(?:whether|if|would|could|should|will|may|might)\b")
# "did not project enough valid signatures to qualify": a qualification that did not happen.
_STEPS = {_S.SUBMITTED, _S.PETITION_APPROVED, _S.CIRCULATING, _S.VERIFICATION, _S.NOTICE_FILED}
# A court finding that a step was taken ("ruled that the county had approved"); a ruling
# that is itself the step ("ruled the petition legally sufficient") says no "that".
_RULED = re.compile(r"\b(?:ruled|ruling)\b[^.;]{0,40}\bthat\b")
_NEGATED = re.compile(r"\b(?:not|no|never|without)\b|n't\b")
# A date after these words is a deadline, not the day a step was taken.
_DEADLINE = re.compile(r"\b(?:until|by|before|deadline of|due)\s*\Z")
_NOT_YET = re.compile(
    r"\b(?:will|would|could|should|must|may|might|expect(?:s|ed|ing)? to|has until|have until"
    r"|needs? to|plans? to|hop(?:es|ing) to|intends? to|aims? to|vow(?:s|ed)? to|whether|if"
    r"|deadline (?:to|for))\b"
)
MAX_QUOTE = 1000


@dataclass
class FactFound:
    quote: str
    date: PartialDate
    date_note: str
    status: str
    effort: int | None


def names_a_step(sentence: str) -> bool:
    return _STEP_NAMED.search(sentence.lower())


def recall_signal(sentence: str) -> str | None:
    """The status a sentence reports ("" when it speaks of a recall without one); None if neither."""
    sentence = _plain(sentence)
    for pattern, status in SIGNALS:
        if status in _OUTCOMES:
            # "to decide whether he is removed from office" is not an outcome; in "will keep
            # his seat after voters turned back a recall" the words after "after" happened.
            decided = (m for m in pattern.finditer(sentence) if not _undecided(sentence, m))
            match = next(decided, None)
        else:
            match = pattern.search(sentence)
        if match:
            before = words_before(sentence, match.start(), 60)
            if status == _S.QUALIFIED and _NEGATED.search(before):
                continue
            if status in _STEPS and _NEGATED.search(words_before(sentence, match.start(), 25)):
                return ""  # "never turned in its petitions": a step not taken
            if status in _STEPS and _RULED.search(before):
                return ""  # "a court ruled that the county had approved": a ruling, no step
            return status
    return None


def _undecided(sentence: str, match: re.Match) -> bool:
    before = words_before(sentence, match.start(), 60)
    return bool(_UNDECIDED.search(_AFTER_WHICH.split(before)[-1]))


def _plain(sentence: str) -> str:
    """The sentence with its inner periods blanked (same length): inside one sentence they
    are abbreviations ("the Feb. 27 election", "Gov. Newsom"), which must not stop a signal."""
    return sentence[:-1].replace(".", " ") + sentence[-1:] if "." in sentence else sentence


def date_in(
    sentence: str, published: dt.date | PartialDate | None
) -> tuple[PartialDate, str] | None:
    """The first date the sentence gives, absolute or relative to the article's date."""
    if isinstance(published, dt.date):
        published = PartialDate(published)
    found = dates_in(sentence, published)
    return (found[0].date, found[0].note) if found else None


def find_facts(
    text: str, found: Found, published: dt.date | PartialDate | None, body_start: int = 0
) -> list[FactFound]:
    """Clauses with a recall status and a date, each a fact an editor may accept; a clause
    without a date of its own takes the sentence's. Relative dates count from the date of
    the original story when a repost gives it."""
    if isinstance(published, dt.date):
        published = PartialDate(published)
    published = original_date(text) or published
    facts, seen = [], set()
    only_effort = article_effort(text, found, body_start)
    article_wide = not lead_unknown(text, found, body_start)
    for index in signal_sentences(text, found.sentences):
        start, end = found.sentences[index]
        sentence = " ".join(text[start:end].split())
        if len(sentence) > MAX_QUOTE or start < body_start:  # a headline dates no step
            continue
        efforts = found.sentence_efforts.get(index, set())
        effort = next(iter(efforts)) if len(efforts) == 1 else (None if efforts else only_effort)
        if not names_a_step(_plain(sentence)):
            continue  # no step named: no need to read its dates
        for status, date, note, clause in _clause_facts(sentence, published):
            if not status or (sentence, status, date) in seen:
                continue
            seen.add((sentence, status, date))
            chosen = (
                _effort_by_date(found, index, date, sentence, article_wide=article_wide)
                or (_clause_effort(found, index, efforts, clause) if len(efforts) > 1 else None)
                or effort
            )
            if chosen is not None and chosen not in found.efforts:
                found.add_effort(chosen, sentence[:300])  # the effort a fact is about is linked
            facts.append(FactFound(sentence, date, note, status, chosen))
    return facts


LEAD = 2  # sentences of the body that make its lead
_RECALL_WORD = re.compile(r"\brecall|\boust|\bremov", re.IGNORECASE)


def article_effort(text: str, found: Found, body_start: int = 0) -> int | None:
    """The effort a sentence naming none is about: the one the story's lead links (a wire
    story's first sentences), else the article's only effort; none when the lead is about
    a recall the site does not know (see ``lead_unknown``)."""
    body = _lead(found, body_start)
    for index in body:
        efforts = found.sentence_efforts.get(index, set())
        if len(efforts) == 1:
            return next(iter(efforts))
    if lead_unknown(text, found, body_start):
        return None
    return next(iter(found.efforts)) if len(found.efforts) == 1 else None


def lead_unknown(text: str, found: Found, body_start: int = 0) -> bool:
    """Whether the lead speaks of a recall of an official the site knows no effort against
    ("the campaign to recall Sheriff Alex Villanueva"), with a known effort mentioned in
    passing further down: then a sentence naming no one is not about that one."""
    body = _lead(found, body_start)
    if any(found.sentence_efforts.get(index) for index in body):
        return False
    return any(
        found.sentence_officials.get(index) and _RECALL_WORD.search(text, *found.sentences[index])
        for index in body
    )


def _lead(found: Found, body_start: int) -> list[int]:
    return [i for i, (start, _) in enumerate(found.sentences) if start >= body_start][:LEAD]


def _clause_effort(found: Found, index: int, efforts: set[int], clause: str) -> int | None:
    """Of the efforts a sentence links, the one its clause names: "Boudin was recalled in
    June 2022, months after voters removed three members of the Board of Education"."""
    named = found.sentence_officials.get(index, set())
    official_forms = [form for pk in named for form in found.officials.get(pk, [])]
    in_clause = set()
    for pk in efforts:
        forms = [form for form in found.efforts.get(pk, []) if len(form) < 60]
        if pk in found.candidates.get(index, set()):
            forms += official_forms
        if any(form in clause for form in forms):
            in_clause.add(pk)
    return next(iter(in_clause)) if len(in_clause) == 1 else None


def _effort_by_date(
    found: Found, index: int, date: PartialDate, sentence: str, *, article_wide: bool = True
) -> int | None:
    """Of several efforts against the officials a sentence names (or, in a sentence naming
    none, of the article's), the one started last before the step's date; None to keep
    the effort the sentence links (one it names by order, "the second campaign")."""
    if (found.sentence_officials.get(index) or not article_wide) and not found.candidates.get(
        index
    ):
        return None  # it names only officials with no effort of this kind
    if ordinal := ORDINAL.search(sentence):
        linked = found.sentence_efforts.get(index)
        pool = set().union(*found.candidates.values()) if not linked else set()
        if len(pool) > 1:  # "The first campaign ended in September": by their order
            ordered = sorted(pool, key=lambda pk: found.starts.get(pk) or dt.date.min)
            return ordered[min(ORDINALS[ordinal[1].lower()], len(ordered) - 1)]
        return None
    candidates = found.candidates.get(index) or set().union(*found.candidates.values())
    if len(candidates) < 2:
        return None
    started = [(found.starts.get(pk) or dt.date.min, pk) for pk in candidates]
    started = [(start, pk) for start, pk in started if start <= date.last_day]
    if not started:
        return None
    latest = max(start for start, _ in started)
    chosen = [pk for start, pk in started if start == latest]
    return chosen[0] if len(chosen) == 1 else None


def _clause_facts(sentence: str, published: PartialDate | None):
    """(status, date, note) for each clause that reports a status; a clause without a date
    of its own takes one from a clause that reports none."""
    clauses, offset = [], 0
    for clause in _CLAUSE.split(sentence):
        offset = sentence.find(clause, offset)
        status = recall_signal(clause)
        if status and status not in (_S.ELECTION_SCHEDULED, _S.FULL_COUNT, _S.ABANDONED):
            match = _signal_match(status, clause)
            before = words_before(clause, match.start(), 40) if match else ""
            if status in _OUTCOMES:
                before = _AFTER_WHICH.split(before)[-1]  # "will keep it after voters rejected"
            if match and _NOT_YET.search(before):
                status = ""  # a deadline or a plan ("must verify by") is not a step taken
        clauses.append((clause, offset, status))
        offset += len(clause)
    taken = [(o, o + len(c)) for c, o, status in clauses if status]
    if not taken:
        return
    sentence_dates = dates_in(sentence, published)
    ballots = [d for d in sentence_dates if _BALLOT_AFTER.match(sentence, d.end)]
    # "scheduled a March trial": the date of the event set, not of the step
    events = [d for d in sentence_dates if _EVENT_AFTER.match(sentence, d.end)]
    statuses = {status for _, _, status in clauses}
    if ballots and not statuses & {_S.ELECTION_SCHEDULED, *_OUTCOMES}:
        yield _S.ELECTION_SCHEDULED, ballots[0].date, ballots[0].note, sentence
    for clause, offset, status in clauses:
        if not status:
            continue
        usable = sentence_dates
        if status in _OUTCOMES and ballots:
            # "ousted by voters in the Feb. 27 recall election": the outcome is the election's
            yield status, ballots[0].date, ballots[0].note, clause
            continue
        if status != _S.ELECTION_SCHEDULED:
            usable = [
                d
                for d in sentence_dates
                if not _DEADLINE.search(sentence[: d.start]) and d not in ballots + events
            ]
        own = [d for d in usable if offset <= d.start < offset + len(clause)]
        free = [d for d in usable if not any(a <= d.start < b for a, b in taken)]
        chosen = _pick(status, clause, own, offset) if own else None
        # "..., after the House impeached him": an earlier step, not on the sentence's date
        if chosen is None and free and (not _EARLIER.match(clause) or _SAME_DAY.search(clause)):
            chosen = _pick(status, sentence, free, 0)
        if chosen is not None:
            yield status, chosen.date, chosen.note, clause


def _signal_match(status: str, text: str) -> re.Match | None:
    text = _plain(text)
    for pattern, signal in SIGNALS:
        if signal == status:
            for match in pattern.finditer(text):
                if status not in _OUTCOMES or not _undecided(text, match):
                    return match
    return None


def _pick(status: str, text: str, dates, offset: int):
    """The date of the step: for a scheduled election the date after the signal (the
    election's, not the day it was set), else the date nearest the signal."""
    match = _signal_match(status, text)
    where = offset + (match.start() if match else 0)
    if status == EffortStatus.ELECTION_SCHEDULED:
        after = [d for d in dates if d.start >= where]
        if after:
            return after[0]
    return min(dates, key=lambda d: abs(d.start - where))


_ORIGINAL = re.compile(
    r"(?:first|originally) (?:published|ran|appeared)(?: on| in)?|ran in (?:our|the) [\w ]{0,30}? "
    r"(?:of|on)|(?:published|written) (?:on|in) (?=[A-Z])",
    re.IGNORECASE,
)


def original_date(text: str) -> PartialDate | None:
    """The date of the original story, when a repost says it ("This article was first
    published on June 8, 2022"): its relative dates count from that day."""
    head = text[:3000]
    if "ublished" not in head and "ran in" not in head and "ppeared" not in head:
        return None
    for match in _ORIGINAL.finditer(head):
        dates = dates_in(text[match.end() : match.end() + 40], None)
        if dates and dates[0].start <= 2 and not dates[0].date.approximate:
            return dates[0].date
    return None
