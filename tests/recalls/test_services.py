import pytest
from django.core.exceptions import ValidationError

from articles.citations import citation_add
from recalls.models import EffortStatus
from recalls.services import effort_sync_status, event_create
from tests.factories import ArticleFactory, RecallEffortFactory, TimelineEventFactory

pytestmark = pytest.mark.django_db


def test_newest_status_event_sets_the_status_whatever_the_insert_order():
    effort = RecallEffortFactory(status=EffortStatus.UNDERWAY)
    event_create(
        effort=effort, date="2022-06", description="Recalled", status=EffortStatus.RECALLED
    )
    event_create(
        effort=effort, date="2021-10", description="Submitted", status=EffortStatus.SUBMITTED
    )
    event_create(effort=effort, date="2022-07", description="Commentary, no status change")
    effort.refresh_from_db()
    assert effort.status == EffortStatus.RECALLED


def test_sync_repairs_a_status_that_disagrees_with_the_timeline():
    effort = RecallEffortFactory(status=EffortStatus.ABANDONED)
    TimelineEventFactory(effort=effort, status=EffortStatus.QUALIFIED)
    effort_sync_status(effort=effort)
    effort.refresh_from_db()
    assert effort.status == EffortStatus.QUALIFIED


def test_event_with_unknown_status_is_refused():
    effort = RecallEffortFactory()
    with pytest.raises(ValueError):
        event_create(effort=effort, date="2022", description="x", status="bogus")


def test_citation_refuses_quote_not_in_article_and_says_which_part():
    article = ArticleFactory(body="Over 80,000 San Franciscans signed our petition.")
    effort = RecallEffortFactory()
    citation_add(subject=effort, article=article, quote="Over 80,000  San Franciscans signed")
    with pytest.raises(ValidationError) as error:
        citation_add(subject=effort, article=article, quote="Over 80,000 San Franciscans voted")
    assert "“voted”, is not" in str(error.value)
