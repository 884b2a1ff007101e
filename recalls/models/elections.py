from django.db import models
from django.db.models import Q

from core.dates import PartialDateAttr, ordering_for, partial_date_check, partial_date_columns
from core.links import slug_url
from core.managers import SlugManager
from core.relations import GenericRelation
from core.versioning import Versioned
from recalls.models.efforts import RecallEffort
from recalls.models.people import Official
from recalls.models.places import Jurisdiction, Office
from recalls.querysets import ElectionQuerySet


class ElectionKind(models.TextChoices):
    GENERAL = "general", "general"
    PRIMARY = "primary", "primary"
    SPECIAL = "special", "special"
    RECALL = "recall", "recall"


class Election(Versioned):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=ElectionKind.choices)
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="elections"
    )
    date_on, date_precision, date_approximate = partial_date_columns("date")
    date_note = models.TextField(
        blank=True, help_text="How a vague date was inferred, or why unknown."
    )
    citations = GenericRelation("articles.Citation", related_query_name="election")

    date = PartialDateAttr()

    objects = SlugManager.from_queryset(ElectionQuerySet)()

    class Meta:
        ordering = [*ordering_for("date", descending=True), "name"]
        constraints = [*partial_date_check("date", "election")]

    def __str__(self):
        return f"{self.name} ({self.date})" if self.date else self.name

    def get_absolute_url(self):
        return slug_url("recalls:election_detail", self.slug)

    def natural_key(self):
        return (self.slug,)


class ContestKind(models.TextChoices):
    RECALL_QUESTION = "recall_question", "recall question (yes/no)"
    CANDIDATE = "candidate", "candidate race"


class RecallOutcome(models.TextChoices):
    RECALLED = "recalled", "recalled"
    RETAINED = "retained", "retained"
    UNKNOWN = "unknown", "not yet known"


class Contest(Versioned):
    """One question on a ballot: a recall question or a race between candidates."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="contests")
    kind = models.CharField(max_length=20, choices=ContestKind.choices)
    name = models.CharField(max_length=250, help_text="“Shall Chesa Boudin be recalled?”, “Mayor”.")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="contests")
    effort = models.ForeignKey(
        RecallEffort,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contests",
        help_text="For a recall question: the effort that put it on the ballot.",
    )
    outcome = models.CharField(
        max_length=10, choices=RecallOutcome.choices, blank=True, help_text="Recall questions only."
    )
    seats = models.PositiveSmallIntegerField(default=1)
    note = models.TextField(blank=True)
    citations = GenericRelation("articles.Citation", related_query_name="contest")

    class Meta:
        ordering = ["election", "name"]
        constraints = [
            models.UniqueConstraint(fields=["election", "name"], name="contest_unique_name"),
            models.CheckConstraint(
                condition=Q(kind=ContestKind.RECALL_QUESTION) | Q(outcome=""),
                name="contest_outcome_only_on_recall_questions",
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="contest_seats_positive"),
        ]

    def __str__(self):
        return f"{self.name} — {self.election.name}"

    def get_absolute_url(self):
        return f"{self.election.get_absolute_url()}#contest-{self.pk}"

    # The results are a dated series (``ResultReport``); pages read it prefetched.
    @property
    def result_series(self) -> list:
        """Every reported count, oldest first."""
        return sorted(self.result_reports.all(), key=lambda r: r.series_key())

    @property
    def latest_result(self):
        """The count the site leads with (``ResultReport.headline_key``), or None."""
        return max(self.result_reports.all(), key=lambda r: r.headline_key(), default=None)

    @property
    def earlier_results(self) -> list:
        """The other counts, newest first."""
        latest = self.latest_result
        return [r for r in reversed(self.result_series) if r.pk != latest.pk]


class CandidacyStatus(models.TextChoices):
    DECLARED = "declared", "declared"
    WITHDRAWN = "withdrawn", "withdrew"
    ADVANCED = "runoff", "advanced to runoff"
    WON = "won", "won"
    LOST = "lost", "lost"
    POTENTIAL = "potential", "potential candidate"


class Candidacy(Versioned):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="candidacies")
    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="candidacies")
    status = models.CharField(max_length=10, choices=CandidacyStatus.choices)
    party = models.CharField(max_length=100, blank=True)
    is_incumbent = models.BooleanField(default=False)
    votes = models.PositiveIntegerField(null=True, blank=True)
    declared_on, declared_precision, declared_approximate = partial_date_columns("declared")
    withdrew_on, withdrew_precision, withdrew_approximate = partial_date_columns("withdrew")
    note = models.TextField(blank=True)
    citations = GenericRelation("articles.Citation", related_query_name="candidacy")

    declared = PartialDateAttr()
    withdrew = PartialDateAttr()

    class Meta:
        ordering = ["contest", "official__sort_name"]
        verbose_name_plural = "candidacies"
        constraints = [
            models.UniqueConstraint(fields=["contest", "official"], name="candidacy_unique"),
            *partial_date_check("declared", "candidacy"),
            *partial_date_check("withdrew", "candidacy"),
        ]

    def __str__(self):
        return f"{self.official} — {self.contest} ({self.get_status_display()})"
