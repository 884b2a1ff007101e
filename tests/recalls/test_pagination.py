"""DeferredJoinPaginator gives the same pages as Django's Paginator, in one query a page."""

import pytest
from django.core.paginator import Paginator

from core.pagination import DeferredJoinPaginator
from recalls.models import RecallEffort
from tests.factories import RecallEffortFactory

pytestmark = pytest.mark.django_db


def titles(page) -> list[str]:
    return [effort.title for effort in page.object_list]


@pytest.mark.parametrize("orphans", [0, 2])
def test_every_page_matches_the_plain_paginator(orphans):
    RecallEffortFactory.create_batch(23)
    efforts = RecallEffort.objects.for_list().sorted_by("newest")
    plain = Paginator(efforts, 5, orphans=orphans)
    deferred = DeferredJoinPaginator(efforts, 5, orphans=orphans)
    assert deferred.num_pages == plain.num_pages
    for number in plain.page_range:
        assert titles(deferred.page(number)) == titles(plain.page(number))


def test_a_page_is_one_query_plus_its_prefetches(django_assert_num_queries):
    RecallEffortFactory.create_batch(7)
    paginator = DeferredJoinPaginator(RecallEffort.objects.for_list().sorted_by("name"), 3)
    paginator.count  # noqa: B018 - the count is its own query
    # The page's efforts, then targets and contests, and the dated facts behind each status
    # (citations and events; these efforts have no event citations).
    with django_assert_num_queries(5):
        assert len(titles(paginator.page(3))) == 1


def test_a_distinct_list_falls_back_to_offset():
    RecallEffortFactory.create_batch(4)
    efforts = RecallEffort.objects.order_by("title").distinct()
    page = DeferredJoinPaginator(efforts, 3).page(2)
    assert titles(page) == [RecallEffort.objects.order_by("title").last().title]
