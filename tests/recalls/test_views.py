"""The public recall pages: what a reader sees, filters, pagination and query counts."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from recalls.models import (
    CandidacyStatus,
    ContestKind,
    EffortStatus,
    OfficeCategory,
    ParticipantRole,
    RecallOutcome,
)
from tests.factories import (
    ArticleFactory,
    CandidacyFactory,
    CitationFactory,
    ConfirmedMentionFactory,
    ContestFactory,
    EffortMentionFactory,
    ElectionFactory,
    JurisdictionFactory,
    OfficeFactory,
    OfficialFactory,
    ParticipantFactory,
    RecallEffortFactory,
    TenureFactory,
    TimelineEventFactory,
)

pytestmark = pytest.mark.django_db

QUOTE = "Volunteers are collecting signatures."


def text(response) -> str:
    """The page's visible text, tags removed and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def cite(subject, **kwargs):
    return CitationFactory(subject=subject, quote=QUOTE, **kwargs)


def rich_effort(size: int, status=EffortStatus.RECALLED, **kwargs):
    """An effort with ``size`` of everything a detail page shows."""
    office = OfficeFactory()
    targets = OfficialFactory.create_batch(size)
    effort = RecallEffortFactory(
        office=office, targets=targets, signatures_required=100, status=status, **kwargs
    )
    cite(effort, field="signatures_required")
    for day in range(size):
        event = TimelineEventFactory(
            effort=effort, date_on=dt.date(2021, 1, 1) + dt.timedelta(days=day)
        )
        cite(event)
    last = TimelineEventFactory(
        effort=effort, date_on=dt.date(2022, 6, 7), status=EffortStatus.RECALLED
    )
    cite(last)
    for _ in range(size):
        cite(ParticipantFactory(effort=effort))
        contest = ContestFactory(effort=effort, office=office, yes_votes=60, no_votes=40)
        cite(contest)
        cite(CandidacyFactory(contest=contest))
        EffortMentionFactory(effort=effort)
    return effort


# -- Home ---------------------------------------------------------------------------------


def test_home_shows_active_efforts_elections_updates_and_articles(client):
    active = RecallEffortFactory(title="Recall of Active Person", status=EffortStatus.CIRCULATING)
    RecallEffortFactory(title="Recall of Ended Person", status=EffortStatus.RECALLED)
    ElectionFactory(name="Future special election", date_on=dt.date(2099, 3, 1), date_precision=6)
    TimelineEventFactory(effort=active, description="Petitions went out.")
    ArticleFactory(title="Newest recall report")

    page = text(client.get("/"))

    assert "Recall of Active Person" in page
    assert "Recall of Ended Person" not in page.split("Latest updates")[0]
    assert "Future special election" in page
    assert "Petitions went out." in page
    assert "Newest recall report" in page


@pytest.mark.parametrize("size", [1, 50])
def test_home_query_count_does_not_grow(client, django_assert_num_queries, size):
    for _ in range(size):
        effort = rich_effort(1, status=EffortStatus.CIRCULATING)
        ElectionFactory(date_on=dt.date(2099, 1, 1), date_precision=6)
        ArticleFactory()
        assert effort
    # On a day when the efforts are active (recalls/staleness.py): their dated facts are
    # three queries, and the count of efforts whose outcome is not reported one more.
    with (
        time_machine.travel(dt.datetime(2022, 7, 1, tzinfo=dt.UTC)),
        django_assert_num_queries(10),
    ):
        response = client.get("/")
    assert len(response.context["active_efforts"]) == min(size, 12)


# -- Effort list --------------------------------------------------------------------------


@pytest.fixture
def efforts():
    ca = JurisdictionFactory(name="San Francisco", slug="san-francisco", state="CA")
    il = JurisdictionFactory(name="Cook County", slug="cook-county", state="IL")
    gascon = OfficialFactory(name="George Gascón", aliases=["Gascon", "Mr. Gascón"])
    return {
        "boudin": RecallEffortFactory(
            title="Recall of Chesa Boudin",
            office=OfficeFactory(jurisdiction=ca),
            status=EffortStatus.RECALLED,
            started_on=dt.date(2021, 3, 1),
            started_precision=2,
        ),
        "gascon": RecallEffortFactory(
            title="Second recall of the Los Angeles DA",
            targets=[gascon],
            office=OfficeFactory(jurisdiction=JurisdictionFactory(name="Los Angeles County")),
            status=EffortStatus.FULL_COUNT,
            started_on=dt.date(2021, 12, 1),
            started_precision=2,
            deadline_on=dt.date(2022, 7, 6),
            deadline_precision=6,
        ),
        "foxx": RecallEffortFactory(
            title="Removal of the Cook County prosecutor",
            office=OfficeFactory(jurisdiction=il),
            status=EffortStatus.ABANDONED,
            kind="other_removal",
        ),
        "board": RecallEffortFactory(
            title="Recall of three school board members",
            office=OfficeFactory(
                jurisdiction=ca, category=OfficeCategory.SCHOOL_BOARD, title="Board"
            ),
            status=EffortStatus.RECALLED,
            started_on=dt.date(2021, 1, 1),
            started_precision=1,
        ),
    }


