"""When each effort was last heard of: the stored summary behind the staleness rule.

``stale_q`` (recalls/staleness.py) answers for thousands of efforts in one query (home, the
lists and their counts, stats, the API, CSV). Reading every effort's events and citations
there took six EXISTS subqueries, 260–290 ms of SQL on the home page at newsroom scale, so
two facts are kept on the effort row and read the way the Python rule (``effort_standing``)
reads them:

* ``heard_on``: the last day any dated fact's period could be: an event's date, or the
  publication date of an article cited by the effort or by one of its events (null: none);
* ``submission_reported``: an event at or past "signatures submitted", or a reported count
  of submitted or checked signatures (the effort's own status is read from its row).

Whenever one of those rows is saved or deleted (the admin and its inlines, an accepted import
suggestion, the seed loader) the receivers below refresh the efforts it belongs to, in the
same transaction. Writes that send no signals (the demo generator's bulk inserts) call
``refresh_fact_summary`` themselves. tests/recalls/test_fact_summary.py holds the columns to
the Python rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_delete, post_save, pre_save

from core.dates import PartialDate
from ops.cache_tags import tags_changed
from recalls.signatures import SignatureKind
from recalls.staleness import SUBMITTED_OR_LATER

CHUNK = 500  # efforts per read: keeps every IN list well under SQLite's variable limit


class Models(NamedTuple):
    """The models read, passed in so that a migration can use its historical ones."""

    effort: type
    event: type
    citation: type
    report: type
    content_type: type


def live_models(get_model=apps.get_model) -> Models:
    """The models by label: the live ones, or a migration's (``get_model=apps.get_model``)."""
    # By label: recalls never imports articles (docs/ARCHITECTURE.md).
    return Models(
        *(
            get_model(label)
            for label in (
                "recalls.RecallEffort",
                "recalls.TimelineEvent",
                "articles.Citation",
                "recalls.SignatureReport",
                "contenttypes.ContentType",
            )
        )
    )


def summarize(
    effort_ids: Iterable[int], *, models: Models, using: str = DEFAULT_DB_ALIAS
) -> dict[int, tuple]:
    """``{effort id: (heard_on, submission_reported)}`` read from the events, citations and
    signature reports (four queries per ``CHUNK`` efforts)."""
    summary: dict[int, tuple] = {}
    ids = sorted(set(effort_ids))
    for start in range(0, len(ids), CHUNK):
        summary.update(_summarize(ids[start : start + CHUNK], models, using))
    return summary


def _summarize(ids: list[int], m: Models, using: str) -> dict[int, tuple]:
    heard: dict[int, object] = {}
    submitted: set[int] = set()

    def hear(effort_id, day, precision):
        last = PartialDate(day, precision).last_day
        if heard.get(effort_id) is None or last > heard[effort_id]:
            heard[effort_id] = last

    event_effort = {}
    events = m.event._base_manager.using(using).filter(effort_id__in=ids)
    for pk, effort_id, day, precision, status in events.values_list(
        "pk", "effort_id", "date_on", "date_precision", "status"
    ):
        event_effort[pk] = effort_id
        hear(effort_id, day, precision)
        if status in SUBMITTED_OR_LATER:
            submitted.add(effort_id)
    types = m.content_type._base_manager.db_manager(using)
    kinds = dict(
        types.filter(app_label="recalls", model__in=["recalleffort", "timelineevent"]).values_list(
            "model", "pk"
        )
    )
    cited = m.citation._base_manager.using(using).filter(article__published_on__isnull=False)
    if "recalleffort" in kinds:
        own = cited.filter(content_type_id=kinds["recalleffort"], object_id__in=ids)
        for effort_id, day, precision in own.values_list(
            "object_id", "article__published_on", "article__published_precision"
        ):
            hear(effort_id, day, precision)
    if "timelineevent" in kinds and event_effort:
        of_events = cited.filter(content_type_id=kinds["timelineevent"], object_id__in=event_effort)
        for event_id, day, precision in of_events.values_list(
            "object_id", "article__published_on", "article__published_precision"
        ):
            hear(event_effort[event_id], day, precision)
    reports = m.report._base_manager.using(using).filter(effort_id__in=ids)
    submitted.update(
        reports.exclude(kind=SignatureKind.REQUIRED).values_list("effort_id", flat=True)
    )
    return {pk: (heard.get(pk), pk in submitted) for pk in ids}


