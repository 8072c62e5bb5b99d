"""The domain: SQLModel tables, vocabularies and pure rules. No Qt, no I/O."""

from sqlmodel import SQLModel

from tryggapp.domain.agreements import (
    AgreementParty,
    Undertaking,
    UndertakingMeasure,
    UndertakingNote,
)
from tryggapp.domain.enums import *  # noqa: F403  (the vocabularies are part of the domain API)
from tryggapp.domain.meetings import (
    Meeting,
    MeetingAttendance,
    Minutes,
    MinutesItem,
    MinutesReopening,
    MinutesSeriesStart,
)
from tryggapp.domain.organisation import Group, Membership, Organisation, Person
from tryggapp.domain.plan import (
    ActionPlan,
    CitizenPromise,
    CooperationAgreement,
    Measure,
    MeasureNote,
    MeasurePartner,
    MeasureStatusChange,
    SituationFinding,
    SituationPicture,
)
from tryggapp.domain.programme import (
    CategoryMeasurement,
    Direction,
    FocusArea,
    Goal,
    GoalAssessment,
    IndicatorCategory,
    Measurement,
    Municipality,
    Programme,
    ProgrammeRevision,
)
from tryggapp.domain.records import (
    AuditEntry,
    DatabaseIdentity,
    FollowUpReport,
    ReportGroupNote,
    ReportMeasureNote,
    ReportText,
)
from tryggapp.domain.situation import (
    EstKind,
    EstReport,
    FindingEst,
    FindingFocusArea,
    FindingMeasure,
    ReporterKind,
    SituationSource,
    SourceKind,
)
from tryggapp.domain.walks import (
    Observation,
    ObservationPhoto,
    SafetyVisit,
    SafetyWalk,
    SafetyWalkParticipant,
)

metadata = SQLModel.metadata

__all__ = [
    "CategoryMeasurement", "IndicatorCategory",
    "ActionPlan", "AgreementParty", "AuditEntry", "CitizenPromise", "CooperationAgreement", "DatabaseIdentity",
    "Direction", "FocusArea", "FollowUpReport", "Goal", "GoalAssessment", "Group", "Measure",
    "MeasureNote", "MeasurePartner", "MeasureStatusChange", "Measurement", "Meeting",
    "MeetingAttendance", "Membership", "Minutes", "MinutesItem",
    "MinutesReopening", "MinutesSeriesStart", "Municipality", "Observation",
    "ObservationPhoto", "Organisation", "Person", "Programme", "ProgrammeRevision",
    "ReportGroupNote", "ReportMeasureNote", "ReportText",
    "SafetyVisit", "SafetyWalk", "SafetyWalkParticipant", "SituationFinding",
    "SituationPicture", "Undertaking", "UndertakingMeasure", "UndertakingNote", "metadata",
    # revision 0007: the lägesbild's sources and links, EST
    "EstKind", "EstReport", "FindingEst", "FindingFocusArea", "FindingMeasure", "ReporterKind",
    "SituationSource", "SourceKind",
]
