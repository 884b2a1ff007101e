import datetime as dt

import pytest
from django.template import Context, Template

from core.dates import PartialDate, Precision
from tests.factories import RecallEffortFactory, TimelineEventFactory


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2022-06-07", "7 June 2022"),
        ("2022-06", "June 2022"),
        ("2019", "2019"),
        ("late 2021-10~", "late October 2021 (approx.)"),
        ("early 2022-01", "early January 2022"),
        ("mid 2022-03", "mid-March 2022"),
        ("2022~", "2022 (approx.)"),
    ],
)
def test_parse_and_display(text, shown):
    value = PartialDate.parse(text)
    assert value.display() == shown
    assert PartialDate.parse(value.isoformat()) == value


@pytest.mark.parametrize(
    "bad", ["", "June 2022", "2022-13", "2022-02-30", "late 2022", "late 2022-10-03"]
)
def test_parse_rejects_malformed(bad):
    with pytest.raises(ValueError):
        PartialDate.parse(bad)


def test_normalises_to_period_start_and_knows_period_end():
    late = PartialDate(dt.date(2021, 10, 28), Precision.LATE_MONTH)
    assert late.value == dt.date(2021, 10, 21)
    assert late.last_day == dt.date(2021, 10, 31)
    assert PartialDate(dt.date(2024, 2, 9), Precision.MONTH).last_day == dt.date(2024, 2, 29)


def test_sorting_coarse_before_fine_within_same_start():
    values = [
        PartialDate.parse(t)
        for t in ["2022-01-01", "2022-01", "2022", "2021-12-31", "late 2022-01"]
    ]
    assert [v.isoformat() for v in sorted(values)] == [
        "2021-12-31",
        "2022",
        "2022-01",
        "2022-01-01",
        "late 2022-01",
    ]


@pytest.mark.django_db
def test_database_ordering_matches_python_ordering():
    texts = ["2022-06-07", "2022", "2022-06", "late 2021-10~", "2021", "2022-01-01", "2022-01"]
    effort = RecallEffortFactory()
    for text in texts:
        event = TimelineEventFactory.build(effort=effort)
        event.date = text
        event.save()
    from_db = [event.date.isoformat() for event in effort.events.all()]
    assert from_db == [value.isoformat() for value in sorted(PartialDate.parse(t) for t in texts)]
    assert from_db[0] == "2021" and from_db[-1] == "2022-06-07"


def test_template_filter_renders_honestly_and_unknown():
    template = Template("{% load partial_dates %}{{ a|partial_date }} / {{ b|partial_date }}")
    text = template.render(Context({"a": PartialDate.parse("late 2021-10~"), "b": None}))
    assert text == "late October 2021 (approx.) / date unknown"
