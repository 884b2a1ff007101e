"""Synthetic data at newsroom scale, for benchmarks and demos: ``generate_demo_data``.

Everything is made from one ``random.Random(seed)``, so the same seed gives the same slugs,
titles and texts. Rows go in with ``bulk_create`` in batches, one transaction per batch, and
articles are made batch by batch (never all in memory). ``bulk_create`` writes no edit
history and sends no signals, so the page cache is not invalidated: start the server after.

Generated rows carry slugs starting with ``demo-``; the generator refuses to add to a
database that holds anything else unless forced.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify

from articles.models import Article, Citation, Mention, Outlet, ReviewStatus
from articles.services import content_hash
from recalls.dates import Precision
from recalls.models import (
    Candidacy,
    CandidacyStatus,
    Contest,
    ContestKind,
    EffortStatus,
    Election,
    ElectionKind,
    Jurisdiction,
    JurisdictionKind,
    Office,
    OfficeCategory,
    Official,
    Participant,
    ParticipantRole,
    RecallEffort,
    RecallOutcome,
    ResultReport,
    Tenure,
    TenureBasis,
    TimelineEvent,
)
from recalls.models.places import US_STATES

PREFIX = "demo-"
_BALLOT = {EffortStatus.ELECTION_SCHEDULED, EffortStatus.RECALLED, EffortStatus.RETAINED}
BATCH = 2000

# The path to each status, in the order of the recall process (see EffortStatus).
_PATH = [
    EffortStatus.NOTICE_FILED,
    EffortStatus.PETITION_APPROVED,
    EffortStatus.CIRCULATING,
    EffortStatus.SUBMITTED,
    EffortStatus.VERIFICATION,
    EffortStatus.QUALIFIED,
    EffortStatus.ELECTION_SCHEDULED,
]
_END_AFTER = {
    EffortStatus.RECALLED: _PATH,
    EffortStatus.RETAINED: _PATH,
    EffortStatus.FAILED_TO_QUALIFY: _PATH[:5],
    EffortStatus.ABANDONED: _PATH[:3],
    EffortStatus.RESIGNED: _PATH[:4],
    EffortStatus.UNDERWAY: [],
}
# Ballotpedia's counts: most efforts never reach a ballot.
_STATUS_WEIGHTS = {
    EffortStatus.UNDERWAY: 4,
    EffortStatus.NOTICE_FILED: 5,
    EffortStatus.PETITION_APPROVED: 4,
    EffortStatus.CIRCULATING: 10,
    EffortStatus.SUBMITTED: 3,
    EffortStatus.VERIFICATION: 2,
    EffortStatus.FULL_COUNT: 1,
    EffortStatus.QUALIFIED: 2,
    EffortStatus.ELECTION_SCHEDULED: 3,
    EffortStatus.RECALLED: 10,
    EffortStatus.RETAINED: 8,
    EffortStatus.FAILED_TO_QUALIFY: 18,
    EffortStatus.ABANDONED: 24,
    EffortStatus.RESIGNED: 6,
}
_OFFICE_TITLES = {
    OfficeCategory.PROSECUTOR: "District Attorney",
    OfficeCategory.EXECUTIVE: "Mayor",
    OfficeCategory.LEGISLATIVE: "City Council Member",
    OfficeCategory.SCHOOL_BOARD: "School Board Member",
    OfficeCategory.JUDICIAL: "Superior Court Judge",
    OfficeCategory.LAW_ENFORCEMENT: "Sheriff",
    OfficeCategory.OTHER: "Water Board Director",
}


def path_to(status: str) -> list[str]:
    """The statuses an effort passes through to reach ``status``, ending with it."""
    if status in _END_AFTER:
        return [*_END_AFTER[status], status]
    if status == EffortStatus.FULL_COUNT:
        return [*_PATH[:5], status]
    return _PATH[: _PATH.index(status) + 1]


class DemoDataRefused(Exception):
    pass


@dataclass
class DemoSummary:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def line(self) -> str:
        parts = ", ".join(f"{count:,} {name}" for name, count in self.counts.items())
        return f"generated {parts} in {self.seconds:.1f} s"


def check_database_is_demo_only() -> None:
    """Refuse when the database holds records the generator did not make."""
    for model in (RecallEffort, Official, Election, Article):
        real = model.objects.exclude(slug__startswith=PREFIX)
        if real.exists():
            raise DemoDataRefused(
                f"the database holds {real.count():,} {model._meta.verbose_name_plural} that "
                "were not generated; use an empty database (or --force to add to it anyway)"
            )


def skewed(rng: random.Random, n: int) -> int:
    """An index in range(n), low ones far more often: a few efforts get most of the news."""
    return min(n - 1, int(n * rng.random() ** 1.5))


def spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` split into ``parts`` non-negative counts, roughly even, summing exactly."""
    if parts <= 0:
        return []
    base, extra = divmod(total, parts)
    counts = [base] * parts
    for index in rng.sample(range(parts), extra):
        counts[index] += 1
    return counts


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


