"""A GenericRelation whose prefetched lists cost no query building per object.

When a page prefetches a generic relation (an effort's citations, its events' citations…),
Django's generic related manager filters a fresh QuerySet for every object it fills in
(``.filter(content_type=…, object_id=…)``), although prefetching then hands that QuerySet its
rows; building the filter is ORM work of a few tenths of a millisecond each, and an efforts
list prefetches citations for ~120 objects. Django's foreign-key and many-to-many managers
defer that filter until the QuerySet is really used (``_defer_next_filter``); this does the
same for generic relations, so a prefetched ``.all()`` builds nothing and a further
``.filter()`` or ``.count()`` still sees the right rows.
"""

from functools import cache

from django.contrib.contenttypes import fields as contenttypes
from django.db import router
from django.utils.functional import cached_property


@cache
def _deferring(manager_class):
    class DeferredFilterManager(manager_class):
        def _apply_rel_filters(self, queryset):
            queryset = queryset.using(
                self._db or router.db_for_read(self.model, instance=self.instance)
            )
            queryset._defer_next_filter = True
            return queryset.filter(**self.core_filters)

    return DeferredFilterManager


class _Descriptor(contenttypes.ReverseGenericManyToOneDescriptor):
    @cached_property
    def related_manager_cls(self):
        return _deferring(
            contenttypes.create_generic_related_manager(
                self.rel.model._default_manager.__class__, self.rel
            )
        )


class GenericRelation(contenttypes.GenericRelation):
    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        setattr(cls, self.name, _Descriptor(self.remote_field))
