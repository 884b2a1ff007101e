"""How an effort is shown: its status source, stage progress and signature progress."""

from dataclasses import dataclass

from django import template

from recalls.dates import PartialDate
from recalls.models import EffortStatus, RecallEffort, TimelineEvent
from recalls.processes import effort_process
from recalls.staleness import Standing, effort_standing, today

register = template.Library()

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


@register.filter
def status_event(effort: RecallEffort) -> TimelineEvent | None:
    """The newest event that set a status: the "as of" and "per" of the status badge."""
    events = _status_events(effort)
    return max(events, key=lambda e: (e.date.sort_key(), e.created_at, e.pk)) if events else None


@register.filter
def standing(effort: RecallEffort) -> Standing:
    """The status's "as of" (newest fact and its source) and whether it is stale, today.

    Needs the effort loaded ``with_facts`` (``for_detail``, ``for_home``, ``for_list``…)."""
    return effort_standing(effort, today=today())


@register.filter
def first_citation(obj):
    citations = list(obj.citations.all()) if obj is not None else []
    return citations[0] if citations else None


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


@register.inclusion_tag("includes/_stage_progress.html")
def stage_progress(effort: RecallEffort):
    """The recall stepper, only for an effort that follows a recall process
    (recalls/processes.py); with each stage's California section where it applies."""
    process = effort_process(effort)
    steps = stage_steps(effort) if process else []
    stale = bool(steps) and standing(effort).stale
    for step in steps:
        step.section = process.sections.get(step.key, "")
        if stale and step.state == "current":
            step.state_label = "last reported stage"
    return {"steps": steps, "effort": effort, "process": process}


def _width(share: float, scale: float) -> str:
    return f"{100 * share / scale:.2f}"


@register.inclusion_tag("includes/_signature_progress.html", takes_context=True)
def signature_progress(context, effort: RecallEffort):
    """Required, submitted and valid signatures; a bar that runs past 100% when they do."""
    required = effort.signatures_required
    bars = []
    scale = 1.0
    if required:
        rows = [
            ("submitted", "Submitted", effort.signatures_submitted),
            ("valid", "Valid", effort.signatures_valid),
        ]
        shares = [(key, label, count / required) for key, label, count in rows if count is not None]
        scale = max([1.0, *(share for _, _, share in shares)])
        bars = [
            {
                "key": key,
                "label": label,
                "width": _width(share, scale),
                "percent": round(100 * share),
                "y": 4 + 22 * position,
            }
            for position, (key, label, share) in enumerate(shares)
        ]
    return {
        "citation_numbers": context["citation_numbers"],
        "effort": effort,
        "bars": bars,
        "target_x": _width(1.0, scale),
        "height": 8 + 22 * len(bars),
    }


@register.filter
def percent(share: float | None, digits: int = 1) -> str:
    """0.5512 → "55.1%"; None → "—"."""
    if share is None:
        return "—"
    return f"{100 * share:.{digits}f}%"


@register.filter
def no_share(contest) -> float | None:
    total = contest.total_votes
    return contest.no_votes / total if total else None
