"""The search page: across kinds, ignoring case and accents; what to try; its query count."""

import pytest
from django.urls import reverse

from ops.query_budget import PAGE_QUERIES
from tests.factories import (
    ArticleFactory,
    ElectionFactory,
)
from tests.recalls.pages import text

pytestmark = pytest.mark.django_db


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
    with django_assert_num_queries(PAGE_QUERIES["search"]):
        client.get(reverse("recalls:search") + "?q=recall")
