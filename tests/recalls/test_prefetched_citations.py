"""Prefetched citations (core/relations.py defers their per-object filter): each object still
gets exactly its own rows, from the prefetch, and a further query on them still filters."""

import pytest
from django.db.models import Prefetch

from articles.models import Citation
from recalls.models import RecallEffort
from tests.factories import CitationFactory, RecallEffortFactory

pytestmark = pytest.mark.django_db


def test_each_effort_gets_its_own_citations_without_more_queries(django_assert_num_queries):
    first, second, bare = RecallEffortFactory.create_batch(3)
    mine = CitationFactory.create_batch(2, subject=first)
    theirs = CitationFactory(subject=second)
    with django_assert_num_queries(2):
        efforts = list(
            RecallEffort.objects.filter(pk__in=[first.pk, second.pk, bare.pk])
            .order_by("pk")
            .prefetch_related(Prefetch("citations", queryset=Citation.objects.order_by("pk")))
        )
        cited = [list(effort.citations.all()) for effort in efforts]
        counts = [effort.citations.count() for effort in efforts]
    assert cited == [mine, [theirs], []]
    assert counts == [2, 1, 0]
    # Querying further runs SQL with the effort's own filter, not the other efforts' rows.
    assert list(efforts[0].citations.filter(pk=theirs.pk)) == []
    assert list(efforts[1].citations.exclude(pk=mine[0].pk)) == [theirs]


def test_unprefetched_citations_filter_as_before():
    effort = RecallEffortFactory()
    cited = CitationFactory(subject=effort)
    CitationFactory()
    assert list(effort.citations.all()) == [cited]
    assert effort.citations.filter(article=cited.article).count() == 1
