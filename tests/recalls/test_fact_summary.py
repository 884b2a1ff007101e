"""The summary each effort stores for the staleness filters (recalls/fact_summary.py) stays
what the Python rule reads from the events, citations and reports, whatever is edited."""

import datetime as dt

import pytest
from django.core.management import call_command
from lxml import html

from core.dates import Precision
from recalls.fact_summary import live_models, summarize
from recalls.models import EffortStatus, RecallEffort, SignatureReport
from recalls.signatures import SignatureKind
from recalls.staleness import SUBMITTED_OR_LATER, _last_heard, dated_facts
from tests.admin_pages import admin_url, editor, errors, submit
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    RecallEffortFactory,
    TimelineEventFactory,
)

pytestmark = pytest.mark.django_db


def python_rule(effort: RecallEffort) -> tuple:
    """What ``effort_standing`` reads, from the rows themselves."""
    effort = RecallEffort.objects.with_facts().get(pk=effort.pk)
    submitted = effort.has_reported_submission or any(
        event.status in SUBMITTED_OR_LATER for event in effort.events.all()
    )
    return _last_heard(dated_facts(effort)), submitted


def stored(effort: RecallEffort) -> tuple:
    return tuple(
        RecallEffort.objects.filter(pk=effort.pk).values_list("heard_on", "submission_reported")[0]
    )


def assert_in_step(*efforts):
    for effort in efforts:
        assert stored(effort) == python_rule(effort), effort
    ids = [e.pk for e in efforts]
    assert {pk: stored(e) for pk, e in zip(ids, efforts, strict=True)} == summarize(
        ids, models=live_models()
    )


def test_every_kind_of_write_keeps_the_summary_in_step_with_the_python_rule():
    first, second = RecallEffortFactory(), RecallEffortFactory()
    assert stored(first) == (None, False)

    event = TimelineEventFactory(
        effort=first, date_on=dt.date(2022, 3, 1), date_precision=Precision.MONTH
    )
    assert stored(first) == (dt.date(2022, 3, 31), False)  # the last day of March
    assert_in_step(first, second)

    event.date_on, event.date_precision = dt.date(2021, 1, 1), Precision.YEAR
    event.status = EffortStatus.SUBMITTED
    event.save()
    assert stored(first) == (dt.date(2021, 12, 31), True)

    late = ArticleFactory(published_on=dt.date(2023, 5, 2), published_precision=Precision.DAY)
    cited = CitationFactory(subject=event, article=late)
    assert stored(first) == (dt.date(2023, 5, 2), True)
    own = CitationFactory(
        subject=second,
        article=ArticleFactory(
            published_on=dt.date(2020, 2, 1), published_precision=Precision.MONTH
        ),
    )
    assert stored(second) == (dt.date(2020, 2, 29), False)
    assert_in_step(first, second)

    late.published_on = dt.date(2024, 1, 9)
    late.save()  # a corrected publication date
    assert stored(first) == (dt.date(2024, 1, 9), True)

    event.effort = second
    event.save()  # moved to the other effort: both change
    assert stored(first) == (None, False)
    assert stored(second) == (dt.date(2024, 1, 9), True)
    assert_in_step(first, second)

    cited.delete()
    own.delete()
    assert stored(second) == (dt.date(2021, 12, 31), True)
    event.delete()
    assert stored(second) == (None, False)

    report = SignatureReport.objects.create(
        effort=first,
        kind=SignatureKind.SUBMITTED,
        count=1200,
        date_on=dt.date(2022, 4, 1),
        date_precision=Precision.DAY,
    )
    assert stored(first)[1] is True
    SignatureReport.objects.create(
        effort=second,
        kind=SignatureKind.REQUIRED,
        count=900,
        date_on=dt.date(2022, 1, 1),
        date_precision=Precision.DAY,
    )
    assert stored(second)[1] is False  # a requirement is not a submission
    report.delete()
    assert stored(first)[1] is False
    assert_in_step(first, second)


def test_an_editors_save_of_an_effort_read_earlier_does_not_write_back_an_old_summary():
    effort = RecallEffortFactory()
    opened = RecallEffort.objects.get(pk=effort.pk)  # the editor's copy
    TimelineEventFactory(effort=effort, date_on=dt.date(2022, 6, 7))  # an import, meanwhile
    opened.summary = "Edited."
    opened.save()
    assert stored(effort) == (dt.date(2022, 6, 7), False)
    assert RecallEffort.objects.get(pk=effort.pk).summary == "Edited."


@pytest.mark.ignore_template_errors
def test_an_event_added_in_the_admin_takes_the_effort_out_of_outcome_not_reported(client, seeded):
    """Gascón's first effort went quiet in 2021; an editor adds a cited submission."""
    effort = RecallEffort.objects.get(slug="recall-george-gascon-2021")
    listed = client.get("/recalls/?status=not_reported")
    assert effort.title in html.fromstring(listed.content).text_content()

    client.force_login(editor("maria"))
    article = ArticleFactory(
        body="Organisers turned in the petitions on Friday.",
        published_on=dt.date.today(),
        published_precision=Precision.DAY,
    )
    page = client.get(admin_url(effort, "change", effort.pk))
    row = {
        "date": dt.date.today().isoformat(),
        "description": "Organisers turned in the petitions.",
        "status": EffortStatus.SUBMITTED,
        "source_article": article.pk,
        "source_quote": "turned in the petitions",
    }
    response = submit(client, page, new_rows={"events": [row]})
    assert response.status_code == 302, errors(response)
    client.logout()

    assert stored(effort) == (dt.date.today(), True)
    listed = client.get("/recalls/?status=not_reported")
    assert effort.title not in html.fromstring(listed.content).text_content()
    assert effort in RecallEffort.objects.active(today=dt.date.today())


def test_the_demo_generator_stores_the_summary_of_every_effort():
    call_command(
        "generate_demo_data",
        "--officials=40",
        "--efforts=30",
        "--articles=60",
        "--events=90",
        "--seed=3",
        verbosity=0,
    )
    efforts = list(RecallEffort.objects.all())
    assert efforts and any(e.heard_on for e in efforts)
    for effort in efforts:
        assert stored(effort) == python_rule(effort), effort


def test_citations_of_other_records_change_no_effort():
    effort = RecallEffortFactory()
    TimelineEventFactory(effort=effort, date_on=dt.date(2022, 6, 7))
    official = effort.office  # any cited record that is not an effort or an event
    CitationFactory(
        subject=official,
        article=ArticleFactory(published_on=dt.date(2025, 1, 1), published_precision=Precision.DAY),
    )
    assert stored(effort) == (dt.date(2022, 6, 7), False)
