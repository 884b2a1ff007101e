"""Status as of a date: an effort the sources stopped reporting is not active anywhere."""

import csv
import datetime as dt
import io
import itertools
import time

import feedparser
import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from lxml import html

from core.dates import PartialDate, Precision
from ops.caching import CLOCK_SKEW
from recalls.models import Official, RecallEffort, TimelineEvent
from recalls.staleness import effort_standing, reaches
from tests.admin_pages import admin_url, editor
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    RecallEffortFactory,
    TimelineEventFactory,
)

pytestmark = pytest.mark.django_db

GASCON_2021 = "recall-george-gascon-2021"
# Its deadline is "late October 2021" (to 31 October): 90 days later is 29 January 2022.
LAST_ACTIVE_DAY = dt.datetime(2022, 1, 29, 23, 59, 30, tzinfo=dt.UTC)
FIRST_STALE_MOMENT = dt.datetime(2022, 1, 30, 0, 0, 30, tzinfo=dt.UTC)


def text(response) -> str:
    return " ".join(html.fromstring(response.content).text_content().split())


def home_active_slugs(client) -> list[str]:
    page = html.fromstring(client.get("/").content)
    links = page.xpath('//section[@aria-labelledby="active-heading"]//h3/a/@href')
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in links]


def test_gascon_2021_is_not_active_on_any_page_feed_api_or_csv(client, seeded):
    effort = RecallEffort.objects.get(slug=GASCON_2021)

    page = text(client.get(effort.get_absolute_url()))
    assert "Outcome not reported since 2021 (approx.)" in page
    assert "the signature deadline, late October 2021 (approx.), has passed" in page
    assert "last reported stage: gathering signatures" in page

    assert GASCON_2021 not in home_active_slugs(client)

    listed = client.get("/recalls/?status=circulating").context["paginator"].object_list
    assert GASCON_2021 not in [e.slug for e in listed]
    stale_page = client.get("/recalls/?status=not_reported")
    assert GASCON_2021 in [e.slug for e in stale_page.context["paginator"].object_list]
    facets = {f["value"]: f for f in client.get("/recalls/").context["status_facets"]}
    assert facets["not_reported"]["label"] == "outcome not reported"
    assert "circulating" not in facets  # Gascón 2021 was the only one gathering signatures

    stats = html.fromstring(client.get(reverse("exports:stats")).content)
    rows = {
        " ".join(row.xpath("string(th)").split()): row.xpath("string(td[1])").strip()
        for row in stats.xpath('//table[caption[contains(., "utcome")]]//tbody/tr')
    }
    # Both Gascón efforts and the 2022 push against Krasner: no news since 2022.
    assert rows.get("Outcome not reported") == "3", rows
    assert "Still active" not in rows
    assert "gathering signatures" not in stats.text_content().lower()

    feed = feedparser.parse(client.get(reverse("exports:feed_effort", args=[GASCON_2021])).content)
    assert "Status: outcome not reported since 2021 (approx.)" in feed.feed.subtitle

    api = client.get("/api/efforts/?status=circulating").json()
    assert api["count"] == 0
    stale = client.get("/api/efforts/?status=not_reported").json()["results"]
    record = next(r for r in stale if r["slug"] == GASCON_2021)
    assert record["is_stale"] is True
    assert record["status"] == "circulating"  # the last reported stage, kept
    assert record["reported_as_of"]["display"] == "2021 (approx.)"

    export = b"".join(client.get("/recalls/export.csv").streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(export)))
    row = next(r for r in rows if r["slug"] == GASCON_2021)
    assert row["outcome_not_reported"] == "true"
    assert row["reported_as_of"] == "2021-01-01"
    assert row["reported_as_of_precision"] == "year"
    boudin = next(r for r in rows if r["slug"] == "recall-chesa-boudin-2022")
    assert boudin["outcome_not_reported"] == "false"  # ended: an outcome, not silence


def test_every_status_shows_the_date_and_outlet_behind_it(client, seeded):
    page = text(client.get("/recalls/recall-george-gascon-2022/"))
    assert "Outcome not reported since 15 July 2022, per NewsNation" in page
    cards = html.fromstring(client.get("/recalls/").content).xpath('//li[@class="card"]')
    assert len(cards) == RecallEffort.objects.count()
    for effort in RecallEffort.objects.for_list():
        standing = effort_standing(effort, today=dt.date.today())
        card = next(c for c in cards if c.xpath(f'.//a[@href="{effort.get_absolute_url()}"]'))
        words = " ".join(card.text_content().split())
        assert f"{'since' if standing.stale else 'as of'} {standing.since}, per " in words, words


