"""What a page tells link previews and search engines: its canonical address, and one
title and description shared by <title>, the meta description, Open Graph and Twitter cards.
"""

from django import template
from django.http import QueryDict
from django.utils.safestring import mark_safe

register = template.Library()


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)  # so that {% block %} tags inside still take overrides

    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # Already rendered, so already escaped: safe to print again as it is.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    """``{% capture as name %}…{% endcapture %}``: render once, use the text several times."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.simple_tag(takes_context=True)
def canonical_url(context, *names) -> str:
    """The page's address without what does not change its content.

    Only the parameters the page reads (``names``, or ``canonical_params`` from the view: a
    list page's filters, sort and page) are kept, in a fixed order, without empty values or ``page=1``; tracking tags such
    as ``utm_source`` and anything unknown are dropped.
    """
    request = context["request"]
    query = QueryDict(mutable=True)
    for name in sorted(names or context.get("canonical_params", ())):
        values = sorted(v for v in request.GET.getlist(name) if v.strip())
        if values and not (name == "page" and values == ["1"]):
            query.setlist(name, values)
    path = request.path + (f"?{query.urlencode()}" if query else "")
    return request.build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """``path`` on this site as a full address, for print and for embeds."""
    return context["request"].build_absolute_uri(path)