class DemoGenerator:
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
                title = _OFFICE_TITLES[category]
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
        statuses, weights = zip(*_STATUS_WEIGHTS.items(), strict=True)
        efforts, self.targets_of = [], {}
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
                signatures_required=rng.randrange(500, 250_000, 50),
            )
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
                effort.signatures_submitted = int(
                    effort.signatures_required * rng.uniform(0.5, 1.4)
                )
                if status not in (EffortStatus.SUBMITTED, EffortStatus.CIRCULATING):
                    effort.signatures_valid = int(
                        effort.signatures_submitted * rng.uniform(0.7, 0.95)
                    )
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

    def make_events(self) -> None:
        """Per effort, dated steps along its path; the newest status event is its status."""
        rng = self.rng
        events, ended = [], []
        with_status_of: dict[int, list[TimelineEvent]] = {}
        # One event per recall election (made with the elections); the rest along the paths.
        on_ballot = sum(effort.status in _BALLOT for effort in self.efforts)
        budget = max(0, self.n_events - on_ballot)
        for effort, count in zip(self.efforts, spread(budget, len(self.efforts), rng), strict=True):
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
                text = STATUS_EVENTS[status].format(n=effort.signatures_submitted or 0)
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

    def make_elections(self) -> None:
        """A recall election for each effort that reached the ballot; some with replacements."""
        rng = self.rng
        elections, contests, candidacies, results = [], [], [], []
        # Scheduled elections lie ahead of the real today, so the home page has upcoming ones.
        upcoming = dt.date.today()
        for i, effort in enumerate(self.efforts):
            if effort.status not in _BALLOT:
                continue
            target = self.targets_of[i][0]
            when = effort.ended_on or upcoming + dt.timedelta(days=rng.randint(20, 90))
            jurisdiction = effort.office.jurisdiction
            election = Election(
                name=f"{jurisdiction.name} recall election",
                slug=f"{jurisdiction.slug}-recall-{i}",
                kind=ElectionKind.RECALL,
                jurisdiction=jurisdiction,
            )
            election.date_on, election.date_precision = when, Precision.DAY
            elections.append(election)
            yes, no = rng.randint(2_000, 400_000), rng.randint(2_000, 400_000)
            outcome = {
                EffortStatus.RECALLED: RecallOutcome.RECALLED,
                EffortStatus.RETAINED: RecallOutcome.RETAINED,
            }
            question = Contest(
                election=election,
                kind=ContestKind.RECALL_QUESTION,
                name=f"Shall {target.name} be recalled?",
                office=effort.office,
                effort=effort,
                outcome=outcome.get(effort.status, RecallOutcome.UNKNOWN),
            )
            contests.append(question)
            if effort.status in outcome:
                big, small = max(yes, no), min(yes, no)
                count = ResultReport(contest=question, certified=True, is_lead=True)
                count.yes_votes, count.no_votes = (
                    (big, small) if effort.status == EffortStatus.RECALLED else (small, big)
                )
                count.date_on, count.date_precision = when, Precision.DAY
                results.append(count)
            if rng.random() < 0.4:
                race = Contest(
                    election=election,
                    kind=ContestKind.CANDIDATE,
                    name=f"Successor: {effort.office.title}",
                    office=effort.office,
                )
                contests.append(race)
                for official in rng.sample(self.officials, 3):
                    if official.pk != target.pk:
                        candidacies.append(
                            Candidacy(
                                contest=race,
                                official=official,
                                status=rng.choice(CandidacyStatus.values),
                                votes=rng.randint(100, 90_000),
                            )
                        )
        self.insert(Election, elections)
        self.insert(Contest, contests)
        self.insert(Candidacy, candidacies)
        self.insert(ResultReport, results)
        election_days = []
        for election in elections[: self.n_events]:
            event = TimelineEvent(election=election, description="Polls opened for the recall.")
            event.date_on, event.date_precision = election.date_on, Precision.DAY
            election_days.append(event)
        self.insert(TimelineEvent, election_days)

    # -- articles, streamed ------------------------------------------------------------

    def make_articles(self) -> None:
        rng = self.rng
        outlets = self.insert(
            Outlet,
            [
                Outlet(
                    name=name,
                    slug=f"{PREFIX}{slugify(name)}",
                    url=f"https://{slugify(name)}.example/",
                )
                for name in self.words.outlets(40)
            ],
        )
        event_type = ContentType.objects.get_for_model(TimelineEvent)
        per_article = spread(self.n_mentions, self.n_articles, rng)
        for start in range(0, self.n_articles, self.batch_size):
            numbers = range(start, min(start + self.batch_size, self.n_articles))
            articles, mentions, citations = [], [], []
            for n in numbers:
                article, links = self._article(n, per_article[n], outlets)
                articles.append(article)
                mentions.extend(links[0])
                citations.extend(links[1])
            with transaction.atomic():
                self.insert(Article, articles)
                for mention in mentions:
                    mention.article_id = mention.article.pk
                self.insert(Mention, mentions)
                for citation in citations:
                    citation.article_id, citation.content_type = citation.article.pk, event_type
                self.insert(Citation, citations)
            self.progress(f"{numbers.stop:,} of {self.n_articles:,} articles")

    def _article(self, n: int, mention_count: int, outlets) -> tuple[Article, tuple[list, list]]:
        """One article, its mentions and its citations (quotes taken from its own text)."""
        rng, text = self.rng, self.words
        picked = {skewed(rng, len(self.efforts)) for _ in range(round(mention_count * 0.2))}
        efforts = [self.efforts[i] for i in sorted(picked)]
        people = {self.targets_of[i][0].pk: self.targets_of[i][0] for i in sorted(picked)}
        wanted = min(mention_count - len(efforts), len(self.officials))
        while len(people) < wanted:
            person = self.officials[skewed(rng, len(self.officials))]
            people[person.pk] = person
        sentences, quotes = [], []
        for effort in efforts:
            events = self.status_events.get(effort.pk)
            if events:
                event_pk, description = rng.choice(events)
                quote = f"{description.rstrip('.')}, in the {effort.title}."
                sentences.append(quote)
                quotes.append((event_pk, quote))
            else:
                sentences.append(f"The {effort.title} is still in its early days.")
        for person in people.values():
            surname = person.sort_name.split(",")[0]
            sentences.append(rng.choice(NAMED).format(name=person.name))
            sentences.append(rng.choice(SURNAMED).format(surname=surname))
        body = text.body(sentences, length=rng.randint(1000, 4000))
        body += f"\n\n(Synthetic demo article {n}.)"
        lead = next(iter(people.values()), None)
        title = rng.choice(HEADLINES).format(name=lead.name if lead else text.place(n))
        outlet = rng.choice(outlets)
        published = random_date(rng, dt.date(2010, 1, 1), self.today)
        article = Article(
            title=title,
            slug=f"{PREFIX}{slugify(title)[:60].strip('-')}-{n}",
            outlet=outlet,
            url=f"{outlet.url}{published:%Y/%m}/{n}",
            author=" ".join(text.person(rng.randrange(len(text.first) * len(text.last)))),
            dek=rng.choice(DEKS),
            body=body,
            content_hash=content_hash(body),
            source_name=f"generate_demo_data#{n}",
        )
        article.published_on, article.published_precision = published, Precision.DAY
        mentions = [
            Mention(
                article=article,
                official=person,
                matched_text=person.name,
                status=rng.choices(ReviewStatus.values, [3, 6, 1])[0],
            )
            for person in people.values()
        ] + [
            Mention(
                article=article,
                effort=effort,
                matched_text=effort.title,
                status=ReviewStatus.CONFIRMED,
            )
            for effort in efforts
        ]
        citations = [
            Citation(object_id=pk, field="status", article=article, quote=quote)
            for pk, quote in quotes
        ]
        return article, (mentions, citations)


