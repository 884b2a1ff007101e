"""Dates in a sentence, as precise as the text and never more (issue #15 item 2).

An absolute date ("June 7, 2022", "September 2021", "in 2019") is what it says. A
relative one ("on Tuesday", "last month", "next June", "earlier this year", "Feb. 15"
without a year) is worked out from the article's date, only as far as that date's
precision allows: "on Monday" in an article dated to a month is that month. Such a date
is approximate, and the note says how it was read. The tense of the sentence decides
whether a weekday or a month without a year is the one before or after the article.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from core.dates import PartialDate, Precision

_MONTH_NAMES = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES |= {name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTH_NAMES["sept"] = 9
_WEEKDAYS = {name.casefold(): number for number, name in enumerate(calendar.day_name)}
_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.|Apr\.|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
)
_WEEKDAY = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
DATE_PHRASE = re.compile(
    rf"(?:\b(?:{_WEEKDAY}),?\s+)?(?:\b(?P<part>early|mid|late)[\s-]+)?"
    rf"(?:\b(?P<which>last|next|this)\s+)?\b(?P<month>{_MONTHS})(?![\w])"
    r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?"
    r"|\b(?P<relative>(?:last|this|next|past) (?:week|month|year)|earlier (?:this|in the) (?:year|month|week)"
    r"|(?:(?P<ago>one|two|three|four|five|\d) years? ago)"
    r"|(?:(?P<months>a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2}) "
    r"months? (?:ago|after)))\b"
    r"|\b(?P<day_word>yesterday|today)\b"
    rf"|\b(?:on |last |this |next )?(?P<weekday>{_WEEKDAY})\b"
    r"|\b(?:in|by|during|of) (?P<year_only>(?:19|20)\d{2})\b"
    r"|\b(?P<iso>\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|would|could|is set|are set|is scheduled|are scheduled|set for|scheduled for|"
    r"upcoming|due|expected|must|has until|have until|plans? to|until)\b"
)
# Past tense: auxiliaries, and the verbs that report a step or what someone said.
_PAST = re.compile(
    r"\b(?:had|was|were|did|ago|last|said|says|announced|told|reported|confirmed|qualified"
    r"|submitted|filed|approved|certified|began|started|launched|served|recalled|removed|ousted"
    r"|rejected|dropped|ended|abandoned|failed|gathered|collected|turned in|turned back|beat back"
    r"|defeated|survived|voted)\b"
)
# "on June 5 of that year": the year the sentence named before.
# A date that names an event ("the Nov. 5 ballot", "a January trial") takes its tense from
# the auxiliaries alone: "has qualified for the Nov. 5 ballot" is ahead.
_EVENT_AFTER = re.compile(
    r"\s+(?:(?:recall|special|general|primary|runoff) )*(?:ballot|election|trial|hearing)\b"
)
_AUXILIARY_PAST = re.compile(r"\b(?:had|was|were|did|ago|last)\b")
_THAT_YEAR = re.compile(r"\s+of that year\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_PART = {"early": Precision.EARLY_MONTH, "mid": Precision.MID_MONTH, "late": Precision.LATE_MONTH}
_NUMBERS = {
    word: number
    for number, word in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"],
        start=1,
    )
}


@dataclass
class DateFound:
    date: PartialDate
    note: str
    start: int
    end: int


def dates_in(sentence: str, published: PartialDate | None) -> list[DateFound]:
    """Every date the sentence gives that can be worked out, in order."""
    found = []
    for match in DATE_PHRASE.finditer(sentence):
        # The tense of the words just before the date: "will decide on Tuesday".
        before = words_before(sentence, match.start(), 60)
        future = bool(_FUTURE.search(before)) or (
            bool(match["month"]) and bool(_FUTURE.search(sentence))
        )
        window = words_before(sentence, match.start(), 80)
        tense = _AUXILIARY_PAST if _EVENT_AFTER.match(sentence, match.end()) else _PAST
        pasts = [m.end() for m in tense.finditer(window)]
        past = bool(pasts)
        if future and past:  # the nearer word decides: "will check every one, it said Tuesday"
            future = max((m.end() for m in _FUTURE.finditer(window)), default=-1) > pasts[-1]
            past = not future
        if match["month"] and match["day"] and not match["year"]:
            years = _YEAR.findall(sentence, 0, match.start())
            if years and _THAT_YEAR.match(sentence, match.end()):
                day = _month_date(match, PartialDate(dt.date(int(years[-1]), 1, 1)), False, False)
                if day is not None:
                    found.append(DateFound(PartialDate(day.value), "", match.start(), match.end()))
                    continue
        month = match["month"]
        if month and (
            month[:1].islower() or month == "May" and not (match["day"] or match["year"])
        ):
            continue  # "may" the verb; "May" alone is too often the verb at a sentence start
        if month == "Mar." and not match["day"]:
            continue
        date = _resolve(match, published, future, past)
        if date is None:
            continue
        note = ""
        if date.approximate and published is not None:
            note = (
                f"“{match.group().strip()}” in an article dated {published.display()}"
                f" → {date.display()}"
            )
        found.append(DateFound(date, note, match.start(), match.end()))
    return found


def words_before(text: str, index: int, width: int) -> str:
    """The whole words in the ``width`` characters before ``index`` ("Calif." has no "if")."""
    start = max(0, index - width)
    window = text[start:index]
    if start > 0 and text[start - 1].isalnum():
        window = window.split(" ", 1)[-1] if " " in window else ""
    return window


def _resolve(
    match: re.Match, published: PartialDate | None, future: bool, past: bool
) -> PartialDate | None:
    if match["iso"]:
        try:
            return PartialDate(dt.date.fromisoformat(match["iso"]))
        except ValueError:
            return None
    if match["year_only"]:
        return PartialDate(dt.date(int(match["year_only"]), 1, 1), Precision.YEAR)
    if match["month"]:
        return _month_date(match, published, future, past)
    if published is None:
        return None
    base, precision = published.value, published.precision
    if match["day_word"]:
        day = base - dt.timedelta(days=1 if match["day_word"].lower() == "yesterday" else 0)
        return _at_most(day, Precision.DAY, precision)
    if match["weekday"]:
        return _weekday(match, base, precision, future)
    relative = match["relative"].lower()
    if match["months"]:
        word = match["months"].lower()
        count = 1 if word == "a" else _NUMBERS.get(word) or int(word)
        month_index = base.year * 12 + base.month - 1 - count
        day = dt.date(month_index // 12, month_index % 12 + 1, 1)
        return _at_most(day, Precision.MONTH, precision)
    if match["ago"]:
        years = _NUMBERS.get(match["ago"].lower()) or int(match["ago"])
        return PartialDate(dt.date(base.year - years, 1, 1), Precision.YEAR, approximate=True)
    if relative.endswith("year"):
        shift = {"last": -1, "past": -1, "next": 1}.get(relative.split()[0], 0)
        return PartialDate(dt.date(base.year + shift, 1, 1), Precision.YEAR, approximate=True)
    if relative.endswith("month"):
        shift = {"last": -1, "past": -1, "next": 1}.get(relative.split()[0], 0)
        month_index = base.year * 12 + base.month - 1 + shift
        day = dt.date(month_index // 12, month_index % 12 + 1, 1)
        return _at_most(day, Precision.MONTH, precision)
    if relative.startswith("earlier") and relative.endswith("week"):
        return _at_most(base, Precision.MONTH, precision)
    if relative.endswith("week") and relative.split()[0] in ("last", "past"):
        return _at_most(base - dt.timedelta(days=7), Precision.MONTH, precision)
    return None


def _at_most(day: dt.date, wanted: int, available: int) -> PartialDate:
    """A relative date no more precise than the article's date it is worked out from."""
    precision = min(wanted, available)
    if precision == Precision.YEAR:
        day = day.replace(month=1, day=1)
    elif precision < Precision.DAY:
        precision = min(precision, Precision.MONTH)
        day = day.replace(day=1)
    return PartialDate(day, precision, approximate=True)


