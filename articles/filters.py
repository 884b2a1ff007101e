"""The article list's FilterSet (HTML page and API)."""

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from articles.models import Article, Outlet
from articles.querysets import effort_article_ids
from core.filters import FilterForm, TextSearchMixin, sort_filter, text_filter, year_filter
from recalls.models import RecallEffort


class ArticleFilter(TextSearchMixin, django_filters.FilterSet):
    q = text_filter("Headline", "Matches words in the headline.")
    outlet = django_filters.ModelChoiceFilter(
        queryset=Outlet.objects.all(),
        to_field_name="slug",
        label="Outlet",
        empty_label="Any outlet",
    )
    year = year_filter("published_on", "Year published")
    # From an effort page's "all sources" link; not a field a reader fills in.
    effort = django_filters.ModelChoiceFilter(
        queryset=RecallEffort.objects.all(),
        to_field_name="slug",
        label="Effort",
        help_text="Articles cited by the effort's facts or confirmed to mention it (its slug).",
        method="filter_effort",
        widget=forms.HiddenInput,
    )
    sort = sort_filter(
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
