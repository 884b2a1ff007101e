"""Figures that change over time, each a dated, cited report.

A recall's signature counts and an election's results are not one number each: they are
reported again and again (raw counts at submission, a random-sample projection, the
verified count; election-night counts with the share counted, then the certified result),
and two sources may disagree about the same figure. Each report is one row with its own
date, precision and citations; the current figure is read from the series.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q

from core.dates import PartialDateAttr, ordering_for, partial_date_check, partial_date_columns
from core.versioning import Versioned
from recalls.models.efforts import RecallEffort
from recalls.models.elections import Contest


class SignatureKind(models.TextChoices):
    """What a signature count counts, in the order the process produces them."""

    REQUIRED = "required", "required to qualify"
    SUBMITTED = "submitted", "submitted (raw count)"
    PROJECTED_VALID = "projected_valid", "projected valid (random sample)"
    VALID = "valid", "verified valid"


class SignatureReport(Versioned):
    """One reported signature figure for an effort, as of a date, per its citations."""

    effort = models.ForeignKey(
        RecallEffort, on_delete=models.CASCADE, related_name="signature_reports"
    )
    kind = models.CharField(max_length=20, choices=SignatureKind.choices)
    count = models.PositiveIntegerField()
    approximate = models.BooleanField(
        default=False, help_text="The source gives a round figure (“roughly 51,000”)."
    )
    date_on, date_precision, date_approximate = partial_date_columns("date", required=True)
    date_note = models.TextField(
        blank=True, help_text="How the date was worked out (e.g. the article's date)."
    )
    is_lead = models.BooleanField(
        default=False,
        help_text="Where sources differ on this figure, the one the site leads with.",
    )
    note = models.TextField(blank=True)
    citations = GenericRelation("articles.Citation", related_query_name="signature_report")
    created_at = models.DateTimeField(auto_now_add=True)

    date = PartialDateAttr()

    class Meta:
        ordering = ["effort", *ordering_for("date"), "kind", "pk"]
        constraints = [
            *partial_date_check("date", "signature_report", required=True),
            models.CheckConstraint(
                condition=Q(kind__in=SignatureKind.values), name="signature_report_kind_valid"
            ),
        ]
        indexes = [
            models.Index(
                "effort",
                "kind",
                F("date_on").desc(),
                F("date_precision").desc(),
                name="signature_report_latest_idx",
            )
        ]

    def __str__(self):
        about = "about " if self.approximate else ""
        return f"{self.effort}: {about}{self.count:,} {self.get_kind_display()} ({self.date})"


class CountBasis(models.TextChoices):
    PRECINCTS = "precincts", "precincts reporting"
    BALLOTS = "ballots", "ballots counted"


class ResultReport(Versioned):
    """One reported count of a recall question: unofficial on election night, then certified."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="result_reports")
    date_on, date_precision, date_approximate = partial_date_columns("date", required=True)
    reported_at = models.DateTimeField(
        null=True, blank=True, help_text="The time of the count, when the source gives one."
    )
    yes_votes = models.PositiveIntegerField(null=True, blank=True)
    no_votes = models.PositiveIntegerField(null=True, blank=True)
    share_counted = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Percent of precincts or ballots counted, as the source gives it.",
    )
    share_basis = models.CharField(max_length=10, choices=CountBasis.choices, blank=True)
    certified = models.BooleanField(default=False)
    is_lead = models.BooleanField(
        default=False, help_text="Where sources differ on this count, the one the site leads with."
    )
    note = models.TextField(blank=True)
    citations = GenericRelation("articles.Citation", related_query_name="result_report")
    created_at = models.DateTimeField(auto_now_add=True)

    date = PartialDateAttr()

    class Meta:
        ordering = ["contest", *ordering_for("date"), "reported_at", "pk"]
        constraints = [
            *partial_date_check("date", "result_report", required=True),
            models.CheckConstraint(
                condition=Q(share_counted__isnull=True)
                | (Q(share_counted__gte=0) & Q(share_counted__lte=100)),
                name="result_report_share_is_percent",
            ),
            models.CheckConstraint(
                condition=Q(share_counted__isnull=True) | ~Q(share_basis=""),
                name="result_report_share_has_basis",
            ),
        ]

    def __str__(self):
        state = "certified" if self.certified else "unofficial"
        return f"{self.contest}: {state} count of {self.date}"

    @property
    def total_votes(self) -> int | None:
        if self.yes_votes is None or self.no_votes is None:
            return None
        return self.yes_votes + self.no_votes
