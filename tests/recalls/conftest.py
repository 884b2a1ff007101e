"""Fixtures for the public recall page tests: a few efforts to filter, Boudin's recall in full."""

import datetime as dt

import pytest

from recalls.models import (
    ContestKind,
    EffortStatus,
    OfficeCategory,
    ParticipantRole,
    RecallOutcome,
)
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ContestFactory,
    EffortMentionFactory,
    ElectionFactory,
    JurisdictionFactory,
    OfficeFactory,
    OfficialFactory,
    ParticipantFactory,
    RecallEffortFactory,
    TimelineEventFactory,
)
from tests.recalls.pages import cite


@pytest.fixture
def efforts():
    ca = JurisdictionFactory(name="San Francisco", slug="san-francisco", state="CA")
    il = JurisdictionFactory(name="Cook County", slug="cook-county", state="IL")
    gascon = OfficialFactory(name="George Gascón", aliases=["Gascon", "Mr. Gascón"])
    return {
        "boudin": RecallEffortFactory(
            title="Recall of Chesa Boudin",
            office=OfficeFactory(jurisdiction=ca),
            status=EffortStatus.RECALLED,
            started_on=dt.date(2021, 3, 1),
            started_precision=2,
        ),
        "gascon": RecallEffortFactory(
            title="Second recall of the Los Angeles DA",
            targets=[gascon],
            office=OfficeFactory(jurisdiction=JurisdictionFactory(name="Los Angeles County")),
            status=EffortStatus.FULL_COUNT,
            started_on=dt.date(2021, 12, 1),
            started_precision=2,
            deadline_on=dt.date(2022, 7, 6),
            deadline_precision=6,
        ),
        "foxx": RecallEffortFactory(
            title="Removal of the Cook County prosecutor",
            office=OfficeFactory(jurisdiction=il),
            status=EffortStatus.ABANDONED,
            kind="other_removal",
        ),
        "board": RecallEffortFactory(
            title="Recall of three school board members",
            office=OfficeFactory(
                jurisdiction=ca, category=OfficeCategory.SCHOOL_BOARD, title="Board"
            ),
            status=EffortStatus.RECALLED,
            started_on=dt.date(2021, 1, 1),
            started_precision=1,
        ),
    }


@pytest.fixture
def boudin():
    sf = JurisdictionFactory(name="San Francisco", slug="san-francisco")
    office = OfficeFactory(jurisdiction=sf, title="District Attorney")
    chesa = OfficialFactory(name="Chesa Boudin", slug="chesa-boudin")
    article = ArticleFactory(
        title="Boudin recalled",
        body="Voters recalled him in June.\n\nVolunteers are collecting signatures.",
    )
    effort = RecallEffortFactory(
        title="Recall of Chesa Boudin",
        slug="recall-chesa-boudin",
        office=office,
        targets=[chesa],
        signatures_required=53000,
        signatures_submitted=80000,
        signatures_submitted_approximate=True,
        summary="A recall of the district attorney.",
    )
    cite(effort, field="signatures_required", article=article)
    circulating = TimelineEventFactory(
        effort=effort,
        date_on=dt.date(2021, 4, 1),
        date_precision=2,
        status=EffortStatus.CIRCULATING,
        description="Signature gathering began.",
    )
    cite(circulating, article=article)
    recalled = TimelineEventFactory(
        effort=effort,
        date_on=dt.date(2022, 6, 1),
        date_precision=2,
        status=EffortStatus.RECALLED,
        description="Voters recalled Boudin.",
    )
    source = CitationFactory(
        subject=recalled, article=article, quote="Voters recalled him in June."
    )
    TimelineEventFactory(
        effort=effort,
        date_on=dt.date(2021, 10, 21),
        date_precision=5,
        date_approximate=True,
        date_note="“by late October”.",
        description="Signatures were counted.",
    )
    effort.status = EffortStatus.RECALLED
    effort.save()
    ParticipantFactory(effort=effort, name="Mary Jung", role=ParticipantRole.PROPONENT)
    ParticipantFactory(effort=effort, name="Richie Greenberg", role=ParticipantRole.PROPONENT)
    ParticipantFactory(effort=effort, name="A big funder", role=ParticipantRole.FUNDER)
    election = ElectionFactory(name="June 2022 primary", slug="june-2022", jurisdiction=sf)
    ContestFactory(
        election=election,
        office=office,
        effort=effort,
        kind=ContestKind.RECALL_QUESTION,
        yes_votes=122_000,
        no_votes=99_000,
        outcome=RecallOutcome.RECALLED,
    )
    EffortMentionFactory(effort=effort, article=ArticleFactory(title="A confirmed mention"))
    EffortMentionFactory(
        effort=effort, article=ArticleFactory(title="An unreviewed mention"), status="suggested"
    )
    effort.source = source
    return effort