def titles(response) -> list[str]:
    return [effort.title for effort in response.context["object_list"]]


def test_effort_list_shows_every_effort_with_its_status(client, efforts):
    response = client.get(reverse("recalls:effort_list"))
    assert response.status_code == 200
    assert len(titles(response)) == 4
    page = text(response)
    assert "full count of signatures" in page
    assert "4 efforts" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=recalled", {"boudin", "board"}),
        ("status=recalled&status=abandoned", {"boudin", "board", "foxx"}),
        ("state=IL", {"foxx"}),
        ("category=school_board", {"board"}),
        ("year=2021", {"boudin", "gascon", "board"}),
        ("outcome=abandoned", {"foxx"}),
        ("kind=other_removal", {"foxx"}),
        ("q=boudin", {"boudin"}),
        ("q=GASCON", {"gascon"}),  # an accent-free alias, any case
        ("q=gascón", {"gascon"}),  # the accented name
        ("q=san+francisco", {"boudin", "board"}),  # the jurisdiction
        ("status=recalled&state=CA&category=prosecutor&year=2021", {"boudin"}),
        ("status=recalled&state=IL", set()),
    ],
)
def test_effort_list_filters_combine(client, efforts, query, expected):
    response = client.get(f"{reverse('recalls:effort_list')}?{query}")
    assert response.status_code == 200
    assert set(titles(response)) == {efforts[key].title for key in expected}


def test_effort_list_counts_each_status_under_the_other_filters(client, efforts):
    response = client.get(reverse("recalls:effort_list") + "?state=CA&status=recalled")
    facets = {facet["value"]: facet for facet in response.context["status_facets"]}
    assert facets["recalled"]["count"] == 2
    assert facets["recalled"]["checked"]
    assert "abandoned" not in facets  # the abandoned effort is in Illinois: no empty choice
    assert 'value="recalled" checked' in response.content.decode()


@pytest.mark.parametrize(
    ("sort", "first"),
    [("newest", "gascon"), ("name", "boudin"), ("deadline", "gascon")],
)
def test_effort_list_sorts(client, efforts, sort, first):
    response = client.get(reverse("recalls:effort_list") + f"?sort={sort}")
    assert titles(response)[0] == efforts[first].title


def test_effort_list_empty_state_says_what_to_change(client, efforts):
    page = text(client.get(reverse("recalls:effort_list") + "?status=recalled&state=IL"))
    assert "No effort matches these filters" in page
    assert "Try removing a status" in page


def test_effort_list_paginates_and_keeps_the_filters(client):
    RecallEffortFactory.create_batch(25, status=EffortStatus.RECALLED)
    RecallEffortFactory.create_batch(3, status=EffortStatus.CIRCULATING)
    url = reverse("recalls:effort_list") + "?status=recalled&sort=name"
    first = client.get(url)
    assert len(titles(first)) == 20
    assert 'href="?status=recalled&amp;sort=name&amp;page=2"' in first.content.decode()
    second = client.get(url + "&page=2")
    assert len(titles(second)) == 5
    assert "Page 2 of 2" in text(second)


def test_effort_list_with_an_unreadable_filter_is_empty_and_says_so(client, efforts):
    response = client.get(reverse("recalls:effort_list") + "?year=abc")
    assert response.status_code == 200
    assert "Some filters could not be read" in text(response)


@pytest.mark.parametrize("size", [1, 50])
def test_effort_list_query_count_does_not_grow(client, django_assert_num_queries, size):
    for _ in range(size):
        rich_effort(1)
    with django_assert_num_queries(8):  # 3 for the dated facts behind each status
        client.get(reverse("recalls:effort_list") + "?status=recalled&q=recall")


# -- Effort page --------------------------------------------------------------------------


