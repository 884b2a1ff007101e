"""The signal receivers that feed the cache tags (ops/cache_tags.py): what a page loads, and
what every save, deletion and many-to-many change of a content row makes stale."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS

from ops.cache_tags import (
    CONTENT_APPS,
    REFERRED,
    _recording,
    bumps_its_parents,
    content_foreign_keys,
    content_models,
    instance_tags,
    parent_tags,
    referrer_tags,
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
    """A row moved to another parent must make the old parent's pages stale too."""
    fields = content_foreign_keys(sender)
    if raw or instance._state.adding or instance.pk is None or not fields:
        instance._cache_old_parents = ()
        return
    old = (
        sender._base_manager.using(using)
        .filter(pk=instance.pk)
        .values(*(f.attname for f in fields))
    )
    row = next(iter(old), {})
    instance._cache_old_parents = {
        f"{f.related_model._meta.label_lower}:{row[f.attname]}"
        for f in fields
        if row.get(f.attname) is not None
    }


def _changed(sender, instance, using=DEFAULT_DB_ALIAS, created=False, **kwargs):
    old = getattr(instance, "_cache_old_parents", ())
    tags = instance_tags(instance, old_parents=old, created=created)
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
        post_save.connect(_changed, sender=model, dispatch_uid=f"cache-save-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"cache-delete-{label}")
    m2m_changed.connect(_m2m_changed, dispatch_uid="cache-m2m")
