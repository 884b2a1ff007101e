"""Horizontal bar charts as server-side SVG: geometry here, markup in a template.

Each row has two bars, efforts and officials targeted, on one scale. No inline styles (the
CSP forbids them): colours are classes in static/css/stats.css.
"""

from __future__ import annotations

from dataclasses import dataclass

from exports.stats import Dimension

# Each label sits on its own line above its bars, so the chart stays narrow: drawn at about
# its own width on a 390 px phone, 14 px text stays at least 12 px (the stylesheet caps how
# far it grows on wide screens).
WIDTH = 400
LABEL_WIDTH = 0
LABEL_HEIGHT = 18
VALUE_GAP = 40
BAR_HEIGHT = 12
ROW_HEIGHT = LABEL_HEIGHT + 2 * BAR_HEIGHT + 2 + 12
TOP = 26


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
                label_y=top + 13,
                efforts=bar(top + LABEL_HEIGHT, row.efforts),
                officials=bar(top + LABEL_HEIGHT + BAR_HEIGHT + 2, row.officials),
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
