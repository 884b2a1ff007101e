"""Writes for the editorial workflow: editors, saves under optimistic locking."""

from __future__ import annotations

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from editorial.locking import StaleEdit, version_claim
from editorial.roles import editors_group_sync

__all__ = ["StaleEdit", "editor_create", "versioned_save"]


@transaction.atomic
def editor_create(*, username: str, password: str, email: str = ""):
    """A staff account in the Editors group (not a superuser). Refuses weak passwords."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValidationError(f"A user named {username!r} already exists.")
    user = User(username=username, email=email, is_staff=True)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(editors_group_sync())
    return user


@transaction.atomic
def versioned_save(*, obj, expected_version: int | None, update_fields=None):
    """Save ``obj`` only if nobody saved it since ``expected_version``; the version goes up.

    Raises ``StaleEdit`` (and writes nothing) otherwise. ``update_fields`` limits the write
    as in ``Model.save``; the version is always written with them.
    """
    version_claim(obj=obj, opened=expected_version)
    if update_fields is not None:
        update_fields = [*update_fields, "version"]
    obj.save(update_fields=update_fields)
    return obj
