"""The lägesbild's parts added by revision 0007: its sources as records, the links of a
finding (the focus areas it prioritises, the measures that answer it, the EST reports it
rests on) and the EST intake (Effektiv samordning för trygghet).

SituationPicture and SituationFinding themselves live in domain.plan (revision 0001)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel

from tryggapp.domain.base import Versioned, enum_type, fk, not_blank
from tryggapp.domain.enums import LabelledEnum
from tryggapp.i18n import N_


class SourceKind(LabelledEnum):
    """What a lägesbild is built from (Nyköping, Nynäshamn, Strängnäs, Svenljunga)."""

    REPORTED_CRIME = "reported_crime"
    POLICE = "police"
    SURVEY = "survey"
    EST = "est"
    DIALOGUE = "dialogue"
    OTHER = "other"


SourceKind.__labels__ = {
    "reported_crime": N_("Reported crime"),
    "police": N_("The police's situation picture"),
    "survey": N_("Safety survey"),
    "est": N_("EST reports"),
    "dialogue": N_("Citizen dialogue"),
    "other": N_("Other"),
}


class ReporterKind(LabelledEnum):
    """Who sends an EST report."""

    MUNICIPAL = "municipal"
    POLICE = "police"
    HOUSING = "housing"
    OTHER = "other"


ReporterKind.__labels__ = {
    "municipal": N_("Municipal service"),
    "police": N_("Police"),
    "housing": N_("Housing company"),
    "other": N_("Other reporter"),
}


class EstKind(LabelledEnum):
    """The kind of event an EST report tells of (the usual EST categories)."""

    VANDALISM = "vandalism"
    GRAFFITI = "graffiti"
    LITTER = "litter"
    UNSAFE_PLACE = "unsafe_place"
    DISORDER = "disorder"
    DRUGS = "drugs"
    FIRE = "fire"
    OTHER = "other"


EstKind.__labels__ = {
    "vandalism": N_("Vandalism"),
    "graffiti": N_("Graffiti"),
    "litter": N_("Littering"),
    "unsafe_place": N_("Unsafe place"),
    "disorder": N_("Disorder, disturbance"),
    "drugs": N_("Drugs"),
    "fire": N_("Fire"),
    "other": N_("Other event"),
}


class SituationSource(Versioned, table=True):
    """One source of a lägesbild: what kind, who owns it, of when, and a note."""

    __tablename__ = "situation_source"

    id: int | None = Field(default=None, primary_key=True)
    situation_picture_id: int = fk("situation_picture.id", nullable=False, ondelete="CASCADE")
    kind: SourceKind = Field(default=SourceKind.OTHER, sa_type=enum_type(SourceKind, "source_kind"), nullable=False)
    owner: str = Field(default="", nullable=False)  # "Polisen", "Kommunledningskontoret"
    dated: dt.date | None = None
    note: str = Field(default="", nullable=False)


class FindingFocusArea(SQLModel, table=True):
    """A focus area a finding prioritises (many to many). The finding's own
    focus_area_id (revision 0001) is kept as the first of them."""

    __tablename__ = "finding_focus_area"

    finding_id: int = Field(foreign_key="situation_finding.id", primary_key=True, ondelete="CASCADE")
    focus_area_id: int = Field(foreign_key="focus_area.id", primary_key=True, ondelete="CASCADE", index=True)


class FindingMeasure(SQLModel, table=True):
    """A measure that answers a finding (many to many). A measure whose origin is the
    finding (measure.origin_finding_id) answers it too, without a row here."""

    __tablename__ = "finding_measure"

    finding_id: int = Field(foreign_key="situation_finding.id", primary_key=True, ondelete="CASCADE")
    measure_id: int = Field(foreign_key="measure.id", primary_key=True, ondelete="CASCADE", index=True)


class EstReport(Versioned, table=True):
    """A dated EST report: who reported, where, what kind of event, what happened."""

    __tablename__ = "est_report"
    __table_args__ = (not_blank("place"),)

    id: int | None = Field(default=None, primary_key=True)
    reported_on: dt.date = Field(nullable=False, index=True)
    reporter_kind: ReporterKind = Field(
        default=ReporterKind.MUNICIPAL, sa_type=enum_type(ReporterKind, "reporter_kind"), nullable=False)
    organisation_id: int | None = fk("organisation.id", ondelete="SET NULL")
    place: str = Field(nullable=False)
    kind: EstKind = Field(default=EstKind.OTHER, sa_type=enum_type(EstKind, "est_kind"), nullable=False)
    description: str = Field(default="", nullable=False)
    # "Skapa åtgärd": the measure made from the report (a measure has at most one origin
    # column, so the link lives here, as for a safety visit).
    measure_id: int | None = fk("measure.id", ondelete="SET NULL")


class FindingEst(SQLModel, table=True):
    """An EST report a finding refers to."""

    __tablename__ = "finding_est"

    finding_id: int = Field(foreign_key="situation_finding.id", primary_key=True, ondelete="CASCADE")
    est_report_id: int = Field(foreign_key="est_report.id", primary_key=True, ondelete="CASCADE", index=True)
