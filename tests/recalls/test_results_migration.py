"""The data migration that turns a contest's yes/no votes into its first reported count."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("recalls", "0011_stable_identifiers"), ("articles", "0006_fact_duplicates")]
CERTIFIED = "The registrar certified the count: 60 for the recall, 40 against."
UNOFFICIAL = "Early returns showed 55 votes for the recall and 45 against."


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_votes_become_a_cited_report_certified_only_when_the_quote_says_so():
    apps = migrate(BEFORE)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Jurisdiction = apps.get_model("recalls", "Jurisdiction")
    Office = apps.get_model("recalls", "Office")
    Election = apps.get_model("recalls", "Election")
    Contest = apps.get_model("recalls", "Contest")
    Outlet = apps.get_model("articles", "Outlet")
    Article = apps.get_model("articles", "Article")
    Citation = apps.get_model("articles", "Citation")
    place = Jurisdiction.objects.create(name="Town", slug="town", kind="city")
    office = Office.objects.create(
        title="Mayor", slug="mayor", jurisdiction=place, category="executive"
    )
    election = Election.objects.create(
        name="Recall", slug="recall", kind="recall", jurisdiction=place,
        date_on=dt.date(2022, 6, 7), date_precision=6,
    )  # fmt: skip
    outlet = Outlet.objects.create(name="Paper", slug="paper")
    article = Article.objects.create(
        title="Returns", slug="returns", outlet=outlet, body=f"{CERTIFIED} {UNOFFICIAL}",
        content_hash="h1",
    )  # fmt: skip
    contest_type = ContentType.objects.get_for_model(Contest)
    certified = Contest.objects.create(
        election=election, name="Q1", kind="recall_question", office=office,
        yes_votes=60, no_votes=40, outcome="recalled",
    )  # fmt: skip
    unofficial = Contest.objects.create(
        election=election, name="Q2", kind="recall_question", office=office,
        yes_votes=55, no_votes=45, outcome="recalled",
    )  # fmt: skip
    for contest, quote, field in [
        (certified, CERTIFIED, "yes_votes"),
        (certified, CERTIFIED, "outcome"),
        (unofficial, UNOFFICIAL, "no_votes"),
    ]:
        Citation.objects.create(
            content_type=contest_type, object_id=contest.pk, field=field, article=article,
            quote=quote,
        )  # fmt: skip

    executor = MigrationExecutor(connection)
    apps = migrate(executor.loader.graph.leaf_nodes())

    ResultReport = apps.get_model("recalls", "ResultReport")
    Citation = apps.get_model("articles", "Citation")
    ContentType = apps.get_model("contenttypes", "ContentType")
    report_type = ContentType.objects.get(app_label="recalls", model="resultreport")
    first = ResultReport.objects.get(contest_id=certified.pk)
    assert (first.yes_votes, first.no_votes, first.certified, first.is_lead) == (60, 40, True, True)
    assert (first.date_on, first.date_precision) == (dt.date(2022, 6, 7), 6)
    moved = Citation.objects.filter(content_type=report_type, object_id=first.pk)
    assert sorted(moved.values_list("field", flat=True)) == ["", "yes_votes"]
    # The outcome's citation stays with the outcome, on the contest.
    assert (
        Citation.objects.filter(object_id=certified.pk, field="outcome")
        .exclude(content_type=report_type)
        .exists()
    )
    second = ResultReport.objects.get(contest_id=unofficial.pk)
    assert (second.yes_votes, second.certified) == (55, False)
    assert "Recorded as unofficial" in second.note
    assert Citation.objects.get(content_type=report_type, object_id=second.pk).quote == UNOFFICIAL
