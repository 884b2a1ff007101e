"""Reads for the feeds and the calendar: one named function per feed or calendar."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, OuterRef, Prefetch, Q, Subquery

from recalls.models import Election, RecallEffort, TimelineEvent
from recalls.querysets import cited_by

FEED_SIZE = 50


def updates(scope: Q | None = None):
    """The ids of the timeline events a feed shows, the most recently added first."""
    events = TimelineEvent.objects.all()
    if scope is not None:
        events = events.filter(scope)
    return events.order_by("-created_at", "-date_on", "-date_precision", "-pk").values_list(
        "pk", flat=True
    )[:FEED_SIZE]


def feed_events(ids) -> dict:
    """The events ``ids``, by id, with what a feed entry shows."""
    return (
        TimelineEvent.objects.select_related(
            "effort__office__jurisdiction", "election__jurisdiction"
        )
        .prefetch_related(Prefetch("citations", queryset=cited_by()))
        .in_bulk(ids)
    )


def effort_scope(effort: RecallEffort) -> Q:
    return Q(effort=effort)


def official_scope(official) -> Q:
    efforts = RecallEffort.objects.filter(targets=official).values("pk")
    return Q(effort__in=efforts)


def state_scope(state: str) -> Q:
    return Q(effort__office__jurisdiction__state=state) | Q(
        effort__isnull=True, election__jurisdiction__state=state
    )


def _last_changed():
    """When an election record last changed, from its history (None before any history)."""
    history = Election.history.filter(id=OuterRef("pk")).order_by().values("id")
    return Subquery(history.annotate(last=Max("history_date")).values("last")[:1])


def calendar_elections(*, today: dt.date, effort: RecallEffort | None = None):
    """Dated elections from ``today`` on; for one effort, every election it is decided in."""
    elections = Election.objects.filter(date_on__isnull=False).select_related("jurisdiction")
    if effort is None:
        elections = elections.filter(date_on__gte=today)
    else:
        elections = elections.filter(contests__effort=effort).distinct()
    return elections.annotate(last_changed=_last_changed()).order_by(
        "date_on", "date_precision", "name"
    )


def calendar_deadlines(*, today: dt.date, effort: RecallEffort | None = None) -> list:
    """Signature deadlines of active efforts not yet past; for one effort, its own."""
    efforts = (
        RecallEffort.objects.filter(deadline_on__isnull=False)
        .select_related("office__jurisdiction")
        .with_signatures()
        .order_by("deadline_on", "title")
    )
    if effort is not None:
        return list(efforts.filter(pk=effort.pk))
    # A deadline "by late October" runs to the end of the month: keep it until its period ends.
    candidates = efforts.active(today=today).filter(deadline_on__gte=today - dt.timedelta(days=366))
    return [e for e in candidates if e.deadline.last_day >= today]
