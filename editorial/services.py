"""Writes for the editorial workflow: editors, optimistic locking, reverts."""

from __future__ import annotations

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from editorial.roles import editors_group_sync


class StaleEdit(Exception):
    """The record changed since the editor opened it."""

    def __init__(self, obj, expected: int):
        self.obj, self.expected = obj, expected
        super().__init__(
            f"“{obj}” was changed by someone else after you opened it "
            f"(you edited version {expected}, it is now at version {obj.version})."
        )


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
def versioned_save(*, obj, expected_version: int, update_fields=None):
    """Save ``obj`` only if nobody saved it since ``expected_version``; then bump the version.

    The row is locked while checking, so two concurrent saves cannot both pass.
    """
    current = type(obj).objects.select_for_update().only("version").get(pk=obj.pk)
    if current.version != expected_version:
        obj.version = current.version
        raise StaleEdit(obj, expected_version)
    obj.version = expected_version + 1
    obj.save()
    return obj
