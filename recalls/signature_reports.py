"""Writes for the signature series: which report of a figure leads.

Adding a cited report is ``articles.reports.signature_report_add`` (citations are articles').

A report is never written over by a report that says something else: a second source with
another value for the same figure is kept beside it, and the one the site showed so far
leads until an editor chooses otherwise (``signature_report_lead``).
"""

from __future__ import annotations

from django.db import transaction

from recalls.models import SignatureKind, SignatureReport

NEWEST_LAST = ("date_on", "date_precision", "pk")


def same_figure(report: SignatureReport):
    """The reports of ``report``'s effort that give the same figure (itself included)."""
    reports = SignatureReport.objects.filter(effort_id=report.effort_id, kind=report.kind)
    if report.kind != SignatureKind.REQUIRED:
        reports = reports.filter(date_on=report.date_on, date_precision=report.date_precision)
    return reports


@transaction.atomic
def signature_report_keep_lead(*, report: SignatureReport) -> None:
    """After ``report`` joined its figure with another value, the report shown before it
    keeps leading (unless one already does)."""
    others = list(
        same_figure(report).exclude(pk=report.pk).select_for_update().order_by(*NEWEST_LAST)
    )
    if (
        others
        and not any(r.is_lead for r in [report, *others])
        and others[-1].count != report.count
    ):
        _set_lead(others[-1], True)


def _set_lead(report: SignatureReport, value: bool) -> None:
    report.is_lead = value
    report.version += 1  # an editor's form opened before this is now stale
    report.save(update_fields=["is_lead", "version"])


@transaction.atomic
def signature_report_lead(*, report: SignatureReport) -> SignatureReport:
    """Make ``report`` the one the site leads with for its figure; the others stay, not leading."""
    if report.is_lead:
        return report
    for other in same_figure(report).select_for_update().filter(is_lead=True):
        _set_lead(other, False)
    report.refresh_from_db()
    _set_lead(report, True)
    return report
