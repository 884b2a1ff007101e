"""What an effort's signature figures are, read from its series of dated reports.

Each kind of count is one figure; the requirement is one figure whenever it is reported,
the others are one figure per date (a count of 3 May and a count of 1 June are two points
of the series, two counts of 3 May are two sources for one point). Where the reports of a
figure differ, the site leads with the one an editor marked (``is_lead``), else the newest
(``signature_report_add`` marks the one shown so far when a differing report arrives); all
are shown. The current value of a kind is its newest figure.

This module holds no model: ``recalls.models.reports`` stores the reports, and
``RecallEffort.signatures`` reads them through ``current_signatures``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models


class SignatureKind(models.TextChoices):
    """What a signature count counts, in the order the process produces them
    (California Elections Code §§ 11220–11227: filed, sampled, verified)."""

    REQUIRED = "required", "required to qualify"
    SUBMITTED = "submitted", "submitted (raw count)"
    PROJECTED_VALID = "projected_valid", "projected valid (random sample)"
    VALID = "valid", "verified valid"


# The count that says most about progress, best first: verified, then projected, then raw.
PROGRESS_ORDER = (SignatureKind.VALID, SignatureKind.PROJECTED_VALID, SignatureKind.SUBMITTED)


def figure_key(report) -> tuple:
    """Reports with the same key report the same figure and should agree."""
    if report.kind == SignatureKind.REQUIRED:
        return (report.kind,)
    return (report.kind, report.date_on, report.date_precision)


@dataclass(frozen=True)
class Figure:
    """One figure: the report the site leads with and the reports that give another value."""

    kind: str
    lead: object  # a SignatureReport
    others: tuple = ()  # reports of the same figure with a different count

    @property
    def count(self) -> int:
        return self.lead.count

    @property
    def approximate(self) -> bool:
        return self.lead.approximate

    @property
    def date(self):
        return self.lead.date

    @property
    def sources_differ(self) -> bool:
        return bool(self.others)

    @property
    def label(self) -> str:
        return SignatureKind(self.kind).label


@dataclass(frozen=True)
class SignatureFigures:
    """An effort's current figures per kind (None where no report gives one)."""

    required: Figure | None = None
    submitted: Figure | None = None
    projected_valid: Figure | None = None
    valid: Figure | None = None
    reports: tuple = ()  # the whole series, oldest first
    differing: frozenset = field(default_factory=frozenset)  # pks of reports in a disagreement
    leads: frozenset = field(default_factory=frozenset)  # pks of each figure's leading report

    @property
    def progress(self) -> Figure | None:
        """The count progress is measured by: verified, else projected valid, else submitted."""
        return next((f for kind in PROGRESS_ORDER if (f := self.of(kind))), None)

    @property
    def share(self) -> float | None:
        """The progress count over the requirement; may exceed 1."""
        if self.progress is None or not self.required:
            return None
        return self.progress.count / self.required.count

    @property
    def sources_differ(self) -> bool:
        return bool(self.differing)

    def differs(self, report) -> bool:
        """``report`` gives another value than the one the site leads with for its figure."""
        return report.pk in self.differing and report.pk not in self.leads

    def of(self, kind: str) -> Figure | None:
        return getattr(self, kind)

    def figures(self) -> list[Figure | None]:
        return [self.of(kind) for kind in SignatureKind.values]


def _sort_key(report) -> tuple:
    return (report.date_on, report.date_precision, report.pk or 0)


def figures_from(reports: Iterable) -> SignatureFigures:
    """The current figures of one effort's ``reports`` (any order)."""
    series = sorted(reports, key=_sort_key)
    by_figure: dict[tuple, list] = {}
    for report in series:
        by_figure.setdefault(figure_key(report), []).append(report)
    current: dict[str, Figure] = {}
    differing, leads = set(), set()
    for reports_of_figure in by_figure.values():  # oldest figure first, so newest wins
        lead = next((r for r in reports_of_figure if r.is_lead), reports_of_figure[-1])
        leads.add(lead.pk)
        others = tuple(r for r in reports_of_figure if r.count != lead.count)
        if others:
            differing |= {r.pk for r in reports_of_figure}
        current[lead.kind] = Figure(kind=lead.kind, lead=lead, others=others)
    return SignatureFigures(
        **current,
        reports=tuple(series),
        differing=frozenset(differing),
        leads=frozenset(leads),
    )


def current_signatures(effort) -> SignatureFigures:
    """``effort``'s current figures, from its prefetched ``signature_reports`` if loaded."""
    return figures_from(effort.signature_reports.all())
