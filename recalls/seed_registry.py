"""What ``load_seed_data`` loaded before, and how the database now differs from the seed.

The seed creates what is missing and never changes a record that exists: editors own the
data once it is in the database. Each seed record has a key made from the seed file alone
(slugs, and for events the description as the seed file words it), kept in ``SeedRecord``
with the row it created.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models

from recalls.dates import PartialDate
from recalls.models import SeedRecord


def seed_key(*parts: str) -> str:
    """A registry key; long free text (descriptions, quotes) is replaced by a digest."""
    short = [p if len(p) <= 60 else hashlib.sha256(p.encode()).hexdigest()[:16] for p in parts]
    return " / ".join(short)


@dataclass
class SeedReport:
    articles_imported: int = 0
    created: list[str] = field(default_factory=list)
    created_counts: Counter = field(default_factory=Counter)
    differences: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def add_created(self, model: type[models.Model], where: str) -> None:
        self.created.append(where)
        self.created_counts[model._meta.verbose_name_plural] += 1

    def summary(self) -> str:
        created = ", ".join(f"{name} {n}" for name, n in self.created_counts.items()) or "nothing"
        return (
            f"articles imported {self.articles_imported}; created {created}; "
            f"{len(self.differences)} differences from the seed kept; "
            f"{len(self.deleted)} seed records deleted by editors not recreated"
        )


class DeletedReference(Exception):
    """A seed record refers to a record that an editor deleted."""


def _shown(value) -> str:
    if isinstance(value, PartialDate):
        return repr(value.isoformat())
    if isinstance(value, models.Model):
        return repr(getattr(value, "slug", None) or str(value))
    return repr(value)


class SeedRegistry:
    """Finds the row a seed key stands for, and records new ones."""

    def __init__(self):
        self.entries = {
            key: (ct, pk)
            for key, ct, pk in SeedRecord.objects.values_list("key", "content_type", "object_id")
        }

    def lookup(self, key: str, model: type[models.Model]) -> tuple[bool, models.Model | None]:
        """(known, row): known says whether the seed loaded this key before; row is None
        when it did and the row has since been deleted."""
        if key not in self.entries:
            return False, None
        content_type, pk = self.entries[key]
        if content_type != ContentType.objects.get_for_model(model).pk:
            return False, None
        return True, model.objects.filter(pk=pk).first()

    def add(self, key: str, obj: models.Model) -> None:
        content_type = ContentType.objects.get_for_model(obj)
        SeedRecord.objects.update_or_create(
            key=key, defaults={"content_type": content_type, "object_id": obj.pk}
        )
        self.entries[key] = (content_type.pk, obj.pk)


def differences(obj: models.Model, fields: dict, dates: dict, where: str) -> list[str]:
    """One line per field whose stored value is not the seed's (the stored one is kept)."""
    seed = {**fields, **{name: PartialDate.parse(text) if text else None for name, text in dates.items()}}
    lines = []
    for name, wanted in seed.items():
        current = getattr(obj, name)
        if isinstance(current, models.Model) or isinstance(wanted, models.Model):
            same = getattr(current, "pk", None) == getattr(wanted, "pk", None)
        else:
            same = current == wanted
        if not same:
            lines.append(
                f"{where}: {name} is {_shown(current)}, seed says {_shown(wanted)} (kept)"
            )
    return lines