@pytest.fixture
def boudin():
    sf = JurisdictionFactory(name="San Francisco", slug="san-francisco")
    office = OfficeFactory(jurisdiction=sf, title="District Attorney")
    chesa = OfficialFactory(name="Chesa Boudin", slug="chesa-boudin")
    article = ArticleFactory(
        title="Boudin recalled",
        body="Voters recalled him in June.\n\nVolunteers are collecting signatures.",
    )
    effort = RecallEffortFactory(
        title="Recall of Chesa Boudin",
        slug="recall-chesa-boudin",
        office=office,
        targets=[chesa],
        signatures_required=53000,
        signatures_submitted=80000,
        signatures_submitted_approximate=True,
        summary="A recall of the district attorney.",
    )
    cite(effort, field="signatures_required", article=article)
    circulating = TimelineEventFactory(
        effort=effort,
        date_on=dt.date(2021, 4, 1),
        date_precision=2,
        status=EffortStatus.CIRCULATING,
        description="Signature gathering began.",
    )
    cite(circulating, article=article)
    recalled = TimelineEventFactory(
        effort=effort,
        date_on=dt.date(2022, 6, 1),
        date_precision=2,
        status=EffortStatus.RECALLED,
        description="Voters recalled Boudin.",
    )
    source = CitationFactory(
        subject=recalled, article=article, quote="Voters recalled him in June."
    )
    TimelineEventFactory(
        effort=effort,
        date_on=dt.date(2021, 10, 21),
        date_precision=5,
        date_approximate=True,
        date_note="“by late October”.",
        description="Signatures were counted.",
    )
    effort.status = EffortStatus.RECALLED
    effort.save()
    ParticipantFactory(effort=effort, name="Mary Jung", role=ParticipantRole.PROPONENT)
    ParticipantFactory(effort=effort, name="Richie Greenberg", role=ParticipantRole.PROPONENT)
    ParticipantFactory(effort=effort, name="A big funder", role=ParticipantRole.FUNDER)
    election = ElectionFactory(name="June 2022 primary", slug="june-2022", jurisdiction=sf)
    ContestFactory(
        election=election,
        office=office,
        effort=effort,
        kind=ContestKind.RECALL_QUESTION,
        yes_votes=122_000,
        no_votes=99_000,
        outcome=RecallOutcome.RECALLED,
    )
    EffortMentionFactory(effort=effort, article=ArticleFactory(title="A confirmed mention"))
    EffortMentionFactory(
        effort=effort, article=ArticleFactory(title="An unreviewed mention"), status="suggested"
    )
    effort.source = source
    return effort


def test_effort_page_shows_target_office_and_status_with_its_source(client, boudin):
    response = client.get(reverse("recalls:effort_detail", args=[boudin.slug]))
    assert response.status_code == 200
    page = text(response)
    assert "Targets Chesa Boudin , District Attorney of San Francisco, CA" in page
    assert f"Recalled as of June 2022, per {boudin.source.article.outlet.name}" in page
    html = response.content.decode()
    assert f'href="/articles/{boudin.source.article.slug}/#quote-{boudin.source.pk}"' in html
    assert "<title>Recall of Chesa Boudin · Recall tracker</title>" in html


def test_effort_page_shows_the_path_the_effort_took(client, boudin):
    steps = client.get(boudin.get_absolute_url()).context
    page = text(client.get(boudin.get_absolute_url()))
    assert "Circulating reached April 2021" in page
    assert "Submitted passed (not reported)" in page
    assert "Recalled reached June 2022" in page
    assert steps


def test_effort_page_marks_a_dead_end(client):
    effort = RecallEffortFactory(status=EffortStatus.FAILED_TO_QUALIFY)
    TimelineEventFactory(effort=effort, status=EffortStatus.SUBMITTED, date_on=dt.date(2021, 1, 5))
    TimelineEventFactory(
        effort=effort, status=EffortStatus.FAILED_TO_QUALIFY, date_on=dt.date(2021, 3, 5)
    )
    page = text(client.get(effort.get_absolute_url()))
    assert (
        "Verification passed (not reported) § 11224, § 9115 "
        "Failed to qualify the effort ended here 5 March 2021" in page
    )
    assert "Qualified never reached" in page


def test_effort_page_shows_signatures_over_the_requirement_honestly(client, boudin):
    response = client.get(boudin.get_absolute_url())
    page = text(response)
    assert "Required 53,000" in page
    assert "Submitted about 80,000" in page
    assert "Valid not reported" in page
    assert "Submitted: 151% of the requirement" in page
    html = response.content.decode()
    # The bar is drawn to scale: 100% sits at 53,000/80,000 of the width, not at the end.
    assert 'x1="66.25"' in html
    assert 'width="100.00"' in html


