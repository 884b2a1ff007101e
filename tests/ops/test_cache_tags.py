"""Scoped invalidation: an edit makes stale exactly the cached pages that show what it
changed, on every page type, and leaves the rest of the site cached."""

import datetime as dt
import io
import json
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command

from articles.models import Article, Mention
from ops.cache_tags import page_tags, recording
from ops.caching import CLOCK_SKEW, page_key
from recalls.models import ContestKind, Official, RecallEffort
from tests.factories import (
    ArticleFactory,
    CandidacyFactory,
    CitationFactory,
    ContestFactory,
    DatedElectionFactory,
    EffortMentionFactory,
    JurisdictionFactory,
    OfficeFactory,
    OfficialFactory,
    OutletFactory,
    ParticipantFactory,
    RecallEffortFactory,
    TenureFactory,
    TimelineEventFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    """An effort with its target, event, election and article; and an unrelated effort
    in another state with its own official and article."""
    target = OfficialFactory(name="Alexandra Target", slug="alexandra-target")
    office = OfficeFactory(jurisdiction=JurisdictionFactory(name="Springfield", state="CA"))
    effort = RecallEffortFactory(
        title="Recall of Alexandra Target", slug="recall-alexandra", office=office
    )
    effort.targets.set([target])
    TenureFactory(official=target, office=office)
    event = TimelineEventFactory(
        effort=effort, description="Petition filed downtown", date_on=dt.date.today()
    )
    election = DatedElectionFactory(name="Springfield recall vote", slug="springfield-vote")
    contest = ContestFactory(election=election, effort=effort, office=office)
    CandidacyFactory(
        contest=ContestFactory(election=election, kind=ContestKind.CANDIDATE, office=office),
        official=target,
    )
    article = ArticleFactory(title="Springfield petition news", slug="springfield-news")
    EffortMentionFactory(article=article, effort=effort)
    cited_article = ArticleFactory(
        title="Springfield clerk report", body="The clerk received the petition downtown."
    )
    CitationFactory(subject=event, article=cited_article, quote="received the petition")
    other_official = OfficialFactory(name="Bartholomew Other", slug="bartholomew-other")
    other = RecallEffortFactory(
        title="Recall of Bartholomew Other",
        slug="recall-bartholomew",
        office=OfficeFactory(jurisdiction=JurisdictionFactory(name="Albany", state="NY")),
    )
    other.targets.set([other_official])
    other_article = ArticleFactory(title="Albany council news", slug="albany-news")
    other_participant = ParticipantFactory(effort=other, name="Albany campaigner")
    # A page rendered within CLOCK_SKEW of a change is stored only as a stale copy.
    time.sleep(2 * CLOCK_SKEW)
    return locals()


def rename(obj, field, value):
    setattr(obj, field, value)
    obj.save()


EDITS = {
    "effort": lambda w: rename(w["effort"], "title", "Recall of Alexandra Renamed"),
    "target": lambda w: rename(w["target"], "name", "Alexandra Renamed"),
    "event": lambda w: rename(w["event"], "description", "Petition Renamed downtown"),
    "election": lambda w: rename(w["election"], "name", "Springfield Renamed vote"),
    "article": lambda w: rename(w["article"], "title", "Springfield Renamed news"),
    "cited article": lambda w: rename(w["cited_article"], "title", "Springfield Renamed report"),
    "other effort": lambda w: rename(w["other"], "title", "Recall of Bartholomew Again"),
    "other official": lambda w: rename(w["other_official"], "bio", "A new biography."),
    "other participant": lambda w: rename(w["other_participant"], "name", "Albany someone"),
    "other article": lambda w: rename(w["other_article"], "title", "Albany council again"),
}

# (url, edit it shows, an edit it does not show)
PAGES = [
    ("/recalls/recall-alexandra/", "target", "other effort"),
    ("/recalls/recall-alexandra/", "event", "other article"),
    ("/recalls/recall-alexandra/", "article", "other official"),
    ("/recalls/recall-alexandra/", "cited article", "other article"),
    ("/feeds/recalls/recall-alexandra/", "cited article", "other article"),
    ("/officials/alexandra-target/", "target", "other effort"),
    ("/officials/alexandra-target/", "effort", "other article"),
    ("/elections/springfield-vote/", "target", "other effort"),
    ("/elections/springfield-vote/", "election", "other official"),
    ("/articles/springfield-news/", "article", "other effort"),
    ("/feeds/recalls/recall-alexandra/", "event", "other effort"),
    ("/feeds/officials/alexandra-target/", "event", "other effort"),
    ("/recalls/recall-alexandra/calendar.ics", "election", "other effort"),
    ("/api/efforts/recall-alexandra/", "effort", "other effort"),
    ("/api/officials/alexandra-target/", "target", "other effort"),
    ("/api/elections/springfield-vote/", "election", "other effort"),
    ("/api/articles/springfield-news/", "article", "other article"),
    ("/", "effort", "other participant"),
    ("/recalls/", "target", "other participant"),
    ("/officials/", "target", "other article"),
    ("/elections/", "election", "other article"),
    ("/articles/", "article", "other official"),
    ("/search/?q=springfield", "article", "other participant"),
    ("/feeds/updates/", "event", "other official"),
    ("/feeds/states/CA/", "event", "other official"),
    ("/calendar.ics", "election", "other participant"),
    ("/api/efforts/", "target", "other participant"),
    ("/api/officials/", "target", "other article"),
    ("/api/elections/", "election", "other article"),
    ("/api/articles/", "article", "other effort"),
]


def text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize(("url", "shown", "unrelated"), PAGES)
def test_an_edit_shows_at_once_where_it_appears_and_nowhere_else(
    client, world, url, shown, unrelated, django_capture_on_commit_callbacks
):
    first = client.get(url)
    assert first.status_code == 200
    assert client.get(url)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        EDITS[unrelated](world)
    kept = client.get(url)
    assert kept["X-Cache"] == "hit", f"{unrelated} made {url} stale"
    assert "Renamed" not in text(kept)
    with django_capture_on_commit_callbacks(execute=True):
        EDITS[shown](world)
    after = client.get(url)
    assert after["X-Cache"] == "miss"
    assert "Renamed" in text(after), f"{shown} not visible on {url}"


@pytest.mark.parametrize(
    ("url", "edit"),
    [
        ("/recalls/export.csv", "effort"),
        ("/officials/export.csv", "target"),
        ("/elections/export.csv", "election"),
    ],
)
def test_csv_exports_show_an_edit_at_once(
    client, world, url, edit, django_capture_on_commit_callbacks
):
    assert "Renamed" not in text(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        EDITS[edit](world)
    after = client.get(url)
    assert after["X-Cache"] == "miss"
    assert "Renamed" in text(after)


def test_stats_count_a_new_effort_and_ignore_a_participant_edit(
    client, world, django_capture_on_commit_callbacks
):
    client.get("/stats/")
    assert client.get("/stats/")["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        EDITS["other participant"](world)
    assert client.get("/stats/")["X-Cache"] == "hit"
    before = text(client.get("/stats/"))
    with django_capture_on_commit_callbacks(execute=True):
        RecallEffortFactory(office=world["office"], title="A third recall")
    after = client.get("/stats/")
    assert after["X-Cache"] == "miss"
    assert text(after) != before


def test_an_import_makes_stale_what_its_articles_touch(
    client, world, tmp_path, settings, django_capture_on_commit_callbacks
):
    """The article lists show the new article at once. The mentions it found are suggestions
    that no public page shows until an editor confirms one: the official's and the effort's
    pages stay cached, and are what an uncached render shows; the confirmation shows."""
    settings.PAGE_NEW_ARTICLE_LAG = 0  # what goes stale at once (the lag: test_caching.py)
    (tmp_path / "one.json").write_text(
        json.dumps(
            {
                "title": "Zanzibar council hears Alexandra Target",
                "body": "Alexandra Target spoke about the recall of Alexandra Target today.",
            }
        ),
        encoding="utf-8",
    )
    urls = ["/articles/", "/officials/alexandra-target/", "/recalls/recall-bartholomew/"]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_articles", str(tmp_path), "--dry-run", stdout=io.StringIO())
    assert [client.get(url)["X-Cache"] for url in urls] == ["hit", "hit", "hit"]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_articles", str(tmp_path), stdout=io.StringIO())
    articles = client.get("/articles/")
    assert articles["X-Cache"] == "miss"
    assert "Zanzibar council hears" in text(articles)
    kept = {url: client.get(url) for url in urls[1:]}
    assert [response["X-Cache"] for response in kept.values()] == ["hit", "hit"]
    settings.PAGE_CACHE = False
    for url, response in kept.items():
        assert text(client.get(url)) == text(response), f"{url} changed but was kept"
    settings.PAGE_CACHE = True
    mention = Mention.objects.get(article__title__startswith="Zanzibar", official__isnull=False)
    mention.status = "confirmed"
    with django_capture_on_commit_callbacks(execute=True):
        mention.save()
    official = client.get(urls[1])
    assert official["X-Cache"] == "miss"
    assert "Zanzibar council hears" in text(official)


def test_an_import_stores_no_version_for_the_rows_it_creates(
    world, tmp_path, django_capture_on_commit_callbacks
):
    """No page can have shown a row before it existed, and none shows a suggested mention
    or an article's outlet differently for a new article: an import bumps no object's tag
    (its articles' outlets', its mentions' officials', the rows' own), only collections."""
    (tmp_path / "one.json").write_text(
        json.dumps(
            {
                "title": "Zanzibar council hears Alexandra Target",
                "outlet": "Zanzibar Courier",
                "body": "Alexandra Target spoke about the recall of Alexandra Target today.",
            }
        ),
        encoding="utf-8",
    )
    official = Official.objects.get(slug="alexandra-target")
    outlet = OutletFactory(name="Zanzibar Courier")
    tags = [
        f"tag:recalls.official:{official.pk}",
        f"tag:articles.outlet:{outlet.pk}",
        "tag:new:articles.article",
    ]
    before = cache.get_many(tags)
    assert before[tags[1]]  # an outlet page would have been rendered with this version
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_articles", str(tmp_path), stdout=io.StringIO())
    article = Article.objects.get(title__startswith="Zanzibar")
    mentions = list(Mention.objects.filter(article=article))
    assert mentions
    assert article.outlet_id == outlet.pk
    after = cache.get_many(tags)
    assert after.get(tags[0]) == before.get(tags[0])
    assert after[tags[1]] == before[tags[1]]
    assert after[tags[2]] != before.get(tags[2])
    own = [f"tag:articles.article:{article.pk}"]
    own += [f"tag:articles.mention:{mention.pk}" for mention in mentions]
    assert cache.get_many(own) == {}


# Collection pages that list articles themselves, and those that show an article only once
# a citation names it (ops/cache_tags.py LISTS_REFERRED).
LIST_ARTICLES = ["/", "/articles/", "/search/?q=zanzibar", "/api/articles/"]
CITE_ARTICLES = [
    "/recalls/",
    "/officials/",
    "/elections/",
    "/feeds/updates/",
    "/feeds/states/CA/",
    "/api/efforts/",
    "/api/officials/",
    "/api/elections/",
    "/recalls/export.csv",
    "/officials/export.csv",
    "/elections/export.csv",
    "/stats/",
]


def test_an_imported_article_makes_stale_the_lists_of_articles_and_not_the_other_lists(
    client, world, tmp_path, settings, django_capture_on_commit_callbacks
):
    """On election night the importer adds articles every second: the effort lists, feeds,
    exports and API lists stay cached, and are exactly what an uncached render shows."""
    settings.PAGE_NEW_ARTICLE_LAG = 0  # what goes stale at once (the lag: test_caching.py)
    (tmp_path / "one.json").write_text(
        json.dumps(
            {
                "title": "Zanzibar council hears Alexandra Target",
                "date": dt.date.today().isoformat(),
                "body": "Alexandra Target spoke about the recall of Alexandra Target today.",
            }
        ),
        encoding="utf-8",
    )
    for url in LIST_ARTICLES + CITE_ARTICLES:
        text(client.get(url))
        assert client.get(url)["X-Cache"] == "hit", url
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_articles", str(tmp_path), stdout=io.StringIO())
    kept = {url: client.get(url) for url in CITE_ARTICLES}
    assert {url: r["X-Cache"] for url, r in kept.items()} == dict.fromkeys(CITE_ARTICLES, "hit")
    settings.PAGE_CACHE = False  # what a reader would see without the cache: the same
    for url, response in kept.items():
        assert text(client.get(url)) == text(response), f"{url} changed but was kept"
    settings.PAGE_CACHE = True
    for url in LIST_ARTICLES:
        response = client.get(url)
        assert response["X-Cache"] == "miss", url
        assert "Zanzibar council hears" in text(response), url


def test_a_detail_page_depends_on_its_records_not_on_each_citation_and_article(
    client, world, django_capture_on_commit_callbacks
):
    """A cached hit reads the version of every tag the page depends on: an effort cited 40
    times must not depend on 80 more rows (an edit of one still shows: PAGES above)."""
    for number in range(40):
        article = ArticleFactory(
            body=f"Report number {number} on the petition.", outlet=world["article"].outlet
        )
        CitationFactory(subject=world["event"], article=article, quote=f"number {number}")
    time.sleep(2 * CLOCK_SKEW)
    client.get("/recalls/recall-alexandra/")
    response = client.get("/recalls/recall-alexandra/")
    assert response["X-Cache"] == "hit"
    tags = cache.get(page_key(response.wsgi_request))[0]
    kinds = {tag.split(":")[0] for tag in tags}
    assert not kinds & {"articles.citation", "articles.mention", "articles.article"}, kinds
    assert len(tags) < 20, sorted(tags)


def test_a_detail_page_is_not_keyed_on_rows_whose_changes_bump_its_records(
    client, world, settings, django_capture_on_commit_callbacks
):
    """An effort page loads the effort's events; every change to an event bumps the effort,
    so the page checks the effort's version and not each event's (a hit reads one version
    per tag), and an event's edit still shows at once."""
    effort = RecallEffort.objects.get(slug="recall-bartholomew")
    event = TimelineEventFactory(effort=effort, description="Signatures handed in at city hall")
    url = effort.get_absolute_url()
    # So that this test's recording sees the page's reads, not the tags its cached parts
    # keep (ops/page_parts.py: the same reduction, done once when they are rendered).
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = False
    with recording() as rec:
        assert "Signatures handed in" in text(client.get(url))
    tags = page_tags("recalls:effort_detail", rec)
    assert f"recalls.recalleffort:{effort.pk}" in tags
    assert f"recalls.timelineevent:{event.pk}" in rec.objects
    assert f"recalls.timelineevent:{event.pk}" not in tags
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = True
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    event.description = "Signatures counted at city hall"
    with django_capture_on_commit_callbacks(execute=True):
        event.save()
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "Signatures counted at city hall" in text(response)
