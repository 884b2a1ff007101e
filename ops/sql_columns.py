"""Which columns of which content tables a query reads, from its SQL (ops/cache_tags.py).

A page over collections (a list, the home page, the API's lists) is stale when a row it
counts, filters, sorts or shows changes. Which rows those are is known from the tables its
SQL reads; which changes matter, from the columns: an effort list sorted by start date and
counting statuses does not change when an effort's summary is edited, and on election night
summaries are edited every few seconds. So a query's columns are noted per table, and a page
depends on the groups of those columns (``column_groups``: long texts, stamps, the rest) and
so on a tag or two per table: ``core:<label>`` (its rows and plain data: bumped by a new
row, a deletion, any change of the whole table and an update of a plain column) and
``col:<label>.text`` or ``col:<label>.stamp`` where it read such columns.

The SQL is Django's, with its parameters apart: columns are qualified by their table
(``"recalls_recalleffort"."title"``) or by an alias the same SQL gives the table
(``"articles_citation" U0`` … ``U0."article_id"``). Anything this cannot account for (a
qualifier it does not know, an unqualified quoted name that is neither a table nor a name
the SQL defines, ``.*``, a column the model does not declare, such as PostgreSQL's stored
``search_vector``, which the database computes from other columns) makes every content table
of that query depend on all its columns: never a missed change, at worst a page rendered
again that need not have been.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict

ALL = None  # a table whose every column counts
KEYWORDS = frozenset(
    re.findall(
        r"\w+",
        "WHERE INNER LEFT OUTER RIGHT FULL CROSS JOIN ON ORDER GROUP LIMIT OFFSET HAVING UNION AND "
        "OR AS SET VALUES FOR USING WINDOW EXCEPT INTERSECT NATURAL LATERAL RETURNING NOT IN IS",
    )
)
QUOTED = re.compile(r'"(\w+)"')
QUALIFIED = re.compile(r'(?:"(\w+)"|\b([A-Za-z_]\w*))\."(\w+)"')
TABLE_ALIAS = re.compile(r'"(\w+)"\s+(?:AS\s+)?"?([A-Za-z_]\w*)"?')
DEFINED = re.compile(r'\bAS\s+"(\w+)"', re.IGNORECASE)
DERIVED = re.compile(r'\)\s+(?:AS\s+)?"?([A-Za-z_]\w*)"?')
UNQUALIFIED = re.compile(r'(?<![.\w"])"(\w+)"(?!\s*\.)')


@functools.cache
def _tables() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """The content tables with their declared columns, and every table Django knows (the
    many-to-many tables too: their changes are signalled as changes of the rows they link)."""
    from django.apps import apps

    # ops.cache_tags imports this module: its names are read once both are loaded.
    from ops.cache_tags import CONTENT_APPS

    content, every = {}, set()
    for model in apps.get_models(include_auto_created=True):
        every.add(model._meta.db_table)
        if model._meta.app_label in CONTENT_APPS and not model._meta.auto_created:
            content[model._meta.db_table] = frozenset(f.column for f in model._meta.concrete_fields)
    return content, frozenset(every)


@functools.lru_cache(maxsize=4096)
def columns_read(sql: str) -> dict[str, frozenset[str] | None]:
    """For each content table ``sql`` names: the columns it reads, or ``ALL``."""
    content, every = _tables()
    named = {name for name in QUOTED.findall(sql) if name in content}
    if not named:
        return {}
    aliases: dict[str, set[str]] = defaultdict(set)
    for table, alias in TABLE_ALIAS.findall(sql):
        if table in every and alias.upper() not in KEYWORDS:
            aliases[alias].add(table)
    defined = set(DEFINED.findall(sql)) | set(DERIVED.findall(sql))
    found: dict[str, set[str]] = {table: set() for table in named}
    unsure = ".*" in sql
    for quoted, bare, column in QUALIFIED.findall(sql):
        qualifier = quoted or bare
        tables = {qualifier} if qualifier in every else aliases.get(qualifier)
        if tables is None:
            unsure |= qualifier not in defined
            continue
        for table in tables & found.keys():
            found[table].add(column)
    unsure |= any(name not in every and name not in defined for name in UNQUALIFIED.findall(sql))
    if unsure:
        return dict.fromkeys(named, ALL)
    return {
        table: frozenset(columns) if columns <= content[table] else ALL
        for table, columns in found.items()
    }


TEXT, STAMP, DATA = "text", "stamp", "data"


@functools.cache
def column_groups(table: str) -> dict[str, str]:
    """The group of each column of a content table: its long texts (``TEXT``: a summary, a
    note, an article's body), its stamps (``STAMP``: the edit version, the times of the
    last save), and the rest (``DATA``). A page depends on a group if it reads any column in
    it: one tag or two per table, not one per column (a cached list reads a hundred columns,
    and a hit reads the version of every tag). Every save of an effort changes its stamps; an
    edit of its summary, its text; the lists read neither."""
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.db_table == table:
            return {f.column: _group(f) for f in model._meta.concrete_fields}
    raise LookupError(table)


def _group(field) -> str:
    from django.db import models

    if isinstance(field, models.TextField):
        return TEXT
    stamped = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    return STAMP if field.name == "version" or stamped else DATA


def groups_of(table: str, columns) -> set[str]:
    groups = column_groups(table)
    return {groups.get(column, DATA) for column in columns}


def merge(into: dict[str, set[str] | None], more: dict) -> None:
    """Add ``more``'s columns to ``into``'s, per table (``ALL`` wins)."""
    for table, columns in more.items():
        if columns is ALL or (table in into and into[table] is ALL):
            into[table] = ALL
        else:
            into.setdefault(table, set()).update(columns)
