"""Which suggested facts the timeline already records, and which contradict it.

A fact repeats an event when both are on the same effort, their dates can be the same day
(compared at the coarser of the two precisions: "June 2022" and "7 June 2022" can,
"May 2022" and "7 June 2022" cannot), and they report the same status or say nearly the
same thing. A fact that reports an outcome the timeline already has on a date that cannot
be the same is a conflict: an effort ends once, so one of the sources is wrong, and the
editor decides which.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz

from core.dates import PartialDate
from recalls.models import EffortStatus, TimelineEvent

# token_set_ratio of the fact's sentence and the event's description: at this score the
# two say the same thing in nearly the same words.
SAME_WORDS = 90


def dates_overlap(a: PartialDate, b: PartialDate) -> bool:
    """Whether the two periods share a day ("2022" and "June 2022" do)."""
    return a.value <= b.last_day and b.value <= a.last_day


def fact_match(fact, events: Iterable[TimelineEvent]) -> tuple[TimelineEvent | None, str]:
    """(the event ``fact`` repeats or None, a one-line conflict or "") among ``events``."""
    conflict = ""
    for event in events:
        if event.effort_id != fact.effort_id:
            continue
        same_status = bool(fact.proposed_status) and event.status == fact.proposed_status
        if dates_overlap(fact.date, event.date):
            if same_status or _same_words(fact, event):
                return event, ""
        elif same_status and fact.proposed_status in EffortStatus.ended() and not conflict:
            conflict = (
                f"The timeline has “{event.get_status_display()}” on {event.date}, "
                f"not {fact.date}: “{event.description[:120]}”"
            )
    return None, conflict


def _same_words(fact, event: TimelineEvent) -> bool:
    text = fact.description or fact.quote
    return fuzz.token_set_ratio(text.casefold(), event.description.casefold()) >= SAME_WORDS


def facts_mark_duplicates(*, facts: list) -> None:
    """Set ``duplicate_of`` and ``conflict`` on unsaved or suggested facts, in place.

    One query for the events of all their efforts, whatever the number of facts.
    """
    efforts = {fact.effort_id for fact in facts if fact.effort_id}
    if not efforts:
        return
    events = defaultdict(list)
    rows = TimelineEvent.objects.filter(effort_id__in=efforts).order_by("date_on", "pk")
    for event in rows.only(
        "pk",
        "effort_id",
        "date_on",
        "date_precision",
        "date_approximate",
        "status",
        "description",
    ):
        events[event.effort_id].append(event)
    for fact in facts:
        if fact.effort_id:
            fact.duplicate_of, fact.conflict = fact_match(fact, events[fact.effort_id])
