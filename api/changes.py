"""What changed since a time, read from the edit history (django-simple-history).

A record counts as changed when it, or anything its API answer embeds (timeline events,
participants, contests, candidacies, tenures, citations, mentions), was added, edited or
deleted after the time. Each function returns a ``Q`` of primary keys built from
subqueries, so filtering costs no extra query.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from articles.models import Article, Citation, Mention
from recalls.models import (
    Candidacy,
    Contest,
    Election,
    Official,
    Participant,
    RecallEffort,
    Tenure,
    TimelineEvent,
)


def _history(model, since: dt.datetime, column: str = "id", **filters):
    return (
        model.history.filter(history_date__gt=since, **filters)
        .exclude(**{f"{column}__isnull": True})
        .values(column)
    )


def _cited(model, since: dt.datetime):
    """Ids of ``model`` records whose citations changed."""
    return _history(
        Citation,
        since,
        "object_id",
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
    )


def efforts_changed(since: dt.datetime) -> Q:
    events = _history(TimelineEvent, since, "effort_id")
    cited_events = TimelineEvent.objects.filter(pk__in=_cited(TimelineEvent, since)).values(
        "effort_id"
    )
    cited_participants = Participant.objects.filter(pk__in=_cited(Participant, since)).values(
        "effort_id"
    )
    candidacies = Contest.objects.filter(pk__in=_history(Candidacy, since, "contest_id")).values(
        "effort_id"
    )
    return (
        Q(updated_at__gt=since)
        | Q(pk__in=_history(RecallEffort, since))
        | Q(pk__in=_cited(RecallEffort, since))
        | Q(pk__in=events)
        | Q(pk__in=cited_events)
        | Q(pk__in=_history(Participant, since, "effort_id"))
        | Q(pk__in=cited_participants)
        | Q(pk__in=_history(Contest, since, "effort_id"))
        | Q(pk__in=candidacies)
    )


def _efforts_targets(since: dt.datetime):
    """Officials targeted by an effort that changed (an official's answer lists them)."""
    targets = RecallEffort.history.model._meta.get_field(
        "historicalrecalleffort_targets"
    ).related_model
    return targets.objects.filter(history__history_date__gt=since).values("official_id")


def officials_changed(since: dt.datetime) -> Q:
    cited_tenures = Tenure.objects.filter(pk__in=_cited(Tenure, since)).values("official_id")
    return (
        Q(pk__in=_history(Official, since))
        | Q(pk__in=_cited(Official, since))
        | Q(pk__in=_history(Tenure, since, "official_id"))
        | Q(pk__in=cited_tenures)
        | Q(pk__in=_history(Candidacy, since, "official_id"))
        | Q(pk__in=_history(Mention, since, "official_id"))
        | Q(pk__in=_efforts_targets(since))
    )


def elections_changed(since: dt.datetime) -> Q:
    cited_contests = Contest.objects.filter(pk__in=_cited(Contest, since)).values("election_id")
    candidacies = Contest.objects.filter(pk__in=_history(Candidacy, since, "contest_id")).values(
        "election_id"
    )
    return (
        Q(pk__in=_history(Election, since))
        | Q(pk__in=_cited(Election, since))
        | Q(pk__in=_history(Contest, since, "election_id"))
        | Q(pk__in=cited_contests)
        | Q(pk__in=candidacies)
        | Q(pk__in=_history(TimelineEvent, since, "election_id"))
    )


def articles_changed(since: dt.datetime) -> Q:
    return (
        Q(imported_at__gt=since)
        | Q(pk__in=_history(Article, since))
        | Q(pk__in=_history(Citation, since, "article_id"))
        | Q(pk__in=_history(Mention, since, "article_id"))
    )


CHANGED = {
    RecallEffort: efforts_changed,
    Official: officials_changed,
    Election: elections_changed,
    Article: articles_changed,
}


def changed_since(queryset, since: dt.datetime):
    """``queryset`` narrowed to the records changed after ``since``."""
    return queryset.filter(CHANGED[queryset.model](since))
