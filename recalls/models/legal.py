"""The cited inputs of the legal clock (``recalls.legal``): counts and dates the law starts from.

Nothing is computed from a figure typed from memory: each input carries its citations (the
admin refuses a new or changed value without one).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core.relations import GenericRelation
from core.versioning import Versioned
from recalls.models.efforts import RecallEffort


class LegalInputKind(models.TextChoices):
    """What the statutes count from (names match ``recalls/legal/rules/*.yaml``)."""

    REGISTERED_VOTERS = "registered_voters", "registered voters in the jurisdiction"
    LAST_VOTE_FOR_OFFICE = "last_vote_for_office", "votes cast at the last election for the office"
    PETITION_APPROVED_ON = "petition_approved_on", "date the petition was approved to circulate"
    ELECTION_ORDERED_ON = "election_ordered_on", "date the recall election was ordered"
    CERTIFIED_ON = "certified_on", "date sufficient signatures were certified"

    @classmethod
    def counts(cls) -> list[str]:
        return [cls.REGISTERED_VOTERS, cls.LAST_VOTE_FOR_OFFICE]


class LegalInput(Versioned):
    """One cited count or date the legal clock computes an effort's requirement or dates from."""

    effort = models.ForeignKey(RecallEffort, on_delete=models.CASCADE, related_name="legal_inputs")
    kind = models.CharField(max_length=30, choices=LegalInputKind.choices)
    count = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="For registered voters and the last vote for the office."
    )
    date_on = models.DateField(
        "date", null=True, blank=True, help_text="For the dates (petition approved, …)."
    )
    note = models.TextField(blank=True, help_text="As of when the count was taken, if known.")
    citations = GenericRelation("articles.Citation", related_query_name="legal_input")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effort", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["effort", "kind"], name="legal_input_one_per_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=LegalInputKind.values), name="legal_input_kind_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind__in=LegalInputKind.counts(), count__isnull=False, date_on__isnull=True)
                    | (
                        ~Q(kind__in=LegalInputKind.counts())
                        & Q(count__isnull=True, date_on__isnull=False)
                    )
                ),
                name="legal_input_count_or_date_by_kind",
            ),
        ]

    def __str__(self):
        value = f"{self.count:,}" if self.count is not None else str(self.date_on)
        return f"{self.effort}: {self.get_kind_display()} {value}"

    def clean(self):
        if self.kind in LegalInputKind.counts():
            if self.count is None:
                raise ValidationError({"count": "This input is a count: give the number."})
            if self.date_on is not None:
                raise ValidationError({"date_on": "This input is a count: leave the date empty."})
        elif self.kind:
            if self.date_on is None:
                raise ValidationError({"date_on": "This input is a date: give the date."})
            if self.count is not None:
                raise ValidationError({"count": "This input is a date: leave the count empty."})

    @property
    def value(self):
        return self.count if self.count is not None else self.date_on
