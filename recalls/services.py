"""Writes for the recalls app. Views, the admin and commands call these, never ``save()`` directly."""

from __future__ import annotations

from django.db import transaction

from core.dates import PartialDate
from recalls.models import EffortStatus, RecallEffort, TimelineEvent


def effort_status_from_events(effort: RecallEffort) -> str | None:
    """The status of the newest event that sets one (None when no event does)."""
    event = effort.events.exclude(status="").newest_first().first()
    return event.status if event else None


@transaction.atomic
def effort_sync_status(*, effort: RecallEffort) -> RecallEffort:
    """Make ``effort.status`` agree with its timeline (the newest status-setting event wins)."""
    status = effort_status_from_events(effort)
    if status is not None and status != effort.status:
        effort.status = status
        effort.save(update_fields=["status", "updated_at"])
    return effort


@transaction.atomic
def event_create(
    *,
    date: PartialDate | str,
    description: str,
    effort: RecallEffort | None = None,
    election=None,
    status: str = "",
    date_note: str = "",
) -> TimelineEvent:
    """Add a timeline event; an event with a status moves the effort to it if it is the newest."""
    if status:
        EffortStatus(status)
    event = TimelineEvent(
        effort=effort,
        election=election,
        description=description,
        status=status,
        date_note=date_note,
    )
    event.date = date
    event.full_clean()
    event.save()
    if effort is not None:
        effort_sync_status(effort=effort)
    return event
