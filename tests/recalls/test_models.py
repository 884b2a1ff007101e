"""Each database constraint rejects the bad data it exists for (on SQLite and PostgreSQL)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from core.dates import Precision
from recalls.models import EffortStatus
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ContestFactory,
    JurisdictionFactory,
    MentionFactory,
    OfficeFactory,
    OfficialFactory,
    ParticipantFactory,
    RecallEffortFactory,
    TenureFactory,
    TimelineEventFactory,
)

pytestmark = pytest.mark.django_db


def rejected(factory, **kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**kwargs)
    return True


@pytest.mark.parametrize(
    "field", ["signatures_required", "signatures_submitted", "signatures_valid"]
)
def test_negative_signature_counts_rejected(field):
    assert rejected(RecallEffortFactory, **{field: -1})


def test_valid_signatures_cannot_exceed_submitted():
    assert rejected(RecallEffortFactory, signatures_submitted=100, signatures_valid=101)
    RecallEffortFactory(signatures_submitted=100, signatures_valid=100)


def test_effort_end_cannot_precede_start():
    assert rejected(
        RecallEffortFactory,
        started_on=dt.date(2022, 5, 1),
        started_precision=Precision.DAY,
        ended_on=dt.date(2022, 4, 30),
        ended_precision=Precision.DAY,
    )


def test_tenure_end_cannot_precede_start():
    assert rejected(
        TenureFactory,
        started_on=dt.date(2020, 1, 1),
        started_precision=Precision.YEAR,
        ended_on=dt.date(2019, 1, 1),
        ended_precision=Precision.YEAR,
    )


def test_partial_date_needs_its_precision():
    assert rejected(RecallEffortFactory, started_on=dt.date(2022, 1, 1), started_precision=None)
    assert rejected(RecallEffortFactory, started_on=None, started_precision=Precision.YEAR)


@pytest.mark.parametrize(
    "factory",
    [JurisdictionFactory, OfficeFactory, OfficialFactory, RecallEffortFactory, ArticleFactory],
)
def test_duplicate_slugs_rejected(factory):
    first = factory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(first).objects.create(
            **{
                f.attname: getattr(first, f.attname)
                for f in first._meta.concrete_fields
                if not f.primary_key and f.name not in ("name", "content_hash", "url")
            },
            **({"name": first.name + " again"} if hasattr(first, "name") else {}),
            **({"content_hash": "other"} if hasattr(first, "content_hash") else {}),
        )


def test_duplicate_article_text_rejected():
    first = ArticleFactory()
    assert rejected(ArticleFactory, body="different", content_hash=first.content_hash)


def test_duplicate_article_url_rejected_but_many_without_url_allowed():
    ArticleFactory(url="https://example.org/a")
    assert rejected(ArticleFactory, url="https://example.org/a")
    ArticleFactory(url=None)
    ArticleFactory(url=None)


def test_empty_article_body_rejected():
    assert rejected(ArticleFactory, body="")


def test_unknown_status_rejected():
    assert rejected(RecallEffortFactory, status="won-ish")


def test_event_needs_an_effort_or_election():
    assert rejected(TimelineEventFactory, effort=None)


def test_event_status_needs_an_effort():
    from tests.factories import ElectionFactory

    assert rejected(
        TimelineEventFactory, effort=None, election=ElectionFactory(), status=EffortStatus.RECALLED
    )


def test_participant_needs_a_name_or_person():
    assert rejected(ParticipantFactory, name="", official=None)
    ParticipantFactory(name="", official=OfficialFactory())


def test_mention_links_exactly_one_subject():
    assert rejected(MentionFactory, official=None, effort=None)
    assert rejected(MentionFactory, effort=RecallEffortFactory())


def test_mention_is_unique_per_article_and_official():
    mention = MentionFactory()
    assert rejected(MentionFactory, article=mention.article, official=mention.official)


def test_votes_only_on_recall_questions():
    assert rejected(ContestFactory, kind="candidate", yes_votes=10)


def test_citation_quote_cannot_be_empty():
    assert rejected(CitationFactory, quote="")


def test_str_is_recognisable():
    effort = RecallEffortFactory(title="Recall of Chesa Boudin")
    assert str(effort) == "Recall of Chesa Boudin"
    office = OfficeFactory(
        title="District Attorney", jurisdiction=JurisdictionFactory(name="San Francisco")
    )
    assert str(office) == "District Attorney, San Francisco"
