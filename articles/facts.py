"""Dated recall facts: sentences that report a step of a recall and say when it happened.

``find_facts`` reads the sentences the matcher found (``articles.mentions.Found``); each
sentence with a recall signal and a date becomes a fact an editor may accept.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from articles.fact_dates import dates_in
from recalls.dates import PartialDate
from recalls.models import EffortStatus

if TYPE_CHECKING:
    from articles.mentions import Found

_S = EffortStatus
# The first pattern that matches a clause names the status it reports ("" for none):
# outcomes before stages, later stages before earlier ones.
SIGNALS: list[tuple[re.Pattern, str]] = [
    (r"\bfail(?:ed|s|ing)? to (?:qualify|make the ballot|gather enough)|\bdid not qualify"
     r"|\bf[ae]ll(?:s)? short\b|\bdid not meet the required|\bnot enough valid signatures"
     r"|\breject(?:ed|s)? (?:a |the )?petition", _S.FAILED_TO_QUALIFY),
    (r"\bsurviv(?:ed|es|ing)\b|\b(?:defeated|rejected|turned back|beat back|beats back|beat)"
     r"\b[^.;]{0,40}\b(?:recall|effort)|\bkeeps? (?:his|her|their) (?:job|seat)"
     r"|\bvoted? (?:no|against)\b[^.;]{0,20}\brecall|\bwon the recall", _S.RETAINED),
    (r"\brecalled\b|\b(?:ousted|removed|voted out|oust)\b[^.;]{0,60}\b(?:recall|office|from)\b"
     r"|\bvoted (?:out|to remove)\b|\bvoters? oust", _S.RECALLED),
    (r"(?<!calls to )(?<!refused to )(?<!not )\bresign(?:ed|s)?\b|\bstepped down\b", _S.RESIGNED),
    (r"\babandon(?:ed|s|ing)?\b|\bdropped (?:the|its|their)\b|\b(?:effort|campaign|bid) "
     r"(?:was )?dropped\b|\bhalt(?:ed|s)?\b[^.;]{0,40}\b(?:drive|campaign|effort|petition)"
     r"|\b(?:ended|ends|end)\b[^.;]{0,20}\bwithout\b|\bstop(?:ped|s)? (?:collecting|gathering)"
     r"|\b(?:gave up|called off)\b|\b(?:first|earlier) (?:one|campaign|effort) collapsed",
     _S.ABANDONED),
    (r"\b(?:set|scheduled|called|hold)\b[^.;]{0,60}\b(?:election|vote)\b"
     r"|\b(?:election|vote)\b[^.;]{0,30}\b(?:set|scheduled)\b|\bwill (?:decide|vote)\b"
     r"|\bdate of the (?:special )?election\b|\bfaces? (?:a )?(?:recall )?(?:voters|election)\b",
     _S.ELECTION_SCHEDULED),
    (r"\bqualif(?:ied|ies|ying)\b|\bcertified\b[^.;]{0,40}\b(?:recall|petition|ballot|signatures)"
     r"|\benough (?:valid )?signatures to (?:make|qualify|force|trigger)", _S.QUALIFIED),
    (r"\bfull count\b", _S.FULL_COUNT),
    (r"\bverif(?:y|ying|ied|ication)\b|\brandom sample\b|\b(?:checking|counting|reviewing) "
     r"(?:the )?(?:\S+ )?signatures", _S.VERIFICATION),
    (r"\b(?:submitted|submits|submit|turned in|turn in|turning in|handed in|delivered|deliver"
     r"|dropped off|filed)\b[^.;]{0,60}\bsignatures|\bsignatures\b[^.;]{0,30}\b(?:submitted"
     r"|turned in|handed in|delivered)\b", _S.SUBMITTED),
    (r"\bapprov(?:ed|es)\b[^.;]{0,60}\b(?:petition|circulation)|\bpetition\b[^.;]{0,60}"
     r"\b(?:approved|cleared)\b|\bcleared (?:for|to) circulat|\blegally sufficient\b",
     _S.PETITION_APPROVED),
    (r"\b(?:gather|gathering|collect|collecting|circulat(?:e|ing))\b[^.;]{0,40}\bsignatures"
     r"|\bhit the streets\b|\bbegan (?:gathering|collecting)\b", _S.CIRCULATING),
    (r"\bnotice of (?:intent|intention)\b|\bfiled (?:paperwork|papers)\b", _S.NOTICE_FILED),
    (r"\bimpeach(?:ed|ment|es)?\b|\bvoted to impeach\b", _S.UNDERWAY),
    (r"\bsignatures?\b|\bpetitions?\b", ""),
]  # fmt: skip
SIGNALS = [(re.compile(pattern, re.IGNORECASE), status) for pattern, status in SIGNALS]
# Every signal above needs one of these words: sentences without any are not looked at.
_SIGNAL_WORD = re.compile(
    r"\b(?i:qualif|recall|full\s+count|certified|signature|petition|impeach|resign|oust|remov"
    r"|surviv|abandon|notice of|vot|elect|halt|stepped down)"
)
# A sentence reports several steps when its clauses do: "The notice was served on March 3,
# and the clerk approved the petition on April 12."
_CLAUSE = re.compile(r";\s+|,\s+(?:and|but|then|while)\s+(?=\w)|\s+and then\s+")
MAX_QUOTE = 1000


@dataclass
class FactFound:
    quote: str
    date: PartialDate
    date_note: str
    status: str
    effort: int | None


def recall_signal(sentence: str) -> str | None:
    """The status a sentence reports ("" when it speaks of a recall without one); None if neither."""
    for pattern, status in SIGNALS:
        if pattern.search(sentence):
            return status
    return None


def date_in(
    sentence: str, published: dt.date | PartialDate | None
) -> tuple[PartialDate, str] | None:
    """The first date the sentence gives, absolute or relative to the article's date."""
    if isinstance(published, dt.date):
        published = PartialDate(published)
    found = dates_in(sentence, published)
    return (found[0].date, found[0].note) if found else None


