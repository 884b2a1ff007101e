"""Signature history: the series of dated reports, sources that differ, and accepting a
suggested figure; what a reader sees on the page, in the API and in the CSV."""

import csv
import datetime as dt
import io
import re

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.models import ReviewStatus
from articles.number_review import signature_report_from_suggestion
from articles.reports import signature_report_add
from core.dates import Precision
from recalls.models import RecallEffort, SignatureReport
from recalls.signature_reports import signature_report_lead
from tests.factories import (
    ArticleFactory,
    RecallEffortFactory,
    SignatureReportFactory,
    SuggestedNumberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def figures(effort):
    return RecallEffort.objects.for_detail().get(pk=effort.pk).signatures


@pytest.fixture
def editor():
    return UserFactory(username="maria", is_staff=True)


@pytest.fixture
def boudin():
    """Two sources on the requirement, a count submitted, then a verified count."""
    effort = RecallEffortFactory(title="Recall of Chesa Boudin", slug="recall-chesa-boudin")
    seed = ArticleFactory(
        title="As Crime Surges", body="We only needed 53,000 signatures, Mary Jung said."
    )
    other = ArticleFactory(
        title="Boudin recall qualifies",
        body="The campaign needed roughly 51,000 signatures and turned in 83,000.",
    )
    signature_report_add(
        effort=effort,
        kind="required",
        count=53_000,
        date="2021-10",
        article=seed,
        quote="We only needed 53,000 signatures",
    )
    signature_report_add(
        effort=effort,
        kind="submitted",
        count=83_000,
        date="2021-11-05",
        article=other,
        quote="turned in 83,000",
    )
    signature_report_add(
        effort=effort,
        kind="required",
        count=51_000,
        approximate=True,
        date="2021-11-05",
        article=other,
        quote="needed roughly 51,000 signatures",
    )
    SignatureReportFactory(effort=effort, kind="valid", count=56_000, date_on=dt.date(2021, 11, 20))
    return effort


def test_sources_that_differ_are_both_kept_and_the_one_shown_before_leads(boudin):
    current = figures(boudin)
    assert SignatureReport.objects.filter(effort=boudin, kind="required").count() == 2
    assert current.required.count == 53_000 and current.required.lead.is_lead
    assert [r.count for r in current.required.others] == [51_000]
    assert current.sources_differ
    assert current.differs(current.required.others[0])
    assert not current.differs(current.required.lead)


def test_progress_reads_valid_before_projected_before_submitted_and_may_pass_100(boudin):
    current = figures(boudin)
    assert current.progress.kind == "valid"
    assert current.share == pytest.approx(56_000 / 53_000)
    SignatureReport.objects.filter(kind="valid").delete()
    current = figures(boudin)
    assert current.progress.kind == "submitted"
    assert current.share == pytest.approx(83_000 / 53_000)  # over 100%, shown as such


def test_the_newest_report_of_a_kind_is_its_current_figure():
    effort = RecallEffortFactory()
    SignatureReportFactory(
        effort=effort, kind="submitted", count=40_000, date_on=dt.date(2021, 9, 1)
    )
    SignatureReportFactory(
        effort=effort, kind="submitted", count=83_000, date_on=dt.date(2021, 11, 5)
    )
    current = figures(effort)
    assert current.submitted.count == 83_000
    assert not current.sources_differ  # two dates: two points of the series, not a dispute


def test_the_same_figure_from_a_second_source_is_one_report_with_two_citations(boudin):
    article = ArticleFactory(body="Organizers had to gather 53,000 signatures.")
    report = signature_report_add(
        effort=boudin,
        kind="required",
        count=53_000,
        date="2022-01",
        article=article,
        quote="gather 53,000 signatures",
    )
    assert report.citations.count() == 2
    assert SignatureReport.objects.filter(effort=boudin, kind="required").count() == 2


def test_an_editor_chooses_the_lead_without_deleting_the_other(boudin):
    other = SignatureReport.objects.get(effort=boudin, count=51_000)
    signature_report_lead(report=other)
    current = figures(boudin)
    assert current.required.count == 51_000
    assert [r.count for r in current.required.others] == [53_000]
    leads = SignatureReport.objects.filter(effort=boudin, kind="required", is_lead=True)
    assert list(leads.values_list("count", flat=True)) == [51_000]


def test_accepting_a_suggested_number_adds_a_cited_report_and_never_overwrites(boudin, editor):
    suggestion = SuggestedNumberFactory(
        effort=boudin, value=51_500, approximate=True, date_on=dt.date(2022, 2, 1)
    )
    report = signature_report_from_suggestion(suggestion=suggestion, by=editor)
    suggestion.refresh_from_db()
    assert suggestion.status == ReviewStatus.CONFIRMED
    assert (suggestion.reviewed_by, suggestion.signature_report) == (editor, report)
    assert suggestion.reviewed_at is not None
    (citation,) = report.citations.all()
    assert (citation.article, citation.quote) == (suggestion.article, suggestion.quote)
    assert (report.count, report.approximate, str(report.date)) == (51_500, True, "February 2022")
    current = figures(boudin)
    assert current.required.count == 53_000  # the lead stays
    assert sorted(r.count for r in current.required.others) == [51_000, 51_500]
    # Accepting again changes nothing.
    assert signature_report_from_suggestion(suggestion=suggestion, by=editor) == report
    assert SignatureReport.objects.filter(effort=boudin, kind="required").count() == 3


def test_a_suggestion_without_an_effort_or_not_about_signatures_is_refused(editor):
    with pytest.raises(ValidationError, match="Choose the effort"):
        signature_report_from_suggestion(suggestion=SuggestedNumberFactory(effort=None), by=editor)
    votes = SuggestedNumberFactory(field="yes_votes")
    with pytest.raises(ValidationError, match="not a signature figure"):
        signature_report_from_suggestion(suggestion=votes, by=editor)
    assert not SignatureReport.objects.exists()


def page_text(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_page_shows_both_figures_the_mark_the_chart_and_the_table(client, boudin):
    response = client.get(boudin.get_absolute_url())
    text = page_text(response)
    assert re.search(r"Required 53,000 Source \[\d+\].*as of October 2021", text)
    assert re.search(r"Sources differ another source says about 51,000 Source \[\d+\]", text)
    page = lxml.html.fromstring(response.content)
    (chart,) = page.xpath("//svg[contains(@class, 'sigchart-svg')]")
    assert chart.get("role") == "img"
    assert chart.xpath("./title")[0].text == "Signature reports over time"
    desc = chart.xpath("./desc")[0].text
    assert "about 51,000 required to qualify, 5 November 2021" in desc
    assert len(chart.xpath(".//circle")) == 4
    assert len(chart.xpath(".//circle[contains(@class, 'sigchart-differs')]")) == 1
    rows = [
        " ".join(row.text_content().split())
        for row in page.xpath("//table[contains(@class, 'sigtable')]/tbody/tr")
    ]
    assert rows == [
        "October 2021 Required to qualify sources differ (shown above) 53,000 As Crime Surges, "
        + boudin.signature_reports.get(count=53_000).citations.get().article.outlet.name,
        "5 November 2021 Submitted (raw count) 83,000 Boudin recall qualifies, "
        + boudin.signature_reports.get(count=83_000).citations.get().article.outlet.name,
        "5 November 2021 Required to qualify sources differ about 51,000 Boudin recall qualifies, "
        + boudin.signature_reports.get(count=51_000).citations.get().article.outlet.name,
        "20 November 2021 Verified valid 56,000 no source",
    ]
    # The bar reads the series: verified valid over the leading requirement.
    assert "Verified valid: 106% of the requirement" in text


def test_an_effort_without_reports_says_so(client):
    effort = RecallEffortFactory()
    text = page_text(client.get(effort.get_absolute_url()))
    assert "Required unknown" in text
    assert "No signature counts have been reported." in text


def test_the_api_returns_the_series_with_both_values(client, boudin):
    data = client.get(reverse("api:effort-detail", args=[boudin.slug])).json()
    assert (data["signatures_required"], data["signatures_sources_differ"]) == (53_000, True)
    assert data["signatures_valid"] == 56_000
    required = [r for r in data["signature_reports"] if r["kind"] == "required"]
    assert [
        (r["count"], r["approximate"], r["is_lead"], r["sources_differ"]) for r in required
    ] == [
        (53_000, False, True, True),
        (51_000, True, False, True),
    ]
    assert required[1]["date"]["text"] == "2021-11-05"
    assert required[1]["citations"][0]["quote"] == "needed roughly 51,000 signatures"
    listed = client.get(reverse("api:effort-list")).json()["results"][0]
    assert listed["signatures_required"] == 53_000 and "signature_reports" not in listed


def test_the_csv_exports_the_series_and_the_current_figures(client, boudin):
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(reverse("exports:signature_report_csv"), {"effort": boudin.slug})
                .getvalue()
                .decode()
            )
        )
    )
    assert [(r["date"], r["kind"], r["count"], r["is_lead"]) for r in rows] == [
        ("2021-10-01", "required", "53000", "true"),
        ("2021-11-05", "required", "51000", "false"),
        ("2021-11-05", "submitted", "83000", "false"),
        ("2021-11-20", "valid", "56000", "false"),
    ]
    assert rows[1]["quotes"] == "needed roughly 51,000 signatures"
    assert rows[0]["date_precision"] == Precision.MONTH.name.lower()
    efforts = list(
        csv.DictReader(io.StringIO(client.get(reverse("exports:effort_csv")).getvalue().decode()))
    )
    assert efforts[0]["signatures_required"] == "53000"
    assert efforts[0]["signatures_valid_as_of"] == "2021-11-20"
    assert efforts[0]["signatures_sources_differ"] == "true"
