"""Two editors, one record: the second save is refused with a link, the first edit is kept.

Driven by the rendered forms, for every curated model registered in the admin. A refused
save writes nothing: no row change, no history row, no admin log entry; it is logged (the
``editorial.locking`` logger) with both versions.
"""

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.test import Client

from articles.models import ReviewStatus
from articles.review import mentions_review
from core.versioning import Versioned
from editorial.admin_forms import HistoryAdmin, VersionedInline
from editorial.services import StaleEdit, versioned_save
from recalls.models import RecallEffort
from tests import factories
from tests.admin_pages import admin_url, built, editor, errors, revert_links, submit, text_field

pytestmark = [pytest.mark.django_db, pytest.mark.ignore_template_errors]

CURATED = sorted(
    (model for model in admin.site._registry if issubclass(model, Versioned)),
    key=lambda model: model._meta.label,
)
REFUSED = "someone else saved this"


@pytest.fixture
def editors():
    first, second = Client(), Client()
    first.force_login(editor("first"))
    second.force_login(editor("second"))
    return first, second


def assert_refused(response, obj):
    assert response.status_code == 200, "the second save was not refused"
    body = response.content.decode()
    assert REFUSED in body, errors(response)
    assert f'href="{admin_url(obj, "change", obj.pk)}">Open the newer version' in body


def test_every_curated_model_is_locked_and_in_the_admin():
    names = {model.__name__ for model in CURATED}
    assert names >= {
        *("Jurisdiction", "Office", "Official", "Tenure", "RecallEffort", "Participant"),
        *("TimelineEvent", "Election", "Contest", "Candidacy"),
        *("Outlet", "Article", "Citation", "Mention", "SuggestedFact"),
    }


@pytest.mark.parametrize("model", CURATED, ids=lambda m: m._meta.label)
def test_second_of_two_concurrent_saves_is_refused_and_the_first_kept(editors, model, caplog):
    first, second = editors
    obj = built(model)
    url = admin_url(obj, "change", obj.pk)
    first_page, second_page = first.get(url), second.get(url)
    name = text_field(obj, first_page)
    history = obj.history.count()

    saved = submit(first, first_page, {name: "The first editor's text"})
    assert saved.status_code == 302, errors(saved)
    refused = submit(second, second_page, {name: "The second editor's text"})

    assert_refused(refused, obj)
    obj.refresh_from_db()
    assert getattr(obj, name) == "The first editor's text"
    # History: the first save only, by the first editor; the refusal is in the log instead.
    assert obj.history.count() == history + 1
    assert obj.history.latest().history_user.username == "first"
    assert list(LogEntry.objects.values_list("user__username", flat=True)) == ["first"]
    assert "Refused a stale save" in caplog.text

    # The link opens the newer version, which saves.
    again = submit(second, second.get(url), {name: "The second editor's text"})
    assert again.status_code == 302, errors(again)


def test_inline_row_changed_elsewhere_is_not_overwritten_from_the_parent(editors):
    """A tenure edited on its own page, while another editor has the official's page open."""
    first, second = editors
    tenure = factories.TenureFactory()
    official_page = second.get(admin_url(tenure.official, "change", tenure.official.pk))

    tenure_page = first.get(admin_url(tenure, "change", tenure.pk))
    saved = submit(first, tenure_page, {"started": "6 January 2020"})
    assert saved.status_code == 302, errors(saved)
    refused = submit(second, official_page, {"bio": "Changed by the second editor"})

    assert_refused(refused, tenure)
    tenure.refresh_from_db()
    tenure.official.refresh_from_db()
    assert str(tenure.started_on) == "2020-01-06"
    assert tenure.official.bio == ""


def test_parent_saved_with_other_inlines_is_not_overwritten(editors):
    """Citations edited on the effort page by one editor, the effort's note by another."""
    first, second = editors
    citation = factories.CitationFactory()
    effort = citation.subject
    url = admin_url(effort, "change", effort.pk)
    first_page, second_page = first.get(url), second.get(url)
    prefix = "articles-citation-content_type-object_id"

    saved = submit(first, first_page, {f"{prefix}-0-note": "Checked against the print edition"})
    assert saved.status_code == 302, errors(saved)
    refused = submit(second, second_page, {"note": "The second editor's note"})

    assert_refused(refused, effort)
    citation.refresh_from_db()
    effort.refresh_from_db()
    assert citation.note == "Checked against the print edition"
    assert effort.note == ""


def test_revert_over_a_newer_save_is_refused(editors):
    first, second = editors
    effort = factories.RecallEffortFactory(summary="original")
    url = admin_url(effort, "change", effort.pk)
    submit(first, first.get(url), {"summary": "second version"})
    revert_page = second.get(revert_links(second, effort)[-1])

    submit(first, first.get(url), {"summary": "third version"})
    refused = submit(second, revert_page)

    assert_refused(refused, effort)
    effort.refresh_from_db()
    assert effort.summary == "third version"


def test_service_refuses_a_stale_version_and_writes_only_the_fields_named():
    effort = factories.RecallEffortFactory(summary="original", note="original")
    mine, theirs = RecallEffort.objects.get(pk=effort.pk), RecallEffort.objects.get(pk=effort.pk)
    theirs.summary, theirs.note = "theirs", "not written"
    versioned_save(obj=theirs, expected_version=theirs.version, update_fields=["summary"])
    mine.summary = "mine"
    with pytest.raises(StaleEdit):
        versioned_save(obj=mine, expected_version=mine.version)
    effort.refresh_from_db()
    assert (effort.summary, effort.note, effort.version) == ("theirs", "original", 2)


@pytest.mark.parametrize("model", CURATED, ids=lambda m: m._meta.label)
def test_every_admin_and_inline_of_a_curated_model_carries_the_version(model):
    """The base classes render and check the version; an admin or inline without them could not."""
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, HistoryAdmin)
    for inline in model_admin.inlines:
        if issubclass(inline.model, Versioned):
            assert issubclass(inline, VersionedInline), f"{inline.__name__} is not versioned"


def test_a_review_makes_a_form_opened_before_it_stale(editors):
    first, second = editors
    mention = factories.MentionFactory()
    page = second.get(admin_url(mention, "change", mention.pk))
    reviewer = factories.UserFactory(is_staff=True)
    mentions_review(mentions=[mention], status=ReviewStatus.REJECTED, user=reviewer)

    refused = submit(second, page, {"matched_text": "Changed by the second editor"})

    assert_refused(refused, mention)
    mention.refresh_from_db()
    assert mention.status == ReviewStatus.REJECTED
