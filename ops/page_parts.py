"""Pages rendered once and kept until what they show changes (issue #17).

An effort's page costs 40–110 ms to render (18 queries, ~250 model instances, ~200 numbered
citations), and it changes only when the effort, or a row it shows, does; a list changes
only when a table it reads does. ``PartsMixin`` keeps a page's own blocks (``title``,
``description``, ``breadcrumbs``, ``content``…, as its template defines them) and its feed
links, rendered together, in the shared cache per site address, query and day
(ops/fragments.py ``cached_value``), under the tags the page cache uses for the same page
(ops/cache_tags.py): the objects it showed for a page about one object (``DETAIL_PAGES``),
the tables it read for the others. An edit of one of them is shown by the next request, on
every worker. A request that finds them current renders only the site's frame around them
(``parts_page.html``: the header and its search form, the canonical address, the footer),
for a logged-in editor as for a reader, without touching the database. ``kept_for_request``
does the same for any value: the API's data, a feed's XML.

What goes into the parts must not depend on the request beyond its address: none of these
pages shows anything about the user.
"""

from __future__ import annotations

from collections.abc import Callable

from django.template.context import make_context
from django.template.loader import get_template, render_to_string
from django.template.loader_tags import BlockNode, ExtendsNode
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from ops.cache_tags import DETAIL_PAGES, LISTS_REFERRED, OWN_SUBJECT
from ops.fragments import cached_value

PARTS_TEMPLATE = "parts_page.html"
# Rendered with each page's context beside its blocks: what base.html shows of the object.
EXTRA_PARTS = {"feed_links": "exports/_feed_links.html"}
CANONICAL_PARAMS = "canonical_params"


def render_blocks(template_name: str, context: dict, request) -> dict[str, SafeString]:
    """The blocks ``template_name`` defines (it extends another template), each rendered with
    ``context``, in the order it defines them (so citations are numbered as on the page)."""
    template = get_template(template_name)
    extends = template.template.nodelist.get_nodes_by_type(ExtendsNode)[0]
    parts = {}
    ctx = make_context(context, request)
    with ctx.bind_template(template.template):
        # The top-level blocks only: one inside another is rendered with it.
        for block in (node for node in extends.nodelist if isinstance(node, BlockNode)):
            parts[block.name] = mark_safe(block.render(ctx))
    for name, included in EXTRA_PARTS.items():
        parts[name] = mark_safe(render_to_string(included, context))
    return parts


def kept_for_request(request, compute: Callable[[], object]) -> object:
    """``compute()``'s value for the page ``request`` asks for, kept per address (scheme,
    host, path arguments, query) and day until what it showed changes: the objects it loaded
    if its view is about one object (``DETAIL_PAGES``), else the tables it read, as the page
    cache decides for the same page."""
    match = request.resolver_match
    key = (
        request.scheme,
        request.get_host(),
        sorted(match.kwargs.items()),
        match.args,
        sorted(request.GET.lists()),
        timezone.localdate().isoformat(),
    )
    return cached_value(
        f"page:{match.view_name}",
        key,
        compute,
        about_objects=match.view_name in DETAIL_PAGES,
        keep=OWN_SUBJECT.get(match.view_name),
        referred=match.view_name in LISTS_REFERRED,
    )


class _NotKept(Exception):
    """The view answered something other than its page (a redirect): sent as it is."""

    def __init__(self, response):
        self.response = response


class PartsMixin:
    """For a view that answers with a ``TemplateResponse`` (a detail, list or template
    view): the page's parts from the shared cache when current.

    A page about one object (its view in ``DETAIL_PAGES``) depends on the objects it showed;
    any other on the tables it read, as the page cache decides for the same page."""

    def get(self, request, *args, **kwargs):
        try:
            parts = kept_for_request(request, lambda: self.render_parts(request, *args, **kwargs))
        except _NotKept as not_kept:
            return not_kept.response
        context = {"parts": parts, "canonical_params": parts.get(CANONICAL_PARAMS, ())}
        return TemplateResponse(request, PARTS_TEMPLATE, context)

    def render_parts(self, request, *args, **kwargs) -> dict[str, SafeString]:
        response = super().get(request, *args, **kwargs)
        if not isinstance(response, TemplateResponse) or response.status_code != 200:
            raise _NotKept(response)
        context = response.context_data
        parts = render_blocks(response.template_name[0], context, request)
        # What base.html's canonical address keeps of the query (a list's filters and page).
        return {**parts, CANONICAL_PARAMS: list(context.get("canonical_params", ()))}
