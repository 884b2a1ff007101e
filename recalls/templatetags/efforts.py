"""How an effort is shown: its status source, stage progress and signature progress."""

from django import template
from django.utils.text import capfirst

from recalls import stages
from recalls.models import RecallEffort, TimelineEvent
from recalls.processes import effort_process
from recalls.signature_chart import step_chart
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
    """The current figures, a bar that runs past 100% when the counts do, and the series as a
    step chart with its table; all read from the effort's signature reports."""
    figures = effort.signatures
    required = figures.required
    bars = []
    scale = 1.0
    if required:
        shown = [figures.progress] if figures.progress else []
        if figures.progress and figures.progress.kind != "submitted" and figures.submitted:
            shown.insert(0, figures.submitted)
        shares = [(figure, figure.count / required.count) for figure in shown]
        scale = max([1.0, *(share for _, share in shares)])
        bars = [
            {
                "key": figure.kind,
                "label": capfirst(figure.label),
                "width": _width(share, scale),
                "percent": round(100 * share),
                "y": 4 + 22 * position,
            }
            for position, (figure, share) in enumerate(shares)
        ]
    return {
        "citation_numbers": context["citation_numbers"],
        "effort": effort,
        "figures": figures,
        "rows": [
            (kind, label, figures.of(kind))
            for kind, label in (
                ("required", "Required"),
                ("submitted", "Submitted"),
                ("projected_valid", "Projected valid"),
                ("valid", "Valid"),
            )
        ],
        "chart": step_chart(figures),
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
