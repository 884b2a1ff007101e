"""Every signature figure stored on an effort becomes a dated report of its series.

The report's date is the newest publication date among the articles cited for that figure;
without a dated source, the effort's end, else its start, else the day the record was
entered, marked approximate. ``date_note`` says which. The figure's citations move from the
effort to the report. The next migration drops the effort's fields.
"""

from django.db import migrations
from django.utils import timezone

KINDS = ("required", "submitted", "valid")


def _date_of(effort, citations):
    """(on, precision, approximate, note) for a report of ``effort`` cited by ``citations``."""
    dated = [c.article for c in citations if c.article.published_on is not None]
    if dated:
        article = max(dated, key=lambda a: (a.published_on, a.published_precision))
        return (
            article.published_on,
            article.published_precision,
            article.published_approximate,
            f"The date of the cited article, “{article.title[:150]}”.",
        )
    for name, words in (("ended", "its end"), ("started", "its start")):
        if getattr(effort, f"{name}_on") is not None:
            return (
                getattr(effort, f"{name}_on"),
                getattr(effort, f"{name}_precision"),
                True,
                f"No dated source: the date of the effort's {words}.",
            )
    return (
        effort.created_at.date(),
        6,  # Precision.DAY
        True,
        "No dated source: the day the effort was entered.",
    )


def forwards(apps, schema_editor):
    RecallEffort = apps.get_model("recalls", "RecallEffort")
    SignatureReport = apps.get_model("recalls", "SignatureReport")
    History = apps.get_model("editorial", "HistoricalSignatureReport")
    Citation = apps.get_model("articles", "Citation")
    ContentType = apps.get_model("contenttypes", "ContentType")
    effort_type = ContentType.objects.filter(app_label="recalls", model="recalleffort").first()
    if effort_type is None:
        return  # a new database: no efforts yet
    report_type, _ = ContentType.objects.get_or_create(app_label="recalls", model="signaturereport")
    now = timezone.now()
    for effort in RecallEffort.objects.all().iterator():
        for kind in KINDS:
            count = getattr(effort, f"signatures_{kind}")
            if count is None:
                continue
            citations = list(
                Citation.objects.filter(
                    content_type=effort_type, object_id=effort.pk, field=f"signatures_{kind}"
                ).select_related("article")
            )
            on, precision, approximate, note = _date_of(effort, citations)
            report = SignatureReport.objects.create(
                effort=effort,
                kind=kind,
                count=count,
                approximate=getattr(effort, f"signatures_{kind}_approximate"),
                date_on=on,
                date_precision=precision,
                date_approximate=approximate,
                date_note=note,
            )
            History.objects.create(
                **{f.attname: getattr(report, f.attname) for f in SignatureReport._meta.fields},
                history_date=now,
                history_type="+",
                history_change_reason="moved from the effort's signature fields",
            )
            Citation.objects.filter(pk__in=[c.pk for c in citations]).update(
                content_type=report_type, object_id=report.pk, field=""
            )


def backwards(apps, schema_editor):
    """Write each kind's newest (or leading) count back to the effort, and copy its citations;
    the reports stay."""
    SignatureReport = apps.get_model("recalls", "SignatureReport")
    Citation = apps.get_model("articles", "Citation")
    ContentType = apps.get_model("contenttypes", "ContentType")
    effort_type = ContentType.objects.filter(app_label="recalls", model="recalleffort").first()
    report_type = ContentType.objects.filter(app_label="recalls", model="signaturereport").first()
    reports = SignatureReport.objects.filter(kind__in=KINDS).select_related("effort")
    current = {}
    for report in reports.order_by("is_lead", "date_on", "date_precision", "pk"):
        current[(report.effort_id, report.kind)] = report  # the lead, else the newest, last
    for (_, kind), report in current.items():
        effort = report.effort
        setattr(effort, f"signatures_{kind}", report.count)
        setattr(effort, f"signatures_{kind}_approximate", report.approximate)
        effort.save(update_fields=[f"signatures_{kind}", f"signatures_{kind}_approximate"])
        for citation in Citation.objects.filter(content_type=report_type, object_id=report.pk):
            Citation.objects.get_or_create(
                content_type=effort_type,
                object_id=effort.pk,
                field=f"signatures_{kind}",
                article_id=citation.article_id,
                quote=citation.quote,
                defaults={"note": citation.note},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("recalls", "0008_effort_aliases"),
        ("editorial", "0004_report_history"),
        ("articles", "0006_fact_duplicates"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
