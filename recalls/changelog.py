"""The public change log of an effort, read from its edit history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.dates import PartialDate
from recalls.models import EffortStatus, RecallEffort, SignatureKind, SignatureReport, TimelineEvent

# Fields a reader cares about, with the words the log uses for them.
EFFORT_FIELDS = {
    "title": "title",
    "kind": "kind",
    "office_id": "office",
    "target_count": "number of officials targeted",
    "started_on": "start date",
    "ended_on": "end date",
    "deadline_on": "signature deadline",
    "summary": "summary",
}


@dataclass(frozen=True)
class ChangeEntry:
    when: datetime
    text: str


def _status_label(value: str) -> str:
    return EffortStatus(value).label if value in EffortStatus.values else value or "none"


def effort_changelog(effort: RecallEffort, *, limit: int = 10) -> list[ChangeEntry]:
    """Newest first: status moves, changed figures and added or removed events, in words."""
    entries: list[ChangeEntry] = []
    records = list(effort.history.order_by("history_date", "history_id"))
    for previous, record in zip([None, *records], records, strict=False):
        when = record.history_date
        if previous is None:
            entries.append(ChangeEntry(when, "Effort added to the tracker"))
            continue
        if previous.status != record.status:
            entries.append(
                ChangeEntry(
                    when,
                    f"Status went from “{_status_label(previous.status)}” to “{_status_label(record.status)}”",
                )
            )
        changed = [
            label
            for field, label in EFFORT_FIELDS.items()
            if getattr(previous, field) != getattr(record, field)
        ]
        if changed:
            entries.append(ChangeEntry(when, f"Updated: {', '.join(changed)}"))
    events = TimelineEvent.history.filter(
        effort_id=effort.pk, history_type__in=["+", "-"]
    ).order_by("history_date")
    for record in events:
        verb = "Timeline event added" if record.history_type == "+" else "Timeline event removed"
        date = PartialDate(record.date_on, record.date_precision, record.date_approximate)
        entries.append(
            ChangeEntry(record.history_date, f"{verb}: {date} — {record.description[:120]}")
        )
    entries += _signature_entries(effort)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


_REPORT_VERBS = {"+": "added", "~": "changed", "-": "removed"}


def _signature_entries(effort: RecallEffort) -> list[ChangeEntry]:
    """Each report of the signature series added, corrected or removed."""
    entries = []
    for record in SignatureReport.history.filter(effort_id=effort.pk).order_by("history_date"):
        date = PartialDate(record.date_on, record.date_precision, record.date_approximate)
        about = "about " if record.approximate else ""
        figure = f"{about}{record.count:,} {SignatureKind(record.kind).label} ({date})"
        verb = _REPORT_VERBS[record.history_type]
        entries.append(ChangeEntry(record.history_date, f"Signature report {verb}: {figure}"))
    return entries