def find_facts(text: str, found: Found, published: dt.date | PartialDate | None) -> list[FactFound]:
    """Clauses with a recall status and a date, each a fact an editor may accept; a clause
    without a date of its own takes the sentence's. Relative dates count from the date of
    the original story when a repost gives it."""
    if isinstance(published, dt.date):
        published = PartialDate(published)
    published = original_date(text) or published
    facts, seen = [], set()
    only_effort = next(iter(found.efforts)) if len(found.efforts) == 1 else None
    for index in signal_sentences(text, found.sentences):
        start, end = found.sentences[index]
        sentence = " ".join(text[start:end].split())
        if len(sentence) > MAX_QUOTE:
            continue
        efforts = found.sentence_efforts.get(index, set())
        effort = next(iter(efforts)) if len(efforts) == 1 else (None if efforts else only_effort)
        sentence_dates = dates_in(sentence, published)
        for status, date, note in _clause_facts(sentence, sentence_dates, published):
            if not status or (sentence, status, date) in seen:
                continue
            seen.add((sentence, status, date))
            facts.append(FactFound(sentence, date, note, status, effort))
    return facts


def _clause_facts(sentence: str, sentence_dates, published):
    """(status, date, note) for each clause that reports a status."""
    offset = 0
    for clause in _CLAUSE.split(sentence):
        offset = sentence.find(clause, offset)
        status = recall_signal(clause)
        if status:
            own = [d for d in sentence_dates if offset <= d.start < offset + len(clause)]
            chosen = _pick(status, clause, own, offset) if own else None
            if chosen is None and sentence_dates:
                chosen = _pick(status, sentence, sentence_dates, 0)
            if chosen is not None:
                yield status, chosen.date, chosen.note
        offset += len(clause)


def _pick(status: str, text: str, dates, offset: int):
    """The date of the step: for a scheduled election the date after the signal (the
    election's, not the day it was set), else the date nearest the signal."""
    match = next((p.search(text) for p, s in SIGNALS if s == status and p.search(text)), None)
    where = offset + (match.start() if match else 0)
    if status == EffortStatus.ELECTION_SCHEDULED:
        after = [d for d in dates if d.start >= where]
        if after:
            return after[-1]
    return min(dates, key=lambda d: abs(d.start - where))


_ORIGINAL = re.compile(
    r"(?:first|originally) (?:published|ran|appeared)(?: on| in)?|ran in (?:our|the) [\w ]{0,30}? "
    r"(?:of|on)|(?:published|written) (?:on|in) (?=[A-Z])",
    re.IGNORECASE,
)


def original_date(text: str) -> PartialDate | None:
    """The date of the original story, when a repost says it ("This article was first
    published on June 8, 2022"): its relative dates count from that day."""
    for match in _ORIGINAL.finditer(text[:3000]):
        dates = dates_in(text[match.end() : match.end() + 40], None)
        if dates and dates[0].start <= 2 and not dates[0].date.approximate:
            return dates[0].date
    return None


def signal_sentences(text: str, sentences: list[tuple[int, int]]) -> list[int]:
    """The indexes, in order, of the sentences with a signal word: one pass over the text
    instead of every signal pattern on every sentence."""
    starts = [start for start, _ in sentences]
    indexes = {bisect_right(starts, match.start()) - 1 for match in _SIGNAL_WORD.finditer(text)}
    return sorted(i for i in indexes if i >= 0)
