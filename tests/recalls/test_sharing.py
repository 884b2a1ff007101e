"""What a shared link shows: Open Graph and Twitter card tags, and the canonical address."""

import datetime as dt

import lxml.html
import pytest
from django.utils import timezone

from recalls.models import EffortStatus
from tests.factories import RecallEffortFactory, TimelineEventFactory

pytestmark = pytest.mark.django_db


def head(client, url) -> dict[str, str]:
    doc = lxml.html.fromstring(client.get(url).content)
    tags = {m.get("property") or m.get("name"): m.get("content") for m in doc.iter("meta")}
    canonical = doc.xpath("//link[@rel='canonical']/@href")
    tags["canonical"] = canonical[0] if canonical else None
    tags["title"] = doc.findtext(".//title")
    return tags


def test_a_shared_effort_link_previews_its_title_status_and_summary(client):
    effort = RecallEffortFactory(
        title="Recall of Ada Example",
        status=EffortStatus.CIRCULATING,
        summary="Parents want the board member out over school closures.",
    )
    # Recent news, so the status is current (recalls/staleness.py), whatever day it is.
    day = timezone.localdate() - dt.timedelta(days=10)
    TimelineEventFactory(effort=effort, date_on=day, status=EffortStatus.CIRCULATING)
    tags = head(client, effort.get_absolute_url() + "?utm_source=newsletter")
    assert tags["og:title"] == tags["twitter:title"] == "Recall of Ada Example"
    assert tags["title"] == "Recall of Ada Example · Recall tracker"
    description = tags["og:description"]
    assert description.startswith(f"Gathering signatures as of {day.day} {day:%B %Y}.")
    assert "school closures" in description
    assert tags["twitter:description"] == tags["description"] == description
    assert tags["twitter:card"] == "summary"
    assert tags["og:type"] == "article"
    assert tags["canonical"] == tags["og:url"] == f"http://testserver{effort.get_absolute_url()}"


def test_a_shared_link_to_old_news_says_the_outcome_is_not_reported(client):
    effort = RecallEffortFactory(title="Recall of Old News", status=EffortStatus.CIRCULATING)
    TimelineEventFactory(effort=effort, date_on="2024-03-05", status=EffortStatus.CIRCULATING)
    description = head(client, effort.get_absolute_url())["og:description"]
    assert description.startswith("Outcome not reported since 5 March 2024.")


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/recalls/", "/recalls/"),
        ("/recalls/?utm_source=x&fbclid=y", "/recalls/"),
        (
            "/recalls/?status=recalled&state=CA&state=&page=1&utm_medium=email",
            "/recalls/?state=CA&status=recalled",
        ),
        (
            "/recalls/?status=retained&status=recalled&page=2",
            "/recalls/?page=2&status=recalled&status=retained",
        ),
        ("/officials/?q=boudin&ref=home", "/officials/?q=boudin"),
        ("/search/?q=gascon&utm_campaign=z", "/search/?q=gascon"),
        ("/stats/?year=2022&utm_source=x", "/stats/?year=2022"),
    ],
)
def test_the_canonical_link_keeps_filters_and_pages_and_drops_the_rest(client, url, canonical):
    RecallEffortFactory.create_batch(21, status=EffortStatus.RECALLED)
    assert head(client, url)["canonical"] == f"http://testserver{canonical}"


def test_a_missing_page_has_no_canonical_link(client):
    tags = head(client, "/recalls/no-such-recall/")
    assert tags["canonical"] is None
    assert tags["og:title"] == "Page not found"
