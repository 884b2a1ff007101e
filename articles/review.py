"""Writes for the review queue: an editor confirms or rejects what the importer suggested."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles.citations import citation_add
from articles.models import Mention, ReviewStatus, SuggestedFact
from editorial.context import acting_as
from recalls.models import TimelineEvent
from recalls.services import event_create


@transaction.atomic
def mentions_review(*, mentions: Iterable[Mention], status: str, user) -> int:
    """Confirm or reject mentions in bulk; returns how many changed."""
    status = ReviewStatus(status)
    changed = 0
    with acting_as(user, reason=f"review: {status.value}"):
        for mention in mentions:
            if mention.status == status:
                continue
            mention.status, mention.reviewed_by = status, user
            mention.reviewed_at = timezone.now()
            mention.version += 1  # an editor's form opened before the review is now stale
            mention.save(update_fields=["status", "reviewed_by", "reviewed_at", "version"])
            changed += 1
    return changed


@transaction.atomic
def fact_confirm(*, fact: SuggestedFact, user) -> TimelineEvent:
    """Accept a suggested fact: the effort gets a timeline event cited with the sentence.

    The event, its citation and the fact's new state are written together or not at all.
    """
    fact = (
        SuggestedFact.objects.select_for_update(of=("self",))
        .select_related("article", "effort")
        .get(pk=fact.pk)
    )
    if fact.status == ReviewStatus.CONFIRMED and fact.event_id:
        return fact.event
    if fact.effort is None:
        raise ValidationError({"effort": "Choose the effort this fact belongs to first."})
    with acting_as(user, reason="review: fact confirmed"):
        return _fact_accept(fact=fact, user=user)


def _fact_accept(*, fact: SuggestedFact, user) -> TimelineEvent:
    event = event_create(
        effort=fact.effort,
        date=fact.date,
        description=fact.description or fact.quote,
        status=fact.proposed_status,
        date_note=fact.date_note,
    )
    citation_add(
        subject=event,
        article=fact.article,
        quote=fact.quote,
        field="status" if fact.proposed_status else "",
    )
    fact.status, fact.event = ReviewStatus.CONFIRMED, event
    fact.reviewed_by, fact.reviewed_at = user, timezone.now()
    fact.version += 1  # an editor's form opened before the review is now stale
    fact.save(update_fields=["status", "event", "reviewed_by", "reviewed_at", "version"])
    mention, _ = Mention.objects.get_or_create(
        article=fact.article, effort=fact.effort, defaults={"matched_text": fact.quote[:300]}
    )
    mentions_review(mentions=[mention], status=ReviewStatus.CONFIRMED, user=user)
    return event


def facts_confirm(*, facts: Iterable[SuggestedFact], user) -> tuple[int, list[str]]:
    """Confirm several facts, each on its own; returns (confirmed, problems)."""
    confirmed, problems = 0, []
    for fact in facts:
        try:
            fact_confirm(fact=fact, user=user)
        except ValidationError as error:
            problems.append(f"“{fact.quote[:60]}…”: {'; '.join(error.messages)}")
        else:
            confirmed += 1
    return confirmed, problems


@transaction.atomic
def facts_reject(*, facts: Iterable[SuggestedFact], user) -> int:
    """Reject suggested facts (a confirmed one keeps its event; delete that on the effort)."""
    rejected = 0
    for fact in facts:
        if fact.status != ReviewStatus.SUGGESTED:
            continue
        fact.status, fact.reviewed_by, fact.reviewed_at = (
            ReviewStatus.REJECTED,
            user,
            timezone.now(),
        )
        fact.version += 1
        fact.save(update_fields=["status", "reviewed_by", "reviewed_at", "version"])
        rejected += 1
    return rejected
