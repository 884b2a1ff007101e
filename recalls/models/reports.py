"""Figures that change over time, each a dated, cited report.

A recall's signature counts and an election's results are not one number each: they are
reported again and again (raw counts at submission, a random-sample projection, the
verified count; election-night counts with the share counted, then the certified result),
and two sources may disagree about the same figure. Each report is one row with its own
date, precision and citations; the current figure is read from the series.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from core.dates import PartialDateAttr, ordering_for, partial_date_check, partial_date_columns
from core.relations import GenericRelation
from core.versioning import Versioned
from recalls.models.efforts import RecallEffort
from recalls.models.elections import Contest, ContestKind
from recalls.querysets import ResultReportQuerySet, cited_by
from recalls.signatures import SignatureKind


class SignatureReportQuerySet(models.QuerySet):
    def cited(self):
        """With their citations (and the cited articles) loaded, oldest report first."""
        return self.prefetch_related(models.Prefetch("citations", queryset=cited_by()))

    def of_efforts(self, efforts):
        """The series of ``efforts`` (a queryset), effort by effort, each oldest first."""
        return (
            self.filter(effort__in=efforts.values("pk"))
            .select_related("effort")
            .cited()
            .order_by("effort__slug", *ordering_for("date"), "kind", "pk")
        )


class SignatureReport(Versioned):
    """One reported signature figure for an effort, as of a date, per its citations.

    "The same figure" is the requirement (one per effort, whenever reported), or a count of
    one kind on one date; where reports of a figure differ, one of them may lead.
    """

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

    objects = SignatureReportQuerySet.as_manager()

    class Meta:
        ordering = ["effort", *ordering_for("date"), "kind", "pk"]
        constraints = [
            *partial_date_check("date", "signature_report", required=True),
            models.CheckConstraint(
                condition=Q(kind__in=SignatureKind.values), name="signature_report_kind_valid"
            ),
            # One lead per figure (signature_report_lead keeps it so; the database refuses two).
            models.UniqueConstraint(
                fields=["effort"],
                condition=Q(is_lead=True, kind=SignatureKind.REQUIRED),
                name="signature_report_one_lead_requirement",
            ),
            models.UniqueConstraint(
                fields=["effort", "kind", "date_on", "date_precision"],
                condition=Q(is_lead=True) & ~Q(kind=SignatureKind.REQUIRED),
                name="signature_report_one_lead_per_count",
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

    def get_absolute_url(self):
        return f"{self.effort.get_absolute_url()}#signatures"

    def __str__(self):
        about = "about " if self.approximate else ""
        return f"{self.effort}: {about}{self.count:,} {self.get_kind_display()} ({self.date})"


class CountBasis(models.TextChoices):
    PRECINCTS = "precincts", "precincts reporting"
    BALLOTS = "ballots", "ballots counted"

    @property
    def noun(self) -> str:
        return self.value


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

    objects = ResultReportQuerySet.as_manager()
    # What one count says, in the order editors and API readers meet it (admin, serializer).
    COUNT_FIELDS = (
        "date",
        "reported_at",
        "yes_votes",
        "no_votes",
        "share_counted",
        "share_basis",
        "certified",
        "is_lead",
    )

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

    def get_absolute_url(self):
        return self.contest.get_absolute_url()

    def clean(self):
        super().clean()
        if self.contest_id and self.contest.kind != ContestKind.RECALL_QUESTION:
            raise ValidationError({"contest": "Only a recall question has yes/no results."})
        if self.share_counted is not None and not self.share_basis:
            raise ValidationError(
                {"share_basis": "Say what the share counts: precincts or ballots."}
            )

    def headline_key(self) -> tuple:
        """Which count a page leads with: a certified count over unofficial ones, then the
        newest (date, then time of day), then the one editors marked lead, then the last added."""
        at = self.reported_at.timestamp() if self.reported_at else float("-inf")
        return (self.certified, self.date_on, self.date_precision, at, self.is_lead, self.pk or 0)

    def series_key(self) -> tuple:
        at = self.reported_at.timestamp() if self.reported_at else float("-inf")
        return (self.date_on, self.date_precision, at, self.certified, self.pk or 0)

    @property
    def total_votes(self) -> int | None:
        if self.yes_votes is None or self.no_votes is None:
            return None
        return self.yes_votes + self.no_votes

    @property
    def yes_share(self) -> float | None:
        total = self.total_votes
        return self.yes_votes / total if total else None

    @property
    def no_share(self) -> float | None:
        total = self.total_votes
        return self.no_votes / total if total else None

    @property
    def counted_text(self) -> str:
        """ "62.5% of precincts counted"; empty when the source gives no share."""
        if self.share_counted is None:
            return ""
        return f"{self.share_counted.normalize():f}% of {self.share_basis} counted"
