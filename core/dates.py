"""Partial dates: a date known to the day, the month, part of a month or only the year.

Documents are often vague ("last month", "by late October", "in 2019"). A partial date
keeps what is known and no more. In the database it is three columns:

    <name>_on           the first day of the period (used for sorting and filtering)
    <name>_precision    how much of that date is known (``Precision``)
    <name>_approximate  True when the value was inferred rather than stated

``PartialDateAttr`` joins the three into one ``PartialDate`` value on a model instance.
The text form used in seed files and forms is ISO-like: ``2022``, ``2022-06``,
``2022-06-07``, ``late 2021-10`` (also ``early``/``mid``), with a trailing ``~`` for
approximate (as in ISO 8601-2 / EDTF).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.db import models
from django.db.models import Q


class Precision(models.IntegerChoices):
    """How much of a date is known, from the coarsest to the finest.

    Integers so that ordering by (``<name>_on``, ``<name>_precision``) puts "2022"
    before "January 2022" before "1 January 2022".
    """

    YEAR = 1, "year"
    MONTH = 2, "month"
    EARLY_MONTH = 3, "early in the month"
    MID_MONTH = 4, "mid-month"
    LATE_MONTH = 5, "late in the month"
    DAY = 6, "day"


_PART_START_DAY = {
    Precision.EARLY_MONTH: 1,
    Precision.MID_MONTH: 11,
    Precision.LATE_MONTH: 21,
}
_PART_WORD = {
    Precision.EARLY_MONTH: "early",
    Precision.MID_MONTH: "mid-",
    Precision.LATE_MONTH: "late",
}
_WORD_PART = {
    "early": Precision.EARLY_MONTH,
    "mid": Precision.MID_MONTH,
    "late": Precision.LATE_MONTH,
}
_TEXT_RE = re.compile(
    r"^\s*(?:(?P<part>early|mid|late)\s+)?(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?"
    r"\s*(?P<approx>~)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PartialDate:
    """A date with its precision and whether it is approximate."""

    value: dt.date
    precision: str = Precision.DAY
    approximate: bool = False

    def __post_init__(self):
        precision = Precision(self.precision)
        # Normalise to the first day of the period so equal values compare equal.
        if precision == Precision.YEAR:
            normal = self.value.replace(month=1, day=1)
        elif precision == Precision.MONTH:
            normal = self.value.replace(day=1)
        elif precision in _PART_START_DAY:
            normal = self.value.replace(day=_PART_START_DAY[precision])
        else:
            normal = self.value
        object.__setattr__(self, "value", normal)
        object.__setattr__(self, "precision", precision)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read the text form (``2022-06``, ``late 2021-10~``); ValueError if malformed."""
        match = _TEXT_RE.match(str(text))
        if not match:
            raise ValueError(
                f"{text!r} is not a partial date (expected YYYY, YYYY-MM, YYYY-MM-DD or "
                "'early|mid|late YYYY-MM', with an optional trailing ~ for approximate)"
            )
        year, month, day = match["year"], match["month"], match["day"]
        approximate = bool(match["approx"])
        if match["part"]:
            if not month or day:
                raise ValueError(f"{text!r}: early/mid/late needs a year and a month, no day")
            precision = _WORD_PART[match["part"].lower()]
            value = dt.date(int(year), int(month), _PART_START_DAY[precision])
        elif day:
            precision, value = Precision.DAY, dt.date(int(year), int(month), int(day))
        elif month:
            precision, value = Precision.MONTH, dt.date(int(year), int(month), 1)
        else:
            precision, value = Precision.YEAR, dt.date(int(year), 1, 1)
        return cls(value=value, precision=precision, approximate=approximate)

    def sort_key(self) -> tuple[dt.date, int]:
        return (self.value, int(self.precision))

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    @property
    def last_day(self) -> dt.date:
        """The last day the period could be (a deadline "by late October" ends on the 31st)."""
        year, month = self.value.year, self.value.month
        if self.precision == Precision.YEAR:
            return dt.date(year, 12, 31)
        if self.precision == Precision.DAY:
            return self.value
        month_end = dt.date(year, month, calendar.monthrange(year, month)[1])
        if self.precision == Precision.EARLY_MONTH:
            return dt.date(year, month, 10)
        if self.precision == Precision.MID_MONTH:
            return dt.date(year, month, 20)
        return month_end

    def isoformat(self) -> str:
        """The text form that ``parse`` reads back."""
        if self.precision == Precision.YEAR:
            text = f"{self.value:%Y}"
        elif self.precision == Precision.DAY:
            text = self.value.isoformat()
        elif self.precision == Precision.MONTH:
            text = f"{self.value:%Y-%m}"
        else:
            text = f"{_PART_WORD[self.precision].rstrip('-')} {self.value:%Y-%m}"
        return text + ("~" if self.approximate else "")

    def display(self) -> str:
        """Human form: "7 June 2022", "June 2022", "late October 2021 (approx.)", "2019"."""
        month = self.value.strftime("%B")
        if self.precision == Precision.YEAR:
            text = str(self.value.year)
        elif self.precision == Precision.MONTH:
            text = f"{month} {self.value.year}"
        elif self.precision == Precision.DAY:
            text = f"{self.value.day} {month} {self.value.year}"
        else:
            word = _PART_WORD[self.precision]
            text = (
                f"{word}{month} {self.value.year}"
                if word.endswith("-")
                else f"{word} {month} {self.value.year}"
            )
        return f"{text} (approx.)" if self.approximate else text

    def __str__(self) -> str:
        return self.display()


