"""Writes for the figures an import reads: suggested numbers, each checked against the record.

A figure the record already has a different value for is marked as a conflict, in one
sentence the editor reads ("The record says 53,000 (per KQED, 29 Apr 2021); this article
says about 51,000."). A figure that agrees is still proposed (a second source for it);
the report says it agrees.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from articles.models import Article, NumberField, SuggestedNumber
from articles.numbers import SHARES, NumberFound, find_numbers
from recalls.models import Contest, ContestKind, ResultReport, SignatureReport

_F = NumberField
_SIGNATURE_KINDS = {
    _F.SIGNATURES_REQUIRED: "required",
    _F.SIGNATURES_SUBMITTED: "submitted",
    _F.SIGNATURES_PROJECTED_VALID: "projected_valid",
    _F.SIGNATURES_VALID: "valid",
}
_VOTES = {_F.YES_VOTES: "yes_votes", _F.NO_VOTES: "no_votes"}


@dataclass
class RecordValue:
    """The record's current value of one figure and where it comes from."""

    value: int
    source: str  # "per KQED, 29 April 2021", or "" when nothing is cited
    approximate: bool = False


def numbers_scan(*, article: Article, found) -> list[NumberFound]:
    """The figures an article gives (``found``: what the matcher and the facts found in it)."""
    text = "\n\n".join(part for part in (article.title, article.dek, article.body) if part)
    return find_numbers(text, found, article.published, len(text) - len(article.body))


def numbers_suggest(
    *, found: list[tuple[Article, list[NumberFound]]], efforts: dict
) -> dict[int, list[dict]]:
    """Store the figures of new articles as suggestions (one bulk insert; those stored
    already are left as they are) and return, per article pk, the report's ``numbers``;
    ``efforts`` maps effort pks to what has their ``title`` (the matcher's)."""
    numbers = [n for _, article_numbers in found for n in article_numbers]
    if not numbers:
        return {article.pk: [] for article, _ in found}
    about = {n.effort for n in numbers if n.effort is not None}
    contests = _recall_questions(about) if any(n.field in _VOTES for n in numbers) else {}
    record = _record_values(about, contests)
    rows, report = [], {}
    for article, article_numbers in found:
        report[article.pk] = []
        for number in article_numbers:
            contest = contests.get(number.effort) if number.field in _VOTES else None
            current = record.get(
                (contest.pk, number.field) if contest else (number.effort, number.field)
            )
            conflict = "" if current is None else conflict_text(current, number)
            stored = number.field not in SHARES and number.date is not None
            if stored:
                row = SuggestedNumber(
                    article=article,
                    effort_id=number.effort,
                    contest=contest,
                    field=number.field,
                    value=number.value,
                    approximate=number.approximate,
                    quote=number.quote,
                    date_note=number.date_note,
                    conflict=conflict,
                )
                row.date = number.date
                rows.append(row)
            report[article.pk].append(
                {
                    "effort": efforts[number.effort].title if number.effort else None,
                    "contest": contest.name if contest else None,
                    "field": number.field,
                    "value": number.value,
                    "approximate": number.approximate,
                    "date": number.date.isoformat() if number.date else None,
                    "quote": number.quote,
                    "record": None if current is None else ("differs" if conflict else "agrees"),
                    "conflict": conflict,
                    "stored": stored,
                }
            )
    SuggestedNumber.objects.bulk_create(rows, ignore_conflicts=True)
    return report


def conflict_text(current: RecordValue, number: NumberFound) -> str:
    """One sentence when the article's figure differs from the record's ("" when it
    agrees, within the rounding of an approximate figure)."""
    if agrees(current.value, number.value, approximate=number.approximate) or agrees(
        number.value, current.value, approximate=current.approximate
    ):
        return ""
    source = f" ({current.source})" if current.source else " (no source cited)"
    about = "about " if number.approximate else ""
    return f"The record says {current.value:,}{source}; this article says {about}{number.value:,}."


def agrees(recorded: int, value: int, *, approximate: bool) -> bool:
    """Equal, or for a round figure within its rounding ("roughly 51,000" for 51,325)."""
    if recorded == value:
        return True
    if not approximate or value == 0:
        return False
    unit = 1
    while value % (unit * 10) == 0:
        unit *= 10
    return abs(recorded - value) < unit


def _recall_questions(efforts: set[int]) -> dict[int, object]:
    """The recall question each effort put on a ballot (the latest election's)."""
    contests = (
        Contest.objects.filter(effort_id__in=efforts, kind=ContestKind.RECALL_QUESTION)
        .select_related("election")
        .prefetch_related("citations__article__outlet")
        .order_by("election__date_on", "pk")
    )
    return {contest.effort_id: contest for contest in contests}


def _record_values(efforts: set[int], contests: dict[int, object]) -> dict[tuple, RecordValue]:
    """The record's current value per (effort, field) and (contest, field): the lead
    report of that kind, else the newest."""
    values: dict[tuple, RecordValue] = {}
    fields = {kind: field for field, kind in _SIGNATURE_KINDS.items()}
    reports = (
        SignatureReport.objects.filter(effort_id__in=efforts)
        .prefetch_related("citations__article__outlet")
        .order_by("-is_lead", "-date_on", "-date_precision", "-pk")
    )
    for report in reports:
        key = (report.effort_id, fields[report.kind])
        values.setdefault(key, RecordValue(report.count, _source(report), report.approximate))
    if not contests:
        return values
    by_contest = defaultdict(list)
    results = (
        ResultReport.objects.filter(contest__in=contests.values())
        .prefetch_related("citations__article__outlet")
        .order_by("-is_lead", "-date_on", "-date_precision", "-reported_at", "-pk")
    )
    for result in results:
        by_contest[result.contest_id].append(result)
    for contest in contests.values():
        for field, name in _VOTES.items():
            for report in by_contest[contest.pk]:
                if getattr(report, name) is not None:
                    values[(contest.pk, field)] = RecordValue(
                        getattr(report, name), _source(report)
                    )
                    break
    return values


def _source(record, citations=None) -> str:
    """The first cited article's outlet (or title) and the report's date ("per KQED,
    29 April 2021"); a record without a date of its own gives its article's."""
    citations = record.citations.all() if citations is None else citations
    citation = next(iter(citations), None)
    date = getattr(record, "date", None) or (citation.article.published if citation else None)
    date = date.display() if date else ""
    if citation is None:
        return f"as of {date}" if date else ""
    article = citation.article
    name = article.outlet.name if article.outlet else f"“{article.title}”"
    return f"per {name}, {date}" if date else f"per {name}"
