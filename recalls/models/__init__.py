from editorial.models import history_track
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
from recalls.models.legal import LegalInput, LegalInputKind
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
    "LegalInput",
    "LegalInputKind",
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

history_track(
    Jurisdiction,
    Office,
    Official,
    Tenure,
    Participant,
    TimelineEvent,
    Election,
    Contest,
    Candidacy,
    SignatureReport,
    ResultReport,
    LegalInput,
)
history_track(
    RecallEffort,
    m2m_fields=("targets",),
    # Derived from events, citations and reports (recalls/fact_summary.py).
    excluded_fields=RecallEffort.SUMMARY_FIELDS,
)
