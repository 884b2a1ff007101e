"""Pieces every public list's FilterSet is made of: the filter state lives in the URL."""

import django_filters
from django import forms
from django.db.models import Model


def text_filter(label: str, help_text: str):
    return django_filters.CharFilter(
        label=label,
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=help_text,
    )


def year_filter(field_name: str, label: str):
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


def sort_filter(*choices: tuple[str, str]):
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


def filter_summary(form) -> str:
    """The active filters in words, for the page title: "recalled, California, “boudin”"."""
    if not form.is_bound:
        return ""
    if not form.is_valid():
        return "filters not understood"
    words = []
    for name, value in form.cleaned_data.items():
        if name == "sort" or value in (None, "", []):
            continue
        field = form.fields[name]
        if isinstance(value, Model):
            words.append(str(value))
            continue
        choices = dict(getattr(field, "choices", []))
        values = value if isinstance(value, list) else [value]
        if name == "q":
            words.append(f"“{value}”")
        elif isinstance(value, bool):
            words.append(f"{field.label.lower()}: {'yes' if value else 'no'}")
        else:
            words.extend(str(choices.get(v, v)) for v in values)
    return ", ".join(words)
