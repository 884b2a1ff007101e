"""CSV exports: same records as the list pages, a header row, ISO dates, streamed."""

import csv
import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exports.csv_files import Column, chunks, header, line
from ops.change_journal import Journal, entry_key
from recalls.models import EffortStatus
from tests.factories import (
    ContestFactory,
    ElectionFactory,
    OfficeFactory,
    OfficialFactory,
    RecallEffortFactory,
    TenureFactory,
)

pytestmark = pytest.mark.django_db


def download(client, url) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def page_slugs(client, url):
    return [r.slug for r in client.get(url).context["paginator"].object_list]


def test_effort_export_honours_the_lists_filters(client, seeded):
    for query in ["", "?status=recalled", "?state=CA&category=prosecutor", "?q=gascon&sort=name"]:
        rows = download(client, reverse("exports:effort_csv") + query)
        assert [r["slug"] for r in rows] == page_slugs(
            client, reverse("recalls:effort_list") + query
        )


def test_effort_rows_round_trip(client, db):
    official = OfficialFactory(name="Ana Ñúñez, Jr.")
    effort = RecallEffortFactory(
        title='Recall of "Ana", the mayor',
        targets=[official],
        status=EffortStatus.RECALLED,
        started_on=dt.date(2021, 10, 21),
        started_precision=5,
        started_approximate=True,
        ended_on=dt.date(2022, 6, 7),
        ended_precision=6,
        signatures={"required": 53_000},
    )
    [row] = download(client, reverse("exports:effort_csv"))
    assert row["title"] == 'Recall of "Ana", the mayor'
    assert row["targets"] == "Ana Ñúñez, Jr."
    assert row["status"] == "recalled"
    assert (row["started"], row["started_precision"], row["started_approximate"]) == (
        "2021-10-21",
        "late_month",
        "true",
    )
    assert (row["ended"], row["ended_precision"]) == ("2022-06-07", "day")
    assert dt.date.fromisoformat(row["ended"]) == effort.ended_on
    assert row["signature_deadline"] == ""
    assert row["signatures_required"] == "53000"
    assert dt.datetime.fromisoformat(row["updated_at"]) == effort.updated_at
    assert row["page_url"] == "http://testserver" + effort.get_absolute_url()


def test_official_and_election_exports(client, db):
    official = OfficialFactory(name="Sam Mayor", aliases=["Mr. Mayor"], party="Independent")
    TenureFactory(official=official, office=OfficeFactory(title="Mayor"))
    RecallEffortFactory(targets=[official])
    OfficialFactory(name="Lee Bystander")
    rows = download(client, reverse("exports:official_csv") + "?targeted=true")
    assert [(r["name"], r["aliases"], r["party"], r["recall_efforts"]) for r in rows] == [
        ("Sam Mayor", "Mr. Mayor", "Independent", "1")
    ]
    assert rows[0]["offices"].startswith("Mayor, ")

    election = ElectionFactory(date_on=dt.date(2022, 6, 7), date_precision=6)
    ContestFactory(election=election)
    ElectionFactory(kind="general")
    rows = download(client, reverse("exports:election_csv") + "?kind=recall")
    assert [(r["slug"], r["date"], r["date_precision"], r["contests"]) for r in rows] == [
        (election.slug, "2022-06-07", "day", "1")
    ]


def test_header_only_when_nothing_matches_and_400_for_bad_filters(client, db):
    response = client.get(reverse("exports:effort_csv") + "?status=recalled")
    header = b"".join(response.streaming_content).decode().splitlines()
    assert header[0].startswith("slug,title,kind,status,")
    assert len(header) == 1
    assert client.get(reverse("exports:effort_csv") + "?status=bogus").status_code == 400
    assert client.get(reverse("exports:election_csv") + "?year=99999").status_code == 400


@pytest.mark.parametrize("size", [1, 50])
def test_export_query_count_does_not_grow(
    client, django_assert_num_queries, warm_content_types, size
):
    for _ in range(size):
        RecallEffortFactory(targets=[OfficialFactory()])
    # +1 the signature series (the current figures); +2 the dated facts (citations, events;
    # these efforts have no event citations); +1 the ids, read first (each line is cached).
    with django_assert_num_queries(7):
        rows = download(client, reverse("exports:effort_csv"))
    assert len(rows) == size


def test_csv_link_keeps_the_filters_but_not_the_page(db):
    request = RequestFactory().get("/recalls/", {"status": "recalled", "page": "2"})
    html = Template(
        '{% include "exports/_csv_link.html" with csv_url="exports:effort_csv" %}'
    ).render(Context({"request": request, "filtered": True}))
    assert 'href="/recalls/export.csv?status=recalled"' in html
    assert "these results" in html


FORMULAS = ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"]


@pytest.mark.parametrize("name", FORMULAS)
def test_formula_names_are_neutralised_in_every_export(client, db, name):
    official = OfficialFactory(name=name)
    TenureFactory(official=official)
    RecallEffortFactory(title=name, targets=[official])
    ElectionFactory(name=name)

    [official_row] = download(client, reverse("exports:official_csv"))
    [effort_row] = download(client, reverse("exports:effort_csv"))
    [election_row] = download(client, reverse("exports:election_csv"))

    quoted = "'" + name
    assert official_row["name"] == quoted
    assert effort_row["title"] == quoted
    assert effort_row["targets"] == quoted
    assert election_row["name"] == quoted


