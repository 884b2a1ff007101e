"""Every admin changelist, search and change form renders with the seed data."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.admin_pages import admin_url, submit

pytestmark = [pytest.mark.django_db, pytest.mark.ignore_template_errors]

MODELS = [
    model for model in admin.site._registry if model._meta.app_label in ("recalls", "articles")
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_changelist_search_and_change_form(admin_client, seeded, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "Boudin"}).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert admin_client.get(change).status_code == 200
    add = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    can_add = admin.site._registry[model].has_add_permission(add.wsgi_request)
    assert add.status_code == (200 if can_add else 403)


def test_effort_page_edits_events_participants_and_citations_inline(admin_client, seeded):
    from recalls.models import RecallEffort

    effort = RecallEffort.objects.get(targets__slug="chesa-boudin")
    html = admin_client.get(
        reverse("admin:recalls_recalleffort_change", args=[effort.pk])
    ).content.decode()
    for prefix in (
        "events-TOTAL_FORMS",
        "participants-TOTAL_FORMS",
        "articles-citation-content_type-object_id-TOTAL_FORMS",
    ):
        assert prefix in html


def test_citation_with_a_quote_not_in_the_article_is_refused(admin_client, seeded):
    from articles.models import Article
    from recalls.models import Official

    official = Official.objects.get(slug="chesa-boudin")
    article = Article.objects.first()
    page = admin_client.get(admin_url(official, "change", official.pk))
    citation = {"article": article.pk, "quote": "words that no article contains"}
    response = submit(
        admin_client, page, new_rows={"articles-citation-content_type-object_id": [citation]}
    )
    assert response.status_code == 200
    assert "Quote not found in" in response.content.decode()
    assert not official.citations.filter(quote=citation["quote"]).exists()
