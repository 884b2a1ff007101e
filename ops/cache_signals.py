"""The signal receivers that feed the cache tags (ops/cache_tags.py): what a page loads, and
what every save, deletion and many-to-many change of a content row makes stale.

An update of a row bumps the groups of the columns it changed (``core:<label>`` for plain
data, ``col:<label>.text`` and ``col:<label>.stamp``), found by reading the row as it was
before the save; the collection pages that read no column of those groups stay current
(ops/sql_columns.py). A new row, a deletion, a save whose old row could not be read (a raw
save by ``loaddata``) and a many-to-many change bump the whole table.
"""

from __future__ import annotations

import functools

from django.apps import apps as django_apps
from django.db import DEFAULT_DB_ALIAS, connections

from ops.cache_tags import (
    CONTENT_APPS,
    REACHED_THROUGH,
    REFERRED,
    _recording,
    content_foreign_keys,
    content_models,
    instance_tags,
    parent_tags,
    tags_changed,
)


def _loaded(sender, instance, **kwargs):
    rec = _recording.get()
    if rec is not None and instance.pk is not None:
        tag = f"{sender._meta.label_lower}:{instance.pk}"
        rec.objects.add(tag)
        fields = content_foreign_keys(sender)
        # Not from a deferred key: reading it would query the row again.
        if bumps_its_parents(sender) and all(f.attname in instance.__dict__ for f in fields):
            rec.parents[tag] = parent_tags(instance)


