"""iCalendar feeds: they parse, hold the right events, fold lines and keep their UIDs."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from recalls.models import EffortStatus
from tests.factories import ContestFactory, DatedElectionFactory, RecallEffortFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def fetch(client, url) -> tuple[bytes, Calendar]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content, Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def dated():
    soon = DatedElectionFactory(name="Recall election of Pat Official")
    month = DatedElectionFactory(
        name="Special election, month only",
        date_on=(TODAY + dt.timedelta(days=400)).replace(day=1),
        date_precision=2,
    )
    past = DatedElectionFactory(name="Old election", date_on=TODAY - dt.timedelta(days=30))
    circulating = RecallEffortFactory(
        title="Recall of Sam Mayor",
        status=EffortStatus.CIRCULATING,
        deadline_on=TODAY + dt.timedelta(days=20),
        deadline_precision=6,
        signatures={"required": 12_000},
    )
    abandoned = RecallEffortFactory(
        title="Abandoned recall",
        status=EffortStatus.ABANDONED,
        deadline_on=TODAY + dt.timedelta(days=20),
        deadline_precision=6,
    )
    ContestFactory(election=soon, effort=circulating)
    ContestFactory(election=past, effort=circulating)
    return locals()


def test_site_calendar_lists_upcoming_elections_and_deadlines(client, dated):
    raw, calendar = fetch(client, reverse("exports:calendar"))
    found = events(calendar)
    assert set(found) == {
        "Recall election of Pat Official",
        "Special election, month only (date known only as " + dated["month"].date.display() + ")",
        "Signature deadline: Recall of Sam Mayor",
    }
    election = found["Recall election of Pat Official"]
    assert election.decoded("DTSTART") == dated["soon"].date_on
    assert election.decoded("DTEND") == dated["soon"].date_on + dt.timedelta(days=1)
    assert str(election["URL"]).endswith(dated["soon"].get_absolute_url())
    month = dated["month"].date
    spanning = next(e for s, e in found.items() if s.startswith("Special"))
    assert spanning.decoded("DTSTART") == month.value
    assert spanning.decoded("DTEND") == month.last_day + dt.timedelta(days=1)
    deadline = found["Signature deadline: Recall of Sam Mayor"]
    assert deadline.decoded("DTSTART") == TODAY + dt.timedelta(days=20)
    assert "12,000 valid signatures" in str(deadline["DESCRIPTION"])


def test_lines_are_folded_and_uids_stable(client, dated, settings):
    settings.PAGE_CACHE = False
    first, calendar = fetch(client, reverse("exports:calendar"))
    DatedElectionFactory(name="A " + "very long name " * 10)
    second, again = fetch(client, reverse("exports:calendar"))
    assert first.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in (first + second).split(b"\r\n"))
    assert any(line.startswith(b" ") for line in second.split(b"\r\n")), "long lines folded"
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert uids <= {str(e["UID"]) for e in again.walk("VEVENT")}
    assert len(uids) == 3
    assert all(e.get("DTSTAMP") for e in calendar.walk("VEVENT"))


def test_effort_calendar_has_its_elections_and_deadline(client, dated):
    _, calendar = fetch(
        client, reverse("exports:effort_calendar", args=[dated["circulating"].slug])
    )
    assert set(events(calendar)) == {
        "Recall election of Pat Official",
        "Old election",
        "Signature deadline: Recall of Sam Mayor",
    }
    assert str(calendar["X-WR-CALNAME"]) == "Recall tracker: Recall of Sam Mayor"
    assert client.get(reverse("exports:effort_calendar", args=["nope"])).status_code == 404


def test_vague_deadline_falls_on_the_last_day_of_its_period(client, db):
    next_year = TODAY.year + 1
    RecallEffortFactory(
        title="Recall by late October",
        deadline_on=dt.date(next_year, 10, 21),
        deadline_precision=5,
        deadline_approximate=True,
    )
    _, calendar = fetch(client, reverse("exports:calendar"))
    [event] = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == dt.date(next_year, 10, 31)
    assert "late October" in str(event["SUMMARY"])
