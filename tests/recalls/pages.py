"""Helpers for the public recall page tests: the page's text, cited facts, a full effort."""

import datetime as dt
import re

from recalls.models import (
    EffortStatus,
)
from tests.factories import (
    CandidacyFactory,
    CitationFactory,
    ContestFactory,
    EffortMentionFactory,
    OfficeFactory,
    OfficialFactory,
    ParticipantFactory,
    RecallEffortFactory,
    TimelineEventFactory,
)

QUOTE = "Volunteers are collecting signatures."


def text(response) -> str:
    """The page's visible text, tags removed and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def cite(subject, **kwargs):
    return CitationFactory(subject=subject, quote=QUOTE, **kwargs)


def rich_effort(size: int, status=EffortStatus.RECALLED, **kwargs):
    """An effort with ``size`` of everything a detail page shows."""
    office = OfficeFactory()
    targets = OfficialFactory.create_batch(size)
    effort = RecallEffortFactory(
        office=office, targets=targets, signatures_required=100, status=status, **kwargs
    )
    cite(effort, field="signatures_required")
    for day in range(size):
        event = TimelineEventFactory(
            effort=effort, date_on=dt.date(2021, 1, 1) + dt.timedelta(days=day)
        )
        cite(event)
    last = TimelineEventFactory(
        effort=effort, date_on=dt.date(2022, 6, 7), status=EffortStatus.RECALLED
    )
    cite(last)
    for _ in range(size):
        cite(ParticipantFactory(effort=effort))
        contest = ContestFactory(effort=effort, office=office, yes_votes=60, no_votes=40)
        cite(contest)
        cite(CandidacyFactory(contest=contest))
        EffortMentionFactory(effort=effort)
    return effort


def titles(response) -> list[str]:
    return [effort.title for effort in response.context["object_list"]]