class PartialDateAttr:
    """Descriptor joining ``<name>_on``, ``<name>_precision``, ``<name>_approximate``.

    Reading gives a ``PartialDate`` or None; assigning a ``PartialDate``, its text form
    or None sets all three columns.
    """

    def __set_name__(self, owner, name):
        self.name = name
        self.date_field = f"{name}_on"
        self.precision_field = f"{name}_precision"
        self.approximate_field = f"{name}_approximate"

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = getattr(instance, self.date_field)
        if value is None:
            return None
        return PartialDate(
            value=value,
            precision=getattr(instance, self.precision_field) or Precision.DAY,
            approximate=getattr(instance, self.approximate_field),
        )

    def __set__(self, instance, value):
        if isinstance(value, str):
            value = PartialDate.parse(value) if value.strip() else None
        if value is None:
            setattr(instance, self.date_field, None)
            setattr(instance, self.precision_field, None)
            setattr(instance, self.approximate_field, False)
            return
        setattr(instance, self.date_field, value.value)
        setattr(instance, self.precision_field, value.precision)
        setattr(instance, self.approximate_field, value.approximate)


def partial_date_names(model) -> list[str]:
    """The model's partial dates (``started``, ``deadline``…), in the order of their columns."""
    return [
        field.name.removesuffix("_on")
        for field in model._meta.concrete_fields
        if field.name.endswith("_on")
        and isinstance(getattr(model, field.name.removesuffix("_on"), None), PartialDateAttr)
    ]


def partial_date_column_names(name: str) -> tuple[str, str, str]:
    return (f"{name}_on", f"{name}_precision", f"{name}_approximate")


def partial_date_check(
    name: str, prefix: str, *, required: bool = False
) -> list[models.BaseConstraint]:
    """Constraints that keep a partial date's three columns consistent."""
    on, precision = f"{name}_on", f"{name}_precision"
    known = Q(**{f"{on}__isnull": False, f"{precision}__isnull": False})
    unknown = Q(**{f"{on}__isnull": True, f"{precision}__isnull": True})
    return [
        models.CheckConstraint(
            condition=known if required else (known | unknown),
            name=f"{prefix}_{name}_precision_matches_date",
        )
    ]


def ends_after_start(start: str, end: str, prefix: str) -> models.CheckConstraint:
    """A period may not end before it starts (either end may be unknown)."""
    start_on, end_on = f"{start}_on", f"{end}_on"
    return models.CheckConstraint(
        condition=Q(**{f"{start_on}__isnull": True})
        | Q(**{f"{end_on}__isnull": True})
        | Q(**{f"{end_on}__gte": models.F(start_on)}),
        name=f"{prefix}_ends_after_start",
    )


def ordering_for(name: str, *, descending: bool = False) -> list[str]:
    """The ``order_by`` terms that sort a partial date correctly (period start, then precision)."""
    sign = "-" if descending else ""
    return [f"{sign}{name}_on", f"{sign}{name}_precision"]


def partial_date_columns(verbose_name: str, *, required: bool = False):
    """The three model fields of one partial date, for ``<name>_on``, ``_precision``, ``_approximate``."""
    return (
        models.DateField(
            verbose_name,
            null=not required,
            blank=not required,
            help_text="First day of the period the document supports.",
        ),
        models.PositiveSmallIntegerField(
            f"{verbose_name} precision",
            choices=Precision.choices,
            null=not required,
            blank=not required,
        ),
        models.BooleanField(
            f"{verbose_name} is approximate",
            default=False,
            help_text="Inferred rather than stated; say how in the note.",
        ),
    )
