"""``modified_since``: the API's one filter that the HTML lists do not have.

The other filters are the site's own FilterSets (recalls/filters.py, articles/filters.py),
attached to each view with ``filterset_class``.
"""

import datetime as dt

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from api.changes import changed_since

PARAMETER = "modified_since"


def parse_since(text: str) -> dt.datetime:
    """An ISO 8601 date-time (naive means the site's time zone) or date; ValueError if not."""
    try:
        value = parse_datetime(text)
        if value is None:
            day = parse_date(text)
            if day is None:
                raise ValueError(text)
            value = dt.datetime.combine(day, dt.time.min)
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(dt.UTC)
    except (ValueError, OverflowError) as error:
        raise ValueError(f"{text!r} is not an ISO 8601 date-time") from error


class ModifiedSinceFilter(BaseFilterBackend):
    """Only records that changed (themselves or what their answer embeds) after a time."""

    def filter_queryset(self, request, queryset, view):
        text = request.query_params.get(PARAMETER, "").strip()
        if not text:
            return queryset
        try:
            since = parse_since(text)
        except ValueError as error:
            raise ValidationError({PARAMETER: [str(error)]}) from error
        return changed_since(queryset, since)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": PARAMETER,
                "in": "query",
                "required": False,
                "description": (
                    "Only records added or changed after this time (ISO 8601, e.g. "
                    "2024-05-01T12:00:00Z), including changes to their timeline, citations "
                    "and results. Deletions are not reported."
                ),
                "schema": {"type": "string", "format": "date-time"},
            }
        ]
