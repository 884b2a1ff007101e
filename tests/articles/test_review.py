"""The review queue: confirming a fact adds a cited event; bulk review in the admin."""

import warnings

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import UnorderedObjectListWarning
from django.urls import reverse

from articles.models import Citation, Mention, ReviewStatus
from articles.review import fact_confirm, facts_reject, mentions_review
from recalls.models import EffortStatus
from tests.factories import (
    ArticleFactory,
    MentionFactory,
    SuggestedFactFactory,
)


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("ed", "ed@example.org", "pw-long-enough")


def test_confirming_a_fact_adds_the_event_with_its_citation_and_moves_the_status(editor):
    fact = SuggestedFactFactory()
    event = fact_confirm(fact=fact, user=editor)
    fact.refresh_from_db()
    assert (fact.status, fact.event, fact.reviewed_by) == (ReviewStatus.CONFIRMED, event, editor)
    assert event.effort == fact.effort and event.date == fact.date
    assert event.description == fact.quote and event.status == EffortStatus.QUALIFIED
    (citation,) = Citation.objects.filter(event=event)
    assert citation.quote == fact.quote and citation.article == fact.article
    fact.effort.refresh_from_db()
    assert fact.effort.status == EffortStatus.QUALIFIED
    assert Mention.objects.get(effort=fact.effort).status == ReviewStatus.CONFIRMED
    assert fact_confirm(fact=fact, user=editor) == event  # twice is once


def test_a_fact_without_an_effort_or_with_a_quote_not_in_the_article_is_refused(editor):
    with pytest.raises(ValidationError, match="Choose the effort"):
        fact_confirm(fact=SuggestedFactFactory(effort=None), user=editor)
    broken = SuggestedFactFactory(quote="Words the article never said.")
    with pytest.raises(ValidationError):
        fact_confirm(fact=broken, user=editor)
    broken.refresh_from_db()
    assert broken.status == ReviewStatus.SUGGESTED
    assert not broken.effort.events.exists()  # the event was rolled back with the citation


def test_reject_and_review_in_bulk(editor):
    facts = SuggestedFactFactory.create_batch(2)
    assert facts_reject(facts=facts, user=editor) == 2
    mentions = MentionFactory.create_batch(3)
    assert mentions_review(mentions=mentions, status="rejected", user=editor) == 3
    assert set(Mention.objects.values_list("status", flat=True)) == {"rejected"}


def test_admin_action_confirms_facts_and_reports_the_ones_it_cannot(client, editor):
    good, orphan = SuggestedFactFactory(), SuggestedFactFactory(effort=None)
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_suggestedfact_changelist"),
        {"action": "confirm", "_selected_action": [good.pk, orphan.pk]},
        follow=True,
    )
    text = response.content.decode()
    assert "Added 1 event(s) to the timeline." in text
    assert "Choose the effort this fact belongs to first." in text
    assert good.effort.events.count() == 1


def test_article_list_shows_what_is_left_to_review_and_bulk_confirms_it(client, editor):
    mention = MentionFactory()
    SuggestedFactFactory(article=mention.article, effort=None)
    client.force_login(editor)
    url = reverse("admin:articles_article_changelist")
    response = client.get(url, {"to_review": "yes"})
    assert mention.article.title in response.content.decode()
    queue = reverse("admin:articles_mention_changelist")
    assert f"{queue}?article__id__exact={mention.article.pk}" in response.content.decode()
    client.post(url, {"action": "confirm_mentions", "_selected_action": [mention.article.pk]})
    mention.refresh_from_db()
    assert (mention.status, mention.reviewed_by) == (ReviewStatus.CONFIRMED, editor)


def test_admin_index_links_to_the_queue_with_the_pending_counts(client, editor):
    SuggestedFactFactory.create_batch(2)
    SuggestedFactFactory(status=ReviewStatus.REJECTED)
    MentionFactory(status=ReviewStatus.SUGGESTED)
    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    queue = reverse("admin:articles_suggestedfact_changelist") + "?status__exact=suggested"
    assert f'<a href="{queue}">Timeline facts to review</a>' in html
    facts_row = html.split("Timeline facts to review</a></th>", 1)[1]
    assert facts_row.split("</td>", 1)[0].strip().endswith("<td>2")
    assert "Recall efforts" in html  # the usual app list is still there


def test_history_of_a_review_names_the_editor(editor):
    fact = SuggestedFactFactory()
    event = fact_confirm(fact=fact, user=editor)
    (record,) = event.history.all()
    assert (
        record.history_user == editor and record.history_change_reason == "review: fact confirmed"
    )
    mention = Mention.objects.get(effort=fact.effort)
    assert mention.history.first().history_user == editor


def test_article_page_in_the_admin_lists_its_suggested_facts(client, editor):
    fact = SuggestedFactFactory(quote="The recall qualified for the ballot in June 2022.")
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_change", args=[fact.article.pk])).content
    assert "The recall qualified for the ballot in June 2022." in html.decode()
    assert "suggested by the importer" in html.decode()


def test_article_autocomplete_in_the_queue_is_ordered(client, editor):
    ArticleFactory.create_batch(3)
    client.force_login(editor)
    params = {"app_label": "articles", "model_name": "mention", "field_name": "article"}
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnorderedObjectListWarning)
        response = client.get(reverse("admin:autocomplete"), params)
    assert len(response.json()["results"]) == 3
