"""Efforts found the way papers name them, and facts the timeline already has (issue #15,
item 5): articles in tests/data/import_efforts/, written as the sources write, imported
with the real command, read back from its ``--json`` report and the database."""

import datetime as dt
import html
import io
import json
from pathlib import Path

import lxml.html
import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, ReviewStatus, SuggestedFact
from core.dates import PartialDate, Precision
from recalls.models import EffortKind, EffortStatus
from tests.admin_pages import admin_url, errors, form_data, page_form, submit
from tests.factories import OfficialFactory, RecallEffortFactory, TimelineEventFactory

pytestmark = [pytest.mark.django_db, pytest.mark.ignore_template_errors]
ARTICLES = Path(__file__).parent.parent / "data" / "import_efforts"


@pytest.fixture
def world():
    """Officials and efforts as the seed has them: Boudin's recall (called "Prop H" by the
    ballot), its outcome already on the timeline; Gascón's two drives; a recall and an
    impeachment against Krasner; the school-board recall whose members are not named."""
    boudin = OfficialFactory(name="Chesa Boudin", sort_name="Boudin, Chesa")
    gascon = OfficialFactory(name="George Gascón", sort_name="Gascón, George", aliases=["Gascon"])
    krasner = OfficialFactory(name="Larry Krasner", sort_name="Krasner, Larry")
    OfficialFactory(name="London Breed", sort_name="Breed, London")
    efforts = {
        "boudin": RecallEffortFactory(
            title="Recall of Chesa Boudin",
            aliases=["Proposition H", "Prop H"],
            targets=[boudin],
        ),
        "gascon-2021": RecallEffortFactory(
            title="Recall of George Gascón (2021)",
            started_on=dt.date(2021, 3, 1),
            started_precision=Precision.DAY,
            targets=[gascon],
        ),
        "gascon-2022": RecallEffortFactory(
            title="Recall of George Gascón (2022)",
            started_on=dt.date(2022, 1, 1),
            started_precision=Precision.DAY,
            targets=[gascon],
        ),
        "krasner-recall": RecallEffortFactory(
            title="Recall of Larry Krasner",
            started_on=dt.date(2022, 3, 7),
            started_precision=Precision.DAY,
            targets=[krasner],
        ),
        "krasner-impeachment": RecallEffortFactory(
            title="Impeachment of Larry Krasner",
            kind=EffortKind.IMPEACHMENT,
            started_on=dt.date(2022, 9, 1),
            started_precision=Precision.DAY,
            targets=[krasner],
        ),
        "school-board": RecallEffortFactory(
            title="Recall of three San Francisco Board of Education members", target_count=3
        ),
    }
    outcome = TimelineEventFactory(
        effort=efforts["boudin"],
        date_on=dt.date(2022, 6, 1),
        date_precision=Precision.MONTH,
        status=EffortStatus.RECALLED,
        description="San Francisco ousted District Attorney Chesa Boudin in a recall.",
    )
    return efforts, outcome


def import_articles(*paths) -> dict[str, dict]:
    """``manage.py import_articles --json PATH…``; the report's articles by file name."""
    out = io.StringIO()
    call_command("import_articles", "--json", *map(str, paths), stdout=out)
    report = json.loads(out.getvalue())
    return {Path(f["name"]).name: f["articles"][0] for f in report["files"]}


@pytest.fixture
def report(world):
    return import_articles(ARTICLES)


def test_an_effort_is_found_by_the_name_the_ballot_gives_it(report):
    article = report["sfstandard-prop-h-passes.txt"]
    assert article["efforts"] == ["Recall of Chesa Boudin"]
    assert article["officials"] == []  # the story never names him


def test_impeachment_words_link_the_impeachment_and_recall_words_the_recall(report):
    impeachment = report["inquirer-krasner-house-vote.txt"]
    assert impeachment["officials"] == ["Larry Krasner"]
    assert impeachment["efforts"] == ["Impeachment of Larry Krasner"]
    recall = report["whyy-krasner-recall-petition.txt"]
    assert recall["efforts"] == ["Recall of Larry Krasner"]
    assert [(f["effort"], f["status"], f["date"]) for f in recall["facts"]] == [
        ("Recall of Larry Krasner", EffortStatus.NOTICE_FILED, "2022-03-07~")
    ]


def test_a_school_board_recall_is_found_without_its_members_names(report):
    article = report["kqed-school-board-recall-set.txt"]
    assert article["efforts"] == ["Recall of three San Francisco Board of Education members"]
    statuses = {(f["status"], f["date"]) for f in article["facts"]}
    assert (EffortStatus.QUALIFIED, "2021-10-15~") in statuses  # "on Friday"


