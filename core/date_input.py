"""Reading a partial date as an editor types it, in one text input.

``PartialDate.parse`` reads the strict text form of seed files (``late 2021-10~``). An editor
types what the article says: ``7 June 2022``, ``June 7, 2022``, ``Oct. 2021``, ``late October
2021``, ``2022``, or EDTF-style ``2021-10~`` (approximate). ``read_partial_date`` accepts all
of these and the display form (``late October 2021 (approx.)``), so what the admin shows can be
saved back unchanged.
"""

from __future__ import annotations

import datetime as dt
import re

from core.dates import PartialDate, Precision

EXAMPLES = "2022-06-07, 7 June 2022, June 2022, 2022, late October 2021 or 2021-10~ (approximate)"

_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in {
        dt.date(2000, number, 1).strftime("%B").lower(),
        dt.date(2000, number, 1).strftime("%b").lower(),
    }
}
_MONTHS["sept"] = 9
_PARTS = {
    "early": Precision.EARLY_MONTH,
    "beginning of": Precision.EARLY_MONTH,
    "mid": Precision.MID_MONTH,
    "middle of": Precision.MID_MONTH,
    "late": Precision.LATE_MONTH,
    "end of": Precision.LATE_MONTH,
}
# Marks of an inferred value: EDTF's ~ (approximate), ? (uncertain) and % (both), or words.
_APPROX_SUFFIX = re.compile(r"\s*(?:[~?%]|\(\s*approx(?:\.|imate|imately)?\s*\))\s*$")
_APPROX_PREFIX = re.compile(r"^(?:approx(?:\.|imately)?|about|around|circa|ca\.|c\.)\s+")
_PART_PREFIX = re.compile(r"^(beginning of|middle of|end of|early|mid|late)(?:\s+|-)")
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")


class UnreadableDate(ValueError):
    """The text is not a date this reader understands; the message says what to type."""


def read_partial_date(text: str) -> PartialDate:
    """The partial date ``text`` describes; ``UnreadableDate`` with a readable message if none."""
    raw = " ".join(str(text).split())
    rest = raw.lower()
    approximate = False
    while (match := _APPROX_SUFFIX.search(rest) or _APPROX_PREFIX.search(rest)) is not None:
        approximate, rest = True, (rest[: match.start()] + rest[match.end() :]).strip()
    part = None
    if match := _PART_PREFIX.match(rest):
        part, rest = _PARTS[match[1]], rest[match.end() :].strip()
    year, month, day = _read_ymd(rest, raw)
    if part is not None and (month is None or day is not None):
        raise UnreadableDate(
            f"“{raw}”: early, mid or late needs a month and a year and no day "
            "(e.g. late October 2021)"
        )
    if day is not None:
        precision = Precision.DAY
    elif month is not None:
        precision = part or Precision.MONTH
    else:
        precision = Precision.YEAR
    try:
        value = dt.date(year, month or 1, day or 1)
    except ValueError:
        raise UnreadableDate(f"“{raw}”: {_month_name(month)} {year} has no day {day}") from None
    return PartialDate(value=value, precision=precision, approximate=approximate)


def _read_ymd(rest: str, raw: str) -> tuple[int, int | None, int | None]:
    if match := _ISO.match(rest):
        year, month, day = (int(g) if g else None for g in match.groups())
        if month is not None and not 1 <= month <= 12:
            raise UnreadableDate(f"“{raw}”: there is no month {month}")
        return year, month, day
    words = [w for w in re.split(r"[\s,.]+", rest) if w and w != "of"]
    years = [w for w in words if re.fullmatch(r"\d{4}", w)]
    months = [_MONTHS[w] for w in words if w in _MONTHS]
    days = [int(m[1]) for w in words if (m := _DAY.match(w))]
    if (
        len(years) != 1
        or len(months) > 1
        or len(days) > 1
        or len(words) != 1 + len(months) + len(days)
    ):
        raise UnreadableDate(f"Could not read “{raw}” as a date: type {EXAMPLES}")
    if days and not months:
        raise UnreadableDate(f"“{raw}”: a day needs its month (e.g. 7 June 2022)")
    return int(years[0]), (months[0] if months else None), (days[0] if days else None)


def _month_name(month: int | None) -> str:
    return dt.date(2000, month or 1, 1).strftime("%B")
