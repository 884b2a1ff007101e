"""Reads for the articles app: one named QuerySet method per page."""

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import models
from django.db.models import Count, F, Prefetch, Q

from recalls.querysets import text_match


class ArticleQuerySet(models.QuerySet):
    def newest(self):
        return self.order_by(
            F("published_on").desc(nulls_last=True), "-published_precision", "title"
        )

    def matching(self, term: str):
        return self.filter(text_match(term, "title"))

    def related_to_effort(self, effort):
        """Articles that cite the effort's facts or are confirmed to mention it."""
        from articles.models import ReviewStatus

        related = (
            Q(mentions__effort=effort, mentions__status=ReviewStatus.CONFIRMED)
            | Q(citations__effort=effort)
            | Q(citations__event__effort=effort)
            | Q(citations__participant__effort=effort)
            | Q(citations__contest__effort=effort)
        )
        ids = self.model.objects.filter(related).values("pk")
        return self.filter(pk__in=ids).select_related("outlet").newest()

    def for_list(self):
        return (
            self.select_related("outlet")
            .annotate(citation_count=Count("citations", distinct=True))
            .newest()
        )

    def for_detail(self):
        from articles.models import Citation, Mention
        from recalls.models import (
            Candidacy,
            Contest,
            Election,
            Jurisdiction,
            Office,
            Official,
            Participant,
            RecallEffort,
            Tenure,
            TimelineEvent,
        )

        subjects = GenericPrefetch(
            "subject",
            [
                RecallEffort.objects.all(),
                Official.objects.all(),
                Election.objects.all(),
                Office.objects.select_related("jurisdiction"),
                Jurisdiction.objects.all(),
                TimelineEvent.objects.select_related("effort", "election"),
                Participant.objects.select_related("effort", "official"),
                Tenure.objects.select_related("official", "office__jurisdiction"),
                Contest.objects.select_related("election"),
                Candidacy.objects.select_related("official", "contest__election"),
            ],
        )
        return self.select_related("outlet").prefetch_related(
            Prefetch(
                "citations",
                queryset=Citation.objects.select_related("content_type")
                .order_by("pk")
                .prefetch_related(subjects),
            ),
            Prefetch(
                "mentions",
                queryset=Mention.objects.confirmed().select_related("official", "effort"),
                to_attr="confirmed_mentions",
            ),
        )