def refresh_fact_summary(
    effort_ids: Iterable[int | None], *, using: str = DEFAULT_DB_ALIAS, models: Models | None = None
) -> int:
    """Store the summary of ``effort_ids``; returns how many efforts changed. Their pages and
    the lists go stale (the staleness filters read these columns)."""
    m = models or live_models()
    ids = {pk for pk in effort_ids if pk is not None}
    if not ids:
        return 0
    summary = summarize(ids, models=m, using=using)
    stored = m.effort._base_manager.using(using).filter(pk__in=ids)
    changed = [
        m.effort(pk=pk, heard_on=summary[pk][0], submission_reported=summary[pk][1])
        for pk, heard_on, reported in stored.values_list(
            "pk", "heard_on", "submission_reported"
        ).iterator()
        if (heard_on, reported) != summary[pk]
    ]
    # A plain UPDATE, not save(): a derived value is not an editor's edit (no new version,
    # so an editor with the effort open is not told someone else saved it).
    columns = ["heard_on", "submission_reported"]
    m.effort._base_manager.using(using).bulk_update(changed, columns, batch_size=CHUNK)
    if changed and models is None:
        label = m.effort._meta.label_lower
        tags_changed({f"list:{label}", *(f"{label}:{e.pk}" for e in changed)}, using=using)
    return len(changed)


# -- signal receivers -------------------------------------------------------------------


def _event_moving(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    """An event moved to another effort leaves the old one: note which, to refresh both."""
    instance._summary_old_effort = None
    if raw or instance._state.adding or instance.pk is None:
        return
    old = sender._base_manager.using(using).filter(pk=instance.pk).values_list("effort_id")
    instance._summary_old_effort = next(iter(old), (None,))[0]


def _event_changed(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    if raw:
        return
    ids = {instance.effort_id, getattr(instance, "_summary_old_effort", None)}
    refresh_fact_summary(ids, using=using)


def _report_changed(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    if not raw:
        refresh_fact_summary([instance.effort_id], using=using)


def _citation_changed(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    if raw:
        return
    m = live_models()
    effort_type = m.content_type.objects.db_manager(using).get_for_model(m.effort)
    event_type = m.content_type.objects.db_manager(using).get_for_model(m.event)
    if instance.content_type_id == effort_type.pk:
        refresh_fact_summary([instance.object_id], using=using)
    elif instance.content_type_id == event_type.pk:
        event = m.event._base_manager.using(using).filter(pk=instance.object_id)
        refresh_fact_summary(event.values_list("effort_id", flat=True), using=using)


def _article_changed(sender, instance, raw=False, created=False, using=DEFAULT_DB_ALIAS, **kw):
    """A changed publication date moves the "last heard" of every effort citing the article
    (a new article is cited by nothing yet)."""
    if raw or created:
        return
    m = live_models()
    types = m.content_type.objects.db_manager(using)
    effort_type, event_type = types.get_for_model(m.effort), types.get_for_model(m.event)
    cites = m.citation._base_manager.using(using).filter(article_id=instance.pk)
    effort_ids = set(
        cites.filter(content_type_id=effort_type.pk).values_list("object_id", flat=True)
    )
    event_ids = cites.filter(content_type_id=event_type.pk).values("object_id")
    events = m.event._base_manager.using(using).filter(pk__in=event_ids)
    effort_ids.update(events.values_list("effort_id", flat=True))
    refresh_fact_summary(effort_ids, using=using)


def connect_signals() -> None:
    pre_save.connect(_event_moving, sender="recalls.TimelineEvent", dispatch_uid="heard-pre-event")
    for signal in (post_save, post_delete):
        name = "save" if signal is post_save else "delete"
        for label, receiver in (
            ("recalls.TimelineEvent", _event_changed),
            ("recalls.SignatureReport", _report_changed),
            ("articles.Citation", _citation_changed),
        ):
            signal.connect(receiver, sender=label, dispatch_uid=f"heard-{name}-{label}")
    post_save.connect(_article_changed, sender="articles.Article", dispatch_uid="heard-article")
