"""Every admin form saves as the page renders it, for an editor, first time.

For every model registered in the admin (a new registration is covered without editing this
file, as long as tests/factories.py has its factory): the add page and the change page of a
factory-built object, submitted exactly as rendered, save; an unchanged save changes nothing
but the version and timestamps; "revert to this version" from History saves too.
"""

import pytest
from django.contrib import admin

from editorial.roles import CONTENT_APPS
from recalls.models import (
    CandidacyStatus,
    ContestKind,
    ElectionKind,
    JurisdictionKind,
    OfficeCategory,
    ParticipantRole,
)
from tests import factories
from tests.admin_pages import (
    PASSWORD,
    admin_url,
    built,
    editor,
    errors,
    revert_links,
    stored,
    submit,
    text_field,
)

pytestmark = [pytest.mark.django_db, pytest.mark.ignore_template_errors]

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
IDS = [model._meta.label for model in MODELS]


def _article_quote():
    article = factories.ArticleFactory()
    return {"article": article.pk, "quote": "Volunteers are collecting signatures."}


NEW_ROWS = "new inline rows"

# What an editor must type on an add page (required, no default); everything else as rendered.
ADD_FILL = {
    "auth.Group": lambda: {"name": "Fact checkers"},
    "auth.User": lambda: {"username": "newuser", "password1": PASSWORD, "password2": PASSWORD},
    "articles.Outlet": lambda: {"name": "Tribune", "slug": "tribune"},
    "articles.Article": lambda: {"title": "New story", "slug": "new-story", "body": "Text."},
    "articles.Mention": lambda: {
        "article": factories.ArticleFactory().pk,
        "official": factories.OfficialFactory().pk,
        "matched_text": "Pat Doe",
    },
    "articles.SuggestedFact": lambda: {
        **_article_quote(),
        "description": "Collecting signatures",
        "date": "June 2022",
    },
    "recalls.Jurisdiction": lambda: {
        "name": "Springfield",
        "slug": "springfield",
        "kind": JurisdictionKind.CITY,
    },
    "recalls.Office": lambda: {
        "title": "Mayor",
        "slug": "mayor",
        "category": OfficeCategory.EXECUTIVE,
        "jurisdiction": factories.JurisdictionFactory().pk,
    },
    "recalls.Official": lambda: {"name": "Pat Doe", "slug": "pat-doe", "sort_name": "Doe, Pat"},
    "recalls.Tenure": lambda: {
        "official": factories.OfficialFactory().pk,
        "office": factories.OfficeFactory().pk,
    },
    "recalls.RecallEffort": lambda: {
        "title": "Recall of Pat Doe",
        "slug": "recall-of-pat-doe",
        "office": factories.OfficeFactory().pk,
    },
    "recalls.Participant": lambda: {
        "effort": factories.RecallEffortFactory().pk,
        "name": "Neighbours for Recall",
        "role": ParticipantRole.PROPONENT,
    },
    "recalls.TimelineEvent": lambda: {
        "effort": factories.RecallEffortFactory().pk,
        "date": "7 June 2022",
        "description": "Signatures submitted",
        # The event page cites through its citations table (a row as "Add another" adds it).
        NEW_ROWS: {"articles-citation-content_type-object_id": [_article_quote()]},
    },
    "recalls.LegalInput": lambda: {
        "effort": factories.RecallEffortFactory().pk,
        "kind": "registered_voters",
        "count": "500000",
        # A computed value's input is cited in its citations table (one row is offered).
        NEW_ROWS: {"articles-citation-content_type-object_id": [_article_quote()]},
    },
    "recalls.Election": lambda: {
        "name": "Special election",
        "slug": "special-election",
        "kind": ElectionKind.RECALL,
        "jurisdiction": factories.JurisdictionFactory().pk,
    },
    "recalls.Contest": lambda: {
        "election": factories.ElectionFactory().pk,
        "name": "Shall Pat Doe be recalled?",
        "kind": ContestKind.RECALL_QUESTION,
        "office": factories.OfficeFactory().pk,
    },
    "recalls.SignatureReport": lambda: {
        "effort": factories.RecallEffortFactory().pk,
        "kind": "required",
        "count": "53000",
        "date": "2022",
        # A new report needs its source: a row in its citations table.
        NEW_ROWS: {"articles-citation-content_type-object_id": [_article_quote()]},
    },
    "articles.SuggestedNumber": lambda: {
        **_article_quote(),
        "field": "signatures_required",
        "value": "51000",
        "date": "2022",
    },
    "recalls.ResultReport": lambda: {
        "contest": factories.ContestFactory().pk,
        "date": "7 June 2022",
        "yes_votes": "41000",
    },
    "recalls.Candidacy": lambda: {
        "contest": factories.ContestFactory().pk,
        "official": factories.OfficialFactory().pk,
        "status": CandidacyStatus.DECLARED,
    },
}


def user_for(model):
    """An editor made as create_editor makes one; a superuser only where editors may not go."""
    if model._meta.app_label in CONTENT_APPS:
        return editor("editor")
    return factories.UserFactory(username="administrator", is_staff=True, is_superuser=True)


def login(client, model):
    client.force_login(user_for(model))


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_add_page_saves_as_rendered(client, model):
    login(client, model)
    response = client.get(admin_url(model, "add"))
    if response.status_code == 403:
        assert not admin.site._registry[model].has_add_permission(response.wsgi_request)
        return  # nobody adds these by hand (login records)
    fill = ADD_FILL.get(model._meta.label, dict)()
    new_rows = fill.pop(NEW_ROWS, None)
    before = model._base_manager.count()
    saved = submit(client, response, fill, new_rows=new_rows)
    assert saved.status_code == 302, errors(saved)
    assert model._base_manager.count() == before + 1


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_change_page_saves_unchanged_as_rendered(client, model):
    obj = built(model)
    login(client, model)
    response = client.get(admin_url(obj, "change", obj.pk))
    assert response.status_code == 200
    if not admin.site._registry[model].has_change_permission(response.wsgi_request, obj):
        return  # a view-only page (login records): nothing to save
    before = stored(obj)
    saved = submit(client, response)
    assert saved.status_code == 302, errors(saved)
    assert stored(obj) == before


@pytest.mark.parametrize(
    "model", [m for m in MODELS if hasattr(m, "history")], ids=lambda m: m._meta.label
)
def test_revert_from_history_saves_as_rendered(client, model):
    obj = built(model)
    original = stored(obj)
    login(client, model)
    changed = _change_one_text_field(client, obj)
    assert stored(obj) != original
    oldest = revert_links(client, obj)[-1]
    reverted = submit(client, client.get(oldest))
    assert reverted.status_code == 302, errors(reverted)
    assert stored(obj) == original, f"{changed} not restored"


def _change_one_text_field(client, obj) -> str:
    """Edit the first free-text field of the change form, through the form."""
    url = admin_url(obj, "change", obj.pk)
    name = text_field(obj, client.get(url))
    response = submit(client, client.get(url), {name: "Edited by an editor"})
    assert response.status_code == 302, errors(response)
    return name
