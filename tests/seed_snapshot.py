"""The ``seeded`` fixture's copy of the seed data: loaded once per test run, then copied in.

``load_seed_data`` takes 10-15 s (it imports the source documents and validates every
citation); about seventy tests need its result, which made it a third of the suite's time.
The first ``seeded`` test loads it for real and keeps the rows it added; later tests insert
the same rows with ``bulk_create`` (no signals, no history hooks: the rows already carry
what those wrote) and reset the PostgreSQL sequences. The copy is used only when the
database looks as it did before that first load (the same content types, the same row
counts), otherwise the seed is loaded for real again, so a test never gets a different data
set. Content types are matched by name: a live-server test's flush recreates them with new
ids, and the copied rows' generic relations are pointed at the new ones.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction


def _models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def _content_types() -> dict[tuple[str, str], int]:
    return {
        (app, model): pk
        for pk, app, model in ContentType.objects.values_list("pk", "app_label", "model")
    }


def _state() -> tuple:
    """What must match for the copy to apply: the content types and each table's row count."""
    counts = tuple(model._base_manager.count() for model in _models())
    return frozenset(_content_types()), counts


def _content_type_fields(model) -> list[str]:
    return [
        f.attname
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is ContentType
    ]


class SeedSnapshot:
    def __init__(self):
        self.before = None
        self.types: dict[tuple[str, str], int] = {}
        self.rows: list[tuple[type, list]] = []

    def _load_and_keep(self, before) -> None:
        known = {m: set(m._base_manager.values_list("pk", flat=True)) for m in _models()}
        call_command("load_seed_data", verbosity=0)
        self.rows = []
        for model, pks in known.items():
            added = [o for o in model._base_manager.order_by("pk") if o.pk not in pks]
            if added:
                self.rows.append((model, added))
        self.before, self.types = before, _content_types()

    def load(self) -> None:
        before = _state()
        if before != self.before:
            self._load_and_keep(before)
            return
        now = _content_types()
        renumber = {old: now[key] for key, old in self.types.items()}
        with transaction.atomic():
            for model, objects in self.rows:
                generic = _content_type_fields(model)
                for obj in objects:
                    obj._state.adding, obj._state.db = True, None
                    for attname in generic:
                        if getattr(obj, attname) is not None:
                            setattr(obj, attname, renumber[getattr(obj, attname)])
                model._base_manager.bulk_create(objects)
            self.types = now  # the kept rows now carry these ids
            reset = connection.ops.sequence_reset_sql(no_style(), [m for m, _ in self.rows])
            if reset:
                with connection.cursor() as cursor:
                    for sql in reset:
                        cursor.execute(sql)


snapshot = SeedSnapshot()
