"""Load and check the rule files: one YAML file per state in ``rules/``.

A rule file that breaks the format is refused with one line naming the file, the rule and
what is wrong, never half-loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

RULES_DIR = Path(__file__).parent / "rules"

# Who an officer is for the law: the offices of a state answer to the state's rules for
# state officers, every other office to its rules for local officers.
OFFICERS = ("local", "statewide", "state_district")
INPUTS = (
    "registered_voters",
    "last_vote_for_office",
    "petition_approved_on",
    "election_ordered_on",
    "certified_on",
)
# What each kind of rule computes, and the keys it needs beyond the common ones.
COMPUTES = {
    "signatures_required": ("input",),
    "signature_deadline": ("starts",),
    "verification": (
        "sample_minimum",
        "sample_percent",
        "sufficient_above_percent",
        "insufficient_below_percent",
    ),
    "election_window": ("starts", "earliest_days", "latest_days"),
}


class RuleFileError(ValueError):
    """A rule file the engine cannot use; the message is one readable line."""


@dataclass(frozen=True)
class Step:
    """One row of a table by size: applies below ``below`` (or above all others when None)."""

    below: int | None
    value: int
    paragraph: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    computes: str
    officers: tuple[str, ...]
    section: str
    words: str
    input: str = ""
    starts: str = ""
    percent: int | None = None
    days: int | None = None
    by_size: tuple[Step, ...] = ()
    numbers: dict = field(default_factory=dict)

    def step_for(self, size: int) -> Step:
        """The row of the table by size that ``size`` falls in."""
        return next(step for step in self.by_size if step.below is None or size < step.below)

    def citation(self, step: Step | None = None) -> str:
        return f"{self.section}{step.paragraph if step else ''}"


@dataclass(frozen=True)
class Rulebook:
    state: str
    name: str
    law: str
    rules: tuple[Rule, ...]

    def rule(self, computes: str, officers: str) -> Rule | None:
        return next(
            (r for r in self.rules if r.computes == computes and officers in r.officers), None
        )


def _whole(value, where: str, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RuleFileError(f"{where}: '{key}' must be a whole number, not {value!r}")
    return value


def _steps(raw, where: str, key: str, value_key: str) -> tuple[Step, ...]:
    if not isinstance(raw, list) or not raw:
        raise RuleFileError(f"{where}: '{key}' must be a list of rows")
    steps, last_below = [], -1
    for number, row in enumerate(raw, 1):
        row_where = f"{where}, {key} row {number}"
        if not isinstance(row, dict) or value_key not in row:
            raise RuleFileError(f"{row_where}: needs '{value_key}'")
        below = row.get("below")
        if below is not None:
            below = _whole(below, row_where, "below")
            if below <= last_below:
                raise RuleFileError(f"{row_where}: 'below' must grow from row to row")
            last_below = below
        elif number != len(raw):
            raise RuleFileError(f"{row_where}: only the last row may leave out 'below'")
        value = _whole(row[value_key], row_where, value_key)
        steps.append(Step(below=below, value=value, paragraph=str(row.get("paragraph", ""))))
    if steps[-1].below is not None:
        raise RuleFileError(f"{where}, {key}: the last row must have no 'below' (all larger sizes)")
    return tuple(steps)


def _rule(raw, where: str) -> Rule:
    if not isinstance(raw, dict):
        raise RuleFileError(f"{where}: a rule must be a mapping")
    where = f"{where} ({raw.get('id', 'no id')})"
    for key in ("id", "computes", "officers", "section", "words"):
        if not raw.get(key):
            raise RuleFileError(f"{where}: '{key}' is missing")
    computes = raw["computes"]
    if computes not in COMPUTES:
        raise RuleFileError(f"{where}: computes '{computes}' is not one of {', '.join(COMPUTES)}")
    officers = raw["officers"] if isinstance(raw["officers"], list) else [raw["officers"]]
    if unknown := [o for o in officers if o not in OFFICERS]:
        raise RuleFileError(f"{where}: officers {unknown} not among {', '.join(OFFICERS)}")
    for key in COMPUTES[computes]:
        if key not in raw:
            raise RuleFileError(f"{where}: '{key}' is missing")
    for key in ("input", "starts"):
        if key in raw and raw[key] not in INPUTS:
            raise RuleFileError(f"{where}: {key} '{raw[key]}' is not one of {', '.join(INPUTS)}")
    kwargs = {}
    if computes == "signatures_required":
        if ("percent" in raw) == ("percent_by_size" in raw):
            raise RuleFileError(f"{where}: give either 'percent' or 'percent_by_size'")
        if "percent" in raw:
            kwargs["percent"] = _whole(raw["percent"], where, "percent")
        else:
            kwargs["by_size"] = _steps(raw["percent_by_size"], where, "percent_by_size", "percent")
    if computes == "signature_deadline":
        if ("days" in raw) == ("days_by_size" in raw):
            raise RuleFileError(f"{where}: give either 'days' or 'days_by_size'")
        if "days" in raw:
            kwargs["days"] = _whole(raw["days"], where, "days")
        else:
            if raw.get("input") != "registered_voters":
                raise RuleFileError(f"{where}: 'days_by_size' needs input: registered_voters")
            kwargs["by_size"] = _steps(raw["days_by_size"], where, "days_by_size", "days")
    numbers = {
        key: _whole(raw[key], where, key)
        for key in (*COMPUTES[computes], "consolidated_latest_days")
        if key in raw and key not in ("input", "starts")
    }
    return Rule(
        id=raw["id"],
        computes=computes,
        officers=tuple(officers),
        section=str(raw["section"]),
        words=" ".join(str(raw["words"]).split()),
        input=raw.get("input", ""),
        starts=raw.get("starts", ""),
        numbers=numbers,
        **kwargs,
    )


def load_rulebook(path: Path) -> Rulebook:
    """Read one state's rule file; raise RuleFileError with one line on any defect."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise RuleFileError(f"{path.name}: cannot be read ({first_line})") from None
    if not isinstance(data, dict):
        raise RuleFileError(f"{path.name}: must be a mapping with state, name, law and rules")
    for key in ("state", "name", "law", "rules"):
        if not data.get(key):
            raise RuleFileError(f"{path.name}: '{key}' is missing")
    state = str(data["state"])
    if path.stem.upper() != state:
        raise RuleFileError(
            f"{path.name}: holds state '{state}'; name the file {state.lower()}.yaml"
        )
    if not isinstance(data["rules"], list):
        raise RuleFileError(f"{path.name}: 'rules' must be a list")
    rules = tuple(_rule(raw, f"{path.name}, rule {n}") for n, raw in enumerate(data["rules"], 1))
    ids = [rule.id for rule in rules]
    if duplicate := next((i for i in ids if ids.count(i) > 1), None):
        raise RuleFileError(f"{path.name}: rule id '{duplicate}' is used twice")
    return Rulebook(state=state, name=str(data["name"]), law=str(data["law"]), rules=rules)


def rulebooks() -> dict[str, Rulebook]:
    """Every state's rules, by two-letter state code (read once per directory)."""
    return _rulebooks_in(RULES_DIR)


@cache
def _rulebooks_in(directory: Path) -> dict[str, Rulebook]:
    books = (load_rulebook(path) for path in sorted(directory.glob("*.yaml")))
    return {book.state: book for book in books}
