"""A contest's yes/no votes become the first report of its results series.

Certified only when one of the cited quotes says so (it mentions certification); otherwise
the count is recorded as unofficial, with a note. The citations of the votes move to the
report; those of the outcome stay on the contest (the outcome is still the contest's) and
the report gets a copy. The report is dated by the election, else by the newest cited
article, else (nothing says when) by the year of the move, marked approximate with a note.
"""

import datetime as dt

from django.db import migrations
from django.db.models import Q

VOTE_FIELDS = ("yes_votes", "no_votes")
YEAR, DAY = 1, 6  # recalls.dates.Precision
MOVED = "Moved from the contest's vote fields when results became a series."


def _when(contest, citations):
    election = contest.election
    if election.date_on is not None:
        return (election.date_on, election.date_precision, election.date_approximate), ""
    published = [c.article for c in citations if c.article.published_on is not None]
    if published:
        article = max(published, key=lambda a: (a.published_on, a.published_precision))
        date = (article.published_on, article.published_precision, article.published_approximate)
        return date, "Dated by the article that reports it (the election is undated)."
    today = dt.date.today()
    return (
        (dt.date(today.year, 1, 1), YEAR, True),
        "Date unknown: neither the election nor the sources give one (dated when moved).",
    )


def contest_votes_to_reports(apps, schema_editor):
    Contest = apps.get_model("recalls", "Contest")
    ResultReport = apps.get_model("recalls", "ResultReport")
    Citation = apps.get_model("articles", "Citation")
    ContentType = apps.get_model("contenttypes", "ContentType")
    contest_type, _ = ContentType.objects.get_or_create(app_label="recalls", model="contest")
    report_type, _ = ContentType.objects.get_or_create(app_label="recalls", model="resultreport")
    with_votes = Contest.objects.filter(Q(yes_votes__isnull=False) | Q(no_votes__isnull=False))
    for contest in with_votes.select_related("election"):
        if ResultReport.objects.filter(
            contest=contest, yes_votes=contest.yes_votes, no_votes=contest.no_votes
        ).exists():
            continue  # moved before (a migration run back and forth)
        citations = list(
            Citation.objects.filter(
                content_type=contest_type,
                object_id=contest.pk,
                field__in=[*VOTE_FIELDS, "outcome"],
            ).select_related("article")
        )
        certified = any("certif" in c.quote.lower() for c in citations)
        (date_on, precision, approximate), date_note = _when(contest, citations)
        status = (
            "A cited source says the count was certified."
            if certified
            else "Recorded as unofficial: no cited source says the count was certified."
        )
        report = ResultReport.objects.create(
            contest=contest,
            yes_votes=contest.yes_votes,
            no_votes=contest.no_votes,
            certified=certified,
            is_lead=True,
            date_on=date_on,
            date_precision=precision,
            date_approximate=approximate,
            note=" ".join(filter(None, [MOVED, status, date_note])),
        )
        for citation in citations:
            if citation.field in VOTE_FIELDS:
                citation.content_type, citation.object_id = report_type, report.pk
                citation.save(update_fields=["content_type", "object_id"])
            else:
                Citation.objects.get_or_create(
                    content_type=report_type,
                    object_id=report.pk,
                    field="",
                    article=citation.article,
                    quote=citation.quote,
                    defaults={"note": citation.note},
                )


def reports_to_contest_votes(apps, schema_editor):
    """Back: the contest takes the votes of its latest count (certified first) and their
    citations; the reports stay (their table goes with 0006 if migrating further back)."""
    Contest = apps.get_model("recalls", "Contest")
    ResultReport = apps.get_model("recalls", "ResultReport")
    Citation = apps.get_model("articles", "Citation")
    ContentType = apps.get_model("contenttypes", "ContentType")
    contest_type, _ = ContentType.objects.get_or_create(app_label="recalls", model="contest")
    report_type, _ = ContentType.objects.get_or_create(app_label="recalls", model="resultreport")
    for contest in Contest.objects.filter(result_reports__isnull=False).distinct():
        latest = ResultReport.objects.filter(contest=contest).order_by(
            "-certified", "-date_on", "-date_precision", "-pk"
        )[0]
        contest.yes_votes, contest.no_votes = latest.yes_votes, latest.no_votes
        contest.save(update_fields=["yes_votes", "no_votes"])
        Citation.objects.filter(
            content_type=report_type, object_id=latest.pk, field__in=VOTE_FIELDS
        ).update(content_type=contest_type, object_id=contest.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("recalls", "0011_stable_identifiers"),
        ("articles", "0006_fact_duplicates"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(contest_votes_to_reports, reports_to_contest_votes)]
