"""Writes for the review queue: an editor confirms or rejects what the importer suggested."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.citations import citation_add
from articles.duplicates import facts_mark_duplicates
from articles.models import Citation, Mention, ReviewStatus, SuggestedFact
from editorial.context import acting_as
from recalls.models import TimelineEvent
from recalls.services import event_create


def review_mark(item, *, status: str, by, fields: Iterable[str] = ()) -> None:
    """Record ``by``'s review of a mention or suggestion (``fields``: what else it changed)."""
    item.status, item.reviewed_by = status, by
    item.reviewed_at = timezone.now()
    item.version += 1  # an editor's form opened before the review is now stale
    item.save(update_fields=["status", *fields, "reviewed_by", "reviewed_at", "version"])


def each_accepted(
    suggestions: Iterable, accept: Callable, describe: Callable[..., str]
) -> tuple[int, list[str]]:
    """``accept`` each suggestion on its own, so one refused keeps none of the others back;
    returns (accepted, one line per refusal: ``describe(suggestion)`` and the reasons)."""
    accepted, problems = 0, []
    for suggestion in suggestions:
        try:
            accept(suggestion)
        except ValidationError as error:
            problems.append(f"{describe(suggestion)}: {'; '.join(error.messages)}")
        else:
            accepted += 1
    return accepted, problems


def suggestions_reject(suggestions: Iterable, *, by) -> int:
    """Reject the suggestions still awaiting review; returns how many changed."""
    rejected = 0
    for suggestion in suggestions:
        if suggestion.status == ReviewStatus.SUGGESTED:
            review_mark(suggestion, status=ReviewStatus.REJECTED, by=by)
            rejected += 1
    return rejected


@transaction.atomic
def mentions_review(*, mentions: Iterable[Mention], status: str, user) -> int:
    """Confirm or reject mentions in bulk; returns how many changed."""
    status = ReviewStatus(status)
    changed = 0
    with acting_as(user, reason=f"review: {status.value}"):
        for mention in mentions:
            if mention.status == status:
                continue
            review_mark(mention, status=status, by=user)
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
    duplicate = fact_duplicates(fact=fact).first()
    if duplicate is not None:
        raise ValidationError(
            f"already on the timeline as “{duplicate}”: use “Add its citation to that event” "
            "in the fact's row instead."
        )
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
    fact.event = event
    review_mark(fact, status=ReviewStatus.CONFIRMED, by=user, fields=["event"])
    mention, _ = Mention.objects.get_or_create(
        article=fact.article, effort=fact.effort, defaults={"matched_text": fact.quote[:300]}
    )
    mentions_review(mentions=[mention], status=ReviewStatus.CONFIRMED, user=user)
    _others_mark_duplicates(fact=fact)
    return event


def _others_mark_duplicates(*, fact: SuggestedFact) -> None:
    """Other articles' suggestions of the fact just accepted now repeat its event."""
    others = list(
        SuggestedFact.objects.suggested()
        .filter(effort_id=fact.effort_id, duplicate_of__isnull=True)
        .exclude(pk=fact.pk)
    )
    facts_mark_duplicates(facts=others)
    changed = [other for other in others if other.duplicate_of_id or other.conflict]
    for other in changed:
        other.version += 1  # an editor's form opened before this is now stale
    SuggestedFact.objects.bulk_update(changed, ["duplicate_of", "conflict", "version"])


def fact_duplicates(*, fact: SuggestedFact):
    """Timeline events that already record this fact.

    The event the importer marked (``duplicate_of``), one that cites the same sentence of
    the same article, or one on the fact's effort with the same date and the same status.
    """
    cited = Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(TimelineEvent),
        article_id=fact.article_id,
        quote=" ".join(fact.quote.split()),
    ).values("object_id")
    same = Q(pk__in=cited)
    if fact.duplicate_of_id:
        same |= Q(pk=fact.duplicate_of_id)
    if fact.effort_id and fact.proposed_status:
        same |= Q(
            effort_id=fact.effort_id,
            date_on=fact.date_on,
            date_precision=fact.date_precision,
            status=fact.proposed_status,
        )
    return TimelineEvent.objects.filter(same).select_related("effort").order_by("pk")


@transaction.atomic
def fact_cite_in_event(*, fact: SuggestedFact, event: TimelineEvent, user) -> TimelineEvent:
    """Accept a fact the timeline already has: its sentence becomes a citation of ``event``.

    Nothing else changes: not the event, not the effort's status. A citation the event
    already has (same article and quote) is not added twice.
    """
    fact = SuggestedFact.objects.select_for_update(of=("self",)).get(pk=fact.pk)
    if fact.status != ReviewStatus.SUGGESTED:
        raise ValidationError("This fact was already reviewed.")
    with acting_as(user, reason="review: fact cited in an existing event"):
        quote = " ".join(fact.quote.split())
        if not event.citations.filter(article_id=fact.article_id, quote=quote).exists():
            supports_status = bool(fact.proposed_status) and event.status == fact.proposed_status
            citation_add(
                subject=event,
                article=fact.article,
                quote=fact.quote,
                field="status" if supports_status else "",
            )
        fact.event = event
        review_mark(fact, status=ReviewStatus.CONFIRMED, by=user, fields=["event"])
    return event


def facts_confirm(*, facts: Iterable[SuggestedFact], user) -> tuple[int, list[str]]:
    """Confirm several facts, each on its own; returns (confirmed, problems)."""
    return each_accepted(
        facts, lambda fact: fact_confirm(fact=fact, user=user), lambda fact: f"“{fact.quote[:60]}…”"
    )


@transaction.atomic
def facts_reject(*, facts: Iterable[SuggestedFact], user) -> int:
    """Reject suggested facts (a confirmed one keeps its event; delete that on the effort)."""
    return suggestions_reject(facts, by=user)
