"""The efforts list's filter form, rendered once per filter state in each process (#17).

Its fields, choices and errors are a function of the query string alone (the choices are fixed
lists), so a worker renders each state's form once and keeps the newest ``STATES``; only the
status facets between its two halves read the data (recalls/views.py keeps them in the shared
cache until an effort changes). Rendering the form was most of a list page's cost after an
edit: about 50 ms of 120 in a profiled request.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.http import QueryDict
from django.template.loader import render_to_string

from core.filters import filter_summary
from recalls.filters import RecallEffortFilter
from recalls.models import RecallEffort

STATES = 512


def filter_state(bound: bool, params: QueryDict, names: Iterable[str]) -> tuple:
    """What the form shows: whether it was given a query string, and its fields' values."""
    return bound, tuple((name, tuple(params.getlist(name))) for name in names)


@functools.lru_cache(maxsize=STATES)
def filter_form_halves(state: tuple) -> tuple[str, str]:
    """The form's HTML before and after the status facets, for ``filter_state``'s state."""
    bound, pairs = state
    data = QueryDict(mutable=True)
    for name, values in pairs:
        data.setlist(name, list(values))
    filterset = RecallEffortFilter(data if bound else None, queryset=RecallEffort.objects.none())
    summary = filter_summary(filterset.form)
    context = {"filter": filterset, "filtered": bool(summary), "filter_summary": summary}
    return (
        render_to_string("recalls/_effort_filters_head.html", context),
        render_to_string("recalls/_effort_filters_tail.html", context),
    )
