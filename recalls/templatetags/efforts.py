"""How an effort is shown: its status source, stage progress and signature progress."""

from django import template

from recalls import stages
from recalls.models import RecallEffort, TimelineEvent
from recalls.processes import effort_process
from recalls.staleness import Standing, effort_standing, today

register = template.Library()


@register.filter
def status_event(effort: RecallEffort) -> TimelineEvent | None:
    """The newest event that set a status: the "as of" and "per" of the status badge."""
    return stages.status_event(effort)


@register.filter
def standing(effort: RecallEffort) -> Standing:
    """The status's "as of" (newest fact and its source) and whether it is stale, today.

    Needs the effort loaded ``with_facts`` (``for_detail``, ``for_home``, ``for_list``…)."""
    return effort_standing(effort, today=today())


@register.filter
def first_citation(obj):
    citations = list(obj.citations.all()) if obj is not None else []
    return citations[0] if citations else None


@register.inclusion_tag("includes/_stage_progress.html")
def stage_progress(effort: RecallEffort):
    """The recall stepper, only for an effort that follows a recall process
    (recalls/processes.py); with each stage's California section where it applies."""
    process = effort_process(effort)
    steps = stages.stage_steps(effort) if process else []
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
