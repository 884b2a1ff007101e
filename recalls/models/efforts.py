from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property

from core.dates import (
    PartialDateAttr,
    ends_after_start,
    ordering_for,
    partial_date_check,
    partial_date_columns,
)
from core.indexes import SortIndex
from core.links import slug_url
from core.managers import SlugManager
from core.relations import GenericRelation
from core.versioning import Versioned
from recalls.models.people import Official
from recalls.models.places import Office
from recalls.querysets import RecallEffortQuerySet, TimelineEventQuerySet
from recalls.signatures import current_signatures
from recalls.stages import EffortStatus


class EffortKind(models.TextChoices):
    RECALL = "recall", "recall"
    IMPEACHMENT = "impeachment", "impeachment"
    OTHER_REMOVAL = "other_removal", "other removal attempt"


class RecallEffort(Versioned):
    """One attempt to remove one or more officials from one office."""

    title = models.CharField(max_length=250, help_text="“Recall of Chesa Boudin (2021–2022)”.")
    slug = models.SlugField(max_length=200, unique=True)
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other names articles give the effort (“the Boudin recall”, “Prop H”), one "
        "per line; the importer links an article that uses one.",
    )
    kind = models.CharField(max_length=20, choices=EffortKind.choices, default=EffortKind.RECALL)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="efforts")
    targets = models.ManyToManyField(Official, related_name="efforts_against", blank=True)
    target_count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="How many officials are targeted when the sources do not name them all.",
    )
    status = models.CharField(
        max_length=20,
        choices=EffortStatus.choices,
        default=EffortStatus.UNDERWAY,
        help_text="Set by the newest timeline event that moves the status.",
    )
    started_on, started_precision, started_approximate = partial_date_columns("started")
    ended_on, ended_precision, ended_approximate = partial_date_columns("ended")
    deadline_on, deadline_precision, deadline_approximate = partial_date_columns(
        "signature deadline"
    )
    summary = models.TextField(blank=True)
    note = models.TextField(
        blank=True, help_text="How vague values were inferred; what is unknown."
    )
    citations = GenericRelation("articles.Citation", related_query_name="effort")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Kept from the events, citations and signature reports (recalls/fact_summary.py), for
    # the staleness filters; not edited.
    heard_on = models.DateField(
        null=True,
        editable=False,
        help_text="The last day any dated fact about the effort could be (its events, and "
        "the articles cited by it or by its events).",
    )
    submission_reported = models.BooleanField(
        default=False,
        editable=False,
        help_text="An event at or past “signatures submitted”, or a reported count of "
        "submitted or checked signatures.",
    )

    started = PartialDateAttr()
    ended = PartialDateAttr()
    deadline = PartialDateAttr()

    objects = SlugManager.from_queryset(RecallEffortQuerySet)()

    class Meta:
        ordering = [*ordering_for("started", descending=True), "title"]
        constraints = [
            *partial_date_check("started", "effort"),
            *partial_date_check("ended", "effort"),
            *partial_date_check("deadline", "effort"),
            ends_after_start("started", "ended", "effort"),
            models.CheckConstraint(
                condition=Q(target_count__isnull=True) | Q(target_count__gte=1),
                name="effort_target_count_positive",
            ),
            models.CheckConstraint(
                condition=Q(status__in=EffortStatus.values), name="effort_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["status"]),
            # The default "newest" order of the efforts list (RecallEffortQuerySet.sorted_by).
            SortIndex(
                F("started_on").desc(nulls_last=True),
                F("started_precision").desc(),
                "title",
                "id",
                name="effort_newest_idx",
            ),
            SortIndex(
                F("deadline_on").asc(nulls_last=True),
                "deadline_precision",
                "title",
                name="effort_deadline_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("recalls:effort_detail", self.slug)

    SUMMARY_FIELDS = ("heard_on", "submission_reported")

    def save(self, *args, **kwargs):
        # The summary belongs to recalls/fact_summary.py: an edit of a row read earlier must
        # not write back the summary as it was then (an import may have moved it since).
        stored = not self._state.adding and self.pk is not None
        if stored and not kwargs.get("force_insert") and kwargs.get("update_fields") is None:
            skip = {*self.SUMMARY_FIELDS, *self.get_deferred_fields()}  # as Django skips those
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in skip and f.attname not in skip
            ]
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)

    @property
    def is_ended(self) -> bool:
        return self.status in EffortStatus.ended()

    @cached_property
    def signatures(self):
        """The current signature figures, read from the series of reports (prefetch
        ``signature_reports`` for lists: ``RecallEffort.objects.with_signatures()``)."""
        return current_signatures(self)

    @property
    def signatures_valid_share(self) -> float | None:
        """Valid (else projected valid, else submitted) signatures over the requirement; may exceed 1."""
        return self.signatures.share


class ParticipantRole(models.TextChoices):
    PROPONENT = "proponent", "proponent / leader"
    FUNDER = "funder", "funder"
    SUPPORTER = "supporter", "supporter"
    OPPONENT = "opponent", "opponent"
    SPOKESPERSON = "spokesperson", "spokesperson"


class Participant(Versioned):
    """A person or group taking part in an effort, in a role, per a citation."""

    class Kind(models.TextChoices):
        PERSON = "person", "person"
        GROUP = "group", "group"

    effort = models.ForeignKey(RecallEffort, on_delete=models.CASCADE, related_name="participants")
    official = models.ForeignKey(
        Official,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
        help_text="When the participant is a person the tracker follows.",
    )
    name = models.CharField(
        max_length=200, blank=True, help_text="When not linked to a person record."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PERSON)
    role = models.CharField(max_length=20, choices=ParticipantRole.choices)
    description = models.CharField(max_length=300, blank=True, help_text="“a Democratic activist”.")
    citations = GenericRelation("articles.Citation", related_query_name="participant")

    class Meta:
        ordering = ["effort", "role", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(official__isnull=False) | ~Q(name=""), name="participant_has_identity"
            ),
            models.UniqueConstraint(
                fields=["effort", "official", "role"],
                condition=Q(official__isnull=False),
                name="participant_unique_official_role",
            ),
            models.UniqueConstraint(
                fields=["effort", "name", "role"],
                condition=~Q(name=""),
                name="participant_unique_name_role",
            ),
        ]

    def __str__(self):
        return f"{self.display_name} — {self.get_role_display()} of {self.effort}"

    @property
    def display_name(self) -> str:
        return self.official.name if self.official_id else self.name


