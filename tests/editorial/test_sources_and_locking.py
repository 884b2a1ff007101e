"""Status changes need a cited source (locking: test_locking.py)."""

import pytest
from django.urls import reverse

from core.dates import Precision
from recalls.models import EffortStatus
from tests.admin_pages import admin_url, editor, errors, submit
from tests.factories import ArticleFactory, RecallEffortFactory

pytestmark = [pytest.mark.django_db, pytest.mark.ignore_template_errors]


@pytest.fixture
def editor_client(client):
    client.force_login(editor("maria"))
    return client


def add_event(client, effort, article=None, quote="", status=EffortStatus.RECALLED):
    """Open the effort, click "Add another" under its timeline, fill the row, Save."""
    row = {
        "date": "7 June 2022",
        "description": "Voters recalled the official",
        "status": status,
        "source_article": article.pk if article else "",
        "source_quote": quote,
    }
    page = client.get(admin_url(effort, "change", effort.pk))
    return submit(client, page, new_rows={"events": [row]})


def test_status_change_without_a_source_is_refused(editor_client):
    effort = RecallEffortFactory(status=EffortStatus.CIRCULATING)
    response = add_event(editor_client, effort)
    assert response.status_code == 200
    assert "A source is required" in response.content.decode()
    effort.refresh_from_db()
    assert effort.status == EffortStatus.CIRCULATING and effort.events.count() == 0


def test_quote_not_in_the_article_is_refused_with_the_part_not_found(editor_client):
    effort = RecallEffortFactory(status=EffortStatus.CIRCULATING)
    article = ArticleFactory(
        body="San Francisco ousted District Attorney Chesa Boudin in a recall last month."
    )
    quote = "San Francisco ousted District Attorney Kamala Harris"
    response = add_event(editor_client, effort, article, quote)
    assert response.status_code == 200
    assert "“Kamala Harris”, is not" in response.content.decode()
    assert effort.events.count() == 0


def test_status_change_with_a_source_saves_event_citation_and_status(editor_client):
    effort = RecallEffortFactory(status=EffortStatus.CIRCULATING)
    article = ArticleFactory(
        body="San Francisco ousted District Attorney Chesa Boudin in a recall last month."
    )
    response = add_event(editor_client, effort, article, "ousted District Attorney Chesa  Boudin")
    assert response.status_code == 302, errors(response)
    effort.refresh_from_db()
    assert effort.status == EffortStatus.RECALLED
    event = effort.events.get()
    assert event.citations.get().article == article


def test_signatures_and_dates_of_an_effort_are_corrected_on_its_form(editor_client):
    effort = RecallEffortFactory()
    page = editor_client.get(admin_url(effort, "change", effort.pk))
    fill = {
        "signatures_submitted": 81000,
        "signatures_submitted_approximate": "on",
        "started": "April 2021",
        "note": "Counts from the county's certificate.",
    }
    response = submit(editor_client, page, fill)
    assert response.status_code == 302, errors(response)
    effort.refresh_from_db()
    assert effort.signatures_submitted == 81000 and effort.signatures_submitted_approximate
    assert (str(effort.started_on), effort.started_precision) == ("2021-04-01", Precision.MONTH)
    assert effort.note == "Counts from the county's certificate."


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
