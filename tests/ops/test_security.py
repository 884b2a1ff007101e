"""Untrusted text never becomes markup; every form needs its CSRF token."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Mention, ReviewStatus
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    OfficialFactory,
    OutletFactory,
    RecallEffortFactory,
)

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_stored_script_in_any_imported_field_renders_escaped(client):
    outlet = OutletFactory(name=f"Outlet {PAYLOAD}")
    article = ArticleFactory(
        title=f"Title {PAYLOAD}",
        dek=f"Dek {PAYLOAD}",
        body=f"Body {PAYLOAD} recall",
        author=f"By {PAYLOAD}",
        outlet=outlet,
    )
    official = OfficialFactory(name=f"Name {PAYLOAD}", bio=f"Bio {PAYLOAD}")
    effort = RecallEffortFactory(
        title=f"Recall {PAYLOAD}", summary=f"Summary {PAYLOAD}", targets=[official]
    )
    CitationFactory(subject=effort, article=article, quote=f"Body {PAYLOAD}")
    Mention.objects.create(
        article=article, official=official, matched_text=PAYLOAD, status=ReviewStatus.CONFIRMED
    )
    pages = [
        "/",
        "/recalls/",
        effort.get_absolute_url(),
        official.get_absolute_url(),
        "/officials/",
        article.get_absolute_url(),
        "/articles/",
        "/search/?q=recall",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
    html = client.get(article.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


@pytest.mark.ignore_template_errors
def test_admin_forms_refuse_posts_without_a_csrf_token(admin_user):
    client = Client(enforce_csrf_checks=True)
    assert (
        client.post(
            reverse("admin:login"), {"username": "admin", "password": "password"}
        ).status_code
        == 403
    )
    client.force_login(admin_user)
    effort = RecallEffortFactory()
    for url in [
        reverse("admin:recalls_recalleffort_change", args=[effort.pk]),
        reverse("admin:recalls_recalleffort_add"),
        reverse("admin:recalls_recalleffort_changelist"),
        reverse("admin:logout"),
    ]:
        assert client.post(url, {}).status_code == 403, url


def test_public_pages_have_no_forms_that_post():
    client = Client(enforce_csrf_checks=True)
    RecallEffortFactory()
    for url in ["/", "/recalls/", "/officials/", "/elections/", "/articles/", "/search/"]:
        assert 'method="post"' not in client.get(url).content.decode().lower(), url


def test_every_response_denies_browser_features_the_site_does_not_use(client, admin_client):
    effort = RecallEffortFactory()
    responses = [
        client.get("/"),
        client.get(effort.get_absolute_url()),
        client.get("/no-such-page/"),
        client.get("/recalls/export.csv"),
        client.get("/api/efforts/"),
        client.get("/healthz"),
        client.get(reverse("admin:login")),
        admin_client.get(reverse("admin:recalls_recalleffort_change", args=[effort.pk])),
    ]
    for response in responses:
        policy = dict(
            part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
        )
        for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
            assert policy[feature] == "()", (response.request["PATH_INFO"], feature)
