"""Results over time: a recall question's counts as a dated, cited series (#16 item 3)."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from articles.models import NumberField, ReviewStatus
from articles.reports import result_report_add, result_report_from_suggestion
from core.dates import Precision
from recalls.models import ContestKind, ResultReport
from tests.admin_pages import admin_url, editor, errors, submit
from tests.factories import (
    ArticleFactory,
    ContestFactory,
    ResultReportFactory,
    SuggestedNumberFactory,
    UserFactory,
)
from tests.recalls.pages import text

pytestmark = pytest.mark.django_db

NIGHT = "With 62.5% of precincts reporting, 41,000 voters backed the recall and 38,000 opposed it."
CERTIFIED = "The county certified the result: 122,000 votes for the recall and 99,000 against."


@pytest.fixture
def article():
    return ArticleFactory(body=f"Election night. {NIGHT} Weeks later. {CERTIFIED}")


@pytest.fixture
def question():
    return ContestFactory(name="Shall Pat Doe be recalled?", kind=ContestKind.RECALL_QUESTION)


def add_night_count(question, article):
    return result_report_add(
        contest=question,
        date="2022-06-07",
        reported_at=dt.datetime(2022, 6, 8, 6, 30, tzinfo=dt.UTC),
        yes_votes=41_000,
        no_votes=38_000,
        share_counted=Decimal("62.5"),
        share_basis="precincts",
        article=article,
        quote=NIGHT,
    )


def add_certified_count(question, article):
    return result_report_add(
        contest=question,
        date="2022-07-15",
        yes_votes=122_000,
        no_votes=99_000,
        certified=True,
        article=article,
        quote=CERTIFIED,
    )


def test_the_certified_count_leads_and_the_election_night_count_stays(client, question, article):
    night = add_night_count(question, article)
    page = text(client.get(question.election.get_absolute_url()))
    assert "Yes (recall) 41,000 51.9%" in page
    assert "Unofficial count as of 7 June 2022, 06:30 UTC, 62.5% of precincts counted" in page

    add_certified_count(question, article)
    page = text(client.get(question.election.get_absolute_url()))
    assert "Yes (recall) 122,000 55.2%" in page
    assert "Certified result, 15 July 2022" in page
    assert "Earlier and other counts (1)" in page
    assert "7 June 2022, 06:30 UTC 41,000 38,000 unofficial, 62.5% of precincts counted" in page
    assert NIGHT in page and CERTIFIED in page  # each count with its source
    assert ResultReport.objects.filter(pk=night.pk).exists()


def test_the_latest_count_is_certified_then_newest_then_the_lead(question):
    older = ResultReportFactory(contest=question, date_on=dt.date(2022, 6, 7), yes_votes=1)
    newer = ResultReportFactory(contest=question, date_on=dt.date(2022, 6, 9), yes_votes=2)
    assert question.latest_result == newer
    other_source = ResultReportFactory(
        contest=question, date_on=dt.date(2022, 6, 9), yes_votes=3, is_lead=True
    )
    assert question.latest_result == other_source
    certified = ResultReportFactory(
        contest=question, date_on=dt.date(2022, 6, 8), yes_votes=4, certified=True
    )
    assert question.latest_result == certified
    assert question.earlier_results == [other_source, newer, older]


def test_a_count_with_a_share_needs_its_basis_and_only_recall_questions_have_counts(article):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="precincts or ballots"):
        result_report_add(
            contest=ContestFactory(),
            date="2022-06-07",
            share_counted=Decimal("50"),
            article=article,
            quote=NIGHT,
        )
    with pytest.raises(ValidationError, match="Only a recall question"):
        result_report_add(
            contest=ContestFactory(kind=ContestKind.CANDIDATE),
            date="2022-06-07",
            yes_votes=1,
            article=article,
            quote=NIGHT,
        )
    assert not ResultReport.objects.exists()


# -- Accepting suggested vote counts --------------------------------------------------------


def suggest(question, article, field, value, quote, **kwargs):
    return SuggestedNumberFactory(
        article=article,
        effort=None,
        contest=question,
        field=field,
        value=value,
        approximate=False,
        quote=quote,
        date_on=dt.date(2022, 7, 15),
        date_precision=Precision.DAY,
        **kwargs,
    )


def test_a_yes_and_a_no_from_one_sentence_become_one_cited_count(question, article):
    yes = suggest(question, article, NumberField.YES_VOTES, 122_000, CERTIFIED)
    no = suggest(question, article, NumberField.NO_VOTES, 99_000, CERTIFIED)
    editor_user = UserFactory()

    report = result_report_from_suggestion(suggestion=yes, by=editor_user)

    assert (report.yes_votes, report.no_votes) == (122_000, 99_000)
    assert str(report.date) == "15 July 2022"
    assert {(c.article, c.quote, c.field) for c in report.citations.all()} == {
        (article, CERTIFIED, "yes_votes"),
        (article, CERTIFIED, "no_votes"),
    }
    for suggestion in (yes, no):
        suggestion.refresh_from_db()
        assert suggestion.status == ReviewStatus.CONFIRMED
        assert suggestion.result_report == report
        assert suggestion.reviewed_by == editor_user


def test_a_different_count_from_another_source_stays_beside_the_first(question, article):
    first = add_certified_count(question, article)
    other = ArticleFactory(body="Recall backers won with 121,500 votes, the paper reported.")
    suggestion = suggest(
        question, other, NumberField.YES_VOTES, 121_500, "Recall backers won with 121,500 votes"
    )

    report = result_report_from_suggestion(suggestion=suggestion, by=UserFactory())

    assert report != first
    first.refresh_from_db()
    assert first.yes_votes == 122_000  # never written over
    assert (report.yes_votes, report.no_votes) == (121_500, None)
    assert question.result_reports.count() == 2


def test_accepting_a_count_the_series_has_from_the_same_article_only_cites_it(question, article):
    first = add_certified_count(question, article)
    suggestion = suggest(question, article, NumberField.NO_VOTES, 99_000, CERTIFIED)

    assert result_report_from_suggestion(suggestion=suggestion, by=UserFactory()) == first
    assert question.result_reports.count() == 1
    with pytest.raises(ValueError, match="already confirmed"):
        result_report_from_suggestion(suggestion=suggestion, by=UserFactory())


def test_the_contest_admin_action_accepts_the_open_vote_suggestions(client, question, article):
    suggest(question, article, NumberField.YES_VOTES, 122_000, CERTIFIED)
    suggest(question, article, NumberField.NO_VOTES, 99_000, CERTIFIED)
    client.force_login(editor("editor"))
    changelist = client.get(admin_url(question, "changelist"))
    assert b"accept_vote_suggestions" in changelist.content  # offered in the actions menu
    response = client.post(
        admin_url(question, "changelist"),
        {"action": "accept_vote_suggestions", "_selected_action": [question.pk]},
        follow=True,
    )
    assert "1 count(s) added or cited." in response.content.decode()
    report = question.result_reports.get()
    assert (report.yes_votes, report.no_votes) == (122_000, 99_000)


# -- Editors: the counts on the contest's page ---------------------------------------------

PREFIX = "result_reports"


def test_an_editor_adds_a_count_on_the_contest_page_with_its_source(client, question, article):
    client.force_login(editor("editor"))
    page = client.get(admin_url(question, "change", question.pk))
    row = {
        "date": "7 June 2022",
        "yes_votes": "41000",
        "no_votes": "38000",
        "share_counted": "62.5",
        "share_basis": "precincts",
    }
    refused = submit(client, page, new_rows={PREFIX: [row]})
    assert refused.status_code == 200
    assert "A source is required" in refused.content.decode()
    assert not ResultReport.objects.exists()

    saved = submit(
        client,
        page,
        new_rows={PREFIX: [{**row, "source_article": article.pk, "source_quote": NIGHT}]},
    )
    assert saved.status_code == 302, errors(saved)
    report = question.result_reports.get()
    assert (report.yes_votes, report.share_counted, report.certified) == (
        41_000,
        Decimal("62.50"),
        False,
    )
    assert [c.quote for c in report.citations.all()] == [NIGHT]


# -- API and CSV ---------------------------------------------------------------------------


def test_the_api_returns_the_series_and_the_latest_count(client, question, article):
    add_night_count(question, article)
    add_certified_count(question, article)
    data = client.get(reverse("api:election-detail", args=[question.election.slug])).json()
    (contest,) = data["results"]  # the election's contests, each with its series
    assert (contest["yes_votes"], contest["no_votes"]) == (122_000, 99_000)
    assert [(r["date"]["text"], r["certified"], r["is_latest"]) for r in contest["results"]] == [
        ("2022-06-07", False, False),
        ("2022-07-15", True, True),
    ]
    assert contest["results"][0]["share_counted"] == 62.5
    assert contest["results"][0]["citations"][0]["quote"] == NIGHT


def test_the_results_csv_has_one_row_per_count(client, question, article):
    add_night_count(question, article)
    add_certified_count(question, article)
    response = client.get(reverse("exports:results_csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["as_of"], r["yes_votes"], r["certified"], r["share_counted"]) for r in rows] == [
        ("2022-06-07", "41000", "false", "62.50"),
        ("2022-07-15", "122000", "true", ""),
    ]
    assert rows[1]["quotes"] == CERTIFIED
    assert rows[0]["election_slug"] == question.election.slug
