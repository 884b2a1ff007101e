from recalls.models.efforts import (
    EffortKind,
    Participant,
    ParticipantRole,
    RecallEffort,
    TimelineEvent,
)
from recalls.models.elections import (
    Candidacy,
    CandidacyStatus,
    Contest,
    ContestKind,
    Election,
    ElectionKind,
    RecallOutcome,
)
from recalls.models.people import Official, Tenure, TenureBasis
from recalls.models.places import Jurisdiction, JurisdictionKind, Office, OfficeCategory
from recalls.models.reports import CountBasis, ResultReport, SignatureKind, SignatureReport
from recalls.models.seed import SeedRecord
from recalls.stages import EffortStatus

__all__ = [
    "Candidacy",
    "CandidacyStatus",
    "Contest",
    "ContestKind",
    "CountBasis",
    "EffortKind",
    "EffortStatus",
    "Election",
    "ElectionKind",
    "Jurisdiction",
    "JurisdictionKind",
    "Office",
    "OfficeCategory",
    "Official",
    "Participant",
    "ParticipantRole",
    "RecallEffort",
    "RecallOutcome",
    "ResultReport",
    "SeedRecord",
    "SignatureKind",
    "SignatureReport",
    "Tenure",
    "TenureBasis",
    "TimelineEvent",
]
