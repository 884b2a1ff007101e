"""Writes for reviewing the figures the importer found: accept one as a cited report, or reject.

Accepting never writes over what the record says: the figure becomes one more report of the
effort's signature series, cited with the article's sentence; a value that differs from the
current one is kept beside it and shown as a source that differs.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles.models import NumberField, ReviewStatus, SuggestedNumber
from articles.reports import signature_report_add
from editorial.context import acting_as
from recalls.models import SignatureKind, SignatureReport

SIGNATURE_KINDS = {
    NumberField.SIGNATURES_REQUIRED: SignatureKind.REQUIRED,
    NumberField.SIGNATURES_SUBMITTED: SignatureKind.SUBMITTED,
    NumberField.SIGNATURES_PROJECTED_VALID: SignatureKind.PROJECTED_VALID,
    NumberField.SIGNATURES_VALID: SignatureKind.VALID,
}


def _reviewed(suggestion: SuggestedNumber, status: str, by) -> None:
    suggestion.status, suggestion.reviewed_by = status, by
    suggestion.reviewed_at = timezone.now()
    suggestion.version += 1  # an editor's form opened before the review is now stale
    suggestion.save(
        update_fields=["status", "signature_report", "reviewed_by", "reviewed_at", "version"]
    )


@transaction.atomic
def signature_report_from_suggestion(*, suggestion: SuggestedNumber, by) -> SignatureReport:
    """Accept a suggested signature figure: a report of the effort's series, cited with the
    suggestion's article and sentence; the suggestion is marked confirmed and points to it."""
    suggestion = (
        SuggestedNumber.objects.select_for_update(of=("self",))
        .select_related("article", "effort", "signature_report")
        .get(pk=suggestion.pk)
    )
    if suggestion.status == ReviewStatus.CONFIRMED and suggestion.signature_report_id:
        return suggestion.signature_report
    if suggestion.field not in SIGNATURE_KINDS:
        raise ValidationError(f"“{suggestion.get_field_display()}” is not a signature figure.")
    if suggestion.effort is None:
        raise ValidationError({"effort": "Choose the effort this figure belongs to first."})
    with acting_as(by, reason="review: number accepted"):
        report = signature_report_add(
            effort=suggestion.effort,
            kind=SIGNATURE_KINDS[suggestion.field],
            count=suggestion.value,
            approximate=suggestion.approximate,
            date=suggestion.date,
            date_note=suggestion.date_note,
            article=suggestion.article,
            quote=suggestion.quote,
        )
        suggestion.signature_report = report
        _reviewed(suggestion, ReviewStatus.CONFIRMED, by)
    return report


def numbers_accept(*, suggestions: Iterable[SuggestedNumber], by) -> tuple[int, list[str]]:
    """Accept each signature figure on its own; returns (accepted, one line per refusal)."""
    accepted, problems = 0, []
    for suggestion in suggestions:
        try:
            signature_report_from_suggestion(suggestion=suggestion, by=by)
        except ValidationError as error:
            problems.append(f"“{suggestion}”: {'; '.join(error.messages)}")
        else:
            accepted += 1
    return accepted, problems


@transaction.atomic
def numbers_reject(*, suggestions: Iterable[SuggestedNumber], by) -> int:
    """Reject suggested figures still awaiting review; returns how many changed."""
    rejected = 0
    with acting_as(by, reason="review: number rejected"):
        for suggestion in suggestions:
            if suggestion.status != ReviewStatus.SUGGESTED:
                continue
            _reviewed(suggestion, ReviewStatus.REJECTED, by)
            rejected += 1
    return rejected
