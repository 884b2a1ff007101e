"""Cache tags: what a cached page shows, and which edits make it stale.

While a page renders, ``recording()`` notes what it reads: every content object it loads
(``post_init``: the tag ``"recalls.recalleffort:12"``) and every content table its SQL
touches (the collection tag ``"list:recalls.recalleffort"``). Which of the two a page
depends on is decided by its URL name (``page_tags``):

* a page about one object (``DETAIL_PAGES``: an effort, official, election or article page,
  its feed, calendar, embed card or API record) depends on the objects it loaded. What it
  shows about other rows it reaches through them (an effort's events, articles, contests),
  and a change to a row bumps the rows it points to (``instance_tags``): a new mention of
  effort 12 bumps ``effort:12``, a renamed official bumps ``official:3``, which every
  effort page naming them has loaded;
* a page over collections (``COLLECTION_PAGES``: home, lists, search, feeds, CSV,
  calendar, stats, API lists) depends on every content table it read, so any change to
  one of them (a new row, a rename that moves a sort order) makes it stale; where its SQL
  says which columns it read of a table (ops/sql_columns.py), only on that table's rows and
  plain data (``core:<label>``: new rows, deletions, changes of the whole table, updates of
  a plain column) and on the groups of other columns it read (``col:<label>.text``, long
  texts; ``col:<label>.stamp``, the version and save times), so that an edit of an effort's
  summary leaves the efforts lists, which do not show it, cached;
  A new article is the exception: it bumps ``new:articles.article``, on which only the
  pages listing articles themselves depend (``LISTS_REFERRED``), so the importer does not
  make every effort list stale;
* any other page cannot say what it shows and depends on ``SITE``, which every change bumps.

A tag's version is ``"<unix time>:<random token>"`` under ``tag:<name>`` in the shared
cache; a change stores fresh versions for its tags when its transaction commits (and at
once, for the transaction's own reads). Random, so a version lost from the cache never
matches a page stored under an older one; timed, so the page cache knows how long ago a
page went stale (ops/caching.py).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import secrets
import time
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from ops import cache_outage, change_journal, sql_columns

SITE = "site"
CONTENT_APPS = ("recalls", "articles")
DETAIL_PAGES = frozenset(
    {
        "recalls:effort_detail",
        "recalls:effort_embed",
        "recalls:official_detail",
        "recalls:election_detail",
        "articles:article_detail",
        "exports:feed_effort",
        "exports:feed_official",
        "exports:effort_calendar",
        "api:effort-detail",
        "api:official-detail",
        "api:election-detail",
        "api:article-detail",
    }
)
COLLECTION_PAGES = frozenset(
    {
        "recalls:home",
        "recalls:search",
        "recalls:effort_list",
        "recalls:official_list",
        "recalls:election_list",
        "articles:article_list",
        "exports:feed_updates",
        "exports:feed_state",
        "exports:calendar",
        "exports:effort_csv",
        "exports:official_csv",
        "exports:election_csv",
        "exports:stats",
        "api:effort-list",
        "api:official-list",
        "api:election-list",
        "api:article-list",
    }
)
QUOTED_NAME = re.compile(r'"(\w+)"')
# Rows a page reaches only through a row it has loaded (a citation through its subject, a
# mention through its official or effort): every change to one bumps that row
# (``instance_tags``), so a page need not depend on each of them. And articles, which pages
# about other things reach through those rows: an edit of an article bumps what cites or
# mentions it (``referrer_tags``). At newsroom scale these were most of an effort page's
# several hundred tags, and a cached hit reads the version of every tag.
REACHED_THROUGH = frozenset({"articles.citation", "articles.mention"})
REFERRED = frozenset({"articles.article"})
# The collection pages that list referred rows themselves (the newest articles, search
# results), as opposed to reaching them through citations. A new article changes only
# these: until a citation names it (which bumps the citations' collection), no effort list,
# feed, CSV or statistic shows it. So a new referred row bumps ``new:<label>``, which only
# these pages depend on; an edit or a deletion bumps ``list:<label>`` as for any table.
LISTS_REFERRED = frozenset(
    {"recalls:home", "recalls:search", "articles:article_list", "api:article-list"}
)
# A page may lag behind new referred rows (``new:<label>``) for ``PAGE_NEW_ARTICLE_LAG``
# seconds from its render: the importer adds several articles a second on election night,
# and each made the home page, the article lists and every search stale at once, for
# articles a reader can wait a few seconds to find (the home page's renders after imports
# went from 28 to 6 a minute). Edits, deletions and everything else stay exact.
LAGGING = "new:"


def lags(tag: str) -> bool:
    return tag.startswith(LAGGING)


def still_current(kept: dict[str, str], current: dict[str, str | None], started: float) -> bool:
    """Whether a page rendered from ``started`` at the ``kept`` versions of its tags is
    current, their versions now being ``current``."""
    lagging = started > time.time() - settings.PAGE_NEW_ARTICLE_LAG
    return all(
        current.get(tag) == version or (lagging and lags(tag)) for tag, version in kept.items()
    )


# Rows the importer suggests and an editor confirms: public pages show confirmed ones only.
IN_REVIEW = frozenset({"articles.mention", "articles.suggestedfact", "articles.suggestednumber"})
SUGGESTED = "suggested"
# Detail pages whose subject is itself a referred row: they keep its tag.
OWN_SUBJECT = {
    "articles:article_detail": "articles.article",
    "api:article-detail": "articles.article",
}


class Recording:
    def __init__(self):
        self.objects: set[str] = set()
        self.tables: set[str] = set()
        # Per table read: the columns read, or ALL (ops/sql_columns.py).
        self.columns: dict[str, set[str] | None] = {}
        # Of the loaded rows whose every change bumps the rows they point to: those rows.
        self.parents: dict[str, set[str]] = {}

    def __call__(self, execute, sql, params, many, context):
        """A database execute wrapper: notes the content tables a query names, and their
        columns; not for a recording nested in this one, which passes on what it keeps."""
        if _recording.get() is self:
            tables = content_tables()
            self.tables.update(name for name in QUOTED_NAME.findall(sql) if name in tables)
            sql_columns.merge(self.columns, sql_columns.columns_read(sql))
        return execute(sql, params, many, context)

    def note(self, *, tables=(), columns=None, objects=()) -> None:
        """Add what a nested part read: its ``tables`` (with their ``columns`` where known,
        else all) and the ``objects`` it showed."""
        self.tables.update(tables)
        known = columns or {}
        sql_columns.merge(self.columns, {t: known.get(t, sql_columns.ALL) for t in tables})
        self.objects.update(objects)


_recording: contextvars.ContextVar[Recording | None] = contextvars.ContextVar(
    "cache_tag_recording", default=None
)


@contextlib.contextmanager
def recording():
    """Note what the code in the block reads, on every database connection."""
    rec = Recording()
    token = _recording.set(rec)
    try:
        with contextlib.ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(rec))
            yield rec
    finally:
        _recording.reset(token)


def page_tags(view_name: str | None, rec: Recording) -> set[str]:
    if view_name in DETAIL_PAGES:
        return shown_tags(rec, keep=OWN_SUBJECT.get(view_name)) or {SITE}
    if view_name in COLLECTION_PAGES:
        tags = read_tags(rec.tables, referred=view_name in LISTS_REFERRED, columns=rec.columns)
        return tags or {SITE}
    return {SITE}


def shown_tags(rec: Recording, *, keep: str | None = None) -> set[str]:
    """What a page (or part of one) about one object depends on: the objects it loaded."""
    return without_bumped_rows(object_tags(rec.objects, keep=keep), rec.parents)


def read_tags(
    tables: Iterable[str], *, referred: bool = False, columns: dict | None = None
) -> set[str]:
    """What a page (or part of one) over collections depends on: the tables it read (their
    rows and the ``columns`` it read of them, where known: ops/sql_columns.py), and with
    ``referred`` (it lists articles themselves) their new rows too."""
    tags, labels = set(), set()
    for table in tables:
        label = content_tables()[table]
        labels.add(label)
        read = (columns or {}).get(table, sql_columns.ALL)
        if read is sql_columns.ALL:
            tags.add(f"list:{label}")
        else:
            groups = sql_columns.groups_of(table, read) - {sql_columns.DATA}
            tags |= {f"core:{label}", *(f"col:{label}.{group}" for group in groups)}
    if referred:
        tags |= {f"new:{label}" for label in labels & REFERRED}
    return tags


def without_bumped_rows(tags: set[str], parents: dict[str, set[str]]) -> set[str]:
    """``tags`` less those of rows whose every change bumps their parents (an event, a
    tenure: ``Recording.parents``) when one of those parents is in ``tags``: a cached hit
    reads one version per tag."""
    return {tag for tag in tags if not parents.get(tag, set()) & tags}


def object_tags(loaded: Iterable[str], *, keep: str | None = None) -> set[str]:
    """What a page or fragment that showed the ``loaded`` objects depends on: not the rows
    it reaches through others (their changes bump those others), unless ``keep``."""
    skip = REACHED_THROUGH | (REFERRED - {keep})
    return {tag for tag in loaded if tag.split(":", 1)[0] not in skip}


def content_models():
    from django.apps import apps

    return [m for m in apps.get_models() if m._meta.app_label in CONTENT_APPS]


_tables: dict[str, str] = {}


def content_tables() -> dict[str, str]:
    """db_table -> model label, for the content apps."""
    if not _tables:
        _tables.update({m._meta.db_table: m._meta.label_lower for m in content_models()})
    return _tables


# -- versions ---------------------------------------------------------------------------


def tag_key(tag: str) -> str:
    return f"tag:{tag}"


def new_version(at: float | None = None) -> str:
    return f"{time.time() if at is None else at:.6f}:{secrets.token_hex(6)}"


def version_time(version: str | None) -> float:
    return float(version.split(":", 1)[0]) if version else 0.0


def current_versions(tags: Iterable[str]) -> dict[str, str]:
    """The versions of ``tags``; a tag never bumped (or evicted) gets one now, timed 0 so
    that it does not count as a recent change, and random so no older page matches it."""
    keys = {tag_key(tag): tag for tag in tags}
    found = cache.get_many(list(keys))
    missing = [key for key in keys if key not in found]
    if missing:
        add_many({key: new_version(at=0) for key in missing}, timeout=None)
        found.update(cache.get_many(missing))
    # "": not known (the cache unreachable, ops/cache_outage.py), so never current.
    return {tag: found.get(key, "") for key, tag in keys.items()}


def add_many(data: dict, *, timeout=None) -> None:
    """``cache.add`` for each key, in one call where the backend can (ops/redis_cache.py)."""
    if hasattr(cache, "add_many"):
        cache.add_many(data, timeout=timeout)
        return
    for key, value in data.items():
        cache.add(key, value, timeout=timeout)


def collection_versions(models: Iterable) -> dict[str, str]:
    """The versions of the collections of ``models``: they change with any row of them."""
    return current_versions({f"list:{model._meta.label_lower}" for model in models})


def tags_bump(tags: Iterable[str]) -> None:
    tags = bumped(tags)
    version = new_version()
    cache.set_many({tag_key(tag): version for tag in tags}, timeout=None)
    if cache_outage.is_down():  # not stored: again once the cache answers
        cache_outage.lost_bump(tags)
        return
    # Then, never before: what reads the journal trusts the versions it sees at a step.
    change_journal.append(tags)


cache_outage.on_recovery(tags_bump)


def bumped(tags: Iterable[str]) -> set[str]:
    """The tags a change of ``tags`` bumps: ``list:<label>`` (a table changed) also bumps
    ``core:<label>``, which collection pages reading known columns depend on;
    ``upd:<label>`` (an update of the columns whose groups are bumped too, ``col:``, or
    ``core:`` for its plain data) bumps the table's ``list:`` tag alone."""
    out: set[str] = set()
    for tag in tags:
        kind, _, label = tag.partition(":")
        if kind == "list":
            out |= {tag, f"core:{label}"}
        else:
            out.add(f"list:{label}" if kind == "upd" else tag)
    return out


