"""Which process an effort follows, so that its page shows that process's stages or none.

Only recalls go through the recall stages (notice, circulation, signatures, verification,
election). In California each stage has its section of the Elections Code, Division 11
(the sections named in ``EffortStatus``'s docstring); a recall elsewhere follows the same
generic path, whose stages and deadlines the state's own law sets, so no California
section is shown for it. Impeachments and other removal attempts (a legislature, a court,
a governor) follow none of these stages: their pages show no stepper.
"""

from __future__ import annotations

from dataclasses import dataclass

from recalls.models import EffortKind, RecallEffort

# Stage key (recalls/stages.py ``STAGES``) → California Elections Code section.
CALIFORNIA_SECTIONS = {
    "notice": "§§ 11020–11022",
    "circulating": "§ 11220",
    "verification": "§ 11224, § 9115",
    "election": "§ 11240 ff.",
}


@dataclass(frozen=True)
class Process:
    key: str  # "california_recall" | "recall"
    note: str
    sections: dict[str, str]


CALIFORNIA_RECALL = Process(
    "california_recall",
    "Stages follow the California recall process (Elections Code, Division 11). "
    "“Not reported” means a later stage was reached but the sources do not describe this one.",
    CALIFORNIA_SECTIONS,
)
GENERIC_RECALL = Process(
    "recall",
    "The usual stages of a recall; this state's own law sets its steps and deadlines. "
    "“Not reported” means a later stage was reached but the sources do not describe this one.",
    {},
)


def effort_process(effort: RecallEffort) -> Process | None:
    """The recall process the effort follows, or None (impeachment, other removal)."""
    if effort.kind != EffortKind.RECALL:
        return None
    if effort.office.jurisdiction.state == "CA":
        return CALIFORNIA_RECALL
    return GENERIC_RECALL
