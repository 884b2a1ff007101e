"""What ``load_seed_data`` loaded before, and how the database now differs from the seed.

The seed creates what is missing and never changes a record that exists: editors own the
data once it is in the database. Each seed record has a key made from the seed file alone
(slugs, and for events the description as the seed file words it), kept in ``SeedRecord``
with the row it created.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from articles.citations import citation_add
from articles.models import Article, Citation
from core.dates import PartialDate
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
            f"{len(self.differences)} differences from the seed kept, "
            f"{len(self.deleted)} deleted records not recreated"
        )


class SeedError(Exception):
    """The seed files are inconsistent; the message names the record."""


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
    seed = {
        **fields,
        **{name: PartialDate.parse(text) if text else None for name, text in dates.items()},
    }
    lines = []
    for name, wanted in seed.items():
        current = getattr(obj, name)
        if isinstance(current, models.Model) or isinstance(wanted, models.Model):
            same = getattr(current, "pk", None) == getattr(wanted, "pk", None)
        else:
            same = current == wanted
        if not same:
            lines.append(f"{where}: {name} is {_shown(current)}, seed says {_shown(wanted)} (kept)")
    return lines


class SeedRecords:
    """Finding, creating and comparing seed records; ``SeedLoader`` reads the sections."""

    def __init__(self):
        self.articles: dict[str, Article] = {}
        self.registry = SeedRegistry()
        self.report = SeedReport()

    # -- helpers -----------------------------------------------------------------------

    def article(self, title: str) -> Article:
        """The article the seed calls ``title``, even if an editor has retitled it since."""
        if title not in self.articles:
            key = seed_key("article", title)
            _, article = self.registry.lookup(key, Article)
            article = article or Article.objects.filter(title=title).first()
            if article is None:
                raise SeedError(f"no imported article titled {title!r}")
            self.registry.add(key, article)
            self.articles[title] = article
        return self.articles[title]

    def ref(self, model, kind: str, slug, where: str):
        """The record the seed names ``slug`` (DeletedReference if an editor deleted it)."""
        if slug is None:
            return None
        known, obj = self.registry.lookup(seed_key(kind, slug), model)
        if known and obj is None:
            raise DeletedReference(f"{kind} {slug}")
        obj = obj or model.objects.filter(slug=slug).first()
        if obj is None:
            raise SeedError(f"{where}: no {model._meta.verbose_name} with slug {slug!r}")
        return obj

    @contextmanager
    def skipping(self, where: str):
        """Leave out a record whose parent or reference an editor deleted, and say so."""
        try:
            yield
        except DeletedReference as gone:
            self.report.deleted.append(f"{where}: not loaded, {gone} was deleted")

    def record(
        self,
        model,
        *,
        key: str,
        where: str,
        fields: dict,
        dates=None,
        adopt=None,
        source=None,
        create=None,
    ):
        """The existing row for ``key`` (left as it is, differences reported), or a new one
        (made by ``create`` if given); then the citations of the seed record ``source``.

        ``adopt`` finds a row loaded before keys were kept, or one an editor made first.
        Returns None when the seed made the row once and an editor has deleted it since.
        """
        dates = dates or {}
        known, obj = self.registry.lookup(key, model)
        if known and obj is None:
            self.report.deleted.append(f"{where}: deleted since it was seeded (not recreated)")
            return None
        if obj is None and adopt is not None:
            obj = model.objects.filter(**adopt).first()
        if obj is not None:
            self.report.differences += differences(obj, fields, dates, where)
        else:
            try:
                obj = create() if create else self.build(model, fields, dates, where)
            except ValidationError as error:
                raise SeedError(f"{where}: {'; '.join(error.messages)}") from None
            self.report.add_created(model, where)
        if not known:
            self.registry.add(key, obj)
        if source is not None:
            self.cite(obj, key, source, where)
        return obj

    @staticmethod
    def build(model, fields: dict, dates: dict, where: str):
        obj = model(**fields)
        for name, value in dates.items():
            try:
                setattr(obj, name, value)
            except ValueError as error:
                raise SeedError(f"{where}: {error}") from None
        obj.full_clean()
        obj.save()
        return obj

    def cite(self, subject, subject_key: str, record: dict, where: str) -> None:
        subject_type = ContentType.objects.get_for_model(subject)
        for c in record.get("citations") or []:
            quote = " ".join(c["quote"].split())
            fields = {
                "article": self.article(c["article"]),
                "quote": quote,
                "field": c.get("field") or "",
            }
            note = c.get("note") or ""
            self.record(
                Citation,
                key=seed_key(subject_key, "citation", c["article"], quote, fields["field"]),
                where=f"{where} citation {quote[:40]!r}",
                fields={**fields, "note": note},
                adopt={"content_type": subject_type, "object_id": subject.pk, **fields},
                create=partial(citation_add, subject=subject, note=note, **fields),
            )
