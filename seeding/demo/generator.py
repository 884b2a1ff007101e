"""``DemoGenerator``: places, people, efforts, timelines and elections, then the articles."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from core.dates import Precision
from recalls.fact_summary import refresh_fact_summary
from recalls.models import (
    EffortStatus,
    Jurisdiction,
    JurisdictionKind,
    Office,
    OfficeCategory,
    Official,
    Participant,
    ParticipantRole,
    RecallEffort,
    SignatureKind,
    SignatureReport,
    Tenure,
    TenureBasis,
    TimelineEvent,
)
from recalls.models.places import US_STATES
from seeding.demo.articles import ArticleMaker
from seeding.demo.elections import ElectionMaker
from seeding.demo.shapes import (
    BALLOT,
    OFFICE_TITLES,
    PREFIX,
    STATUS_WEIGHTS,
    path_to,
    random_date,
    skewed,
    spread,
)
from seeding.demo.words import BIOS, EVENTS, STATUS_EVENTS, SUMMARIES, Words

BATCH = 2000


@dataclass
class DemoSummary:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def line(self) -> str:
        parts = ", ".join(f"{count:,} {name}" for name, count in self.counts.items())
        return f"generated {parts} in {self.seconds:.1f} s"


class DemoGenerator(ArticleMaker, ElectionMaker):
    """Makes the whole data set; ``run()`` returns the counts."""

    def __init__(
        self,
        *,
        officials: int,
        efforts: int,
        articles: int,
        mentions: int,
        events: int,
        seed: int = 1,
        batch_size: int = BATCH,
        progress: Callable[[str], None] = lambda message: None,
    ):
        self.n_officials, self.n_efforts, self.n_articles = officials, efforts, articles
        self.n_mentions, self.n_events = mentions, events
        self.rng = random.Random(seed)
        self.words = Words(self.rng)
        self.batch_size = batch_size
        self.progress = progress
        self.counts: dict[str, int] = {}
        self.today = dt.date(2025, 6, 30)  # fixed, so the same seed gives the same data

    # -- helpers ------------------------------------------------------------------------

    def insert(self, model, rows: list) -> list:
        if rows:
            model.objects.bulk_create(rows, batch_size=self.batch_size)
            name = model._meta.verbose_name_plural
            self.counts[name] = self.counts.get(name, 0) + len(rows)
        return rows

    def run(self) -> DemoSummary:
        started = time.monotonic()
        with transaction.atomic():
            self.make_places()
            self.make_officials()
        self.progress(f"{len(self.officials):,} officials, {len(self.offices):,} offices")
        with transaction.atomic():
            self.make_efforts()
        self.progress(f"{len(self.efforts):,} efforts and their timelines")
        with transaction.atomic():
            self.make_elections()
        self.make_articles()
        with transaction.atomic():
            # Bulk inserts send no signals: the staleness summary is stored once at the end.
            refresh_fact_summary(e.pk for e in self.efforts)
        return DemoSummary(counts=self.counts, seconds=time.monotonic() - started)

    # -- places, people ----------------------------------------------------------------

    def make_places(self) -> None:
        rng = self.rng
        states = [code for code, _ in US_STATES if code != "US"]
        weights = [
            12 if code == "CA" else 4 if code in ("MI", "OR", "CO", "WI") else 1 for code in states
        ]
        count = max(10, self.n_officials // 8)
        kinds = [JurisdictionKind.CITY, JurisdictionKind.COUNTY, JurisdictionKind.SCHOOL_DISTRICT]
        jurisdictions = []
        for i in range(count):
            place = self.words.place(i)
            kind = kinds[i % 3]
            name = {
                JurisdictionKind.CITY: place,
                JurisdictionKind.COUNTY: f"{place} County",
                JurisdictionKind.SCHOOL_DISTRICT: f"{place} Unified School District",
            }[kind]
            jurisdictions.append(
                Jurisdiction(
                    name=name,
                    slug=f"{PREFIX}{slugify(name)}-{i}",
                    kind=kind,
                    state=rng.choices(states, weights)[0],
                )
            )
        self.insert(Jurisdiction, jurisdictions)
        offices = []
        for jurisdiction in jurisdictions:
            if jurisdiction.kind == JurisdictionKind.SCHOOL_DISTRICT:
                categories = [OfficeCategory.SCHOOL_BOARD]
            elif jurisdiction.kind == JurisdictionKind.COUNTY:
                categories = [
                    OfficeCategory.PROSECUTOR,
                    OfficeCategory.LAW_ENFORCEMENT,
                    OfficeCategory.JUDICIAL,
                ]
            else:
                categories = [
                    OfficeCategory.EXECUTIVE,
                    OfficeCategory.LEGISLATIVE,
                    OfficeCategory.OTHER,
                ]
            for category in categories:
                title = OFFICE_TITLES[category]
                offices.append(
                    Office(
                        title=title,
                        slug=f"{jurisdiction.slug}-{slugify(title)}",
                        jurisdiction=jurisdiction,
                        category=category,
                        seats=5
                        if category in (OfficeCategory.SCHOOL_BOARD, OfficeCategory.LEGISLATIVE)
                        else 1,
                    )
                )
        self.offices = self.insert(Office, offices)

    def make_officials(self) -> None:
        rng = self.rng
        officials = []
        for i in range(self.n_officials):
            first, last = self.words.person(i)
            name = f"{first} {last}"
            aliases = [f"{rng.choice(['Mr.', 'Ms.', 'Dr.'])} {last}"] if rng.random() < 0.3 else []
            officials.append(
                Official(
                    name=name,
                    slug=f"{PREFIX}{slugify(name)}-{i}",
                    sort_name=f"{last}, {first}",
                    aliases=aliases,
                    party=rng.choice(["", "", "Democratic", "Republican", "nonpartisan"]),
                    bio=f"{name} {rng.choice(BIOS)}",
                )
            )
        self.officials = self.insert(Official, officials)
        tenures, self.office_of = [], {}
        for official in officials:
            office = rng.choice(self.offices)
            self.office_of[official.pk] = office
            started = dt.date(rng.randint(2004, 2022), 1, 1)
            tenure = Tenure(
                official=official,
                office=office,
                basis=rng.choice(TenureBasis.values),
                is_current=rng.random() < 0.7,
            )
            tenure.started_on, tenure.started_precision = started, Precision.YEAR
            tenures.append(tenure)
        self.insert(Tenure, tenures)

    # -- efforts and their timelines --------------------------------------------------

    def make_efforts(self) -> None:
        rng = self.rng
        statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
        efforts, self.targets_of, self.signatures_of = [], {}, {}
        for i in range(self.n_efforts):
            target = self.officials[skewed(rng, len(self.officials))]
            others = rng.sample(self.officials, 2) if rng.random() < 0.1 else []
            status = rng.choices(statuses, weights)[0]
            started = random_date(rng, dt.date(2008, 1, 1), self.today - dt.timedelta(days=400))
            effort = RecallEffort(
                title=f"Recall of {target.name} ({started.year})",
                slug=f"{PREFIX}recall-{slugify(target.name)}-{i}",
                office=self.office_of[target.pk],
                status=status,
                summary=rng.choice(SUMMARIES).format(name=target.name),
            )
            counts = {SignatureKind.REQUIRED: rng.randrange(500, 250_000, 50)}
            effort.started_on, effort.started_precision = (
                started,
                rng.choice([Precision.DAY] * 6 + [Precision.MONTH, Precision.YEAR]),
            )
            if effort.started_precision != Precision.DAY:
                effort.started = effort.started  # normalise to the period's first day
            effort.deadline_on, effort.deadline_precision = (
                started + dt.timedelta(days=160),
                Precision.DAY,
            )
            if status not in (
                EffortStatus.UNDERWAY,
                EffortStatus.NOTICE_FILED,
                EffortStatus.PETITION_APPROVED,
            ):
                counts[SignatureKind.SUBMITTED] = int(
                    counts[SignatureKind.REQUIRED] * rng.uniform(0.5, 1.4)
                )
                if status not in (EffortStatus.SUBMITTED, EffortStatus.CIRCULATING):
                    counts[SignatureKind.VALID] = int(
                        counts[SignatureKind.SUBMITTED] * rng.uniform(0.7, 0.95)
                    )
            self.signatures_of[i] = counts
            efforts.append(effort)
            self.targets_of[i] = [target, *(o for o in others if o.pk != target.pk)]
        self.insert(RecallEffort, efforts)
        through = RecallEffort.targets.through
        self.insert(
            through,
            [
                through(recalleffort_id=effort.pk, official_id=official.pk)
                for i, effort in enumerate(efforts)
                for official in self.targets_of[i]
            ],
        )
        self.efforts = efforts
        self.make_signature_reports()
        self.make_events()
        self.insert(
            Participant,
            [
                Participant(
                    effort=effort,
                    name=f"Committee to Recall {self.targets_of[i][0].name}",
                    kind=Participant.Kind.GROUP,
                    role=ParticipantRole.PROPONENT,
                )
                for i, effort in enumerate(efforts)
            ],
        )

    def make_signature_reports(self) -> None:
        """The series: the requirement at the start, the counts along the effort's way."""
        reports = []
        for i, effort in enumerate(self.efforts):
            day = effort.started_on
            for kind, count in self.signatures_of[i].items():
                report = SignatureReport(effort=effort, kind=kind, count=count)
                report.date_on, report.date_precision = day, Precision.DAY
                reports.append(report)
                day += dt.timedelta(days=self.rng.randint(30, 160))
        for chunk in range(0, len(reports), self.batch_size):
            self.insert(SignatureReport, reports[chunk : chunk + self.batch_size])

    def make_events(self) -> None:
        """Per effort, dated steps along its path; the newest status event is its status."""
        rng = self.rng
        events, ended = [], []
        with_status_of: dict[int, list[TimelineEvent]] = {}
        # One event per recall election (made with the elections); the rest along the paths.
        on_ballot = sum(effort.status in BALLOT for effort in self.efforts)
        budget = max(0, self.n_events - on_ballot)
        spread_counts = spread(budget, len(self.efforts), rng)
        for index, (effort, count) in enumerate(zip(self.efforts, spread_counts, strict=True)):
            path = path_to(effort.status)
            with_status = path[-count:] if count else []
            plain = count - len(with_status)
            day = effort.started_on
            mine = []
            for _ in range(plain):
                day += dt.timedelta(days=rng.randint(1, 20))
                mine.append(self._event(effort, day, "", rng.choice(EVENTS)))
            for status in with_status:
                day += dt.timedelta(days=rng.randint(5, 60))
                submitted = self.signatures_of[index].get(SignatureKind.SUBMITTED, 0)
                text = STATUS_EVENTS[status].format(n=submitted)
                mine.append(self._event(effort, day, status, text))
            events.extend(mine)
            with_status_of[effort.pk] = [e for e in mine if e.status]
            if effort.status in EffortStatus.ended():
                effort.ended_on, effort.ended_precision = day, Precision.DAY
                ended.append(effort)
        for chunk in range(0, len(events), self.batch_size):
            self.insert(TimelineEvent, events[chunk : chunk + self.batch_size])
        RecallEffort.objects.bulk_update(
            ended, ["ended_on", "ended_precision"], batch_size=self.batch_size
        )
        # Articles quote these events; keep (pk, text) pairs, not 60,000 model instances.
        self.status_events = {
            pk: [(event.pk, event.description) for event in mine]
            for pk, mine in with_status_of.items()
        }

    @staticmethod
    def _event(effort, day, status, description) -> TimelineEvent:
        event = TimelineEvent(effort=effort, status=status, description=description)
        event.date_on, event.date_precision = day, Precision.DAY
        return event
