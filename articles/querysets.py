"""Reads for the articles app: one named QuerySet method per page."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import models
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

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
from recalls.querysets import text_match


def _models(*labels: str) -> list[type[models.Model]]:
    """The articles app's models by label: they build their managers from these QuerySets,
    so this module cannot import them."""
    return [apps.get_model(label) for label in labels]


def citation_count():
    """How many facts cite the article: a subquery per row, so that it runs only for the rows
    a page shows (a ``Count`` join would group every article before the ``LIMIT``)."""
    (Citation,) = _models("articles.Citation")

    counts = (
        Citation.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def effort_article_ids(effort):
    """Ids of the articles that cite the effort's facts or are confirmed to mention it.

    A ``UNION`` of indexed look-ups (citations by subject, mentions by effort): one ``OR``
    over all of them made the planner read every citation and every article."""
    Citation, Mention = _models("articles.Citation", "articles.Mention")

    def cited(model, ids):
        content_type = ContentType.objects.get_for_model(model)
        citations = Citation.objects.filter(content_type=content_type, object_id__in=ids)
        return citations.order_by().values("article_id")

    return (
        Mention.objects.confirmed()
        .filter(effort=effort)
        .order_by()
        .values("article_id")
        .union(
            cited(RecallEffort, [effort.pk]),
            *(
                cited(model, model.objects.filter(effort=effort).values("pk"))
                for model in (TimelineEvent, Participant, Contest)
            ),
        )
    )


class ArticleQuerySet(models.QuerySet):
    SORTS = {
        "newest": [F("published_on").desc(nulls_last=True), "-published_precision", "title"],
        "oldest": [F("published_on").asc(nulls_last=True), "published_precision", "title"],
        "cited": ["-citation_count", "title", "pk"],  # needs for_list()'s count
        "title": ["title", "pk"],
    }

    def newest(self):
        return self.sorted_by("newest")

    def sorted_by(self, key: str):
        return self.order_by(*self.SORTS.get(key, self.SORTS["newest"]))

    def matching(self, term: str):
        return self.filter(text_match(term, "title"))

    def related_to_effort(self, effort):
        """Articles that cite the effort's facts or are confirmed to mention it."""
        return self.filter(pk__in=effort_article_ids(effort)).select_related("outlet").newest()

    def for_list(self):
        return self.select_related("outlet").annotate(citation_count=citation_count()).newest()

    def for_detail(self):
        Citation, Mention = _models("articles.Citation", "articles.Mention")

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
