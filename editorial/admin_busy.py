"""A save that cannot get the database's write lock comes back with the editor's input.

On SQLite one writer at a time holds the lock (a batch of an import, another editor's
save), and a save waits for it up to ``SQLITE_TIMEOUT`` seconds. When it still cannot get
it, the admin renders the form again as the editor filled it in, refused with a message,
instead of an error page that would lose the edit.
"""

from django.core.exceptions import ValidationError
from django.db import OperationalError

BUSY = (
    "Not saved: the database is busy with other changes (an import, perhaps). "
    "Your changes are still in the form: save again in a moment."
)


def is_lock_timeout(error: OperationalError) -> bool:
    return "database is locked" in str(error) or "database table is locked" in str(error)


def _refuse(form):
    raise ValidationError(BUSY, code="database_busy")


class BusyDatabaseAdminMixin:
    """For a ModelAdmin: a refused save re-renders the bound form and its inlines."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OperationalError as error:
            if request.method != "POST" or not is_lock_timeout(error):
                raise
        # Outside the failed transaction, and without taking the lock again: the form is
        # refused, so this renders it and reads, but writes nothing.
        request.database_busy = True
        return self._changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if getattr(request, "database_busy", False):
            return type(form.__name__, (form,), {"clean": _refuse})
        return form