def _before_save(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    """The row as it was: which columns the save changes, and a row moved to another parent
    must make the old parent's pages stale too. Locked for the rest of the transaction
    where the database can, so that no other writer changes it in between."""
    instance._cache_old_row = None
    instance._cache_old_parents = ()
    if raw or instance._state.adding or instance.pk is None:
        return
    rows = sender._base_manager.using(using).filter(pk=instance.pk)
    connection = connections[using]
    if connection.in_atomic_block and connection.features.has_select_for_update:
        rows = rows.select_for_update()
    row = next(iter(rows.values(*(f.attname for f in sender._meta.concrete_fields))), None)
    if row is None:
        return
    instance._cache_old_row = row
    instance._cache_old_parents = {
        f"{f.related_model._meta.label_lower}:{row[f.attname]}"
        for f in content_foreign_keys(sender)
        if row[f.attname] is not None
    }


def changed_columns(instance, row: dict | None, update_fields=None) -> set[str] | None:
    """The columns of ``instance``'s table its save changed from ``row`` (as it was before),
    or None if that is not known. A deferred field is not saved; with ``update_fields``,
    only those are."""
    if row is None or instance._meta.parents:  # a parent table's columns: not its tags
        return None
    changed = set()
    for field in instance._meta.concrete_fields:
        if field.attname not in instance.__dict__:
            continue
        if update_fields is not None and update_fields.isdisjoint({field.name, field.attname}):
            continue
        if row.get(field.attname) != instance.__dict__[field.attname]:
            changed.add(field.column)
    return changed


def _saved(sender, instance, using=DEFAULT_DB_ALIAS, created=False, update_fields=None, **kw):
    old_row = None if created else getattr(instance, "_cache_old_row", None)
    instance._cache_old_row = None  # for this save only
    changed = changed_columns(instance, old_row, update_fields)
    _bump(sender, instance, using, created=created, changed=changed)


def _deleted(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    _bump(sender, instance, using)


def _bump(sender, instance, using, *, created=False, changed=None):
    old = getattr(instance, "_cache_old_parents", ())
    tags = instance_tags(instance, old_parents=old, created=created, changed=changed)
    if sender._meta.label_lower in REFERRED and not created:
        tags |= referrer_tags(instance, using=using)
    tags_changed(tags, using=using)


def _m2m_changed(sender, instance, action, model, pk_set, using=DEFAULT_DB_ALIAS, **kwargs):
    if not action.startswith("post_") and action != "pre_clear":
        return
    if {instance._meta.app_label, model._meta.app_label}.isdisjoint(CONTENT_APPS):
        return
    if action == "pre_clear":  # which rows are linked is known only before the clear
        linked = getattr(instance, _m2m_accessor(instance, sender))
        pk_set = set(linked.values_list("pk", flat=True))
    elif action == "post_clear":
        return  # done at pre_clear
    tags = instance_tags(instance) | {
        f"list:{model._meta.label_lower}",
        f"list:{sender._meta.label_lower}",
        *(f"{model._meta.label_lower}:{pk}" for pk in pk_set or ()),
    }
    tags_changed(tags, using=using)


def _m2m_accessor(instance, through) -> str:
    for field in instance._meta.get_fields():
        if not field.many_to_many:
            continue
        if field.auto_created and field.through is through:  # the reverse side
            return field.get_accessor_name()
        if not field.auto_created and field.remote_field.through is through:
            return field.name
    raise LookupError(through)


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_save

    for model in content_models():
        label = model._meta.label
        post_init.connect(_loaded, sender=model, dispatch_uid=f"cache-load-{label}")
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"cache-pre-{label}")
        post_save.connect(_saved, sender=model, dispatch_uid=f"cache-save-{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"cache-delete-{label}")
    m2m_changed.connect(_m2m_changed, dispatch_uid="cache-m2m")


def referrer_tags(instance, *, using: str = DEFAULT_DB_ALIAS) -> set[str]:
    """What the ``REACHED_THROUGH`` rows pointing at ``instance`` (an article's citations and
    mentions) point to: the pages showing ``instance`` depend on those rows, not on it."""
    tags: set[str] = set()
    by_model: dict[tuple[str, str], set] = {}
    for rel in instance._meta.related_objects:
        model = rel.related_model
        if not rel.one_to_many or model._meta.label_lower not in REACHED_THROUGH:
            continue
        fks = [f for f in content_foreign_keys(model) if f is not rel.field]
        generic = [f for f in model._meta.private_fields if getattr(f, "fk_field", None)]
        columns = [f.attname for f in fks]
        for field in generic:
            ct = field.ct_field
            columns += [f"{ct}__app_label", f"{ct}__model", field.fk_field]
        rows = model._base_manager.using(using).filter(**{rel.field.name: instance.pk})
        for row in rows.values_list(*columns):
            for field, value in zip(fks, row, strict=False):
                if value is not None:
                    tags.add(f"{field.related_model._meta.label_lower}:{value}")
            subjects = row[len(fks) :]
            for start in range(0, len(subjects), 3):
                app_label, name, pk = subjects[start : start + 3]
                tags.add(f"{app_label}.{name}:{pk}")
                by_model.setdefault((app_label, name), set()).add(pk)
    # And what those subjects point to, as a change to a citation of theirs bumps it: so a
    # fragment about an effort need not depend on each of its events (``without_bumped_rows``).
    for (app_label, name), pks in by_model.items():
        model = django_apps.get_model(app_label, name)
        fks = content_foreign_keys(model)
        if not fks:
            continue
        rows = model._base_manager.using(using).filter(pk__in=pks)
        for row in rows.values_list(*(f.attname for f in fks)):
            tags |= {
                f"{field.related_model._meta.label_lower}:{value}"
                for field, value in zip(fks, row, strict=True)
                if value is not None
            }
    return tags


@functools.cache
def bumps_its_parents(model) -> bool:
    """Whether every change that makes a row of ``model`` stale also bumps the rows it points
    to: its own changes do (``parent_tags``), and so do those of the citations and mentions
    pointing at it (``instance_tags``, ``referrer_tags``); a row with other content rows of
    its own (a contest's results) does not, since their changes bump it alone."""
    return all(
        rel.related_model._meta.app_label not in CONTENT_APPS
        or rel.related_model._meta.label_lower in REACHED_THROUGH
        for rel in model._meta.related_objects
        if rel.one_to_many or rel.one_to_one
    )