def _weekday(match, base: dt.date, precision: int, future: bool) -> PartialDate:
    wanted = _WEEKDAYS[match["weekday"].lower()]
    before = match.group().lower().split()[0]
    if precision < Precision.DAY:
        return _at_most(base, Precision.DAY, precision)  # "on Monday" in "August 2022"
    if before == "next" or (future and before != "last"):
        day = base + dt.timedelta(days=(wanted - base.weekday()) % 7)
    else:
        day = base - dt.timedelta(days=(base.weekday() - wanted) % 7)
    return PartialDate(day, Precision.DAY, approximate=True)


def _month_date(match, published: PartialDate | None, future: bool, past: bool):
    month = _MONTH_NAMES[match["month"].rstrip(".").casefold()]
    day = int(match["day"]) if match["day"] else 1
    if match["day"]:
        precision = Precision.DAY
    else:
        precision = _PART.get((match["part"] or "").lower(), Precision.MONTH)
    if match["year"]:
        year, approximate = int(match["year"]), False
    elif published is None or published.precision == Precision.YEAR:
        return None
    else:
        base = published.value
        year, approximate = base.year, True
        which = (match["which"] or "").lower()
        if which == "next":
            year += month <= base.month
        elif which == "last":
            year -= month >= base.month
        else:
            # The nearest such day, unless the tense says which side of the article it is.
            here = dt.date(base.year, month, min(day, 28))
            if future and here < base - dt.timedelta(days=3):
                year += 1
            elif (
                past
                and here > base + dt.timedelta(days=3)
                or not future
                and not past
                and (here - base).days > 183
            ):
                year -= 1
            elif not future and not past and (base - here).days > 183:
                year += 1
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return PartialDate(value, precision, approximate=approximate)
