"""FilterSets for the public lists (and, later, the API): the filter state lives in the URL."""

import django_filters
from django import forms
from django.db.models import Count
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from articles.models import Article, Outlet
from articles.querysets import ArticleQuerySet, effort_article_ids
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
from recalls.querysets import ElectionQuerySet, OfficialQuerySet
from recalls.staleness import NOT_REPORTED, NOT_REPORTED_LABEL, today


def _text_filter(label: str, help_text: str):
    return django_filters.CharFilter(
        label=label,
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=help_text,
    )


def _year_filter(field_name: str, label: str):
    return django_filters.NumberFilter(
        field_name=field_name,
        lookup_expr="year",
        label=label,
        widget=forms.NumberInput(attrs={"min": 1900, "max": 2100, "inputmode": "numeric"}),
        # A year Python's dates cannot hold is a form error, not a server error.
        min_value=1,
        max_value=9999,
    )


class FilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _sort_filter(*choices: tuple[str, str]):
    """``sort``: one of the model's QuerySet ``sorted_by()`` keys; the first is the default."""
    return django_filters.ChoiceFilter(
        label="Sort by", method="filter_sort", empty_label=None, choices=list(choices)
    )


class TextSearchMixin:
    """``q``: the model's QuerySet ``matching()`` (case- and accent-insensitive)."""

    def filter_text(self, queryset, name, value):
        return queryset.matching(value) if value.strip() else queryset

    def filter_sort(self, queryset, name, value):
        return queryset.sorted_by(value)


def status_choices() -> list[tuple[str, str]]:
    """The stored statuses, and "outcome not reported" for efforts whose news stopped."""
    return [*EffortStatus.choices, (NOT_REPORTED, NOT_REPORTED_LABEL)]


class RecallEffortFilter(TextSearchMixin, django_filters.FilterSet):
    q = _text_filter("Name or place", "Matches the effort, the people targeted, or the place.")
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
    year = _year_filter("started_on", "Year started")
    outcome = django_filters.ChoiceFilter(
        field_name="status",
        choices=EffortStatus.outcomes(),
        label="Outcome",
        empty_label="Any outcome",
    )
    kind = django_filters.ChoiceFilter(
        choices=EffortKind.choices, label="Kind", empty_label="Any kind"
    )
    sort = _sort_filter(
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
    q = _text_filter("Name", "Matches names and the other ways articles write them.")
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
    sort = _sort_filter(("name", "Name"), ("efforts", "Most recall efforts"))

    class Meta:
        model = Official
        form = FilterForm
        fields = ["q", "state", "category", "targeted", "sort"]

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = OfficialQuerySet(Official)
        super().__init__(data, queryset, **kwargs)


class ElectionFilter(TextSearchMixin, django_filters.FilterSet):
    q = _text_filter("Name or place", "Matches the election's name or its jurisdiction.")
    kind = django_filters.ChoiceFilter(
        choices=ElectionKind.choices, label="Kind", empty_label="Any kind"
    )
    state = django_filters.ChoiceFilter(
        field_name="jurisdiction__state", choices=US_STATES, label="State", empty_label="Any state"
    )
    year = _year_filter("date_on", "Year")
    sort = _sort_filter(("newest", "Newest first"), ("oldest", "Oldest first"), ("name", "Name"))

    class Meta:
        model = Election
        form = FilterForm
        fields = ["q", "kind", "state", "year", "sort"]

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = ElectionQuerySet(Election)
        super().__init__(data, queryset, **kwargs)


class ArticleFilter(TextSearchMixin, django_filters.FilterSet):
    q = _text_filter("Headline", "Matches words in the headline.")
    outlet = django_filters.ModelChoiceFilter(
        queryset=Outlet.objects.all(),
        to_field_name="slug",
        label="Outlet",
        empty_label="Any outlet",
    )
    year = _year_filter("published_on", "Year published")
    # From an effort page's "all sources" link; not a field a reader fills in.
    effort = django_filters.ModelChoiceFilter(
        queryset=RecallEffort.objects.all(),
        to_field_name="slug",
        label="Effort",
        help_text="Articles cited by the effort's facts or confirmed to mention it (its slug).",
        method="filter_effort",
        widget=forms.HiddenInput,
    )
    sort = _sort_filter(
        ("newest", "Newest first"),
        ("oldest", "Oldest first"),
        ("cited", "Most cited"),
        ("title", "Headline"),
    )

    class Meta:
        model = Article
        form = FilterForm
        fields = ["q", "outlet", "year", "effort", "sort"]

    @extend_schema_field(OpenApiTypes.STR)  # the effort's slug
    def filter_effort(self, queryset, name, value):
        return queryset.filter(pk__in=effort_article_ids(value))

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = ArticleQuerySet(Article)
        super().__init__(data, queryset, **kwargs)
