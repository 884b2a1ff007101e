"""Reads: one named QuerySet method per page."""

from django.db import models
from django.db.models import Prefetch


class RecallEffortQuerySet(models.QuerySet):
    def active(self):
        from recalls.models import EffortStatus

        return self.exclude(status__in=EffortStatus.ended())

    def ended(self):
        from recalls.models import EffortStatus

        return self.filter(status__in=EffortStatus.ended())

    def for_list(self):
        from recalls.models import Official

        return self.select_related("office__jurisdiction").prefetch_related(
            Prefetch("targets", queryset=Official.objects.only("name", "slug", "sort_name"))
        )
