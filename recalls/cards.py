"""An effort's status card: what the embeddable page and the API's card show, computed once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.dates import PartialDate
from recalls.models import RecallEffort
from recalls.staleness import effort_standing
from recalls.staleness import today as current_day


@dataclass(frozen=True)
class Milestone:
    label: str  # "Signature deadline", "Recall election"
    date: PartialDate
    passed: bool  # no later date is known


@dataclass(frozen=True)
class StatusCard:
    effort: RecallEffort
    as_of: PartialDate | None  # the date of the newest fact behind the status
    signatures_percent: int | None  # valid (or else submitted) of the number required
    next: Milestone | None  # while under way
    outcome: str | None  # once ended: "Recalled", "Failed to qualify"…

    @property
    def bar_width(self) -> int:
        return min(self.signatures_percent or 0, 100)


def effort_card(effort: RecallEffort, *, today: dt.date | None = None) -> StatusCard:
    """Needs an effort from ``RecallEffort.objects.for_card()`` (events and contests loaded)."""
    today = today or current_day()
    standing = effort_standing(effort, today=today)
    share = effort.signatures_valid_share
    if effort.is_ended:
        outcome = effort.get_status_display().capitalize()
    elif standing.stale:
        outcome = f"Outcome not reported since {standing.since}"
    else:
        outcome = None
    return StatusCard(
        effort=effort,
        as_of=standing.since,
        signatures_percent=None if share is None else round(100 * share),
        next=None if outcome else _next_milestone(effort, today),
        outcome=outcome,
    )


def _next_milestone(effort: RecallEffort, today: dt.date) -> Milestone | None:
    dates = [
        ("Recall election", contest.election.date)
        for contest in effort.contests.all()
        if contest.election.date
    ]
    if effort.deadline:
        dates.append(("Signature deadline", effort.deadline))
    if not dates:
        return None
    upcoming = [(label, date) for label, date in dates if date.last_day >= today]
    if upcoming:
        label, date = min(upcoming, key=lambda item: item[1].sort_key())
        return Milestone(label, date, passed=False)
    label, date = max(dates, key=lambda item: item[1].sort_key())
    return Milestone(label, date, passed=True)
