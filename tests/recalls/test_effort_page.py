"""The effort page: status and its source, path, signatures, timeline, results, sources."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from ops.query_budget import PAGE_QUERIES
from recalls.models import (
    EffortStatus,
)
from tests.factories import (
    EffortMentionFactory,
    RecallEffortFactory,
    TimelineEventFactory,
)
from tests.recalls.pages import rich_effort, text

pytestmark = pytest.mark.django_db


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
    page = text(client.get(boudin.get_absolute_url()))
    steps = [
        "Circulating reached April 2021",
        "Submitted passed (not reported)",
        "Recalled reached June 2022",
    ]
    assert all(step in page for step in steps), page
    assert sorted(steps, key=page.index) == steps  # in the order the effort took them


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
    assert "Submitted (raw count): 151% of the requirement" in page
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
    with django_assert_num_queries(PAGE_QUERIES["effort_detail"]):
        response = client.get(effort.get_absolute_url())
    assert len(re.findall(r"Source \[\d+\]", text(response))) == 5 * size + 2


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
