"""Editor forms, driven as rendered: one input per partial date that says how it was read,
citations that pick the fact they support from a list, one way to cite on the event page."""

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse

from articles.models import Citation
from core.date_forms import PartialDateField
from core.dates import PartialDate, Precision, partial_date_column_names, partial_date_names
from recalls.models import EffortStatus, RecallEffort, TimelineEvent
from tests.admin_pages import options, submit
from tests.factories import (
    ArticleFactory,
    CandidacyFactory,
    CitationFactory,
    ElectionFactory,
    RecallEffortFactory,
    SuggestedFactFactory,
    TenureFactory,
    TimelineEventFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.ignore_template_errors]
CITATIONS = "articles-citation-content_type-object_id"


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def save(client, obj, **changes):
    return submit(client, client.get(change_url(obj)), changes)


def test_every_partial_date_in_the_admin_is_one_text_input(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    checked = 0
    for model_admin in admin.site._registry.values():
        forms = [model_admin.get_form(request)]
        forms += [
            inline.get_formset(request).form for inline in model_admin.get_inline_instances(request)
        ]
        for form in forms:
            for name in partial_date_names(form._meta.model):
                columns = set(partial_date_column_names(name))
                if name not in form.base_fields and not columns & set(form.base_fields):
                    continue  # this form does not show the date (an inline's short row)
                assert isinstance(form.base_fields[name], PartialDateField), (form, name)
                assert not columns & set(form.base_fields), (form, name)
                checked += 1
    assert checked >= 10  # efforts, events, tenures, elections, candidacies, articles, facts…


def test_effort_dates_typed_in_words_are_saved_and_read_back(admin_client):
    effort = RecallEffortFactory(note="before")
    response = save(
        admin_client,
        effort,
        started="2021-10~",
        deadline="late October 2022",
        ended="7 June 2022",
        _continue="1",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    effort.refresh_from_db()
    assert effort.started == PartialDate(dt.date(2021, 10, 1), Precision.MONTH, approximate=True)
    assert effort.deadline == PartialDate(dt.date(2022, 10, 21), Precision.LATE_MONTH)
    assert effort.ended == PartialDate(dt.date(2022, 6, 7), Precision.DAY)
    page = admin_client.get(response["Location"]).content.decode()
    assert "read as: <b>October 2021 (approx.)</b>" in page
    assert 'value="late October 2022"' in page


def test_an_unreadable_date_is_refused_and_nothing_is_saved(admin_client):
    effort = RecallEffortFactory(note="before")
    response = save(admin_client, effort, deadline="next fall", note="after")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Could not read “next fall” as a date: type 2022-06-07" in page
    effort.refresh_from_db()
    assert (effort.note, effort.deadline) == ("before", None)


def test_an_end_before_the_start_is_refused_not_a_server_error(admin_client):
    effort = RecallEffortFactory()
    response = save(admin_client, effort, started="June 2022", ended="2021")
    assert response.status_code == 200
    assert "errornote" in response.content.decode()


@pytest.mark.parametrize(
    "factory",
    [
        lambda: RecallEffortFactory(
            started_on=dt.date(2021, 10, 21),
            started_precision=Precision.LATE_MONTH,
            started_approximate=True,
        ),
        lambda: TenureFactory(started_on=dt.date(2020, 1, 1), started_precision=Precision.YEAR),
        lambda: TimelineEventFactory(date_on=dt.date(2022, 6, 1), date_precision=Precision.MONTH),
        lambda: ElectionFactory(date_on=dt.date(2022, 6, 7), date_precision=Precision.DAY),
        lambda: CandidacyFactory(
            declared_on=dt.date(2022, 2, 11), declared_precision=Precision.MID_MONTH
        ),
        lambda: SuggestedFactFactory(),
    ],
    ids=["effort", "tenure", "event", "election", "candidacy", "suggested-fact"],
)
def test_an_unchanged_save_keeps_every_partial_date(admin_client, factory):
    obj = factory()
    model = type(obj)
    columns = [c for name in partial_date_names(model) for c in partial_date_column_names(name)]
    before = model.objects.filter(pk=obj.pk).values(*columns).get()
    response = save(admin_client, obj)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert model.objects.filter(pk=obj.pk).values(*columns).get() == before


def test_a_citation_picks_the_fact_it_supports_from_labelled_choices(admin_client):
    effort = RecallEffortFactory()
    article = ArticleFactory(body="Organizers must file their signatures by October 21.")
    page = admin_client.get(change_url(effort))
    choices = dict(options(page, f"{CITATIONS}-__prefix__-field"))
    assert choices[""] == "the record as a whole"
    assert choices["deadline"] == "Signature deadline"
    assert "signatures_required" not in choices  # a series of reports, cited on each report
    assert "deadline_on" not in choices and "slug" not in choices and "version" not in choices
    new_citation = {
        "field": "deadline",
        "article": article.pk,
        "quote": "file their signatures by October 21",
    }
    response = submit(admin_client, page, new_rows={CITATIONS: [new_citation]})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert effort.citations.get().field == "deadline"


def test_a_stored_field_name_the_list_does_not_offer_is_kept(admin_client):
    citation = CitationFactory(field="petition_text")
    page = admin_client.get(change_url(citation.subject)).content
    assert ("petition_text", "petition_text") in options(page, f"{CITATIONS}-0-field")
    assert save(admin_client, citation.subject).status_code == 302
    citation.refresh_from_db()
    assert citation.field == "petition_text"


def test_the_event_page_cites_one_way_and_a_status_change_needs_it(admin_client):
    event = TimelineEventFactory(status=EffortStatus.CIRCULATING)
    article = ArticleFactory(body="The recall qualified for the ballot on Tuesday.")
    page = admin_client.get(change_url(event)).content.decode()
    assert "source_article" not in page and "source_quote" not in page
    refused = save(admin_client, event, status=EffortStatus.QUALIFIED)
    assert refused.status_code == 200
    assert "A source is required: add a citation" in refused.content.decode()
    assert TimelineEvent.objects.get(pk=event.pk).status == EffortStatus.CIRCULATING

    response = save(
        admin_client,
        event,
        status=EffortStatus.QUALIFIED,
        **{
            f"{CITATIONS}-0-field": "status",
            f"{CITATIONS}-0-article": str(article.pk),
            f"{CITATIONS}-0-quote": "The recall qualified for the ballot",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert event.status == EffortStatus.QUALIFIED
    assert event.citations.get().field == "status"
    assert RecallEffort.objects.get(pk=event.effort_id).status == EffortStatus.QUALIFIED


def test_the_login_page_has_a_heading(client):
    page = client.get(reverse("admin:login")).content.decode()
    assert "<h1>Editors: log in</h1>" in page


def test_suggested_fact_form_reads_its_date_in_words(admin_client):
    fact = SuggestedFactFactory()
    response = save(admin_client, fact, date="mid-June 2022~")
    assert response.status_code == 302
    fact.refresh_from_db()
    assert fact.date.display() == "mid-June 2022 (approx.)"
    assert Citation.objects.count() == 0