def test_numbers_stay_numbers_and_only_text_is_quoted():
    columns = [Column("number", lambda r: r[0]), Column("text", lambda r: r[1])]

    class Row(tuple):
        def get_absolute_url(self):
            return "/x/"

    records = [Row((-5, "-5")), Row((-1.5, "ok"))]
    lines = [header(columns), *(line(columns, r, lambda url: url) for r in records)]
    parsed = list(csv.reader(io.StringIO("".join(lines))))
    assert parsed[1:] == [["-5", "'-5", "/x/"], ["-1.5", "ok", "/x/"]]


def test_lines_are_cached_and_an_edit_is_in_the_next_export(client, settings, db):
    settings.PAGE_CACHE = False  # the export's own render path: what follows an edit
    official = OfficialFactory(name="Dana Quill")
    effort = RecallEffortFactory(title="Recall of Dana Quill", targets=[official])
    RecallEffortFactory(title="Another recall")
    url = reverse("exports:effort_csv")
    first = download(client, url)
    with CaptureQueriesContext(connection) as again:
        assert download(client, url) == first
    sql = " ".join(q["sql"] for q in again.captured_queries)
    assert '"recalls_recalleffort"."slug"' not in sql  # the ids only: no effort row loaded
    official.name = "Dana Quill-Ortiz"
    official.save()
    effort.status = "recalled"
    effort.save()
    (row,) = [r for r in download(client, url) if r["slug"] == effort.slug]
    assert row["targets"] == "Dana Quill-Ortiz"
    assert row["status"] == "recalled"
    effort.delete()
    assert [r["title"] for r in download(client, url)] == ["Another recall"]


def effort_line_keys(efforts) -> list[str]:
    day = dt.date.today().isoformat()  # the fragments' day (ops/fragments.py)
    name = "csv:recall-efforts.csv:http://testserver"
    return [f"fragment2:{name}:{day}:{effort.pk}" for effort in efforts]


def test_a_whole_chunk_is_read_back_without_its_lines(client, settings, db):
    """A warm export reads each chunk of lines whole (checked against the change journal),
    not each line and its objects' versions."""
    settings.PAGE_CACHE = False
    efforts = [RecallEffortFactory(targets=[OfficialFactory()]) for _ in range(3)]
    url = reverse("exports:effort_csv")
    first = download(client, url)
    cache.delete_many(effort_line_keys(efforts))
    with CaptureQueriesContext(connection) as again:
        assert download(client, url) == first
    assert len(again) == 1  # the ids: neither the lines nor their efforts were needed


def test_after_an_edit_only_the_lines_it_touched_are_read_again(client, settings, db):
    """The chunk holding an edited effort reads that effort's line again, not its others."""
    settings.PAGE_CACHE = False
    efforts = [RecallEffortFactory(targets=[OfficialFactory()]) for _ in range(3)]
    url = reverse("exports:effort_csv")
    download(client, url)
    cache.delete_many(effort_line_keys(efforts[1:]))
    efforts[0].status = "recalled"  # not its title: the order, and so the chunk, would change
    efforts[0].save()
    rows = download(client, url)
    assert len(rows) == 3
    assert {r["slug"]: r["status"] for r in rows}[efforts[0].slug] == "recalled"
    assert cache.get_many(effort_line_keys(efforts[1:])) == {}  # neither read nor built
    assert cache.get_many(effort_line_keys(efforts[:1]))  # the edited one's, built again
    efforts[1].delete()  # another chunk: built again whole, without it
    assert len(download(client, url)) == 2


def test_an_edit_to_what_a_line_shows_is_in_the_next_export(client, settings, db):
    settings.PAGE_CACHE = False
    office = OfficeFactory(title="Mayor")
    effort = RecallEffortFactory(office=office)
    RecallEffortFactory()
    url = reverse("exports:effort_csv")
    download(client, url)
    office.jurisdiction.name = "Port Quill"
    office.jurisdiction.save()
    (row,) = [r for r in download(client, url) if r["slug"] == effort.slug]
    assert row["jurisdiction"] == "Port Quill"


def test_an_edit_whose_journal_entry_is_lost_still_shows(client, settings, db):
    """A chunk that cannot tell what changed since it was built is built again."""
    settings.PAGE_CACHE = False
    effort = RecallEffortFactory(title="Recall of Dana Quill")
    url = reverse("exports:effort_csv")
    download(client, url)
    effort.title = "Recall of Dana Quill-Ortiz"
    effort.save()
    step = Journal().step
    cache.delete(entry_key(step))
    assert [r["title"] for r in download(client, url)] == ["Recall of Dana Quill-Ortiz"]


def test_a_record_added_changes_one_chunk_not_every_one_after_it():
    ids = list(range(1, 20_001))
    before = list(chunks(ids))
    assert [pk for piece in before for pk in piece] == ids
    assert all(len(piece) <= 1000 for piece in before)
    assert 20 <= len(before) <= 80
    after = list(chunks([*ids[:5000], 50_000, *ids[5000:]]))
    assert len({tuple(p) for p in before} - {tuple(p) for p in after}) == 1
