"""Changelist filters that need more than a column: "records to check"."""

from django.contrib import admin

from recalls.staleness import DEADLINE_GRACE_DAYS, NEWS_SILENCE_DAYS, today


class RecordsToCheckFilter(admin.SimpleListFilter):
    """Efforts whose outcome the sources stopped reporting (recalls/staleness.py): an editor
    looks for news of them, records how they ended, or adds the newest report."""

    title = "records to check"
    parameter_name = "check"

    def lookups(self, request, model_admin):
        return [
            (
                "not_reported",
                f"Outcome not reported (deadline {DEADLINE_GRACE_DAYS}+ days past without a "
                f"submission, or no news for {NEWS_SILENCE_DAYS}+ days)",
            )
        ]

    def queryset(self, request, queryset):
        if self.value() == "not_reported":
            return queryset.stale(today=today())
        return queryset
