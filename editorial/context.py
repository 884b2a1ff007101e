"""Who is acting, for history records written outside a request (commands, imports)."""

from __future__ import annotations

import contextlib
import threading

from django.contrib.auth import get_user_model

_state = threading.local()

SYSTEM_USERNAME = "system"


def system_user():
    """The account history records name for imports and seed loads. It cannot log in."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={
            "is_active": False,
            "first_name": "System",
            "last_name": "(imports and seed data)",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@contextlib.contextmanager
def acting_as(user=None, *, reason: str = ""):
    """Attribute every history record written inside the block to ``user`` with ``reason``."""
    previous = getattr(_state, "actor", None)
    _state.actor = (user, reason)
    try:
        yield
    finally:
        _state.actor = previous


@contextlib.contextmanager
def as_system(reason: str):
    with acting_as(system_user(), reason=reason):
        yield


def current_actor():
    return getattr(_state, "actor", None)


def change_reason() -> str | None:
    """Why, for history rows written in bulk (which skips the signal that records it)."""
    actor = current_actor()
    return actor[1][:100] if actor and actor[1] else None


def get_history_user(instance, request=None, **kwargs):
    """``HistoricalRecords(get_user=…)``: the acting user, else the request's user."""
    actor = current_actor()
    if actor and actor[0] is not None:
        return actor[0]
    explicit = getattr(instance, "_history_user", None)
    if explicit is not None:
        return explicit
    if request is not None and getattr(request, "user", None) and request.user.is_authenticated:
        return request.user
    return None