def test_as_of_is_the_date_a_source_gives_for_certain_and_quiet_is_read_from_the_last_day(
    client,
):
    """A source dated only "2022" may be from January: it does not make the page say "as of
    2022" over a source dated June 2022. Silence still counts from the end of 2022."""
    effort = RecallEffortFactory(status="circulating", deadline_on=None)
    for published, precision, outlet in [
        (dt.date(2022, 6, 1), "month", "The June Paper"),
        (dt.date(2022, 1, 1), "year", "The Yearly Review"),
    ]:
        article = ArticleFactory(
            published_on=published,
            published_precision=Precision[precision.upper()],
            outlet__name=outlet,
        )
        CitationFactory(subject=effort, article=article)
    page = text(client.get(effort.get_absolute_url()))
    assert "Outcome not reported since June 2022, per The June Paper" in page, page
    end_of_2022 = dt.date(2022, 12, 31)
    for day, stale in [
        (end_of_2022 + dt.timedelta(days=180), False),
        (end_of_2022 + dt.timedelta(days=181), True),
    ]:
        assert (
            effort_standing(RecallEffort.objects.for_detail().get(pk=effort.pk), today=day).stale
            is stale
        )
        assert RecallEffort.objects.stale(today=day).filter(pk=effort.pk).exists() is stale


def test_tenures_without_an_end_say_as_of_which_source(client, seeded):
    page = text(client.get("/officials/george-gascon/"))
    assert "start unknown, in office as of 15 July 2022, per NewsNation, elected" in page
    for official in Official.objects.filter(tenures__is_current=True).distinct():
        page = text(client.get(official.get_absolute_url()))
        assert "to present" not in page and "in office as of" in page, official


def test_python_and_sql_rules_agree_on_every_seeded_effort_and_day(seeded):
    efforts = list(RecallEffort.objects.for_detail())
    days = [
        dt.date(2021, 6, 1),
        LAST_ACTIVE_DAY.date(),
        FIRST_STALE_MOMENT.date(),
        dt.date(2022, 7, 16),
        dt.date(2023, 1, 10),
        dt.date(2023, 1, 12),
        dt.date.today(),
    ]
    for day in days:
        sql = set(RecallEffort.objects.stale(today=day).values_list("slug", flat=True))
        python = {e.slug for e in efforts if effort_standing(e, today=day).stale}
        assert sql == python, day
        active = set(RecallEffort.objects.active(today=day).values_list("slug", flat=True))
        assert not active & sql
    assert GASCON_2021 not in RecallEffort.objects.stale(today=LAST_ACTIVE_DAY.date()).values_list(
        "slug", flat=True
    )
    assert GASCON_2021 in RecallEffort.objects.stale(today=FIRST_STALE_MOMENT.date()).values_list(
        "slug", flat=True
    )


def test_reaches_compares_the_end_of_each_period_like_python():
    effort = RecallEffortFactory()
    starts = [dt.date(2022, 2, 1), dt.date(2022, 2, 11), dt.date(2022, 2, 21), dt.date(2022, 3, 5)]
    dates = {PartialDate(day, precision) for day, precision in itertools.product(starts, Precision)}
    for date in dates:
        TimelineEventFactory(
            effort=effort, date_on=date.value, date_precision=date.precision, description=str(date)
        )
    for offset in range(0, 70, 3):
        day = dt.date(2022, 1, 30) + dt.timedelta(days=offset)
        found = set(TimelineEvent.objects.filter(reaches("date", day)).values_list("pk", flat=True))
        expected = {e.pk for e in TimelineEvent.objects.all() if e.date.last_day >= day}
        assert found == expected, day


def test_a_cached_home_page_stops_calling_the_effort_active_at_midnight(client, seeded, settings):
    settings.PAGE_CACHE = True
    with time_machine.travel(LAST_ACTIVE_DAY, tick=True) as traveller:
        cache.clear()  # tag versions from the real "now" would look newer than these renders
        time.sleep(2 * CLOCK_SKEW)
        assert GASCON_2021 in home_active_slugs(client)
        assert client.get("/")["X-Cache"] == "hit"  # the page cache is in play
        traveller.move_to(FIRST_STALE_MOMENT)
        response = client.get("/")
        assert response["X-Cache"] == "miss"
        assert GASCON_2021 not in home_active_slugs(client)


@pytest.mark.ignore_template_errors
def test_editors_find_the_efforts_to_check_in_the_admin_list(client, seeded):
    client.force_login(editor("checker"))
    changelist = admin_url(RecallEffort, "changelist")
    page = html.fromstring(client.get(changelist).content.decode())
    (link,) = page.xpath('//*[@id="changelist-filter"]//a[contains(., "Outcome not reported")]')
    page = html.fromstring(client.get(changelist + link.get("href")).content.decode())
    listed = {a.text_content().strip() for a in page.xpath('//table[@id="result_list"]//th/a')}
    assert listed == {
        "Recall of George Gascón (2021)",
        "Recall of George Gascón (2022)",
        "Push to oust Larry Krasner",
    }
