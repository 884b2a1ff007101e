"""iCalendar (RFC 5545) feeds of elections and signature deadlines.

Dates are all-day events. A date known only to the month (or part of it, or the year)
spans that whole period and says so; a deadline "by late October" falls on the period's
last day. UIDs come from primary keys, so a calendar app recognises the same event on
every refresh.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from icalendar import Calendar, Event

from core.dates import PartialDate, Precision

UID_DOMAIN = "recall-tracker"
PRODID = "-//Recall tracker//Elections and deadlines//EN"


def _when(date: PartialDate) -> str:
    if date.precision == Precision.DAY and not date.approximate:
        return ""
    return f" (date known only as {date.display()})"


def _stamp(value: dt.datetime | None) -> dt.datetime:
    return (value or timezone.now()).astimezone(dt.UTC)


def election_event(election, absolute) -> Event:
    date = election.date
    event = Event()
    event.add("uid", f"election-{election.pk}@{UID_DOMAIN}")
    event.add("dtstamp", _stamp(election.last_changed))
    event.add("summary", f"{election.name}{_when(date)}")
    event.add("dtstart", date.value)
    event.add("dtend", date.last_day + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("location", str(election.jurisdiction))
    event.add("categories", ["election", election.kind])
    url = absolute(election.get_absolute_url())
    description = f"{election.get_kind_display().capitalize()} election in {election.jurisdiction}."
    if election.date_note:
        description += f" {election.date_note}"
    event.add("description", f"{description}\n{url}")
    event.add("url", url)
    return event


def deadline_event(effort, absolute) -> Event:
    deadline = effort.deadline
    event = Event()
    event.add("uid", f"effort-{effort.pk}-signature-deadline@{UID_DOMAIN}")
    event.add("dtstamp", _stamp(effort.updated_at))
    event.add("summary", f"Signature deadline: {effort.title}{_when(deadline)}")
    event.add("dtstart", deadline.last_day)
    event.add("dtend", deadline.last_day + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("location", str(effort.office.jurisdiction))
    event.add("categories", ["signature deadline"])
    url = absolute(effort.get_absolute_url())
    needed = (
        f" {effort.signatures_required:,} valid signatures are needed."
        if effort.signatures_required
        else ""
    )
    event.add(
        "description",
        f"Last day to submit recall petition signatures ({effort.get_status_display()}).{needed}\n{url}",
    )
    event.add("url", url)
    return event


def build_calendar(name: str, elections, deadlines, absolute) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", dt.timedelta(hours=12), parameters={"value": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    for election in elections:
        calendar.add_component(election_event(election, absolute))
    for effort in deadlines:
        calendar.add_component(deadline_event(effort, absolute))
    return calendar.to_ical()
