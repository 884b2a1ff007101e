"""Apply a state's rules to an effort's cited inputs: what the law requires, and by when.

Pure arithmetic over the rules and the inputs handed in; the page shows each result with the
section it comes from, apart from the reported figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from recalls.legal.rules import Rule, Rulebook, Step, rulebooks

# The office categories whose state officers the law counts as district officers
# (legislators, Board of Equalization members, judges): 20 % rather than 12 % in California.
DISTRICT_CATEGORIES = {"legislative", "judicial"}

INPUT_NEEDS = {
    "registered_voters": "the number of registered voters in the jurisdiction (at the notice)",
    "last_vote_for_office": "the number of votes cast at the last election for the office",
    "petition_approved_on": "the date the petition was approved for circulation",
    "election_ordered_on": "the date the recall election was ordered",
    "certified_on": "the date sufficient signatures were certified",
}
LABELS = {
    "signatures_required": "Signatures required",
    "signature_deadline": "Signature deadline",
    "election_window": "Election window",
    "verification": "Verification",
}


@dataclass(frozen=True)
class Computed:
    """One value computed from the law: its rule (section, words) and the inputs it used."""

    key: str
    value: object
    rule: Rule
    inputs: tuple = ()
    step: Step | None = None
    detail: str = ""

    @property
    def label(self) -> str:
        return LABELS[self.key]

    @property
    def section(self) -> str:
        return self.rule.citation(self.step)

    @property
    def size(self):
        """The count input used (registered voters, last vote), if any."""
        return next((i for i in self.inputs if i.count is not None), None)

    @property
    def start(self):
        """The date input counted from, if any."""
        return next((i for i in self.inputs if i.date_on is not None), None)


@dataclass(frozen=True)
class Missing:
    """A value the law would give once an input is known."""

    key: str
    rule: Rule | None  # None: the state's file has no rule for this officer yet
    needs: tuple[str, ...]

    @property
    def label(self) -> str:
        return LABELS[self.key]

    @property
    def needs_text(self) -> str:
        return " and ".join(INPUT_NEEDS[name] for name in self.needs)


@dataclass(frozen=True)
class Window:
    earliest: dt.date
    latest: dt.date
    consolidated_latest: dt.date | None = None


@dataclass(frozen=True)
class Thresholds:
    """The random-sample test: projected valid signatures against the requirement."""

    sample_minimum: int
    sample_percent: int
    sufficient_above: int  # projected valid greater than this: sufficient
    insufficient_below: int  # projected valid less than this: fails


@dataclass
class LegalClock:
    applies: bool
    reason: str = ""
    rulebook: Rulebook | None = None
    officers: str = ""
    computed: list[Computed] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)

    def value(self, key: str):
        return next((item.value for item in self.computed if item.key == key), None)


def officers_for(office) -> str:
    """``local``, ``statewide`` or ``state_district``, from the office's jurisdiction."""
    if office.jurisdiction.kind != "state":
        return "local"
    return "state_district" if office.category in DISTRICT_CATEGORIES else "statewide"


def share_of(count: int, percent: int) -> int:
    """``percent`` of ``count``, rounded up: the law asks for "not less than" the share."""
    return -(-count * percent // 100)


def verification_outcome(*, required: int, projected_valid: int, rule: Rule) -> str:
    """``sufficient``, ``full_count`` or ``insufficient``: the random-sample test of the rule."""
    above, below = (
        rule.numbers["sufficient_above_percent"],
        rule.numbers["insufficient_below_percent"],
    )
    if projected_valid * 100 > required * above:
        return "sufficient"
    if projected_valid * 100 < required * below:
        return "insufficient"
    return "full_count"


def sample_size(*, submitted: int, rule: Rule) -> int:
    """How many signatures the random sample examines: the minimum or the percent, whichever
    is greater (a fraction of a signature is dropped, as election offices report it)."""
    numbers = rule.numbers
    return max(numbers["sample_minimum"], submitted * numbers["sample_percent"] // 100)


def thresholds(*, required: int, rule: Rule) -> Thresholds:
    numbers = rule.numbers
    return Thresholds(
        sample_minimum=numbers["sample_minimum"],
        sample_percent=numbers["sample_percent"],
        # Whole signatures: the largest count that is not yet "greater than 110 percent",
        # the smallest that is not "less than 90 percent".
        sufficient_above=required * numbers["sufficient_above_percent"] // 100,
        insufficient_below=share_of(required, numbers["insufficient_below_percent"]),
    )


def legal_clock(*, effort, inputs, books: dict[str, Rulebook] | None = None) -> LegalClock:
    """What the law of the effort's state says, from ``inputs`` (the effort's LegalInputs)."""
    if effort.kind != "recall":
        return LegalClock(
            applies=False,
            reason=f"The legal clock follows recall law; this effort is an "
            f"{effort.get_kind_display()}, which follows other rules.",
        )
    state = effort.office.jurisdiction.state
    book = (rulebooks() if books is None else books).get(state)
    if book is None:
        name = effort.office.jurisdiction.get_state_display() or "this jurisdiction"
        return LegalClock(
            applies=False, reason=f"The recall rules for {name} are not in the tracker yet."
        )
    clock = LegalClock(applies=True, rulebook=book, officers=officers_for(effort.office))
    known = {item.kind: item for item in inputs}
    for computes in (
        "signatures_required",
        "signature_deadline",
        "verification",
        "election_window",
    ):
        rule = book.rule(computes, clock.officers)
        if rule is None:
            clock.missing.append(Missing(computes, None, ()))
        else:
            _apply(clock, rule, known)
    return clock


def _apply(clock: LegalClock, rule: Rule, known: dict) -> None:
    needs = [name for name in (rule.input, rule.starts) if name]
    if rule.computes == "verification":
        required = clock.value("signatures_required")
        if required is None:
            clock.missing.append(Missing("verification", rule, _missing_for_requirement(clock)))
        else:
            clock.computed.append(
                Computed("verification", thresholds(required=required, rule=rule), rule)
            )
        return
    if absent := tuple(name for name in needs if name not in known):
        clock.missing.append(Missing(rule.computes, rule, absent))
        return
    used = tuple(known[name] for name in needs)
    size = known[rule.input].count if rule.input else None
    step = rule.step_for(size) if rule.by_size else None
    if rule.computes == "signatures_required":
        percent = step.value if step else rule.percent
        value = share_of(size, percent)
        clock.computed.append(Computed(rule.computes, value, rule, used, step, f"{percent}%"))
    elif rule.computes == "signature_deadline":
        days = step.value if step else rule.days
        start = known[rule.starts].date_on
        value = start + dt.timedelta(days=days)
        clock.computed.append(Computed(rule.computes, value, rule, used, step, f"{days} days"))
    elif rule.computes == "election_window":
        start = known[rule.starts].date_on
        numbers = rule.numbers
        consolidated = numbers.get("consolidated_latest_days")
        window = Window(
            earliest=start + dt.timedelta(days=numbers["earliest_days"]),
            latest=start + dt.timedelta(days=numbers["latest_days"]),
            consolidated_latest=start + dt.timedelta(days=consolidated) if consolidated else None,
        )
        clock.computed.append(Computed(rule.computes, window, rule, used))


def _missing_for_requirement(clock: LegalClock) -> tuple[str, ...]:
    missing = next((m for m in clock.missing if m.key == "signatures_required"), None)
    return missing.needs if missing else ()
