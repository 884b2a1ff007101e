"""The embeddable status card: small, no cookies, no scripts, frameable (and only it)."""

import datetime as dt
from pathlib import Path

import lxml.html
import pytest
import time_machine
from django.conf import settings

from recalls.models import EffortStatus
from tests.factories import (
    ContestFactory,
    ElectionFactory,
    RecallEffortFactory,
    TimelineEventFactory,
)

pytestmark = pytest.mark.django_db

EMBED_CSS = Path(settings.BASE_DIR) / "static" / "css" / "embed.css"


def circulating_effort():
    effort = RecallEffortFactory(
        title="Recall of Ada Example",
        status=EffortStatus.CIRCULATING,
        signatures={"required": 10_000, "submitted": 4_200},
        deadline_on=dt.date(2099, 3, 1),
        deadline_precision=6,
    )
    TimelineEventFactory(
        effort=effort,
        date_on=dt.date(2024, 3, 5),
        date_precision=6,
        status=EffortStatus.CIRCULATING,
    )
    return effort


def words(element) -> str:
    return " ".join(element.text_content().split())


# A day when the effort's newest news (5 March 2024) is recent: not yet stale.
@time_machine.travel(dt.datetime(2024, 4, 1, tzinfo=dt.UTC))
def test_the_card_shows_status_as_of_its_date_progress_next_date_and_a_link_back(client):
    effort = circulating_effort()
    response = client.get(f"{effort.get_absolute_url()}embed/")
    doc = lxml.html.fromstring(response.content)
    card = words(doc.find(".//main"))
    assert "Gathering signatures as of 5 March 2024" in card
    assert "42% of the 10,000 required, counting those submitted" in card
    assert "Next Signature deadline: 1 March 2099" in card
    links = {a.get("href") for a in doc.iter("a")}
    assert links == {f"http://testserver{effort.get_absolute_url()}"}
    assert all(a.get("target") == "_blank" for a in doc.iter("a"))


def test_an_ended_effort_shows_its_outcome(client):
    effort = RecallEffortFactory(
        status=EffortStatus.RECALLED, ended_on=dt.date(2022, 6, 7), ended_precision=6
    )
    ContestFactory(
        effort=effort, election=ElectionFactory(date_on=dt.date(2022, 6, 7), date_precision=6)
    )
    card = words(lxml.html.fromstring(client.get(f"{effort.get_absolute_url()}embed/").content))
    assert "Outcome Recalled, 7 June 2022" in card
    assert "Next" not in card


def test_the_card_is_small_sets_no_cookie_and_needs_no_script(client):
    effort = circulating_effort()
    client.get("/recalls/")  # a reader who browsed the site first
    for _ in range(2):  # rendered, then from the page cache
        response = client.get(f"{effort.get_absolute_url()}embed/")
        assert response.status_code == 200
        assert response.cookies == {} and "Set-Cookie" not in response.headers
        assert len(response.content) + EMBED_CSS.stat().st_size < 30_000
        doc = lxml.html.fromstring(response.content)
        assert doc.xpath("//script | //*[@style] | //style | //form") == []
        assert doc.xpath("//link[@rel='stylesheet']/@href") == ["/static/css/embed.css"]


def test_only_the_card_may_be_framed(client):
    effort = circulating_effort()
    for _ in range(2):  # rendered, then from the page cache
        embed = client.get(f"{effort.get_absolute_url()}embed/")
        assert "X-Frame-Options" not in embed.headers
        assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
        page = client.get(effort.get_absolute_url())
        assert page.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]


def test_the_effort_page_offers_the_iframe_code_to_copy(client):
    effort = circulating_effort()
    doc = lxml.html.fromstring(client.get(effort.get_absolute_url()).content)
    code = doc.get_element_by_id("embed-code")
    assert code.tag == "textarea" and code.get("readonly") is not None
    snippet = lxml.html.fragment_fromstring(code.text)
    assert snippet.tag == "iframe"
    assert snippet.get("src") == f"http://testserver{effort.get_absolute_url()}embed/"
    assert snippet.get("title") == "Recall of Ada Example: status"
    assert doc.xpath("//label[@for='embed-code']")


def test_the_card_reads_a_fixed_number_of_queries(client, django_assert_num_queries):
    effort = circulating_effort()
    for _ in range(3):
        ContestFactory(effort=effort)
    # The effort, its targets, contests, signature reports, and the dated facts: citations,
    # events, theirs.
    with django_assert_num_queries(7):
        client.get(f"{effort.get_absolute_url()}embed/")


@time_machine.travel(dt.datetime(2024, 4, 1, tzinfo=dt.UTC))
def test_the_api_card_is_the_same_card_as_json(client):
    effort = circulating_effort()
    card = client.get(f"/api/efforts/{effort.slug}/card/").json()
    assert card["status"] == "circulating" and card["as_of"]["display"] == "5 March 2024"
    assert card["signatures_percent"] == 42
    assert card["next"]["label"] == "Signature deadline"
    assert card["next"]["date"]["text"] == "2099-03-01" and card["next"]["passed"] is False
    assert card["outcome"] is None
    assert card["embed_url"] == f"http://testserver{effort.get_absolute_url()}embed/"
    assert client.get("/api/efforts/no-such-effort/card/").status_code == 404


def test_the_card_says_when_the_outcome_stopped_being_reported(client):
    effort = circulating_effort()  # its newest news is from 5 March 2024
    with time_machine.travel(dt.datetime(2024, 9, 2, tzinfo=dt.UTC)):  # 181 days later
        card = words(lxml.html.fromstring(client.get(f"{effort.get_absolute_url()}embed/").content))
    assert "Outcome Outcome not reported since 5 March 2024" in card
    assert "Next" not in card
