"""/stats/: counts equal counts made here; charts are accessible SVG beside data tables."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from recalls.models import EffortStatus, OfficeCategory, RecallEffort
from tests.factories import (
    JurisdictionFactory,
    OfficeFactory,
    OfficialFactory,
    RecallEffortFactory,
    TimelineEventFactory,
)

pytestmark = pytest.mark.django_db


def table(response, slug) -> dict[str, tuple[int, int]]:
    """The page's numbers for one dimension: label → (efforts, officials)."""
    for dimension, _chart in response.context["sections"]:
        if dimension.slug == slug:
            return {row.label: (row.efforts, row.officials) for row in dimension.rows}
    raise AssertionError(slug)


@pytest.fixture
def efforts():
    ca = OfficeFactory(
        category=OfficeCategory.PROSECUTOR, jurisdiction=JurisdictionFactory(state="CA")
    )
    board = OfficeFactory(
        category=OfficeCategory.SCHOOL_BOARD, jurisdiction=JurisdictionFactory(state="CA")
    )
    ny = OfficeFactory(
        category=OfficeCategory.EXECUTIVE, jurisdiction=JurisdictionFactory(state="NY")
    )
    twice = OfficialFactory()
    RecallEffortFactory(
        office=ca, targets=[twice], status=EffortStatus.FAILED_TO_QUALIFY,
        started_on=dt.date(2021, 3, 1), started_precision=2,
    )  # fmt: skip
    RecallEffortFactory(
        office=ca, targets=[twice], status=EffortStatus.CIRCULATING,
        started_on=dt.date(2022, 1, 1), started_precision=1,
    )  # fmt: skip
    # Three board members, not named; no start date, but an event dated 2022.
    board_recall = RecallEffortFactory(office=board, target_count=3, status=EffortStatus.RECALLED)
    TimelineEventFactory(effort=board_recall, date_on=dt.date(2022, 2, 15))
    RecallEffortFactory(
        office=ny, targets=[OfficialFactory(), OfficialFactory()], status=EffortStatus.RECALLED,
        started_on=dt.date(2022, 5, 1), started_precision=6,
    )  # fmt: skip
    RecallEffortFactory(office=ny, status=EffortStatus.ABANDONED)  # no year, nobody named


def expected_officials(queryset) -> int:
    named = set(queryset.filter(targets__isnull=False).values_list("targets", flat=True))
    unnamed = sum(
        max((e.target_count or 1) - e.targets.count(), 0)
        for e in queryset.prefetch_related("targets")
    )
    return len(named) + unnamed


def test_counts_equal_counts_made_in_the_test(client, efforts):
    response = client.get(reverse("exports:stats"))
    assert response.status_code == 200
    everything = RecallEffort.objects.all()
    assert response.context["total_efforts"] == everything.count() == 5
    assert response.context["total_officials"] == expected_officials(everything) == 7

    by_status = table(response, "status")
    for status in EffortStatus:
        group = everything.filter(status=status)
        if group.exists():
            assert by_status[status.label] == (group.count(), expected_officials(group))
    by_state = table(response, "state")
    assert by_state["California"] == (3, 4)  # one official targeted twice counts once
    assert by_state["New York"] == (2, 3)
    by_office = table(response, "category")
    assert by_office["school board"] == (1, 3)
    assert table(response, "year") == {"2021": (1, 1), "2022": (3, 6), "unknown": (1, 1)}
    by_outcome = table(response, "outcome")
    assert by_outcome["recalled"] == (2, 5)
    assert by_outcome["still active"] == (1, 1)
    assert by_outcome["abandoned"] == (1, 1)


def test_year_filter(client, efforts):
    response = client.get(reverse("exports:stats") + "?year=2022")
    assert response.context["year"] == 2022
    assert response.context["total_efforts"] == 3
    assert set(table(response, "year")) == {"2022"}
    assert response.context["years"] == [2022, 2021]
    assert client.get(reverse("exports:stats") + "?year=abc").context["year"] is None


def test_charts_are_accessible_svg_beside_tables_without_inline_style(client, efforts):
    html = client.get(reverse("exports:stats")).content.decode()
    svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", html, flags=re.S)
    assert len(svgs) == 5
    for svg in svgs:
        assert 'role="img"' in svg
        labelled = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
        assert [f'id="{label}"' in svg for label in labelled] == [True, True]
        assert "<title " in svg
        assert "<desc " in svg
    assert html.count('<table class="stats-table">') == 5
    assert "style=" not in html
    assert "<style" not in html
    assert "<script" not in html
    assert "css/stats.css" in html
    assert "New York: 2 efforts, 3 officials" in html  # the chart's text alternative


@pytest.mark.parametrize("size", [1, 40])
def test_stats_query_count_does_not_grow(client, django_assert_num_queries, size):
    for _ in range(size):
        RecallEffortFactory(targets=[OfficialFactory()])
    with django_assert_num_queries(2):
        client.get(reverse("exports:stats"))
