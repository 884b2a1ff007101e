"""A suggested fact the timeline already has: confirming it explains what to do, and the queue
offers one click that adds its sentence as a citation of that event, nothing else changed."""

import lxml.html
import pytest
from django.urls import reverse

from articles.models import ReviewStatus
from articles.review import fact_cite_in_event, fact_duplicates
from recalls.models import EffortStatus
from tests.admin_pages import form_data, page_form
from tests.factories import EventCitationFactory, SuggestedFactFactory, TimelineEventFactory

pytestmark = [pytest.mark.django_db, pytest.mark.ignore_template_errors]
QUEUE = reverse("admin:articles_suggestedfact_changelist") + "?status__exact=suggested"


def duplicate_pair():
    fact = SuggestedFactFactory(effort__status=EffortStatus.CIRCULATING)
    event = TimelineEventFactory(
        effort=fact.effort,
        date_on=fact.date_on,
        date_precision=fact.date_precision,
        status=fact.proposed_status,
        description="Qualified for the ballot.",
    )
    return fact, event


def test_same_effort_date_and_status_or_same_cited_sentence_is_a_duplicate():
    fact, event = duplicate_pair()
    assert list(fact_duplicates(fact=fact)) == [event]
    other = SuggestedFactFactory(effort=None)
    cited = EventCitationFactory(article=other.article, quote=other.quote).subject
    assert list(fact_duplicates(fact=other)) == [cited]
    assert not fact_duplicates(fact=SuggestedFactFactory()).exists()


def test_confirming_a_duplicate_says_it_is_on_the_timeline(admin_client):
    fact, event = duplicate_pair()
    page = admin_client.get(QUEUE).content
    # The editor picks the action, ticks the fact and clicks Go (the button named "index").
    data = form_data(
        page_form(page, "changelist-form"),
        {"action": "confirm", "_selected_action": str(fact.pk)},
        button=("index", "0"),
    )
    response = admin_client.post(QUEUE, data, follow=True)
    text = response.content.decode()
    assert "Choose the effort this fact belongs to first" not in text
    assert f"already on the timeline as “{event}”" in text
    assert event.effort.events.count() == 1


def test_one_click_cites_the_sentence_in_the_existing_event_and_changes_nothing_else(admin_client):
    fact, event = duplicate_pair()
    before = (event.description, event.date, event.status, event.effort.status)
    page = admin_client.get(QUEUE).content
    button = lxml.html.fromstring(page).xpath(
        "//button[normalize-space()='Add its citation to that event']"
    )[0]
    response = admin_client.post(
        button.get("formaction"),
        form_data(page_form(page, "changelist-form"), button=None),
        HTTP_REFERER=QUEUE,
    )
    assert response.status_code == 302 and response["Location"] == QUEUE
    fact.refresh_from_db()
    event.refresh_from_db()
    assert (fact.status, fact.event) == (ReviewStatus.CONFIRMED, event)
    citation = event.citations.get()
    assert (citation.article, citation.quote, citation.field) == (
        fact.article,
        fact.quote,
        "status",
    )
    assert (event.description, event.date, event.status, event.effort.status) == before
    assert event.effort.events.count() == 1


def test_an_event_already_citing_the_sentence_is_not_cited_twice(admin_user):
    fact = SuggestedFactFactory(effort=None)
    event = EventCitationFactory(article=fact.article, quote=fact.quote).subject
    fact_cite_in_event(fact=fact, event=event, user=admin_user)
    assert event.citations.count() == 1
    fact.refresh_from_db()
    assert fact.status == ReviewStatus.CONFIRMED
