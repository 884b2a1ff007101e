"""The signature series as a step chart, laid out on the server (the page needs no script).

A count holds from the date of its report until the next report of that kind, hence steps.
The requirement is a horizontal line; a report whose source differs from the lead is drawn
as a hollow mark. The table under the chart carries the same data for screen readers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recalls.signatures import SignatureFigures, SignatureKind

WIDTH, HEIGHT = 600, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 12, 28  # room for the axis labels


@dataclass(frozen=True)
class Mark:
    kind: str
    x: float
    y: float
    differs: bool
    label: str  # for the <title> of the mark: "about 51,000 required, 2022"


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class StepChart:
    width: int
    height: int
    lines: list[tuple[str, str]]  # (kind, SVG path)
    marks: list[Mark]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    bottom: float
    left: float
    right: float
    description: str


def _nice_step(top: int) -> int:
    """A round step that gives 3–6 gridlines under ``top``."""
    step = 1
    while top / step > 6:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if top / step <= 6:
                break
    return step


def _about(report) -> str:
    return f"{'about ' if report.approximate else ''}{report.count:,}"


def step_chart(figures: SignatureFigures) -> StepChart | None:
    """The chart of ``figures.reports``; None when there is nothing to draw."""
    reports = figures.reports
    if not reports:
        return None
    days = [r.date_on.toordinal() for r in reports]
    first, last = min(days), max(days)
    if last - first < 60:  # one date, or a few close together: a window around them
        first, last = first - 45, last + 45
    top = max(r.count for r in reports) * 1.12
    step = _nice_step(int(top))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    right_edge = LEFT + plot_w

    def x(day: int) -> float:
        return round(LEFT + plot_w * (day - first) / (last - first), 1)

    def y(count: float) -> float:
        return round(TOP + plot_h * (1 - count / top), 1)

    lines = []
    required = figures.required
    if required:
        lines.append(("required", f"M{LEFT},{y(required.count)} H{right_edge}"))
    for kind in (SignatureKind.SUBMITTED, SignatureKind.PROJECTED_VALID, SignatureKind.VALID):
        points = [r for r in reports if r.kind == kind and r.pk in figures.leads]
        if not points:
            continue
        path = f"M{x(points[0].date_on.toordinal())},{y(points[0].count)}"
        for report in points[1:]:
            path += f" H{x(report.date_on.toordinal())} V{y(report.count)}"
        lines.append((kind, f"{path} H{right_edge}"))
    marks = [
        Mark(
            kind=r.kind,
            x=x(r.date_on.toordinal()),
            y=y(r.count),
            differs=figures.differs(r),
            label=f"{_about(r)} {SignatureKind(r.kind).label}, {r.date}",
        )
        for r in reports
    ]
    # A label at each new year; the first year at the left edge, unless a new year is close.
    years = range(dt.date.fromordinal(first).year + 1, dt.date.fromordinal(last).year + 1)
    x_ticks = [Tick(x(dt.date(year, 1, 1).toordinal()), str(year)) for year in years]
    if not x_ticks or x_ticks[0].at - LEFT > 40:
        x_ticks.insert(0, Tick(LEFT + 16, str(dt.date.fromordinal(first).year)))
    y_ticks = [Tick(y(v), f"{v:,}") for v in range(0, int(top) + 1, step)]
    return StepChart(
        width=WIDTH,
        height=HEIGHT,
        lines=lines,
        marks=marks,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        bottom=TOP + plot_h,
        left=LEFT,
        right=right_edge,
        description="; ".join(mark.label for mark in marks),
    )