class TimelineEvent(Versioned):
    """Something that happened to an effort or an election, on a (partial) date, cited."""

    effort = models.ForeignKey(
        RecallEffort, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    election = models.ForeignKey(
        "recalls.Election", null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    date_on, date_precision, date_approximate = partial_date_columns("date", required=True)
    description = models.TextField(help_text="What happened, in one or two sentences.")
    status = models.CharField(
        max_length=20,
        choices=EffortStatus.choices,
        blank=True,
        help_text="The status this event moved the effort to, if any.",
    )
    date_note = models.TextField(blank=True, help_text="How a vague date was inferred.")
    citations = GenericRelation("articles.Citation", related_query_name="event")
    created_at = models.DateTimeField(auto_now_add=True)

    date = PartialDateAttr()

    objects = TimelineEventQuerySet.as_manager()

    class Meta:
        ordering = [*ordering_for("date"), "created_at", "pk"]
        constraints = [
            *partial_date_check("date", "event", required=True),
            models.CheckConstraint(
                condition=Q(effort__isnull=False) | Q(election__isnull=False),
                name="event_has_subject",
            ),
            models.CheckConstraint(
                condition=Q(status="") | Q(effort__isnull=False), name="event_status_needs_effort"
            ),
            models.CheckConstraint(
                condition=Q(status="") | Q(status__in=EffortStatus.values),
                name="event_status_valid",
            ),
        ]
        indexes = [
            # The feeds: the most recently added first (exports/updates.py).
            models.Index(
                F("created_at").desc(),
                F("date_on").desc(),
                F("date_precision").desc(),
                F("id").desc(),
                name="event_added_idx",
            ),
            # The home page's "latest updates": effort events, newest date first.
            models.Index(
                F("date_on").desc(),
                F("date_precision").desc(),
                F("created_at").desc(),
                F("id").desc(),
                name="event_latest_effort_idx",
                condition=Q(effort__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.date}: {self.description[:80]}"
