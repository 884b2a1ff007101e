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

from recalls.dates import PartialDate, Precision
from recalls.models import EffortStatus

if TYPE_CHECKING:
    from articles.mentions import Found

# The first pattern that matches a sentence names the status it reports ("" for none).
SIGNALS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\bfail(?:ed|s)? to qualify\b", re.I), EffortStatus.FAILED_TO_QUALIFY),
    (re.compile(r"\b(?:survived|defeated|rejected) (?:a |the )?recall\b", re.I), EffortStatus.RETAINED),
    (re.compile(r"\brecalled\b|\b(?:ousted|removed)\b.*\brecall\b", re.I), EffortStatus.RECALLED),
    (re.compile(r"\bfull count\b", re.I), EffortStatus.FULL_COUNT),
    (re.compile(r"\b(?:qualified|qualifies|certified)\b", re.I), EffortStatus.QUALIFIED),
    (re.compile(r"\brecall (?:election|vote)\b", re.I), EffortStatus.ELECTION_SCHEDULED),
    (
        re.compile(r"\b(?:submitted|turned in|handed in|delivered)\b[^.]*\bsignatures\b"
                   r"|\bsignatures\b[^.]*\b(?:submitted|turned in|handed in|delivered)\b", re.I),
        EffortStatus.SUBMITTED,
    ),
    (re.compile(r"\bsignatures?\b|\bpetitions?\b", re.I), ""),
]  # fmt: skip
# Every signal above needs one of these words: sentences without any are not looked at.
# (The first letter as a class, "ſ" being an "s" to re.I, lets the search skip ahead.)
_SIGNAL_WORD = re.compile(
    r"[qrfcspQRFCSPſ](?<=\b[qrfcspQRFCSPſ])(?i:ualif|ecall|ull\s+count|ertified|ignature|etition)"
)
_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
_DATE_PHRASE = re.compile(
    rf"(?:\b(?P<part>early|mid|late)[\s-]+)?\b(?P<month>{_MONTHS})(?![\w])"
    r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?"
    r"|\b(?P<relative>(?:last|this|next|past) (?:week|month|year))\b"
    r"|\b(?P<day_word>yesterday|today)\b"
    r"|\b(?:on |last )?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?:in|since|by|during) (?P<year_only>(?:19|20)\d{2})\b"
    r"|\b(?P<iso>\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)
_PART = {"early": Precision.EARLY_MONTH, "mid": Precision.MID_MONTH, "late": Precision.LATE_MONTH}
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


def date_in(sentence: str, published: dt.date | None) -> tuple[PartialDate, str] | None:
    """The first date the sentence gives, absolute or relative to the article's date."""
    import dateparser

    for match in _DATE_PHRASE.finditer(sentence):
        phrase = match.group().strip()
        if match["month"] and (
            match["month"][:1].islower()
            or match["month"] == "May"
            and not (match["day"] or match["year"])
        ):
            continue  # "may" the verb; "May" alone is too often the verb at a sentence start
        if match["iso"] or match["year_only"] or (match["month"] and match["year"]):
            base, relative = None, False
        elif published is None:
            continue
        else:
            base, relative = published, True
        settings = {
            "PREFER_DATES_FROM": "past"
            if match["weekday"] or match["day_word"]
            else "current_period"
        }
        if base:
            settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time())
        text = (
            match["iso"]
            or match["year_only"]
            or match["relative"]
            or match["day_word"]
            or match["weekday"]
        )
        if match["month"]:
            text = " ".join(filter(None, [match["month"], match["day"], match["year"]]))
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
        if parsed is None:
            continue
        day = parsed.date()
        if match["weekday"] and base and day == base - dt.timedelta(days=7):
            day = base  # "on Wednesday" in an article of a Wednesday: that day
        if match["year_only"] or (match["relative"] or "").endswith("year"):
            precision = Precision.YEAR
        elif match["month"] and not match["day"]:
            precision = _PART.get((match["part"] or "").lower(), Precision.MONTH)
        elif (match["relative"] or "").endswith("month"):
            precision = Precision.MONTH
        else:
            precision = Precision.DAY
        date = PartialDate(day, precision, approximate=relative)
        note = ""
        if relative:
            note = f"“{phrase}” in an article dated {PartialDate(published).display()} → {date.display()}"
        return date, note
    return None


def find_facts(text: str, found: Found, published: dt.date | None) -> list[FactFound]:
    """Sentences with a date and a recall signal, each a fact an editor may accept."""
    facts, seen = [], set()
    only_effort = next(iter(found.efforts)) if len(found.efforts) == 1 else None
    for index in signal_sentences(text, found.sentences):
        start, end = found.sentences[index]
        sentence = " ".join(text[start:end].split())
        if len(sentence) > MAX_QUOTE or sentence in seen:
            continue
        status = recall_signal(sentence)
        if status is None:
            continue
        dated = date_in(sentence, published)
        if dated is None:
            continue
        seen.add(sentence)
        efforts = found.sentence_efforts.get(index, set())
        effort = next(iter(efforts)) if len(efforts) == 1 else (None if efforts else only_effort)
        facts.append(FactFound(sentence, dated[0], dated[1], status, effort))
    return facts


def signal_sentences(text: str, sentences: list[tuple[int, int]]) -> list[int]:
    """The indexes, in order, of the sentences with a signal word: one pass over the text
    instead of every signal pattern on every sentence."""
    starts = [start for start, _ in sentences]
    indexes = {bisect_right(starts, match.start()) - 1 for match in _SIGNAL_WORD.finditer(text)}
    return sorted(i for i in indexes if i >= 0)
