from django.db import models

from core.dates import (
    PartialDateAttr,
    ends_after_start,
    partial_date_check,
    partial_date_columns,
)
from core.links import slug_url
from core.managers import SlugManager
from core.relations import GenericRelation
from core.versioning import Versioned
from recalls.models.identifiers import Identified, identifier_checks, wikidata_columns
from recalls.models.places import Office
from recalls.querysets import OfficialQuerySet


class Official(Identified, Versioned):
    """A person the tracker follows: an office-holder, a candidate or a campaign figure."""

    name = models.CharField(
        max_length=200, help_text="Full name as usually written: “George Gascón”."
    )
    slug = models.SlugField(max_length=200, unique=True)
    sort_name = models.CharField(max_length=200, help_text="“Gascón, George”.")
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other ways articles write the name (“Gascon”, “Mr. Gascón”), one per line.",
    )
    party = models.CharField(
        max_length=100, blank=True, help_text="Blank when the sources do not say."
    )
    bio = models.TextField(
        blank=True, help_text="One or two sentences, supported by the citations."
    )
    wikidata_id, wikidata_source = wikidata_columns()
    citations = GenericRelation("articles.Citation", related_query_name="official")

    objects = SlugManager.from_queryset(OfficialQuerySet)()

    class Meta:
        ordering = ["sort_name", "name"]
        constraints = identifier_checks("official", ocd=False)

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("recalls:official_detail", self.slug)

    def natural_key(self):
        return (self.slug,)

    @property
    def surname(self) -> str:
        return (
            self.sort_name.split(",")[0].strip() if "," in self.sort_name else self.name.split()[-1]
        )


class TenureBasis(models.TextChoices):
    ELECTED = "elected", "elected"
    APPOINTED = "appointed", "appointed"
    UNKNOWN = "unknown", "unknown"


class Tenure(Versioned):
    """An official holding an office for a period."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="tenures")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="tenures")
    started_on, started_precision, started_approximate = partial_date_columns("started")
    ended_on, ended_precision, ended_approximate = partial_date_columns("ended")
    basis = models.CharField(
        max_length=10, choices=TenureBasis.choices, default=TenureBasis.UNKNOWN
    )
    is_current = models.BooleanField(
        default=False, help_text="Holds the office as of the newest source that speaks of it."
    )
    note = models.TextField(blank=True, help_text="How vague dates were inferred.")
    citations = GenericRelation("articles.Citation", related_query_name="tenure")

    started = PartialDateAttr()
    ended = PartialDateAttr()

    class Meta:
        ordering = ["official__sort_name", "started_on", "started_precision"]
        constraints = [
            *partial_date_check("started", "tenure"),
            *partial_date_check("ended", "tenure"),
            ends_after_start("started", "ended", "tenure"),
            models.UniqueConstraint(
                fields=["official", "office", "started_on"],
                name="tenure_unique_start",
            ),
        ]

    def __str__(self):
        span = ""
        if self.started or self.ended:
            span = f" ({self.started or '?'} – {self.ended or ('now' if self.is_current else '?')})"
        return f"{self.official} — {self.office}{span}"
