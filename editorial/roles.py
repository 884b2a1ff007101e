"""The Editors role: exactly what curating content and reviewing imports needs."""

from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
CONTENT_APPS = ("recalls", "articles")


def editor_permissions(permission_model=Permission):
    """Add, change, delete and view on every content model; nothing on users, groups or sessions."""
    return permission_model.objects.filter(content_type__app_label__in=CONTENT_APPS)


def editors_group_sync(*, group_model=Group, permission_model=Permission) -> Group:
    group, _ = group_model.objects.get_or_create(name=EDITORS)
    group.permissions.set(editor_permissions(permission_model))
    return group
