"""Horizontal bar charts as server-side SVG: geometry here, markup in a template.

Each row has two bars, efforts and officials targeted, on one scale. No inline styles (the
CSP forbids them): colours are classes in static/css/stats.css.
"""

from __future__ import annotations

from dataclasses import dataclass

from exports.stats import Dimension

WIDTH = 700
LABEL_WIDTH = 250
VALUE_GAP = 36
ROW_HEIGHT = 34
BAR_HEIGHT = 12
TOP = 30


@dataclass(frozen=True)
class Bar:
    y: int
    width: float
    value: int
    text_x: float


@dataclass(frozen=True)
class ChartRow:
    label: str
    label_y: int
    efforts: Bar
    officials: Bar


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    description: str
    width: int
    height: int
    label_width: int
    rows: list[ChartRow]


def bar_chart(dimension: Dimension) -> Chart:
    plot = WIDTH - LABEL_WIDTH - VALUE_GAP
    largest = max(
        (max(row.efforts, row.officials) for row in dimension.rows),
        default=0,
    )
    scale = plot / largest if largest else 0

    def bar(y: int, value: int) -> Bar:
        width = round(value * scale, 1)
        return Bar(y=y, width=width, value=value, text_x=LABEL_WIDTH + width + 4)

    rows = []
    for index, row in enumerate(dimension.rows):
        top = TOP + index * ROW_HEIGHT
        rows.append(
            ChartRow(
                label=row.label,
                label_y=top + BAR_HEIGHT + 2,
                efforts=bar(top, row.efforts),
                officials=bar(top + BAR_HEIGHT + 2, row.officials),
            )
        )
    description = "; ".join(
        f"{row.label}: {row.efforts} effort{'s' if row.efforts != 1 else ''}, "
        f"{row.officials} official{'s' if row.officials != 1 else ''}"
        for row in dimension.rows
    )
    return Chart(
        slug=dimension.slug,
        title=f"Recall efforts and officials targeted, {dimension.title.lower()}",
        description=description or "No efforts.",
        width=WIDTH,
        height=TOP + max(len(rows), 1) * ROW_HEIGHT + 6,
        label_width=LABEL_WIDTH,
        rows=rows,
    )