def test_effort_page_timeline_has_honest_dates_and_numbered_citations(client, boudin):
    response = client.get(boudin.get_absolute_url())
    page = text(response)
    assert "late October 2021 (approx.)" in page
    assert "Date: “by late October”." in page
    numbers = re.findall(r"Source \[(\d+)\]", page)
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert len(numbers) == 3
    assert "Voters recalled him in June." in page


def test_effort_page_shows_results_participants_and_confirmed_articles(client, boudin):
    page = text(client.get(boudin.get_absolute_url()))
    assert "Yes (recall) 122,000 55.2%" in page
    assert "No (keep) 99,000 44.8%" in page
    assert "Outcome: recalled" in page
    assert "Proponent / leader Mary Jung Richie Greenberg Funder A big funder" in page
    assert "A confirmed mention" in page
    assert "An unreviewed mention" not in page
    assert "Boudin recalled" in page.split("Sources")[-1]  # cited articles are sources too


def test_unknown_effort_is_a_friendly_404(client):
    response = client.get("/recalls/no-such-recall/")
    assert response.status_code == 404
    assert "Page not found" in text(response)


@pytest.mark.parametrize("size", [1, 50])
def test_effort_page_query_count_does_not_grow(client, django_assert_num_queries, size):
    effort = rich_effort(size)
    with django_assert_num_queries(14):
        response = client.get(effort.get_absolute_url())
    assert len(re.findall(r"Source \[\d+\]", text(response))) == 4 * size + 2


# -- Officials ----------------------------------------------------------------------------


def test_official_page_shows_offices_efforts_elections_and_confirmed_articles(client, boudin):
    chesa = boudin.targets.get()
    TenureFactory(
        official=chesa, office=boudin.office, started_on=dt.date(2020, 1, 1), started_precision=1
    )
    CandidacyFactory(official=chesa, status=CandidacyStatus.WITHDRAWN)
    ConfirmedMentionFactory(official=chesa, article=ArticleFactory(title="Boudin profile"))
    ConfirmedMentionFactory(
        official=chesa, article=ArticleFactory(title="Unreviewed profile"), status="suggested"
    )
    page = text(client.get(chesa.get_absolute_url()))
    assert "District Attorney , San Francisco, CA — 2020 to end unknown" in page
    assert "Recall of Chesa Boudin recalled" in page
    assert "withdrew" in page
    assert "Boudin profile" in page
    assert "Unreviewed profile" not in page


def test_official_list_filters(client, boudin):
    OfficialFactory(name="Someone Else")
    TenureFactory(official=boudin.targets.get(), office=boudin.office)
    response = client.get(reverse("recalls:official_list") + "?targeted=true&state=CA")
    assert [o.name for o in response.context["object_list"]] == ["Chesa Boudin"]
    response = client.get(reverse("recalls:official_list") + "?q=someone")
    assert [o.name for o in response.context["object_list"]] == ["Someone Else"]


@pytest.mark.parametrize("size", [1, 50])
def test_official_pages_query_count_does_not_grow(client, django_assert_num_queries, size):
    official = OfficialFactory()
    for _ in range(size):
        cite(TenureFactory(official=official))
        RecallEffortFactory(targets=[official])
        CandidacyFactory(official=official)
        ParticipantFactory(official=official, name="")
        ConfirmedMentionFactory(official=official)
        OfficialFactory()
    with django_assert_num_queries(10):  # +2: the efforts' dated facts
        client.get(official.get_absolute_url())
    with django_assert_num_queries(3):
        client.get(reverse("recalls:official_list") + "?q=pat")


def test_unknown_official_is_404(client):
    assert client.get("/officials/nobody/").status_code == 404


# -- Elections ----------------------------------------------------------------------------


