"""An effort's item in the lists, on the home page and in search results (issue #17).

Each is rendered once and kept until something it shows changes (ops/fragments.py
``cached_objects``): a page of twenty efforts reads its items from the cache and loads and
renders only those of efforts edited since.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template.loader import get_template
from django.utils.safestring import SafeString

from ops.fragments import cached_objects
from recalls.models import RecallEffort

TEMPLATE = "includes/_effort_item.html"


def effort_items(ids: Iterable[int]) -> list[SafeString]:
    """The items of the efforts ``ids``, in that order."""
    return cached_objects("effort_item", ids, _load, _render)


# What an item does not show: left out, so that a list showing it does not depend on these
# columns (ops/sql_columns.py), and an edit of an effort's summary leaves the lists current.
NOT_SHOWN = ("summary", "note", "aliases", "created_at", "updated_at", "version")


def _load(ids: list[int]) -> dict[int, RecallEffort]:
    return RecallEffort.objects.for_list().defer(*NOT_SHOWN).in_bulk(ids)


def _render(effort: RecallEffort) -> str:
    return get_template(TEMPLATE).render({"effort": effort})