def test_an_undated_page_links_the_effort_its_years_pick_or_none_with_a_note(report):
    by_year = report["dailynews-gascon-first-recall-undated.txt"]
    assert by_year["published"] is None
    assert by_year["efforts"] == ["Recall of George Gascón (2021)"]

    explainer = report["laist-gascon-explainer-undated.html"]
    assert explainer["published"] is None
    assert explainer["officials"] == ["George Gascón"]
    assert explainer["efforts"] == []  # not both drives: it does not say which
    note = Article.objects.get(title=explainer["title"]).note
    assert "Undated, and it names no year of 2 efforts" in note
    assert "Recall of George Gascón (2021)" in note and "none linked" in note


def test_a_fact_the_timeline_has_is_marked_a_duplicate_and_a_contradiction_a_conflict(
    world, report
):
    efforts, outcome = world
    wire = SuggestedFact.objects.get(article__title__startswith="San Francisco voters oust DA")
    # "on Tuesday" in a story of 8 June 2022 is 7 June; the timeline has June 2022.
    assert (wire.effort, wire.proposed_status) == (efforts["boudin"], EffortStatus.RECALLED)
    assert wire.date == PartialDate(dt.date(2022, 6, 7), Precision.DAY, approximate=True)
    assert (wire.duplicate_of, wire.conflict) == (outcome, "")

    wrong = SuggestedFact.objects.get(article__title="The Boudin recall, one year on")
    assert wrong.duplicate_of is None
    assert wrong.conflict.startswith("The timeline has “recalled” on June 2022, not November 2021")

    others = SuggestedFact.objects.exclude(pk__in=[wire.pk, wrong.pk])
    assert not others.filter(duplicate_of__isnull=False).exists()


def test_the_queue_shows_how_the_date_was_read_and_the_conflict_and_accepts_in_one_click(
    world, report, admin_client
):
    efforts, _ = world
    queue = reverse("admin:articles_suggestedfact_changelist") + "?status__exact=suggested"
    page = admin_client.get(queue).content.decode()
    rows = {
        " ".join(row.text_content().split()): row
        for row in lxml.html.fromstring(page).xpath("//table[@id='result_list']/tbody/tr")
    }
    notice = SuggestedFact.objects.get(effort=efforts["krasner-recall"])
    (text, row) = next((t, r) for t, r in rows.items() if notice.quote in t)
    assert notice.date_note and notice.date_note in text  # how "on Monday" was read
    conflict = next(t for t in rows if "The Boudin recall, one year on" in t)
    assert "Conflict: The timeline has “recalled” on June 2022" in conflict
    duplicate = next(t for t in rows if "San Francisco voters oust DA Chesa Boudin" in t)
    assert "Already on the timeline" in duplicate and "Accept" not in duplicate

    (button,) = row.xpath(".//button[normalize-space()='Accept']")
    response = admin_client.post(
        button.get("formaction"),
        form_data(page_form(page, "changelist-form"), button=None),
        HTTP_REFERER=queue,
    )
    assert response.status_code == 302 and response["Location"] == queue
    notice.refresh_from_db()
    assert notice.status == ReviewStatus.CONFIRMED
    effort_page = admin_client.get(efforts["krasner-recall"].get_absolute_url()).content.decode()
    assert html.escape(notice.quote, quote=False) in effort_page
    assert admin_client.get(button.get("formaction")).status_code == 302  # a GET changes nothing


def test_an_editor_names_an_effort_on_its_page_and_the_next_import_finds_it_by_that_name(
    admin_client, tmp_path
):
    boudin = OfficialFactory(name="Chesa Boudin", sort_name="Boudin, Chesa")
    effort = RecallEffortFactory(title="Recall of Chesa Boudin", targets=[boudin])
    mine = admin_client.get(admin_url(effort, "change", effort.pk))
    theirs = admin_client.get(admin_url(effort, "change", effort.pk))  # opened at the same time
    response = submit(admin_client, mine, {"aliases": "Proposition H\nProp H"})
    assert response.status_code == 302, errors(response)
    effort.refresh_from_db()
    assert effort.aliases == ["Proposition H", "Prop H"]
    stale = submit(admin_client, theirs, {"aliases": ""})
    assert stale.status_code == 200  # refused: the page was opened before the first save
    effort.refresh_from_db()
    assert effort.aliases == ["Proposition H", "Prop H"]

    article = report_of(import_articles(ARTICLES / "sfstandard-prop-h-passes.txt"))
    assert article["efforts"] == ["Recall of Chesa Boudin"]


def report_of(report: dict[str, dict]) -> dict:
    (article,) = report.values()
    return article
