from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def export_query(context) -> str:
    """The current list's query string for its CSV download: same filters, no page."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else ""
