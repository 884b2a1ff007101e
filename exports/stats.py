"""Counts for /stats/: efforts and officials targeted, by status, office, state, year, outcome.

As in Ballotpedia's yearly recall reports, efforts and officials are counted separately:
one effort against three school-board members is one effort and three officials. An
official is counted once per group even when several efforts target them; officials an
effort targets without naming (``target_count``) are added to the named ones, and an
effort that names nobody and gives no count targets at least one official.

An effort's year is the year it started, or else the year of its first dated timeline
event; efforts with neither are counted under "unknown".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Min

from recalls.filters import status_choices
from recalls.models import EffortStatus, OfficeCategory, RecallEffort
from recalls.models.places import US_STATES
from recalls.staleness import NOT_REPORTED, NOT_REPORTED_LABEL

UNKNOWN = "unknown"
ACTIVE = "active"


@dataclass(frozen=True)
class EffortFact:
    """What the statistics need to know about one effort."""

    pk: int
    status: str
    category: str
    state: str
    year: int | None
    targets: frozenset[int]
    unnamed: int

    stale: bool = False  # recalls/staleness.py: counted as "outcome not reported", not active

    @property
    def outcome(self) -> str:
        if self.status in EffortStatus.ended():
            return self.status
        return NOT_REPORTED if self.stale else ACTIVE

    @property
    def stage(self) -> str:
        return NOT_REPORTED if self.stale else self.status


@dataclass
class Row:
    key: str
    label: str
    efforts: int = 0
    official_ids: set[int] = field(default_factory=set)
    unnamed: int = 0

    @property
    def officials(self) -> int:
        return len(self.official_ids) + self.unnamed


@dataclass
class Dimension:
    slug: str
    title: str
    rows: list[Row]

    @property
    def total_efforts(self) -> int:
        return sum(row.efforts for row in self.rows)


def effort_facts(*, today: dt.date) -> list[EffortFact]:
    """Two queries: the efforts with their first event, and who they target."""
    records = (
        RecallEffort.objects.order_by()
        .with_stale_flag(today=today)
        .annotate(first_event=Min("events__date_on"), named=Count("targets", distinct=True))
        .values(
            "pk",
            "status",
            "office__category",
            "office__jurisdiction__state",
            "started_on",
            "first_event",
            "target_count",
            "named",
            "is_stale",
        )
    )
    targets = defaultdict(set)
    for effort_id, official_id in RecallEffort.targets.through.objects.values_list(
        "recalleffort_id", "official_id"
    ):
        targets[effort_id].add(official_id)
    facts = []
    for r in records:
        start = r["started_on"] or r["first_event"]
        facts.append(
            EffortFact(
                pk=r["pk"],
                status=r["status"],
                category=r["office__category"],
                state=r["office__jurisdiction__state"] or UNKNOWN,
                year=start.year if start else None,
                targets=frozenset(targets[r["pk"]]),
                unnamed=max((r["target_count"] or 1) - r["named"], 0),
                stale=r["is_stale"],
            )
        )
    return facts


def in_year(facts: list[EffortFact], year: int | None) -> list[EffortFact]:
    return [fact for fact in facts if fact.year == year] if year else facts


def _count(facts, key, labels: dict[str, str], *, keep_empty: bool, order=None) -> list[Row]:
    rows = {value: Row(value, label) for value, label in labels.items()}
    for fact in facts:
        value = key(fact)
        row = rows.setdefault(value, Row(value, labels.get(value, value)))
        row.efforts += 1
        row.official_ids |= fact.targets
        row.unnamed += fact.unnamed
    result = list(rows.values()) if keep_empty else [r for r in rows.values() if r.efforts]
    return sorted(result, key=order) if order else result


def dimensions(facts: list[EffortFact]) -> list[Dimension]:
    states = {**dict(US_STATES), UNKNOWN: "state not known"}
    outcomes = {
        **dict(EffortStatus.outcomes()),
        ACTIVE: "still active",
        NOT_REPORTED: NOT_REPORTED_LABEL,
    }
    return [
        Dimension(
            "status",
            "By status",
            _count(facts, lambda f: f.stage, dict(status_choices()), keep_empty=False),
        ),
        Dimension(
            "category",
            "By office",
            _count(facts, lambda f: f.category, dict(OfficeCategory.choices), keep_empty=False),
        ),
        Dimension(
            "state",
            "By state",
            _count(
                facts,
                lambda f: f.state,
                states,
                keep_empty=False,
                order=lambda r: (-r.efforts, r.label),
            ),
        ),
        Dimension(
            "year",
            "By year",
            _count(
                facts,
                lambda f: str(f.year) if f.year else UNKNOWN,
                {},
                keep_empty=False,
                order=lambda r: (r.key == UNKNOWN, r.key),
            ),
        ),
        Dimension(
            "outcome", "By outcome", _count(facts, lambda f: f.outcome, outcomes, keep_empty=False)
        ),
    ]


def years(facts: list[EffortFact]) -> list[int]:
    return sorted({fact.year for fact in facts if fact.year}, reverse=True)


def totals(facts: list[EffortFact]) -> tuple[int, int]:
    """(efforts, officials targeted) over all ``facts``."""
    named = set().union(*(fact.targets for fact in facts)) if facts else set()
    return len(facts), len(named) + sum(fact.unnamed for fact in facts)
