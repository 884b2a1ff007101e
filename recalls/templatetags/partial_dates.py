from django import template

from recalls.dates import PartialDate

register = template.Library()


@register.filter
def partial_date(value: PartialDate | None, unknown: str = "date unknown") -> str:
    """Render a partial date honestly: "June 2022", "late October 2021 (approx.)", "date unknown"."""
    if value is None or value == "":
        return unknown
    return value.display()
