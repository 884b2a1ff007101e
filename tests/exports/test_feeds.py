"""Atom feeds: they parse, hold the right entries, link page and source; autodiscovery."""

import datetime as dt

import feedparser
import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from recalls.models import EffortStatus
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ElectionFactory,
    JurisdictionFactory,
    OfficeFactory,
    OfficialFactory,
    RecallEffortFactory,
    TimelineEventFactory,
)

pytestmark = pytest.mark.django_db

QUOTE = "Volunteers are collecting signatures."


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    return feed


@pytest.fixture
def world():
    ca = OfficeFactory(jurisdiction=JurisdictionFactory(name="Oakland", state="CA"))
    ny = OfficeFactory(jurisdiction=JurisdictionFactory(name="Buffalo", state="NY"))
    official = OfficialFactory(name="Pat Target")
    ca_effort = RecallEffortFactory(title="Recall of Pat Target", office=ca, targets=[official])
    ny_effort = RecallEffortFactory(title="Recall in Buffalo", office=ny)
    article = ArticleFactory(title="Petition handed in", url="https://news.example/petition")
    submitted = TimelineEventFactory(
        effort=ca_effort,
        date_on=dt.date(2024, 5, 2),
        status=EffortStatus.SUBMITTED,
        description="Proponents turned in 80,000 signatures.",
    )
    CitationFactory(subject=submitted, article=article, quote=QUOTE)
    notice = TimelineEventFactory(
        effort=ny_effort, date_on=dt.date(2024, 3, 1), description="Notice of intention served."
    )
    vote = TimelineEventFactory(
        effort=None,
        election=ElectionFactory(jurisdiction=ny.jurisdiction),
        date_on=dt.date(2024, 6, 1),
        description="Polls opened.",
    )
    return {
        "official": official,
        "ca_effort": ca_effort,
        "ny_effort": ny_effort,
        "submitted": submitted,
        "notice": notice,
        "vote": vote,
        "article": article,
    }


def test_site_feed_has_every_update_with_what_when_link_and_source(client, world):
    feed = parse(client, reverse("exports:feed_updates"))
    assert len(feed.entries) == 3
    entry = next(e for e in feed.entries if "80,000" in e.summary)
    assert entry.title == "Recall of Pat Target: signatures submitted — 2 May 2024"
    assert "Status: signatures submitted" in entry.summary
    assert "Source: Petition handed in" in entry.summary
    assert (
        entry.link
        == f"http://testserver{world['ca_effort'].get_absolute_url()}#event-{world['submitted'].pk}"
    )
    related = [link.href for link in entry.links if link.rel == "related"]
    assert related == ["https://news.example/petition"]
    assert entry.updated_parsed is not None
    assert [t.term for t in entry.tags] == ["submitted"]


def test_source_without_url_links_to_the_article_page(client, world):
    article = ArticleFactory(url=None)
    CitationFactory(subject=world["notice"], article=article, quote=QUOTE)
    feed = parse(client, reverse("exports:feed_effort", args=[world["ny_effort"].slug]))
    [entry] = feed.entries
    related = [link.href for link in entry.links if link.rel == "related"]
    assert related == [f"http://testserver{article.get_absolute_url()}"]


def test_effort_official_and_state_feeds_hold_only_their_updates(client, world):
    def descriptions(url):
        return {
            entry.summary.split(": ", 1)[1].split(".")[0] for entry in parse(client, url).entries
        }

    effort = descriptions(reverse("exports:feed_effort", args=[world["ny_effort"].slug]))
    assert effort == {"Notice of intention served"}
    official = descriptions(reverse("exports:feed_official", args=[world["official"].slug]))
    assert official == {"Proponents turned in 80,000 signatures"}
    new_york = descriptions(reverse("exports:feed_state", args=["ny"]))
    assert new_york == {"Notice of intention served", "Polls opened"}
    california = parse(client, reverse("exports:feed_state", args=["CA"]))
    assert california.feed.title == "Recall tracker: California"
    assert len(california.entries) == 1


def test_unknown_subjects_are_404(client, db):
    assert client.get(reverse("exports:feed_effort", args=["nope"])).status_code == 404
    assert client.get(reverse("exports:feed_official", args=["nope"])).status_code == 404
    assert client.get(reverse("exports:feed_state", args=["ZZ"])).status_code == 404


@pytest.mark.parametrize("size", [1, 30])
def test_feed_query_count_does_not_grow(client, django_assert_num_queries, size):
    for _ in range(size):
        event = TimelineEventFactory()
        CitationFactory(subject=event, quote=QUOTE)
    # The events and their citations, +1 their ids, read first (each entry is cached).
    with django_assert_num_queries(3):
        feed = parse(client, reverse("exports:feed_updates"))
    assert len(feed.entries) == size
    with django_assert_num_queries(0):  # the written feed is kept (ops/page_parts.py)
        assert parse(client, reverse("exports:feed_updates")).entries == feed.entries
    with django_assert_num_queries(1):  # another address: the ids, every entry read back
        assert parse(client, reverse("exports:feed_updates") + "?a=1").entries == feed.entries


def test_an_edit_to_what_an_entry_shows_is_in_the_next_feed(client, settings, world):
    settings.PAGE_CACHE = False  # the feed's own render: what follows an edit
    urls = [
        reverse("exports:feed_updates"),
        reverse("exports:feed_effort", args=[world["ca_effort"].slug]),
        reverse("exports:feed_official", args=[world["official"].slug]),
        reverse("exports:feed_state", args=["CA"]),
    ]

    def entry(url):
        return next(e for e in parse(client, url).entries if "80,000" in e.summary)

    for url in urls:
        entry(url)  # kept
    world["ca_effort"].title = "Recall of Pat Target, renamed"
    world["ca_effort"].save()
    world["article"].title = "Petition handed in, corrected"
    world["article"].save()
    world["submitted"].description = "Proponents turned in 80,000 signatures on Monday."
    world["submitted"].save()
    for url in urls:
        found = entry(url)
        assert found.title.startswith("Recall of Pat Target, renamed:"), url
        assert "Source: Petition handed in, corrected" in found.summary, url
        assert "on Monday" in found.summary, url
    world["submitted"].delete()
    assert all("80,000" not in e.summary for e in parse(client, urls[0]).entries)


def test_entries_link_to_the_host_they_were_asked_on(client, settings, world):
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example"]
    url = reverse("exports:feed_updates")
    parse(client, url)
    mirrored = feedparser.parse(client.get(url, HTTP_HOST="mirror.example").content)
    assert all(e.link.startswith("http://mirror.example/") for e in mirrored.entries)


def test_feed_links_for_autodiscovery(rf, world):
    request = rf.get("/")
    html = render_to_string(
        "exports/_feed_links.html",
        {"effort": world["ca_effort"], "official": world["official"]},
        request=request,
    )
    assert 'type="application/atom+xml"' in html
    assert f'href="{reverse("exports:feed_updates")}"' in html
    assert f'href="{reverse("exports:feed_effort", args=[world["ca_effort"].slug])}"' in html
    assert f'href="{reverse("exports:feed_official", args=[world["official"].slug])}"' in html
    assert 'type="text/calendar"' in html
