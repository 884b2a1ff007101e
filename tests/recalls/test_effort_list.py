"""The effort list: filters, counts, sorting, pagination, titles and its query count."""

import pytest
from django.urls import reverse

from ops.query_budget import PAGE_QUERIES
from recalls.models import (
    EffortStatus,
)
from tests.factories import (
    RecallEffortFactory,
)
from tests.recalls.pages import rich_effort, text, titles

pytestmark = pytest.mark.django_db


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
    with django_assert_num_queries(PAGE_QUERIES["effort_list"]):
        client.get(reverse("recalls:effort_list") + "?status=recalled&q=recall")


def test_filtered_list_titles_say_what_is_shown(client, efforts):
    html = client.get(reverse("recalls:effort_list") + "?status=recalled&state=CA&q=boudin")
    assert "<title>Recall efforts: “boudin”, recalled, California · Recall tracker</title>" in (
        html.content.decode()
    )
    plain = client.get(reverse("recalls:effort_list")).content.decode()
    assert "<title>Recall efforts · Recall tracker</title>" in plain
