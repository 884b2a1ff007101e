"""Parts of a page rendered once per state and kept until what they read changes (issue #17).

``cached_fragment(name, key, render)`` returns ``render()``'s HTML, from the shared cache
when an earlier render for the same ``key`` is still current. What makes it current is the
same as for whole pages (ops/cache_tags.py): while the fragment renders, the content tables
its SQL reads are noted, and it is kept with their collection tags' versions; any change to
one of those tables (an edit, an imported article) bumps a version and the next request
renders the fragment again. Used where a page spends much of its time on something that
changes far less often than the page is read: the efforts list's filter form and its status
counts, the same for every page of a filter state.

``cached_objects(name, ids, load, render)`` does the same for one fragment per object (an
effort's card in the lists, home and search): each is kept with the versions of the objects it
shows (the object, and every object loaded with it or while it rendered: its office, targets,
contests, the events behind its status), under the day's date, since what is active depends on
today. A page of twenty cards reads them with two cache calls, loads and renders only the cards
of what changed, and never hydrates the rest.

The page cache around it still learns what the fragment read (its tables and objects go
into the page's own recording, on a hit too), so a cached page stays invalidated by them.
Off with FRAGMENT_CACHE=false.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Hashable, Iterable, Mapping

from django.conf import settings
from django.core.cache import cache
from django.db.models import Model
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from ops import change_journal
from ops.cache_tags import (
    CONTENT_APPS,
    _recording,
    current_versions,
    object_tags,
    read_tags,
    recording,
    shown_tags,
    tag_key,
    version_time,
    without_bumped_rows,
)
from ops.change_journal import Journal
from ops.sql_columns import merge as merge_columns

# A chunk still current this many steps after it was built is stored again at the latest.
RESTAMP_STEPS = 500


def cached_fragment(name: str, key: object, render: Callable[[], str]) -> SafeString:
    """``render()``'s HTML for ``key`` (anything with a stable ``repr``: the filter state,
    the day), cached until a table it read changes."""
    return mark_safe(cached_value(name, key, lambda: str(render())))


def cached_value(
    name: str,
    key: object,
    compute: Callable[[], object],
    *,
    referred: bool = False,
    about_objects: bool = False,
    keep: str | None = None,
    recheck: Callable[[object], bool] | None = None,
    rechecks: Callable[[str], bool] = lambda tag: tag.startswith("new:"),
) -> object:
    """As ``cached_fragment``, for any value ``compute`` returns that the cache can keep (the
    home page's active efforts and its count of efforts not reported). ``referred``: it lists
    referred rows themselves (articles matching a search), so a new one changes it, as it
    does the pages in ``LISTS_REFERRED``; otherwise it shows them only through rows that
    point to them (a citation's source), whose own changes bump their tables.
    ``about_objects``: it shows the objects it loaded (the parts of a page about one
    effort), so it depends on their tags, as a page in ``DETAIL_PAGES`` does, and not on
    the tables it read; ``keep``, as ``object_tags``: a referred row it is about (an
    article's page). ``recheck(value)``: whether a kept value is still right when every tag
    bumped since is one ``rechecks`` accepts (by default, those of new referred rows: new
    articles), cheaper than computing it again (a search asks whether any new article
    matches it)."""
    if not settings.FRAGMENT_CACHE:
        return compute()
    cache_key = f"fragment2:{name}:{hashlib.sha256(repr(key).encode()).hexdigest()[:32]}"
    outer = _recording.get()
    entry = cache.get(cache_key)
    if entry is not None:
        versions, read, value = entry
        current = current_versions(versions) if versions else None
        if current == versions:
            _note(outer, read)
            return value
        # Read before the recheck: a row added during it bumps again, and is checked next.
        if current and recheck and _only(versions, current, rechecks) and recheck(value):
            cache.set(cache_key, (current, read, value), settings.CACHE_MIDDLEWARE_SECONDS)
            _note(outer, read)
            return value
    started = time.time()
    with recording() as rec:
        value = compute()
    if about_objects:
        # What a cached page around it keeps too: the same tags, already without the rows
        # whose changes bump their parents.
        tags = shown_tags(rec, keep=keep)
        read = {"objects": tags}
    else:
        tags = read_tags(rec.tables, referred=referred, columns=rec.columns)
        read = {"tables": rec.tables, "columns": rec.columns, "objects": rec.objects}
    _note(outer, read)
    versions = current_versions(tags)
    # Changed while computing (or read nothing to key on): return it, keep nothing.
    if versions and all(version_time(v) < started for v in versions.values()):
        cache.set(cache_key, (versions, read, value), settings.CACHE_MIDDLEWARE_SECONDS)
    return value


def _only(kept: dict[str, str], current: dict[str, str], rechecks) -> bool:
    """Whether every tag bumped since ``kept`` is one ``rechecks`` accepts."""
    return all(rechecks(tag) for tag, v in kept.items() if current.get(tag) != v)


def _note(rec, read: dict) -> None:
    """Pass on to the recording around a kept part what the part read (``Recording.note``)."""
    if rec is not None:
        rec.note(**read)


def cached_objects(
    name: str,
    ids: Iterable[Hashable],
    load: Callable[[list], Mapping[Hashable, object]],
    render: Callable[[object], str],
) -> list[SafeString]:
    """``render(obj)``'s HTML for each of ``ids``, in their order. ``load(ids)`` returns the
    objects by id, ready to render (prefetched); it is called only for the ids whose fragment
    is missing or stale, and an id it does not return (deleted meanwhile) is left out."""
    return [mark_safe(html) for html in cached_values(name, ids, load, lambda o: str(render(o)))]


def cached_values(
    name: str,
    ids: Iterable[Hashable],
    load: Callable[[list], Mapping[Hashable, object]],
    render: Callable[[object], object],
) -> list:
    """As ``cached_objects``, for any value ``render`` makes that the cache can keep (an API
    record's data)."""
    return _cached_values(name, ids, load, render)[0]


def cached_chunk(
    name: str,
    ids: Iterable[Hashable],
    load: Callable[[list], Mapping[Hashable, object]],
    render: Callable[[object], object],
    *,
    journal: Journal,
    combine: Callable[[list], object],
) -> object:
    """``combine(cached_values(name, ids, load, render))``, its values kept together while
    none of the tags they depend on is bumped (ops/change_journal.py): a CSV export's 500
    lines are checked with the journal's entries since, which one ``journal`` reads once for
    the whole export, instead of with their ~4,000 tags' versions. After a change, only the
    values whose own tags it bumped are read again (an edited effort's line, not its 499
    neighbours'). Collection pages only: the page's recording learns the tables the values
    read, not their objects."""
    ids = list(ids)
    if not settings.FRAGMENT_CACHE:
        return combine(cached_values(name, ids, load, render))
    day = timezone.localdate().isoformat()
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:32]
    key = f"chunk2:{name}:{day}:{digest}"
    outer = _recording.get()
    entry = cache.get(key)
    if entry is not None and (changed := journal.changed_since(entry[0])) is not None:
        step, every, lines, tables, values = entry
        _note(outer, {"tables": tables})
        if changed.isdisjoint(every):
            if journal.step - step > RESTAMP_STEPS:  # so the next check reads fewer steps
                cache.set(key, (journal.step, *entry[1:]), settings.CACHE_MIDDLEWARE_SECONDS)
            return combine(values)
        stale = [i for i, (_, hashes) in enumerate(lines) if not changed.isdisjoint(hashes)]
        new_values, new_lines, read = _chunk_values(
            name, [lines[i][0] for i in stale], load, render
        )
        if len(new_lines) == len(stale):  # else one of them is gone: built again below
            values, lines = list(values), list(lines)
            for i, value, line in zip(stale, new_values, new_lines, strict=True):
                values[i], lines[i] = value, line
            tables = sorted({*tables, *read})
            # Current at the journal's step: the others were checked up to it, and these
            # were read after it.
            every = frozenset().union(*(hashes for _, hashes in lines))
            entry = (journal.step, every, tuple(lines), tables, values)
            cache.set(key, entry, settings.CACHE_MIDDLEWARE_SECONDS)
            _note(outer, {"tables": tables})
            return combine(values)
    # The journal's step, read before this export built anything: a change since then shows.
    step = journal.step
    values, lines, tables = _chunk_values(name, ids, load, render)
    every = frozenset().union(*(hashes for _, hashes in lines))
    entry = (step, every, tuple(lines), sorted(tables), values)
    cache.set(key, entry, settings.CACHE_MIDDLEWARE_SECONDS)
    _note(outer, {"tables": tables})
    return combine(values)


def _chunk_values(name, ids, load, render) -> tuple[list, list, set[str]]:
    """The values of ``ids`` (``_cached_values``: those still there), each one's id and the
    hashes of the tags it depends on, and the tables read."""
    # What the lines read is passed on as their tables: thousands of lines' tags would make
    # a cached export's check slower than the export.
    with recording():
        values, tags, tables = _cached_values(name, ids, load, render)
    lines = [(pk, change_journal.hashes(tags[pk])) for pk in ids if pk in tags]
    return values, lines, tables


def _cached_values(name, ids, load, render) -> tuple[list, dict, set[str]]:
    """The values; for each id, the tags its value depends on; and the tables they read."""
    ids = list(ids)
    if not settings.FRAGMENT_CACHE:
        objects = load(ids)
        return [render(objects[pk]) for pk in ids if pk in objects], {}, set()
    day = timezone.localdate().isoformat()
    keys = {pk: f"fragment2:{name}:{day}:{pk}" for pk in ids}
    entries = cache.get_many(list(keys.values()))
    tags = {tag for versions, *_ in entries.values() for tag in versions}
    current = cache.get_many([tag_key(tag) for tag in tags]) if tags else {}
    outer = _recording.get()
    found, shown, read = {}, {}, set()
    for pk, key in keys.items():
        entry = entries.get(key)
        if entry is None:
            continue
        versions, tables, columns, objects, fragment = entry
        if all(current.get(tag_key(tag)) == version for tag, version in versions.items()):
            _note(outer, {"tables": tables, "columns": columns, "objects": objects})
            found[pk] = fragment
            shown[pk] = set(versions)
            read.update(tables)
    missing = [pk for pk in ids if pk not in found]
    if missing:
        rendered, rendered_tags, rendered_tables = _render_objects(
            missing, keys, load, render, outer
        )
        found.update(rendered)
        shown.update(rendered_tags)
        read |= rendered_tables
    return [found[pk] for pk in ids if pk in found], shown, read


def _render_objects(ids, keys, load, render, outer) -> tuple[dict, dict, set[str]]:
    started = time.time()
    with recording() as batch:
        objects = load(ids)
    rendered, shown = {}, {}
    for pk in ids:
        if pk not in objects:
            continue
        with recording() as rec:
            rendered[pk] = render(objects[pk])
        loaded = loaded_tags(objects[pk]) | rec.objects
        tables = batch.tables | rec.tables
        columns: dict = {}
        merge_columns(columns, batch.columns)
        merge_columns(columns, rec.columns)
        _note(outer, {"tables": tables, "columns": columns, "objects": loaded})
        parents = {**batch.parents, **rec.parents}
        tags = without_bumped_rows(object_tags(loaded), parents)
        shown[pk] = (tables, columns, loaded, tags)
    # One read of the versions for the whole batch (an export renders 500 lines at a time).
    every_tag = set().union(*(tags for *_, tags in shown.values()))
    current = current_versions(every_tag)
    entries = {}
    for pk, (tables, columns, loaded, tags) in shown.items():
        versions = {tag: current[tag] for tag in tags}
        # Changed while loading or rendering: serve it, keep nothing.
        if versions and all(version_time(v) < started for v in versions.values()):
            entry = (versions, sorted(tables), columns, sorted(loaded), rendered[pk])
            entries[keys[pk]] = entry
    if entries:
        cache.set_many(entries, settings.CACHE_MIDDLEWARE_SECONDS)
    every_table = set().union(*(tables for tables, *_ in shown.values()))
    return rendered, {pk: tags for pk, (*_, tags) in shown.items()}, every_table


def loaded_tags(instance) -> set[str]:
    """The tags of ``instance`` and of every content object loaded with it: through
    ``select_related``, a foreign key read, ``prefetch_related`` (``to_attr`` lists too),
    at any depth."""
    tags: set[str] = set()
    seen: set[int] = set()
    stack = [instance]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        meta = obj._meta
        if meta.app_label in CONTENT_APPS and obj.pk is not None:
            tags.add(f"{meta.label_lower}:{obj.pk}")
        related = list(obj._state.fields_cache.values())
        for prefetched in getattr(obj, "_prefetched_objects_cache", {}).values():
            related.extend(prefetched)
        for value in vars(obj).values():
            if isinstance(value, list | tuple):
                related.extend(value)
            else:
                related.append(value)
        stack.extend(value for value in related if isinstance(value, Model))
    return tags
