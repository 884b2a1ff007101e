"""The JSON API: same records as the HTML pages, modified_since, paging, limits, query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from recalls.models import EffortStatus, RecallEffort
from tests.factories import (
    ArticleFactory,
    CandidacyFactory,
    CitationFactory,
    ContestFactory,
    EffortMentionFactory,
    ElectionFactory,
    OfficialFactory,
    ParticipantFactory,
    RecallEffortFactory,
    TenureFactory,
    TimelineEventFactory,
)

pytestmark = pytest.mark.django_db

QUOTE = "Volunteers are collecting signatures."


def api_slugs(client, name, query=""):
    response = client.get(reverse(f"api:{name}-list") + query + "&page_size=100")
    assert response.status_code == 200, response.content
    return [record["slug"] for record in response.json()["results"]]


def page_slugs(client, url_name, query=""):
    response = client.get(reverse(url_name) + query)
    assert response.status_code == 200
    return [record.slug for record in response.context["paginator"].object_list]


# -- Same records as the HTML lists -----------------------------------------------------------

LIST_QUERIES = [
    ("effort", "recalls:effort_list", "?"),
    ("effort", "recalls:effort_list", "?status=recalled&status=retained"),
    ("effort", "recalls:effort_list", "?state=CA&category=prosecutor"),
    ("effort", "recalls:effort_list", "?q=gascon&sort=name"),
    ("effort", "recalls:effort_list", "?outcome=recalled"),
    ("effort", "recalls:effort_list", "?year=2021"),
    ("official", "recalls:official_list", "?"),
    ("official", "recalls:official_list", "?targeted=true"),
    ("official", "recalls:official_list", "?state=NY&q=adams"),
    ("election", "recalls:election_list", "?"),
    ("election", "recalls:election_list", "?kind=recall&state=CA"),
    ("election", "recalls:election_list", "?year=2022"),
    ("article", "articles:article_list", "?"),
    ("article", "articles:article_list", "?q=recall"),
]


def test_api_lists_return_what_the_pages_show(client, seeded):
    for api_name, page_name, query in LIST_QUERIES:
        expected = page_slugs(client, page_name, query)
        assert api_slugs(client, api_name, query) == expected, (api_name, query)


def test_seeded_filters_are_not_trivial(client, seeded):
    """The comparisons above compare something: filters narrow the seed data."""
    everything = api_slugs(client, "effort", "?")
    recalled = api_slugs(client, "effort", "?status=recalled")
    assert 0 < len(recalled) < len(everything)


def test_effort_detail_has_the_pages_timeline_citations_and_results(client, seeded):
    effort = RecallEffort.objects.get(slug="recall-chesa-boudin-2022")
    page = client.get(effort.get_absolute_url()).context["effort"]
    data = client.get(reverse("api:effort-detail", args=[effort.slug])).json()

    assert data["status"] == page.status == EffortStatus.RECALLED
    assert [e["description"] for e in data["timeline"]] == [
        e.description for e in page.events.all()
    ]
    assert [c["quote"] for c in data["citations"]] == [c.quote for c in page.citations.all()]
    assert [p["name"] for p in data["participants"]] == [
        p.display_name for p in page.participants.all()
    ]
    assert [r["outcome"] for r in data["results"]] == ["recalled"]
    assert data["results"][0]["election"]["slug"] == "san-francisco-recall-2022-06"
    assert data["ended"] == {
        "text": "2022-06~",
        "display": "June 2022 (approx.)",
        "first_day": "2022-06-01",
        "last_day": "2022-06-30",
        "precision": "month",
        "approximate": True,
    }
    assert data["html_url"] == "http://testserver" + effort.get_absolute_url()


def test_official_election_and_article_details(client, seeded):
    official = client.get(reverse("api:official-detail", args=["george-gascon"])).json()
    assert {e["slug"] for e in official["efforts_against"]} >= {
        "recall-george-gascon-2021",
        "recall-george-gascon-2022",
    }
    election = client.get(
        reverse("api:election-detail", args=["san-francisco-recall-2022-06"])
    ).json()
    assert election["results"][0]["effort"]["slug"] == "recall-chesa-boudin-2022"
    article_slug = client.get(reverse("api:article-list")).json()["results"][0]["slug"]
    article = client.get(reverse("api:article-detail", args=[article_slug])).json()
    assert article["citations"]
    for citation in article["citations"]:
        assert citation["quote"] in "\n".join([article["title"], article["dek"], article["body"]])


def test_unknown_slug_and_page_are_404_and_bad_filters_400(client, db):
    assert client.get(reverse("api:effort-detail", args=["nope"])).status_code == 404
    assert client.get(reverse("api:effort-list") + "?page=9").status_code == 404
    bad = client.get(reverse("api:effort-list") + "?status=bogus")
    assert bad.status_code == 400
    assert "status" in bad.json()
    assert client.get(reverse("api:election-list") + "?year=99999").status_code == 400
    assert client.get(reverse("api:effort-list") + "?q=a%00b").status_code == 400


def test_pagination(client, db):
    RecallEffortFactory.create_batch(25)
    first = client.get(reverse("api:effort-list")).json()
    assert first["count"] == 25
    assert len(first["results"]) == 20
    assert first["next"].endswith("?page=2")
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 5
    assert client.get(reverse("api:effort-list") + "?page_size=500").json()["count"] == 25
    assert len(client.get(reverse("api:effort-list") + "?page_size=500").json()["results"]) == 25


# -- modified_since ---------------------------------------------------------------------------


def slugs_since(client, name, when: dt.datetime):
    return set(api_slugs(client, name, "?modified_since=" + when.isoformat().replace("+", "%2B")))


def test_modified_since_returns_only_records_changed_after_the_time(client, db):
    old_effort, changed_effort, cited_effort = RecallEffortFactory.create_batch(3)
    old_official, changed_official = OfficialFactory.create_batch(2)
    old_election, changed_election = ElectionFactory.create_batch(2)
    old_article, changed_article = ArticleFactory.create_batch(2)
    since = timezone.now()

    changed_effort.summary = "New summary"
    changed_effort.save()
    CitationFactory(
        subject=TimelineEventFactory(effort=cited_effort), article=changed_article, quote=QUOTE
    )
    TenureFactory(official=changed_official)
    ContestFactory(election=changed_election)
    CitationFactory(subject=old_effort, article=changed_article, quote=QUOTE)

    # The citation on old_effort changes old_effort too: it is part of its answer.
    assert slugs_since(client, "effort", since) == {
        changed_effort.slug,
        cited_effort.slug,
        old_effort.slug,
    }
    assert slugs_since(client, "official", since) == {changed_official.slug}
    assert slugs_since(client, "election", since) == {changed_election.slug}
    assert slugs_since(client, "article", since) == {changed_article.slug}
    assert slugs_since(client, "effort", timezone.now()) == set()
    assert old_official.slug not in slugs_since(client, "official", since)
    assert old_election.slug not in slugs_since(client, "election", since)
    assert old_article.slug not in slugs_since(client, "article", since)


def test_modified_since_combines_with_filters_and_takes_dates(client, db):
    recalled = RecallEffortFactory(status=EffortStatus.RECALLED)
    RecallEffortFactory(status=EffortStatus.CIRCULATING)
    yesterday = (timezone.now() - dt.timedelta(days=1)).date().isoformat()
    assert api_slugs(client, "effort", f"?modified_since={yesterday}&status=recalled") == [
        recalled.slug
    ]
    response = client.get(reverse("api:effort-list") + "?modified_since=last-tuesday")
    assert response.status_code == 400
    assert "modified_since" in response.json()


# -- Rate limit -------------------------------------------------------------------------------


def test_anonymous_clients_are_rate_limited(client, db, settings):
    settings.API_ANON_RATE = "3/minute"
    settings.PAGE_CACHE = False
    for _ in range(3):
        assert client.get(reverse("api:effort-list")).status_code == 200
    limited = client.get(reverse("api:effort-list"))
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0


# -- Query counts -----------------------------------------------------------------------------


def rich_effort():
    official = OfficialFactory()
    effort = RecallEffortFactory(targets=[official, OfficialFactory()])
    CitationFactory(subject=effort, quote=QUOTE)
    CitationFactory(subject=TimelineEventFactory(effort=effort), quote=QUOTE)
    CitationFactory(subject=ParticipantFactory(effort=effort), quote=QUOTE)
    contest = ContestFactory(effort=effort, office=effort.office)
    CitationFactory(subject=contest, quote=QUOTE)
    CitationFactory(subject=CandidacyFactory(contest=contest), quote=QUOTE)
    CitationFactory(subject=TenureFactory(official=official), quote=QUOTE)
    EffortMentionFactory(effort=effort)
    return effort, official, contest


@pytest.mark.parametrize("size", [1, 50])
def test_api_list_query_counts_do_not_grow(
    client, django_assert_num_queries, warm_content_types, size
):
    for _ in range(size):
        rich_effort()
    # effort: +1 its signature series (the current figures), +3 the dated facts behind each
    # status (reported_as_of, is_stale), +1 the page's ids, read on their own (each record is
    # cached: api/views.py).
    lists = {"effort": 9, "official": 3, "election": 2, "article": 2}
    for name, queries in lists.items():
        with django_assert_num_queries(queries):
            response = client.get(reverse(f"api:{name}-list") + "?page_size=100")
        assert response.json()["count"] >= size


@pytest.mark.parametrize("size", [1, 50])
def test_api_detail_query_counts_do_not_grow(
    client, django_assert_num_queries, warm_content_types, size
):
    efforts = [rich_effort() for _ in range(size)]
    effort, official, contest = efforts[0]
    for _ in range(size):
        rich_effort_extra = ContestFactory(effort=effort, office=effort.office)
        CitationFactory(subject=rich_effort_extra, quote=QUOTE)
        TimelineEventFactory(effort=effort)
        TenureFactory(official=official)
    article = effort.citations.first().article
    for _ in range(size):
        CitationFactory(subject=ParticipantFactory(), article=article, quote=QUOTE)
    details = [
        ("effort", effort.slug, 14),  # +2 the signature series and its citations, +1 legal inputs
        ("official", official.slug, 11),  # +3 the dated facts behind its efforts' statuses
        ("election", contest.election.slug, 8),  # +1 the contests' reported counts
        ("article", article.slug, 5),
    ]
    for name, slug, queries in details:
        with django_assert_num_queries(queries):
            response = client.get(reverse(f"api:{name}-detail", args=[slug]))
        assert response.status_code == 200


def test_articles_of_one_effort_are_its_cited_and_confirmed_sources(client):
    effort = RecallEffortFactory()
    mentioned = EffortMentionFactory(effort=effort).article
    cited = CitationFactory(subject=TimelineEventFactory(effort=effort)).article
    EffortMentionFactory(effort=effort, status="suggested")  # not reviewed: not a source
    ArticleFactory()  # about something else
    expected = {mentioned.slug, cited.slug}
    assert set(api_slugs(client, "article", f"?effort={effort.slug}")) == expected
    assert set(page_slugs(client, "articles:article_list", f"?effort={effort.slug}")) == expected


def test_effort_records_are_cached_and_an_edit_is_in_the_next_answer(client, settings):
    settings.PAGE_CACHE = False  # the API's own render path: what follows an edit
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    effort, official, _ = rich_effort()
    url = reverse("api:effort-list")
    client.get(url)
    with CaptureQueriesContext(connection) as again:
        first = client.get(url).json()
    sql = " ".join(q["sql"] for q in again.captured_queries)
    assert '"recalls_recalleffort"."slug"' not in sql  # no effort row loaded
    (record,) = [r for r in first["results"] if r["slug"] == effort.slug]
    official.name = "Renamed Official"
    official.save()
    effort.title = "A new title"
    effort.save()
    (record,) = [r for r in client.get(url).json()["results"] if r["slug"] == effort.slug]
    assert record["title"] == "A new title"
    assert "Renamed Official" in [target["name"] for target in record["targets"]]
    # Another host gets its own URLs, not the first host's.
    other = client.get(url, HTTP_HOST="other.example").json()
    assert all(r["url"].startswith("http://other.example/") for r in other["results"])
