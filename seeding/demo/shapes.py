"""The shape of the demo data set: status paths and weights, office titles, skewed draws."""

from __future__ import annotations

import datetime as dt
import random

from recalls.models import EffortStatus, OfficeCategory

# Every generated slug starts with it: how the generator tells its rows from real ones.
PREFIX = "demo-"
BALLOT = {EffortStatus.ELECTION_SCHEDULED, EffortStatus.RECALLED, EffortStatus.RETAINED}

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
STATUS_WEIGHTS = {
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
OFFICE_TITLES = {
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
