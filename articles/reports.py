"""Writes that add a recall record's report with its citation: a signature figure to an
effort's series, a count to a recall question's results (and a suggested vote count accepted).

A count is never written over: an unofficial election-night count, a later one and the
certified result stay side by side, and a count from another source that differs is kept
beside the first (``ResultReport.headline_key`` says which one a page leads with).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from articles.citations import citation_add
from articles.models import Article, NumberField, ReviewStatus, SuggestedNumber
from articles.review import review_mark
from core.dates import PartialDate
from recalls.models import Contest, RecallEffort, ResultReport, SignatureKind, SignatureReport
from recalls.signature_reports import NEWEST_LAST, same_figure, signature_report_keep_lead

VOTE_FIELDS = (NumberField.YES_VOTES, NumberField.NO_VOTES)


@transaction.atomic
def result_report_add(
    *,
    contest: Contest,
    date: PartialDate | str,
    article: Article,
    quote: str,
    yes_votes: int | None = None,
    no_votes: int | None = None,
    reported_at: dt.datetime | None = None,
    share_counted: Decimal | None = None,
    share_basis: str = "",
    certified: bool = False,
    is_lead: bool = False,
    note: str = "",
) -> ResultReport:
    """Add one count to ``contest``'s results, cited with ``quote`` from ``article``."""
    report = ResultReport(
        contest=contest,
        reported_at=reported_at,
        yes_votes=yes_votes,
        no_votes=no_votes,
        share_counted=share_counted,
        share_basis=share_basis,
        certified=certified,
        is_lead=is_lead,
        note=note,
    )
    report.date = date
    report.full_clean()
    report.save()
    citation_add(subject=report, article=article, quote=quote)
    return report


def _partner(suggestion: SuggestedNumber) -> SuggestedNumber | None:
    """The other half of a yes/no pair: the same article, contest and date, still open;
    the same sentence first."""
    other = (
        NumberField.NO_VOTES if suggestion.field == NumberField.YES_VOTES else NumberField.YES_VOTES
    )
    candidates = SuggestedNumber.objects.filter(
        article=suggestion.article,
        contest=suggestion.contest,
        field=other,
        date_on=suggestion.date_on,
        date_precision=suggestion.date_precision,
        status=ReviewStatus.SUGGESTED,
    ).exclude(pk=suggestion.pk)
    return candidates.filter(quote=suggestion.quote).first() or candidates.order_by("pk").first()


def _same_count(suggestions: list[SuggestedNumber]) -> ResultReport | None:
    """A count already in the series from this article with these very numbers."""
    values = {s.field: s.value for s in suggestions}
    reports = ResultReport.objects.filter(
        contest=suggestions[0].contest,
        citations__article=suggestions[0].article,
        date_on=suggestions[0].date_on,
    ).distinct()
    for report in reports:
        if all(getattr(report, field) == value for field, value in values.items()):
            return report
    return None


@transaction.atomic
def result_report_from_suggestion(*, suggestion: SuggestedNumber, by) -> ResultReport:
    """Accept a suggested vote count: a new report in the contest's series (yes and no from
    the same article and date joined in one), cited with the article's sentence(s).

    Nothing is overwritten: a count that differs from the series stays beside it. Accepting a
    count the series already has from the same article only links and cites it.
    """
    if suggestion.field not in VOTE_FIELDS:
        raise ValueError(f"suggestion {suggestion.pk} is not a vote count ({suggestion.field})")
    if suggestion.contest_id is None:
        raise ValueError(f"suggestion {suggestion.pk} names no contest: choose the contest first")
    if suggestion.status != ReviewStatus.SUGGESTED:
        raise ValueError(f"suggestion {suggestion.pk} was already {suggestion.status}")
    suggestions = [suggestion]
    if (partner := _partner(suggestion)) is not None:
        suggestions.append(partner)
    values = {s.field: s.value for s in suggestions}
    report = _same_count(suggestions)
    if report is None:
        approximate = [s.get_field_display() for s in suggestions if s.approximate]
        notes = [s.date_note for s in suggestions if s.date_note]
        if approximate:
            notes.append(f"The source gives round figures ({', '.join(approximate)}).")
        report = ResultReport(
            contest=suggestion.contest,
            yes_votes=values.get(NumberField.YES_VOTES),
            no_votes=values.get(NumberField.NO_VOTES),
            note=" ".join(notes),
        )
        report.date = suggestion.date
        report.full_clean()
        report.save()
    for s in suggestions:
        citation_add(subject=report, article=s.article, quote=s.quote, field=s.field)
        s.result_report = report
        review_mark(s, status=ReviewStatus.CONFIRMED, by=by, fields=["result_report"])
    return report


@transaction.atomic
def signature_report_add(
    *,
    effort: RecallEffort,
    kind: str,
    count: int,
    date: PartialDate | str,
    approximate: bool = False,
    date_note: str = "",
    note: str = "",
    article=None,
    quote: str = "",
) -> SignatureReport:
    """Add a report to ``effort``'s series, cited with ``article`` and ``quote`` if given.

    The same count of the same figure is one report with one more citation, not a second
    row. A different count is stored beside the others (sources differ); if none of them
    leads yet, the one shown so far is marked as the lead, so a new source never silently
    changes what the site says.
    """
    report = SignatureReport(
        effort=effort,
        kind=SignatureKind(kind),
        count=count,
        approximate=approximate,
        date_note=date_note,
        note=note,
    )
    report.date = date
    existing = same_figure(report).filter(count=count).order_by(*NEWEST_LAST).first()
    if existing is not None:
        report = existing
    else:
        report.full_clean()
        report.save()
        signature_report_keep_lead(report=report)
    if article is not None:
        citation_add(subject=report, article=article, quote=quote)
    return report
