import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from editorial.roles import EDITORS
from editorial.services import editor_create
from tests.factories import RecallEffortFactory

pytestmark = [pytest.mark.django_db, pytest.mark.ignore_template_errors]

PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture
def editor_client(client):
    editor = editor_create(username="ed", password=PASSWORD)
    client.force_login(editor)
    return client


def test_migration_creates_the_editors_group_without_user_or_group_rights():
    codenames = set(
        Group.objects.get(name=EDITORS).permissions.values_list(
            "content_type__app_label", flat=True
        )
    )
    assert codenames == {"recalls", "articles"}


def test_no_default_accounts_exist():
    assert get_user_model().objects.filter(is_active=True).count() == 0


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:recalls_recalleffort_changelist",
        "admin:recalls_recalleffort_add",
        "admin:articles_article_changelist",
    ],
)
def test_editor_can_curate(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize(
    "url_name", ["admin:auth_user_changelist", "admin:auth_group_changelist", "admin:auth_user_add"]
)
def test_editor_gets_403_on_users_and_groups(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 403


def test_editor_can_edit_an_effort(editor_client):
    effort = RecallEffortFactory()
    assert (
        editor_client.get(
            reverse("admin:recalls_recalleffort_change", args=[effort.pk])
        ).status_code
        == 200
    )


def test_create_editor_reads_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    call_command("create_editor", "maria", "--email", "maria@example.org")
    user = get_user_model().objects.get(username="maria")
    assert user.is_staff and not user.is_superuser
    assert user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS]


def test_create_editor_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "password")
    with pytest.raises(CommandError, match="too common"):
        call_command("create_editor", "weak")
    assert not get_user_model().objects.filter(username="weak").exists()


def test_lockout_after_the_configured_failures(client, settings):
    editor_create(username="ed", password=PASSWORD)
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "ed", "password": "wrong"})
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    assert client.post(url, {"username": "ed", "password": "wrong"}).status_code == 429
    # Locked out: even the right password is refused until the cool-off ends.
    response = client.post(url, {"username": "ed", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