def test_election_page_shows_contests_candidacies_and_results(client):
    election = ElectionFactory(
        name="Los Angeles primary", date_on=dt.date(2022, 6, 7), date_precision=6
    )
    race = ContestFactory(election=election, kind=ContestKind.CANDIDATE, name="Mayor")
    CandidacyFactory(
        contest=race,
        official=OfficialFactory(name="Rick Caruso"),
        status=CandidacyStatus.ADVANCED,
        votes=10,
    )
    CandidacyFactory(
        contest=race,
        official=OfficialFactory(name="Joe Buscaino"),
        status=CandidacyStatus.WITHDRAWN,
    )
    ContestFactory(
        election=election,
        name="Shall X be recalled?",
        yes_votes=40,
        no_votes=60,
        outcome=RecallOutcome.RETAINED,
    )
    page = text(client.get(election.get_absolute_url()))
    assert "7 June 2022" in page
    assert "Rick Caruso" in page and "Advanced to runoff" in page
    assert "Joe Buscaino Withdrew" in page.replace(" — ", " ").replace("  ", " ")
    assert "Yes (recall) 40 40.0%" in page
    assert "Outcome: retained" in page


def test_election_list_filters_and_404(client):
    ElectionFactory(
        name="Recall vote", kind="recall", date_on=dt.date(2021, 9, 14), date_precision=6
    )
    ElectionFactory(
        name="General vote", kind="general", date_on=dt.date(2022, 11, 8), date_precision=6
    )
    response = client.get(reverse("recalls:election_list") + "?kind=general&year=2022")
    assert [e.name for e in response.context["object_list"]] == ["General vote"]
    assert client.get("/elections/nope/").status_code == 404


@pytest.mark.parametrize("size", [1, 50])
def test_election_pages_query_count_does_not_grow(client, django_assert_num_queries, size):
    election = ElectionFactory()
    cite(election)
    for _ in range(size):
        contest = ContestFactory(election=election, effort=RecallEffortFactory())
        cite(contest)
        cite(CandidacyFactory(contest=contest))
        cite(TimelineEventFactory(effort=None, election=election))
        ElectionFactory()
    with django_assert_num_queries(8):
        client.get(election.get_absolute_url())
    with django_assert_num_queries(2):
        client.get(reverse("recalls:election_list") + "?kind=recall")


# -- Search -------------------------------------------------------------------------------


def test_search_ignores_case_and_accents_across_kinds(client, efforts):
    ElectionFactory(name="Gascón recall election")
    ArticleFactory(title="GASCON faces a second recall")
    page = text(client.get(reverse("recalls:search") + "?q=gascon"))
    assert "Second recall of the Los Angeles DA" in page
    assert "George Gascón" in page
    assert "Gascón recall election" in page
    assert "GASCON faces a second recall" in page
    assert "Recall of Chesa Boudin" not in page


def test_search_without_matches_says_what_to_try(client, efforts):
    page = text(client.get(reverse("recalls:search") + "?q=zzzz"))
    assert "Nothing matches “zzzz”" in page


def test_search_query_count(client, efforts, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get(reverse("recalls:search"))
    with django_assert_num_queries(8):
        client.get(reverse("recalls:search") + "?q=recall")


def test_healthz_still_answers(client):
    assert client.get("/healthz").content == b"ok"


def test_filtered_list_titles_say_what_is_shown(client, efforts):
    html = client.get(reverse("recalls:effort_list") + "?status=recalled&state=CA&q=boudin")
    assert "<title>Recall efforts: “boudin”, recalled, California · Recall tracker</title>" in (
        html.content.decode()
    )
    plain = client.get(reverse("recalls:effort_list")).content.decode()
    assert "<title>Recall efforts · Recall tracker</title>" in plain


def test_effort_page_lists_the_newest_sources_and_links_to_all(client):
    from recalls.views import SOURCES_SHOWN

    effort = RecallEffortFactory()
    mentions = EffortMentionFactory.create_batch(SOURCES_SHOWN + 3, effort=effort)
    page = text(client.get(effort.get_absolute_url())).split("Sources")[-1]
    shown = [m.article.title for m in mentions if m.article.title in page]
    assert len(shown) == SOURCES_SHOWN
    html = client.get(effort.get_absolute_url()).content.decode()
    link = f"{reverse('articles:article_list')}?effort={effort.slug}"
    assert f'href="{link}"' in html
    everything = client.get(link)
    assert f"{SOURCES_SHOWN + 3} articles" in text(everything)
    assert f"{SOURCES_SHOWN + 3} articles on {effort.title}" in text(everything)
    unknown = client.get(f"{link}-no-such-effort")
    assert unknown.status_code == 200
    assert "No article matches these filters." in text(unknown)


def test_effort_page_with_few_sources_has_no_all_sources_link(client):
    effort = RecallEffortFactory()
    EffortMentionFactory(effort=effort)
    assert "?effort=" not in client.get(effort.get_absolute_url()).content.decode()