def tags_changed(tags: set[str], *, using: str = DEFAULT_DB_ALIAS, now: bool = True) -> None:
    """Bump ``tags`` now (for the transaction's own reads) and again when it commits, once
    per transaction for all the tags it changed."""
    connection = transaction.get_connection(using)
    if now or not connection.in_atomic_block:
        tags_bump(tags)
    if not connection.in_atomic_block:
        return
    pending = getattr(connection, "_cache_tags_pending", None)
    if pending is None or not any(cb is pending.bump for _, cb, _ in connection.run_on_commit):
        pending = connection._cache_tags_pending = _Pending()
        transaction.on_commit(pending.bump, using=using, robust=True)
    pending.tags |= tags


class _Pending:
    def __init__(self):
        self.tags: set[str] = set()

    def bump(self):
        tags_bump(self.tags)


# -- what a change touches ----------------------------------------------------------------


def instance_tags(
    instance,
    *,
    old_parents: Iterable[str] = (),
    created: bool = False,
    changed: Iterable[str] | None = None,
) -> set[str]:
    """The object, its collection, the objects it points to (they show it), the subject of
    a generic link (and what that subject points to), and the site-wide tag.

    Two kinds of new rows show on no page about what they point to: a suggestion still in
    review (``IN_REVIEW``: the pages show confirmed mentions only; its confirmation is a save
    that bumps them), and a new referred row (an article: a page shows its outlet's name, not
    the outlet's articles). Without this, every imported article made stale every page and
    effort item naming its outlet, and those of every official and effort it mentions."""
    label = instance._meta.label_lower
    if created and label in IN_REVIEW and getattr(instance, "status", None) == SUGGESTED:
        return {SITE, f"list:{label}"}
    collection = "new" if created and label in REFERRED else "list"
    if changed is not None:  # an update, its changed columns known
        collection = "upd"
    tags = {SITE, f"{collection}:{label}", f"{label}:{instance.pk}", *old_parents}
    for group in sql_columns.groups_of(instance._meta.db_table, changed or ()):
        tags.add(f"core:{label}" if group == sql_columns.DATA else f"col:{label}.{group}")
    if not (created and label in REFERRED):
        tags |= parent_tags(instance)
    for field in instance._meta.private_fields:
        if getattr(field, "fk_field", None):  # a GenericForeignKey
            subject = getattr(instance, field.name, None)
            if subject is not None and subject._meta.app_label in CONTENT_APPS:
                tags.add(f"{subject._meta.label_lower}:{subject.pk}")
                tags |= parent_tags(subject)
    return tags


@functools.cache
def content_foreign_keys(model) -> list:
    return [
        f
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model._meta.app_label in CONTENT_APPS
    ]


def parent_tags(instance) -> set[str]:
    return {
        f"{field.related_model._meta.label_lower}:{value}"
        for field in content_foreign_keys(type(instance))
        if (value := getattr(instance, field.attname)) is not None
    }


def objects_changed(instances: Iterable, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """For rows created by writes that send no signals (bulk inserts): their pages change
    at commit (and not before: a dry run, rolled back, changes nothing).

    The rows' own tags are left out, and so are those of parents created with them (a
    mention of a new article): no page can have shown a row before it existed, and the
    shared cache would keep a version for each (an import of 100,000 articles stored
    400,000 of them, half of its bumping time)."""
    instances = list(instances)
    tags: set[str] = set()
    for instance in instances:
        tags |= instance_tags(instance, created=True)
    tags -= {f"{instance._meta.label_lower}:{instance.pk}" for instance in instances}
    if tags:
        tags_changed(tags, using=using, now=False)
