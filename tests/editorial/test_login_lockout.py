"""Login lock-out through the admin login form: per username and address, per address across
usernames (password spraying), and a client address that a client cannot choose."""

import subprocess
import sys

import lxml.html
import pytest
from django.urls import reverse

from editorial.services import editor_create

pytestmark = [pytest.mark.django_db, pytest.mark.ignore_template_errors]

PASSWORD = "correct-horse-battery-staple-42"
WRONG = "Please enter the correct username and password"
LOCKED = "Too many failed logins"
PROXY = "10.0.0.2"


@pytest.fixture
def editor():
    return editor_create(username="maria", password=PASSWORD)


@pytest.fixture
def behind_proxy(settings):
    """What BEHIND_PROXY=true selects (test_behind_proxy_setting checks that it does)."""
    settings.AXES_CLIENT_IP_CALLABLE = "editorial.lockout.proxy_client_address"


def log_in(client, username: str, password: str, **meta) -> tuple[int, str]:
    """Fill in and submit the login form the admin renders, from the given client address."""
    url = reverse("admin:login")
    page = lxml.html.fromstring(client.get(url, **meta).content.decode())
    (form,) = page.xpath("//form[@id='login-form']")
    form.fields["username"] = username
    form.fields["password"] = password
    response = client.post(form.action or url, dict(form.form_values()), **meta)
    client.logout()
    return response.status_code, response.content.decode()


def from_address(address: str, forwarded: str | None = None) -> dict:
    meta = {"REMOTE_ADDR": address}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return meta


def test_spraying_many_usernames_from_one_address_is_limited(client, editor, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    sprayer = from_address("203.0.113.9")
    outcomes = [log_in(client, f"user{n}", "Winter2024!", **sprayer)[0] for n in range(40)]
    assert outcomes == [200] * 7 + [429] * 33
    # The address is locked for every username, even with the right password...
    status, page = log_in(client, "maria", PASSWORD, **sprayer)
    assert status == 429 and LOCKED in page
    # ...and only that address.
    assert log_in(client, "maria", PASSWORD, **from_address("198.51.100.7"))[0] == 302


def test_one_username_at_one_address_is_locked_after_its_own_limit(client, editor, settings):
    address = from_address("198.51.100.7")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        status, page = log_in(client, "maria", "wrong", **address)
        assert status == 200 and WRONG in page
    assert log_in(client, "maria", "wrong", **address)[0] == 429
    assert log_in(client, "maria", PASSWORD, **address)[0] == 429


def test_a_forged_forwarded_for_header_changes_nothing(client, editor, settings):
    outcomes = [
        log_in(client, "maria", "wrong", **from_address("203.0.113.9", f"192.0.2.{n}"))[0]
        for n in range(settings.AXES_FAILURE_LIMIT + 2)
    ]
    assert outcomes[-3:] == [429, 429, 429]
    # The editor, at her own address, is not affected by the attacker's lock.
    assert log_in(client, "maria", PASSWORD, **from_address("198.51.100.7"))[0] == 302


def test_behind_the_proxy_a_forged_leftmost_entry_changes_nothing(client, editor, behind_proxy):
    # The client sent "192.0.2.N"; the proxy appended the address it saw, 203.0.113.9.
    outcomes = [
        log_in(client, "maria", "wrong", **from_address(PROXY, f"192.0.2.{n}, 203.0.113.9"))[0]
        for n in range(7)
    ]
    assert outcomes == [200, 200, 200, 200, 429, 429, 429]


def test_an_attacker_at_another_address_cannot_lock_the_editor_out(client, editor):
    attacker = from_address("203.0.113.9")
    assert [log_in(client, "maria", "wrong", **attacker)[0] for _ in range(10)][-1] == 429
    assert log_in(client, "maria", PASSWORD, **from_address("198.51.100.7"))[0] == 302


def test_behind_the_proxy_different_clients_are_told_apart(client, editor, behind_proxy):
    attacker = from_address(PROXY, "203.0.113.9")
    assert [log_in(client, "maria", "wrong", **attacker)[0] for _ in range(10)][-1] == 429
    # Every request comes from the proxy; the editor is known by the address it appended.
    assert log_in(client, "maria", PASSWORD, **from_address(PROXY, "198.51.100.7"))[0] == 302


def test_a_successful_login_does_not_reset_the_address_limit(client, editor, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    editor_create(username="spray", password=PASSWORD)  # the sprayer's own account
    sprayer = from_address("203.0.113.9")
    outcomes = []
    for n in range(8):
        outcomes.append(log_in(client, f"user{n}", "wrong", **sprayer)[0])
        if n == 3:
            assert log_in(client, "spray", PASSWORD, **sprayer)[0] == 302
    assert outcomes == [200] * 5 + [429] * 3


@pytest.mark.parametrize(
    ("behind_proxy_env", "expected"),
    [("true", "proxy_client_address"), ("false", "remote_address")],
)
def test_behind_proxy_setting_picks_the_client_address(behind_proxy_env, expected):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.AXES_CLIENT_IP_CALLABLE)",
        ],
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "1",
            "BEHIND_PROXY": behind_proxy_env,
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"editorial.lockout.{expected}"
