"""Status as of a date, and when an effort's status is old news.

Every status is shown with the date of the newest fact behind it: the newest dated timeline
event of the effort, or the newest publication date of an article cited by the effort or by
its events ("as of 15 July 2022, per NewsNation").

An effort that has not ended is **stale** ("outcome not reported since <newest fact>") when

- its signature deadline ended more than ``DEADLINE_GRACE_DAYS`` ago and nothing reports a
  submission (no status at or past "signatures submitted", on the effort or on an event,
  and no reported count of submitted signatures), or
- its newest fact is more than ``NEWS_SILENCE_DAYS`` old.

A stale effort is not active: it is listed and counted apart everywhere (home, lists and
their filters, stats, calendar, API, CSV). An effort with no dated fact at all is not stale:
there is no date to measure the silence from. The evidence for the numbers is in README.md
("Status as of a date").

The rule exists twice, in Python (``effort_standing``, for one loaded effort) and in SQL
(``stale_q``, for filters and counts, over the summary each effort stores:
recalls/fact_summary.py); tests/recalls/test_staleness.py holds them to the same answers. "Today" is always passed in, computed in Python, so SQLite and PostgreSQL agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from core.dates import PartialDate, Precision
from recalls.signatures import SignatureKind
from recalls.stages import EffortStatus

if TYPE_CHECKING:
    from recalls.models import RecallEffort

DEADLINE_GRACE_DAYS = 90
NEWS_SILENCE_DAYS = 180

# The filter choice and stats bucket for stale efforts (not a status stored on the effort).
NOT_REPORTED = "not_reported"
NOT_REPORTED_LABEL = "outcome not reported"

S = EffortStatus
# Statuses that mean the signatures were handed in.
SUBMITTED_OR_LATER = [
    S.SUBMITTED,
    S.VERIFICATION,
    S.FULL_COUNT,
    S.QUALIFIED,
    S.ELECTION_SCHEDULED,
    S.RECALLED,
    S.RETAINED,
    S.FAILED_TO_QUALIFY,
]


def today() -> dt.date:
    """The site's "today" (its time zone), the one every staleness question is asked on."""
    return timezone.localdate()


@dataclass(frozen=True)
class Fact:
    """A dated thing the sources say about an effort, and the citation that says it."""

    date: PartialDate
    citation: object | None  # articles.Citation: "per <article> (<outlet>)"

    @property
    def article(self):
        return self.citation.article if self.citation is not None else None


@dataclass(frozen=True)
class Standing:
    """An effort's status as of a date, and whether that date is too old to call it active."""

    as_of: Fact | None
    deadline_passed: bool  # the deadline's whole period is over (today or before)
    stale: bool

    @property
    def since(self) -> PartialDate | None:
        return self.as_of.date if self.as_of else None


def _newest(facts: list[Fact]) -> Fact | None:
    """The fact shown as "as of": the one whose period starts last, the finer date on a tie.

    A source dated only "2022" may be from any day of that year, so it does not outrank one
    dated "June 2022": the page then says what is known for certain ("as of June 2022"), never
    a later date than a source gives. Whether an effort has gone quiet is read the other way,
    from the last day any fact's period could be (``_last_heard``), like ``stale_q``.
    """
    return max(facts, key=lambda f: f.date.sort_key(), default=None)


def _last_heard(facts: list[Fact]) -> dt.date | None:
    return max((f.date.last_day for f in facts), default=None)


def newest_citation(citations) -> object | None:
    """Of ``citations``, the one whose article was published last (None if none is dated)."""
    dated = [Fact(c.article.published, c) for c in citations if c.article.published]
    newest = _newest(dated)
    return newest.citation if newest else None


def dated_facts(effort: RecallEffort) -> list[Fact]:
    """Needs ``events`` with their ``citations`` and the effort's ``citations`` loaded
    (``RecallEffortQuerySet.with_facts``); no query of its own."""
    facts = []
    citations = list(effort.citations.all())
    for event in effort.events.all():
        event_citations = list(event.citations.all())
        facts.append(Fact(event.date, event_citations[0] if event_citations else None))
        citations += event_citations
    facts += [Fact(c.article.published, c) for c in citations if c.article.published]
    return facts


def newest_fact(effort: RecallEffort) -> Fact | None:
    return _newest(dated_facts(effort))


def _has_reported_submission(effort: RecallEffort) -> bool:
    """A count of submitted (or checked) signatures is in the series; annotated by
    ``with_facts``, else read."""
    annotated = getattr(effort, "has_reported_submission", None)
    if annotated is not None:
        return annotated
    return effort.signature_reports.exclude(kind=SignatureKind.REQUIRED).exists()


def effort_standing(effort: RecallEffort, *, today: dt.date) -> Standing:
    """The Python side of the rule, for an effort loaded ``with_facts``."""
    facts = dated_facts(effort)
    newest = _newest(facts)
    deadline = effort.deadline
    deadline_passed = deadline is not None and deadline.last_day < today
    if effort.is_ended:
        return Standing(newest, deadline_passed, stale=False)
    submitted = (
        effort.status in SUBMITTED_OR_LATER
        or _has_reported_submission(effort)
        or any(event.status in SUBMITTED_OR_LATER for event in effort.events.all())
    )
    overdue = (
        deadline is not None
        and deadline.last_day < today - dt.timedelta(days=DEADLINE_GRACE_DAYS)
        and not submitted
    )
    heard = _last_heard(facts)
    silent = heard is not None and heard < today - dt.timedelta(days=NEWS_SILENCE_DAYS)
    return Standing(newest, deadline_passed, stale=overdue or silent)


def reaches(name: str, day: dt.date) -> Q:
    """``Q``: the partial date ``name`` (``date``, ``article__published``) has a period that
    ends on or after ``day``. Plain comparisons of the stored first day, one per precision,
    so no database date function is needed."""
    query = Q()
    for precision in Precision:
        start = PartialDate(day, precision).value
        if PartialDate(start, precision).last_day < day:  # "early/mid" before ``day``'s part
            start = PartialDate(_next_month(day), precision).value
        query |= Q(**{f"{name}_precision": precision, f"{name}_on__gte": start})
    return query


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def stale_q(today: dt.date) -> Q:
    """The SQL side of the rule: efforts (``RecallEffort`` rows) that are stale on ``today``.

    It reads the summary stored on each effort (``heard_on``, ``submission_reported``:
    recalls/fact_summary.py) rather than the events and citations themselves, so that a
    count over every effort stays one scan of the efforts table."""
    silence = today - dt.timedelta(days=NEWS_SILENCE_DAYS)
    silent = Q(heard_on__lt=silence)
    submitted = Q(status__in=SUBMITTED_OR_LATER) | Q(submission_reported=True)
    grace = today - dt.timedelta(days=DEADLINE_GRACE_DAYS)
    overdue = Q(deadline_on__isnull=False) & ~reaches("deadline", grace) & ~submitted
    return ~Q(status__in=EffortStatus.ended()) & (overdue | silent)