def generate_demo_data(
    *,
    officials: int,
    efforts: int,
    articles: int,
    mentions: int,
    events: int,
    seed: int = 1,
    force: bool = False,
    batch_size: int = BATCH,
    progress: Callable[[str], None] = lambda message: None,
) -> DemoSummary:
    """Fill the database with a synthetic data set; refuses a database with real records."""
    if min(officials, efforts) < 1:
        raise DemoDataRefused("need at least one official and one effort")
    if RecallEffort.objects.filter(slug__startswith=PREFIX).exists():
        raise DemoDataRefused("the database already holds generated data; start from an empty one")
    if not force:
        check_database_is_demo_only()
    generator = DemoGenerator(
        officials=officials,
        efforts=efforts,
        articles=articles,
        mentions=mentions,
        events=events,
        seed=seed,
        batch_size=batch_size,
        progress=progress,
    )
    return generator.run()


class Words:
    """Names, places and filler sentences, all drawn from the generator's random source."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.first = list(FIRST_NAMES)
        self.last = list(dict.fromkeys(h + t for h in SURNAME_HEADS for t in SURNAME_TAILS))
        self.places = [head + tail for head in PLACE_HEADS for tail in PLACE_TAILS]
        for names in (self.first, self.last, self.places):
            rng.shuffle(names)
        self.filler = [self._sentence() for _ in range(3000)]

    def person(self, index: int) -> tuple[str, str]:
        """(first, last): distinct below len(first) * len(last), whose sizes are coprime."""
        return self.first[index % len(self.first)], self.last[index % len(self.last)]

    def place(self, index: int) -> str:
        return self.places[index % len(self.places)]

    def outlets(self, count: int) -> list[str]:
        nouns = ["Ledger", "Courier", "Gazette", "Tribune", "Observer", "Herald", "Dispatch"]
        return [f"The {self.places[-1 - i]} {nouns[i % len(nouns)]}" for i in range(count)]

    def _sentence(self) -> str:
        rng = self.rng
        return rng.choice(FILLER).format(
            place=rng.choice(self.places),
            number=f"{rng.randrange(100, 90_000, 10):,}",
            group=rng.choice(GROUPS),
            issue=rng.choice(ISSUES),
            month=rng.choice(MONTHS),
        )

    def body(self, sentences: list[str], *, length: int) -> str:
        """Paragraphs of a few sentences, the given ones among the filler, about ``length`` long."""
        rng = self.rng
        parts = list(sentences)
        size = sum(len(part) + 1 for part in parts)
        while size < length:
            part = rng.choice(self.filler)
            parts.append(part)
            size += len(part) + 1
        rng.shuffle(parts)
        paragraphs, start = [], 0
        while start < len(parts):
            step = rng.randint(2, 5)
            paragraphs.append(" ".join(parts[start : start + step]))
            start += step
        return "\n\n".join(paragraphs)


FIRST_NAMES = [
    "Alma",
    "Ana",
    "Andre",
    "Ben",
    "Carla",
    "Chen",
    "Dana",
    "Diego",
    "Elena",
    "Eli",
    "Farah",
    "Frank",
    "Grace",
    "Hana",
    "Hugo",
    "Ines",
    "Ivan",
    "Jamal",
    "Jana",
    "June",
    "Kai",
    "Kara",
    "Leo",
    "Lena",
    "Luis",
    "Maya",
    "Marco",
    "Nadia",
    "Nate",
    "Noor",
    "Olga",
    "Omar",
    "Pat",
    "Paula",
    "Quinn",
    "Rafael",
    "Rosa",
    "Ruth",
    "Sam",
    "Sara",
    "Sofia",
    "Tariq",
    "Tess",
    "Uma",
    "Victor",
    "Vera",
    "Wade",
    "Wen",
    "Xavier",
    "Yara",
    "Yusuf",
    "Zoe",
    "Abel",
    "Bea",
    "Cyrus",
    "Dora",
    "Emil",
    "Fay",
    "Gus",
    "Hiro",
    "Ida",
]
SURNAME_HEADS = [
    "Al",
    "Bar",
    "Cal",
    "Dal",
    "Ell",
    "Fair",
    "Gar",
    "Hal",
    "Ing",
    "Jar",
    "Kel",
    "Lind",
    "Mar",
    "Nor",
    "Ost",
    "Pell",
    "Quar",
    "Ros",
    "Sal",
    "Thorn",
    "Ul",
    "Var",
    "Whit",
    "Yar",
    "Zell",
    "Brook",
    "Cro",
    "Dun",
    "Fen",
    "Gil",
]
SURNAME_TAILS = [
    "ford",
    "son",
    "ton",
    "ley",
    "wood",
    "man",
    "berg",
    "ridge",
    "well",
    "more",
    "stead",
    "ham",
    "ling",
    "vane",
    "sby",
    "dale",
    "mont",
    "wick",
    "ner",
    "field",
]
PLACE_HEADS = [
    "Oak",
    "Maple",
    "Cedar",
    "River",
    "Lake",
    "Pine",
    "Fair",
    "Green",
    "Stone",
    "Clear",
    "Red",
    "Silver",
    "Elk",
    "Bear",
    "Mill",
    "Ash",
    "Willow",
    "Spring",
    "Eagle",
    "Sun",
    "Falcon",
    "Iron",
    "Hazel",
    "Fox",
    "Crane",
    "Birch",
    "Rock",
    "Bell",
    "Glen",
    "West",
]
PLACE_TAILS = [
    "ton",
    "ville",
    "field",
    "dale",
    "wood",
    "haven",
    "port",
    "view",
    "brook",
    "ford",
    "mont",
    "crest",
    "side",
    "burg",
    "land",
    "hill",
    "shore",
    "grove",
    "vale",
    "water",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
GROUPS = [
    "parents",
    "small-business owners",
    "union members",
    "retirees",
    "local pastors",
    "volunteers",
    "police officers",
    "teachers",
]
ISSUES = [
    "school reopening",
    "bail reform",
    "a property-tax increase",
    "police staffing",
    "a zoning change",
    "the water rates",
    "charging policies",
    "the budget shortfall",
]
FILLER = [
    "Organizers said they had gathered about {number} signatures so far.",
    "Supporters of the recall held a rally in downtown {place} in {month}.",
    "Critics argue that the campaign is driven by {issue}.",
    "A spokesperson for the county elections office declined to comment on the count.",
    "Many {group} in {place} say they feel ignored by City Hall.",
    "The committee reported raising {number} dollars, most of it from {group}.",
    "Opponents of the effort called it a costly distraction from {issue}.",
    "Election officials in {place} have {number} registered voters to verify against.",
    "A poll released in {month} found the electorate closely divided.",
    "The debate over {issue} has dominated public meetings for months.",
    "Volunteers set up tables outside grocery stores across {place}.",
    "Legal experts say the petition language could face a court challenge.",
    "The board voted to place the question on the ballot at its {month} meeting.",
    "Turnout in special elections is typically low, analysts noted.",
    "Residents packed the council chamber to speak about {issue}.",
    "The recall committee hired a professional signature-gathering firm.",
    "Local newspapers in {place} have covered the fight closely.",
    "A coalition of {group} launched a counter-campaign in {month}.",
]
NAMED = [
    "{name} said the effort was a waste of taxpayer money.",
    "Supporters accuse {name} of ignoring residents' concerns.",
    "{name} did not respond to a request for comment.",
    "In a statement, {name} promised to keep working for the community.",
    "Campaign finance filings show donors on both sides of the race involving {name}.",
    "{name} has held the office since winning a close election.",
]
SURNAMED = [
    "{surname} told reporters the campaign was politically motivated.",
    "Allies of {surname} say the numbers do not add up.",
    "A spokesperson for {surname} called the petition misleading.",
    "{surname} has faced criticism over the handling of the budget.",
]
HEADLINES = [
    "Recall campaign against {name} gathers momentum",
    "{name} faces growing pressure as petition deadline nears",
    "What to know about the effort to recall {name}",
    "Voters weigh the future of {name}",
    "Signature count begins in recall of {name}",
]
DEKS = [
    "Organizers say they are on track; election officials urge patience.",
    "The campaign has split the community over a single issue.",
    "",
    "A look at the money and the people behind the petition.",
]
BIOS = [
    "was first elected after a crowded primary.",
    "was appointed to fill a vacancy and later won election.",
    "is a former prosecutor and community organizer.",
    "served two terms on the city council before this office.",
]
SUMMARIES = [
    "Residents seek to remove {name} over the handling of the budget.",
    "A committee of parents launched a recall of {name} over school policy.",
    "Critics of {name} began a recall after a series of contested decisions.",
]
EVENTS = [
    "Proponents held a kickoff rally.",
    "The committee reported its first fundraising totals.",
    "A court rejected a challenge to the petition language.",
    "The official responded to the notice in a public statement.",
]
STATUS_EVENTS = {
    EffortStatus.UNDERWAY: "Residents announced a campaign to recall the official.",
    EffortStatus.NOTICE_FILED: "Proponents served and filed a notice of intention to recall.",
    EffortStatus.PETITION_APPROVED: "Election officials approved the petition for circulation.",
    EffortStatus.CIRCULATING: "Volunteers began gathering signatures.",
    EffortStatus.SUBMITTED: "Proponents submitted {n:,} signatures.",
    EffortStatus.VERIFICATION: "The registrar began verifying a random sample of the signatures.",
    EffortStatus.FULL_COUNT: "The random sample fell short of 110 percent, so every signature will be counted.",
    EffortStatus.QUALIFIED: "The registrar certified that the petition qualified for the ballot.",
    EffortStatus.ELECTION_SCHEDULED: "The board scheduled the recall election.",
    EffortStatus.RECALLED: "Voters removed the official from office.",
    EffortStatus.RETAINED: "Voters rejected the recall and the official kept the office.",
    EffortStatus.FAILED_TO_QUALIFY: "The petition failed to qualify for lack of valid signatures.",
    EffortStatus.ABANDONED: "Proponents abandoned the campaign before submitting signatures.",
    EffortStatus.RESIGNED: "The official resigned before the recall could go to a vote.",
}
