"""Every curated model records create/change/delete with who and why; reverts restore values."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.services import import_paths
from core.versioning import Versioned
from editorial.context import SYSTEM_USERNAME, as_system
from editorial.models import TRACKED
from recalls.changelog import effort_changelog
from recalls.models import EffortStatus, RecallEffort
from recalls.services import event_create
from tests import factories

pytestmark = pytest.mark.django_db

FACTORY_FOR = {
    "Jurisdiction": factories.JurisdictionFactory,
    "Office": factories.OfficeFactory,
    "Official": factories.OfficialFactory,
    "Tenure": factories.TenureFactory,
    "Participant": factories.ParticipantFactory,
    "TimelineEvent": factories.TimelineEventFactory,
    "Election": factories.ElectionFactory,
    "Contest": factories.ContestFactory,
    "Candidacy": factories.CandidacyFactory,
    "Outlet": factories.OutletFactory,
    "Article": factories.ArticleFactory,
    "SuggestedFact": factories.SuggestedFactFactory,
    "SuggestedNumber": factories.SuggestedNumberFactory,
    "SignatureReport": factories.SignatureReportFactory,
    "ResultReport": factories.ResultReportFactory,
    "LegalInput": factories.LegalInputFactory,
    "Mention": factories.MentionFactory,
    "Citation": factories.CitationFactory,
    "RecallEffort": factories.RecallEffortFactory,
}
EDITABLE = {
    "Jurisdiction": "name",
    "Office": "title",
    "Official": "bio",
    "Tenure": "note",
    "Participant": "description",
    "TimelineEvent": "description",
    "Election": "name",
    "Contest": "note",
    "Candidacy": "note",
    "Outlet": "url",
    "Article": "author",
    "SuggestedFact": "description",
    "SuggestedNumber": "conflict",
    "SignatureReport": "note",
    "ResultReport": "note",
    "LegalInput": "note",
    "Mention": "matched_text",
    "Citation": "note",
    "RecallEffort": "summary",
}


@pytest.mark.parametrize("name", sorted(FACTORY_FOR))
def test_create_change_delete_are_recorded(name):
    obj = FACTORY_FOR[name]()
    setattr(obj, EDITABLE[name], "edited value")
    obj.save()
    pk = obj.pk
    obj.delete()
    kinds = list(
        type(obj)
        .history.filter(id=pk)
        .order_by("history_date")
        .values_list("history_type", flat=True)
    )
    assert kinds == ["+", "~", "-"]


def test_every_curated_model_is_tracked():
    curated = {model.__name__ for model in apps.get_models() if issubclass(model, Versioned)}
    assert {model.__name__ for model in TRACKED} | {"RecallEffort"} == curated == set(FACTORY_FOR)


def test_services_record_history_with_the_acting_user_and_reason():
    effort = factories.RecallEffortFactory(status=EffortStatus.CIRCULATING)
    with as_system("test import"):
        event_create(
            effort=effort, date="2022-06", description="Recalled", status=EffortStatus.RECALLED
        )
    latest = effort.history.latest()
    assert latest.status == EffortStatus.RECALLED
    assert latest.history_user.username == SYSTEM_USERNAME
    assert latest.history_change_reason == "test import"


def test_seed_load_is_recorded_as_the_system_user(seeded):
    record = RecallEffort.history.earliest()
    assert record.history_user.username == SYSTEM_USERNAME
    assert record.history_change_reason == "load_seed_data"
    assert not get_user_model().objects.get(username=SYSTEM_USERNAME).has_usable_password()


def test_imports_record_history(tmp_path, settings):
    source = settings.BASE_DIR / "fixtures" / "sources" / "003_a1f8758ee281264a.txt"
    (tmp_path / "a.txt").write_bytes(source.read_bytes())
    import_paths(paths=[str(tmp_path)])
    from articles.models import Article

    assert Article.history.count() == 1


@pytest.mark.ignore_template_errors
def test_admin_revert_restores_the_earlier_values(admin_client):
    effort = factories.RecallEffortFactory(summary="first summary", target_count=100)
    effort.summary, effort.target_count = "bad edit", 5
    effort.save()
    first = effort.history.order_by("history_date").first()
    url = reverse("admin:recalls_recalleffort_simple_history", args=[effort.pk, first.history_id])
    page = admin_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        {
            "targets": [t.pk for t in effort.targets.all()],
            "version": effort.version,
            "events-TOTAL_FORMS": 0,
            "events-INITIAL_FORMS": 0,
            "signature_reports-TOTAL_FORMS": 0,
            "signature_reports-INITIAL_FORMS": 0,
            "participants-TOTAL_FORMS": 0,
            "participants-INITIAL_FORMS": 0,
            "articles-citation-content_type-object_id-TOTAL_FORMS": 0,
            "articles-citation-content_type-object_id-INITIAL_FORMS": 0,
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else ""
    )
    effort.refresh_from_db()
    assert (effort.summary, effort.target_count) == ("first summary", 100)


def test_public_changelog_speaks_in_names():
    effort = factories.RecallEffortFactory(status=EffortStatus.CIRCULATING, summary="First.")
    event_create(
        effort=effort,
        date="2022-06-07",
        description="Voters recalled her",
        status=EffortStatus.RECALLED,
    )
    effort.refresh_from_db()
    effort.summary = "Second."
    effort.save()
    factories.SignatureReportFactory(effort=effort, kind="required", count=53_000)
    texts = [entry.text for entry in effort_changelog(effort)]
    assert "Updated: summary" in texts
    assert "Signature report added: 53,000 required to qualify (5 November 2021)" in texts
    assert "Status went from “gathering signatures” to “recalled”" in texts
    assert "Timeline event added: 7 June 2022 — Voters recalled her" in texts
    assert texts[-1] == "Effort added to the tracker"
