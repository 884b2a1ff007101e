"""Writes for reviewing the figures the importer found: accept one as a cited report, or reject.

Accepting never writes over what the record says: the figure becomes one more report of the
effort's signature series, cited with the article's sentence; a value that differs from the
current one is kept beside it and shown as a source that differs.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from articles.models import NumberField, ReviewStatus, SuggestedNumber
from articles.reports import signature_report_add
from articles.review import each_accepted, review_mark, suggestions_reject
from editorial.context import acting_as
from recalls.models import SignatureKind, SignatureReport

SIGNATURE_KINDS = {
    NumberField.SIGNATURES_REQUIRED: SignatureKind.REQUIRED,
    NumberField.SIGNATURES_SUBMITTED: SignatureKind.SUBMITTED,
    NumberField.SIGNATURES_PROJECTED_VALID: SignatureKind.PROJECTED_VALID,
    NumberField.SIGNATURES_VALID: SignatureKind.VALID,
}


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
        review_mark(suggestion, status=ReviewStatus.CONFIRMED, by=by, fields=["signature_report"])
    return report


def numbers_accept(*, suggestions: Iterable[SuggestedNumber], by) -> tuple[int, list[str]]:
    """Accept each signature figure on its own; returns (accepted, one line per refusal)."""
    return each_accepted(
        suggestions,
        lambda suggestion: signature_report_from_suggestion(suggestion=suggestion, by=by),
        lambda suggestion: f"“{suggestion}”",
    )


@transaction.atomic
def numbers_reject(*, suggestions: Iterable[SuggestedNumber], by) -> int:
    """Reject suggested figures still awaiting review; returns how many changed."""
    with acting_as(by, reason="review: number rejected"):
        return suggestions_reject(suggestions, by=by)
