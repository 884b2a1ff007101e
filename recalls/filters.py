"""FilterSets for the recall lists (HTML pages, API and CSV exports)."""

import django_filters
from django import forms
from django.db.models import Count

from core.filters import FilterForm, TextSearchMixin, sort_filter, text_filter, year_filter
from recalls.models import (
    EffortKind,
    EffortStatus,
    Election,
    ElectionKind,
    OfficeCategory,
    Official,
    RecallEffort,
)
from recalls.models.places import US_STATES
from recalls.staleness import NOT_REPORTED, NOT_REPORTED_LABEL, today


def status_choices() -> list[tuple[str, str]]:
    """The stored statuses, and "outcome not reported" for efforts whose news stopped."""
    return [*EffortStatus.choices, (NOT_REPORTED, NOT_REPORTED_LABEL)]


class RecallEffortFilter(TextSearchMixin, django_filters.FilterSet):
    q = text_filter("Name or place", "Matches the effort, the people targeted, or the place.")
    status = django_filters.MultipleChoiceFilter(
        choices=status_choices,
        widget=forms.CheckboxSelectMultiple,
        label="Status",
        method="filter_status",
        help_text="An effort whose outcome has not been reported for a long time is only "
        "under “outcome not reported”, whatever its last reported stage.",
    )
    state = django_filters.ChoiceFilter(
        field_name="office__jurisdiction__state",
        choices=US_STATES,
        label="State",
        empty_label="Any state",
    )
    category = django_filters.ChoiceFilter(
        field_name="office__category",
        choices=OfficeCategory.choices,
        label="Office",
        empty_label="Any office",
    )
    year = year_filter("started_on", "Year started")
    outcome = django_filters.ChoiceFilter(
        field_name="status",
        choices=EffortStatus.outcomes(),
        label="Outcome",
        empty_label="Any outcome",
    )
    kind = django_filters.ChoiceFilter(
        choices=EffortKind.choices, label="Kind", empty_label="Any kind"
    )
    sort = sort_filter(
        ("newest", "Newest first"),
        ("name", "Name"),
        ("deadline", "Signature deadline"),
        ("updated", "Recently updated"),
    )

    class Meta:
        model = RecallEffort
        form = FilterForm
        fields = ["q", "status", "state", "category", "year", "outcome", "kind", "sort"]

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value, today=today()) if value else queryset

    def status_counts(self) -> dict[str, int]:
        """How many efforts have each status, under every filter except the status itself;
        stale efforts are counted under ``NOT_REPORTED`` only."""
        data = self.data.copy()
        data.pop("status", None)
        others = type(self)(data, queryset=self.queryset)
        rows = (
            others.qs.order_by()
            .with_stale_flag(today=today())
            .values_list("status", "is_stale")
            .annotate(n=Count("pk"))
        )
        counts: dict[str, int] = {}
        for status, stale, n in rows:
            key = NOT_REPORTED if stale else status
            counts[key] = counts.get(key, 0) + n
        return counts


class OfficialFilter(TextSearchMixin, django_filters.FilterSet):
    q = text_filter("Name", "Matches names and the other ways articles write them.")
    state = django_filters.ChoiceFilter(
        field_name="tenures__office__jurisdiction__state",
        choices=US_STATES,
        label="State",
        empty_label="Any state",
        distinct=True,
    )
    category = django_filters.ChoiceFilter(
        field_name="tenures__office__category",
        choices=OfficeCategory.choices,
        label="Office",
        empty_label="Any office",
        distinct=True,
    )
    targeted = django_filters.BooleanFilter(
        field_name="efforts_against",
        lookup_expr="isnull",
        exclude=True,
        distinct=True,
        label="Targeted by a recall",
        widget=forms.Select(choices=[("", "Any"), ("true", "Yes"), ("false", "No")]),
    )
    sort = sort_filter(("name", "Name"), ("efforts", "Most recall efforts"))

    class Meta:
        model = Official
        form = FilterForm
        fields = ["q", "state", "category", "targeted", "sort"]


class ElectionFilter(TextSearchMixin, django_filters.FilterSet):
    q = text_filter("Name or place", "Matches the election's name or its jurisdiction.")
    kind = django_filters.ChoiceFilter(
        choices=ElectionKind.choices, label="Kind", empty_label="Any kind"
    )
    state = django_filters.ChoiceFilter(
        field_name="jurisdiction__state", choices=US_STATES, label="State", empty_label="Any state"
    )
    year = year_filter("date_on", "Year")
    sort = sort_filter(("newest", "Newest first"), ("oldest", "Oldest first"), ("name", "Name"))

    class Meta:
        model = Election
        form = FilterForm
        fields = ["q", "kind", "state", "year", "sort"]
