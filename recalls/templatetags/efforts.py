"""How an effort is shown: its status source, stage progress and signature progress."""

from django import template
from django.template.defaultfilters import truncatewords
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from core.links import slug_url
from recalls import stages
from recalls.models import RecallEffort, TimelineEvent
from recalls.processes import effort_process
from recalls.signature_chart import step_chart
from recalls.staleness import Standing, effort_standing, today
from recalls.templatetags.partial_dates import partial_date

register = template.Library()


@register.filter
def status_event(effort: RecallEffort) -> TimelineEvent | None:
    """The newest event that set a status: the "as of" and "per" of the status badge."""
    return stages.status_event(effort)


@register.filter
def standing(effort: RecallEffort) -> Standing:
    """The status's "as of" (newest fact and its source) and whether it is stale, today.

    Needs the effort loaded ``with_facts`` (``for_detail``, ``for_list``…)."""
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


# The status line and its "per <outlet>" are built in Python: every card of the lists, the
# home page and search shows one, and as nested includes they were a large part of a card's
# render (issue #17). The markup is what includes/_status_line.html and _as_of_source.html had.


@register.simple_tag
def status_line(effort: RecallEffort, label: str) -> SafeString:
    """The status badge (``label``) with its "as of" date and source, or "not reported"."""
    standing = effort_standing(effort, today=today())
    since = esc(partial_date(standing.since))
    source = as_of_source(standing.as_of.citation if standing.as_of else None)
    if standing.stale:
        passed = (
            f"; the signature deadline, {esc(partial_date(effort.deadline))}, has passed"
            if standing.deadline_passed
            else ""
        )
        html = (
            '<span class="badge badge-not_reported">Outcome not reported</span>\n\n'
            f'<span class="as-of">since {since}{source}; last reported stage: '
            f"{esc(effort.get_status_display())}{passed}.</span>\n"
        )
    else:
        if standing.as_of:
            passed = (
                f"; signature deadline {esc(partial_date(effort.deadline))} passed"
                if standing.deadline_passed and not effort.is_ended
                else ""
            )
            as_of = f'<span class="as-of">as of {since}{source}{passed}</span>'
        else:
            as_of = '<span class="as-of muted">no dated source yet</span>'
        html = f'<span class="badge badge-{esc(effort.status)}">{esc(label)}</span>\n\n{as_of}\n'
    return mark_safe(f"{html}\n")


@register.simple_tag
def as_of_source(citation) -> SafeString:
    """ ", per <a>Outlet</a>": the source of an "as of" date, if it has one."""
    if not citation:
        return mark_safe("")
    article = citation.article
    url = esc(slug_url("articles:article_detail", article.slug))
    name = (
        esc(article.outlet.name) if article.outlet else f"“{esc(truncatewords(article.title, 8))}”"
    )
    return mark_safe(f', per <a href="{url}#quote-{citation.pk}">{name}</a>')
