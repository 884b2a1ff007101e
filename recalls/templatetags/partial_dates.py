from datetime import UTC, datetime

from django import template

from core.dates import PartialDate

register = template.Library()


@register.filter
def partial_date(value: PartialDate | None, unknown: str = "date unknown") -> str:
    """Render a partial date honestly: "June 2022", "late October 2021 (approx.)", "date unknown"."""
    if value is None or value == "":
        return unknown
    return value.display()


@register.filter
def iso_datetime(value: datetime | None) -> str:
    """A timestamp for ``<time datetime>``: whole seconds in UTC ("2024-05-01T09:30:00Z").

    ``date:'c'`` keeps microseconds, six fraction digits that the HTML checker rejects.
    """
    if not value:
        return ""
    return value.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
