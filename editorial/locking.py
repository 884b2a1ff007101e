"""Optimistic locking: the one rule for saving a curated record an editor opened.

Every curated model carries ``version`` (``core.versioning.Versioned``). An editor's form
remembers the version it was opened at; the save is accepted only while the stored row is
still at that version, and then raises it by one. On PostgreSQL the stored row is held
(SELECT … FOR UPDATE) from the check to the commit, so of two concurrent saves exactly one
passes; SQLite allows one writer at a time, so there the later of two truly simultaneous
saves fails with "database is locked" instead. A refused save writes nothing: no row change,
no history row, no admin log entry; it is logged as a warning here.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import connections, router
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

logger = logging.getLogger(__name__)


class StaleEdit(ValidationError):
    """The record was saved by someone else after the editor opened it."""

    def __init__(self, *, obj, opened: int | None, current: int):
        self.obj, self.opened, self.current = obj, opened, current
        opts = obj._meta
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
        except NoReverseMatch:
            url = history = ""
        message = format_html(
            "Not saved: someone else saved this {} (“{}”) after you opened it (you had version "
            '{}, it is now version {}). <a href="{}">Open the newer version</a> (or see '
            '<a href="{}">what changed</a>) and make your change again.',
            opts.verbose_name,
            obj,
            opened,
            current,
            url,
            history,
        )
        super().__init__(message, code="stale")


def version_claim(*, obj, opened: int | None) -> None:
    """Refuse (``StaleEdit``) unless ``obj``'s stored row is at ``opened``; else take the next.

    Sets ``obj.version`` to the version its save will store. Call it inside the transaction
    that saves ``obj``: there the row stays held until the commit. A new record has nothing
    to check.
    """
    model = type(obj)
    if obj.pk is None:
        return
    db = router.db_for_write(model, instance=obj)
    rows = model._base_manager.using(db).filter(pk=obj.pk)
    if connections[db].in_atomic_block:
        rows = rows.select_for_update()
    current = rows.values_list("version", flat=True).first()
    if current is None:
        return  # Deleted meanwhile: the save recreates it, as Django's own save would.
    if opened != current:
        # Recorded here, not in the edit history: nothing was changed.
        logger.warning(
            "Refused a stale save of %s %s: opened version %s, stored version %s",
            model._meta.label,
            obj.pk,
            opened,
            current,
        )
        raise StaleEdit(obj=obj, opened=opened, current=current)
    obj.version = current + 1
