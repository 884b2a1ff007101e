"""The elections of the demo data set: one for each effort that reached the ballot."""

from __future__ import annotations

import datetime as dt

from core.dates import Precision
from recalls.models import (
    Candidacy,
    CandidacyStatus,
    Contest,
    ContestKind,
    EffortStatus,
    Election,
    ElectionKind,
    RecallOutcome,
    ResultReport,
    TimelineEvent,
)
from seeding.demo.shapes import BALLOT


class ElectionMaker:
    """The part of ``DemoGenerator`` that makes elections, contests, candidacies and counts."""

    def make_elections(self) -> None:
        """A recall election for each effort that reached the ballot; some with replacements."""
        rng = self.rng
        elections, contests, candidacies, results = [], [], [], []
        # Scheduled elections lie ahead of the real today, so the home page has upcoming ones.
        upcoming = dt.date.today()
        for i, effort in enumerate(self.efforts):
            if effort.status not in BALLOT:
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
