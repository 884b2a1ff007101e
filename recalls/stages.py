"""The path of a recall: its statuses, the stages they reach, where an effort can stop, and
which status event is the newest. Domain knowledge: the models, the QuerySets, the services
and the effort templates read it; it reads none of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models

from core.dates import PartialDate

if TYPE_CHECKING:
    from recalls.models import RecallEffort, TimelineEvent


class EffortStatus(models.TextChoices):
    """Where an effort stands, in the order of the recall process.

    The stages follow the California Elections Code, Division 11 (recall of state and
    local officers, §§ 11000–11386): notice of intention served and filed (§ 11020-11022),
    petition approved for circulation (§ 11042), signatures gathered before a deadline
    (§ 11220), submitted, verified by random sample or full count (§ 11224 with § 9115:
    projected valid above 110% of the requirement is sufficient, 90–110% needs a full
    count, below 90% fails), certified as qualified, the recall election (§ 11240 ff.) and
    its outcome. Ballotpedia's end states complete the list: an effort also ends when it
    fails to qualify, is abandoned before submission, or the official resigns.
    ``UNDERWAY`` is for efforts the sources report without naming a stage.
    """

    UNDERWAY = "underway", "underway (stage not reported)"
    NOTICE_FILED = "notice_filed", "notice of intention filed"
    PETITION_APPROVED = "petition_approved", "petition approved"
    CIRCULATING = "circulating", "gathering signatures"
    SUBMITTED = "submitted", "signatures submitted"
    VERIFICATION = "verification", "signatures being verified"
    FULL_COUNT = "full_count", "full count of signatures"
    QUALIFIED = "qualified", "qualified for the ballot"
    ELECTION_SCHEDULED = "election_scheduled", "election scheduled"
    RECALLED = "recalled", "recalled"
    RETAINED = "retained", "retained (survived the vote)"
    FAILED_TO_QUALIFY = "failed_to_qualify", "failed to qualify"
    ABANDONED = "abandoned", "abandoned"
    RESIGNED = "resigned", "official resigned"

    @classmethod
    def ended(cls) -> list[str]:
        return [cls.RECALLED, cls.RETAINED, cls.FAILED_TO_QUALIFY, cls.ABANDONED, cls.RESIGNED]

    @classmethod
    def outcomes(cls) -> list[tuple[str, str]]:
        return [(value, cls(value).label) for value in cls.ended()]


# Which event is the newest: one rule, in SQL and, for events already fetched, in Python
# (a later date, then a finer precision, then the later entry wins).
EVENT_NEWEST_FIRST = ("-date_on", "-date_precision", "-created_at", "-pk")


def event_newness(event: TimelineEvent) -> tuple:
    return (event.date.sort_key(), event.created_at, event.pk)


S = EffortStatus
# The usual path of a recall, and the statuses that put an effort at each stage.
STAGES = [
    ("notice", "Notice filed", {S.NOTICE_FILED, S.PETITION_APPROVED}),
    ("circulating", "Circulating", {S.CIRCULATING}),
    ("submitted", "Submitted", {S.SUBMITTED}),
    ("verification", "Verification", {S.VERIFICATION, S.FULL_COUNT}),
    ("qualified", "Qualified", {S.QUALIFIED}),
    ("election", "Election", {S.ELECTION_SCHEDULED}),
    ("outcome", "Outcome", {S.RECALLED, S.RETAINED}),
]
STAGE_OF = {status: index for index, (_, _, statuses) in enumerate(STAGES) for status in statuses}
# Dead ends, and the last stage an effort that ends there has passed.
DEAD_END_AFTER = {S.ABANDONED: 1, S.FAILED_TO_QUALIFY: 3}


@dataclass
class Step:
    key: str
    label: str
    state: str  # done | current | unreported | ahead | skipped | dead-end
    state_label: str
    date: PartialDate | None = None
    section: str = ""  # the law's section for this stage, where the process names one


def _status_events(effort: RecallEffort) -> list[TimelineEvent]:
    return [event for event in effort.events.all() if event.status]


def status_event(effort: RecallEffort) -> TimelineEvent | None:
    """The newest event that set a status: the "as of" and "per" of the status badge."""
    events = _status_events(effort)
    return max(events, key=event_newness) if events else None


def stage_steps(effort: RecallEffort) -> list[Step]:
    """The stages in order, marked with the path the effort actually took."""
    reached: dict[int, PartialDate] = {}
    for event in _status_events(effort):
        index = STAGE_OF.get(event.status)
        if index is not None and index not in reached:
            reached[index] = event.date
    status = effort.status
    dead_end = status in DEAD_END_AFTER or status == S.RESIGNED
    if status == S.RESIGNED:
        last = max(reached, default=-1)
    else:
        last = DEAD_END_AFTER.get(status, STAGE_OF.get(status, max(reached, default=-1)))

    steps = []
    for index, (key, label, _) in enumerate(STAGES):
        if key == "outcome" and status in (S.RECALLED, S.RETAINED):
            label = EffortStatus(status).label.split(" (")[0].capitalize()
        if index in reached and index == last and not dead_end and key != "outcome":
            state, state_label = "current", "current stage"
        elif index in reached:
            state, state_label = "done", "reached"
        elif index <= last:
            state, state_label = "unreported", "passed (not reported)"
        elif dead_end:
            state, state_label = "skipped", "never reached"
        else:
            state, state_label = "ahead", "not yet"
        steps.append(Step(key, label, state, state_label, reached.get(index)))
        if dead_end and index == max(last, 0):
            event = status_event(effort)
            steps.append(
                Step(
                    status,
                    EffortStatus(status).label.capitalize(),
                    "dead-end",
                    "the effort ended here",
                    event.date if event else None,
                )
            )
    return steps
