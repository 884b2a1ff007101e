"""Status changes need a cited source (locking: test_locking.py)."""

import pytest
from django.urls import reverse

from recalls.models import EffortStatus
from tests.factories import ArticleFactory, RecallEffortFactory

pytestmark = [pytest.mark.django_db, pytest.mark.ignore_template_errors]
INLINES = ["events", "participants", "articles-citation-content_type-object_id"]


def effort_form(effort, **overrides):
    data = {
        "title": effort.title,
        "slug": effort.slug,
        "kind": effort.kind,
        "office": effort.office_id,
        "version": effort.version,
        "summary": effort.summary,
    }
    for prefix in INLINES:
        data[f"{prefix}-TOTAL_FORMS"] = 0
        data[f"{prefix}-INITIAL_FORMS"] = 0
    data.update(overrides)
    return data


def new_event(article=None, quote="", status=EffortStatus.RECALLED):
    return {
        "events-TOTAL_FORMS": 1,
        "events-0-date_on": "2022-06-07",
        "events-0-date_precision": 6,
        "events-0-description": "Voters recalled the official",
        "events-0-status": status,
        "events-0-source_article": article.pk if article else "",
        "events-0-source_quote": quote,
    }


def change_url(effort):
    return reverse("admin:recalls_recalleffort_change", args=[effort.pk])


def test_status_change_without_a_source_is_refused(admin_client):
    effort = RecallEffortFactory(status=EffortStatus.CIRCULATING)
    response = admin_client.post(change_url(effort), effort_form(effort, **new_event()))
    assert response.status_code == 200
    assert "A source is required" in response.content.decode()
    effort.refresh_from_db()
    assert effort.status == EffortStatus.CIRCULATING and effort.events.count() == 0


def test_quote_not_in_the_article_is_refused_with_the_part_not_found(admin_client):
    effort = RecallEffortFactory(status=EffortStatus.CIRCULATING)
    article = ArticleFactory(
        body="San Francisco ousted District Attorney Chesa Boudin in a recall last month."
    )
    data = effort_form(
        effort, **new_event(article, "San Francisco ousted District Attorney Kamala Harris")
    )
    response = admin_client.post(change_url(effort), data)
    assert response.status_code == 200
    assert "“Kamala Harris”, is not" in response.content.decode()
    assert effort.events.count() == 0


def test_status_change_with_a_source_saves_event_citation_and_status(admin_client):
    effort = RecallEffortFactory(status=EffortStatus.CIRCULATING)
    article = ArticleFactory(
        body="San Francisco ousted District Attorney Chesa Boudin in a recall last month."
    )
    data = effort_form(effort, **new_event(article, "ousted District Attorney Chesa  Boudin"))
    response = admin_client.post(change_url(effort), data)
    assert response.status_code == 302
    effort.refresh_from_db()
    assert effort.status == EffortStatus.RECALLED
    event = effort.events.get()
    assert event.citations.get().article == article


def test_status_move_action_requires_and_records_a_source(admin_client):
    effort = RecallEffortFactory(status=EffortStatus.CIRCULATING)
    article = ArticleFactory(body="The recall qualified for the ballot on Tuesday.")
    url = reverse("admin:recalls_recalleffort_changelist")
    base = {"action": "move_to_qualified", "_selected_action": [effort.pk], "apply": "1"}
    response = admin_client.post(
        url, {**base, "status": "qualified", "date": "2022-03", "description": "Qualified"}
    )
    assert response.status_code == 200
    assert "needs its source" in response.content.decode()
    response = admin_client.post(
        url,
        {
            **base,
            "status": "qualified",
            "date": "2022-03",
            "description": "Qualified",
            "source_article": article.pk,
            "source_quote": "The recall qualified for the ballot",
        },
    )
    assert response.status_code == 302
    effort.refresh_from_db()
    assert effort.status == EffortStatus.QUALIFIED
    assert effort.events.get().citations.count() == 1
