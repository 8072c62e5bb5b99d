"""The municipality, the action programme, its directions, focus areas, goals and measurements."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field

from tryggapp.domain.base import Versioned, enum_type, fk, not_before, not_blank
from tryggapp.domain.enums import Assessment, GoalKind, PeriodKind


class Municipality(Versioned, table=True):
    """The one municipality a database belongs to, with its report settings."""

    __tablename__ = "municipality"
    __table_args__ = (sa.CheckConstraint("id = 1", name="single_row"), not_blank("name"))

    id: int | None = Field(default=1, primary_key=True)
    name: str = Field(nullable=False)
    coordinator_name: str = Field(default="", nullable=False)
    coordinator_title: str = Field(default="", nullable=False)
    coordinator_email: str = Field(default="", nullable=False)
    report_footer: str = Field(default="", nullable=False)
    logo: bytes | None = Field(default=None, sa_type=sa.LargeBinary)
    logo_mime: str | None = None
    backup_dir: str | None = None
    # A fictional municipality made by the demo: the title bar and every report page say
    # DEMO (revision 0006).
    demo: bool = Field(default=False, nullable=False, sa_column_kwargs={"server_default": sa.false()})


class Programme(Versioned, table=True):
    """Handlingsprogram / styrdokument."""

    __tablename__ = "programme"
    __table_args__ = (not_blank("title"), not_before("valid_to", "valid_from", "valid_period"))

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(nullable=False)
    reference_number: str = Field(default="", nullable=False)  # diarienummer
    decided_on: dt.date | None = None  # beslutsdatum
    adopted_by: str = Field(default="", nullable=False)  # fastställt av
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    document_owner: str = Field(default="", nullable=False)  # dokumentansvarig
    follow_up: str = Field(default="", nullable=False)  # how and when it is followed up
    description: str = Field(default="", nullable=False)


class ProgrammeRevision(Versioned, table=True):
    """A row of the programme's ändringshistorik."""

    __tablename__ = "programme_revision"
    __table_args__ = (not_blank("revision"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = fk("programme.id", nullable=False, ondelete="CASCADE")
    revision: str = Field(nullable=False)
    author: str = Field(default="", nullable=False)
    description: str = Field(default="", nullable=False)
    revised_on: dt.date = Field(nullable=False)


class Direction(Versioned, table=True):
    """Inriktning: a heading grouping focus areas."""

    __tablename__ = "direction"
    __table_args__ = (not_blank("title"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = fk("programme.id", nullable=False, ondelete="CASCADE")
    position: int = Field(default=0, nullable=False)
    title: str = Field(nullable=False)
    description: str = Field(default="", nullable=False)


class FocusArea(Versioned, table=True):
    """Fokusområde. Archived instead of deleted once measures refer to it."""

    __tablename__ = "focus_area"
    __table_args__ = (not_blank("title"), sa.CheckConstraint("number >= 1", name="number_positive"))

    id: int | None = Field(default=None, primary_key=True)
    direction_id: int = fk("direction.id", nullable=False)
    number: int = Field(nullable=False)
    title: str = Field(nullable=False)
    description: str = Field(default="", nullable=False)
    owner_person_id: int | None = fk("person.id")
    owner_organisation_id: int | None = fk("organisation.id")
    archived: bool = Field(default=False, nullable=False)


class Goal(Versioned, table=True):
    """Effektmål or prestationsmål with its indicator."""

    __tablename__ = "goal"
    __table_args__ = (not_blank("text"),)

    id: int | None = Field(default=None, primary_key=True)
    focus_area_id: int = fk("focus_area.id", nullable=False, ondelete="CASCADE")
    kind: GoalKind = Field(default=GoalKind.IMPACT, sa_type=enum_type(GoalKind, "goal_kind"), nullable=False)
    position: int = Field(default=0, nullable=False)
    text: str = Field(nullable=False)
    indicator: str = Field(default="", nullable=False)
    unit: str = Field(default="", nullable=False)
    baseline: float | None = None
    baseline_year: int | None = None
    target: float | None = None
    # Whether a higher value is better (e.g. "andel som känner sig trygga") or worse
    # ("antal anmälda skadegörelsebrott"): the trend's sign depends on it.
    higher_is_better: bool = Field(default=True, nullable=False)
    due: dt.date | None = None
    source: str = Field(default="", nullable=False)


_PERIOD_CHECK = (
    "(period_kind = 'year' AND period_no = 1) OR "
    "(period_kind = 'tertial' AND period_no BETWEEN 1 AND 3) OR "
    "(period_kind = 'quarter' AND period_no BETWEEN 1 AND 4)"
)


class Measurement(Versioned, table=True):
    """Mätvärde: a goal's indicator value for one period."""

    __tablename__ = "measurement"
    __table_args__ = (
        sa.UniqueConstraint("goal_id", "year", "period_kind", "period_no"),
        sa.CheckConstraint(_PERIOD_CHECK, name="period_no_valid"),
        sa.CheckConstraint("year BETWEEN 1900 AND 2200", name="year_valid"),
    )

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = fk("goal.id", nullable=False, ondelete="CASCADE")
    year: int = Field(nullable=False)
    period_kind: PeriodKind = Field(sa_type=enum_type(PeriodKind, "measurement_period_kind"), nullable=False)
    period_no: int = Field(default=1, nullable=False)
    value: float = Field(nullable=False)
    source: str = Field(default="", nullable=False)
    comment: str = Field(default="", nullable=False)


class IndicatorCategory(Versioned, table=True):
    """A category an indicator is broken down by ("Skadegörelse", "Våldsbrott"): the
    indicator's values may be recorded per category as well as in total. The list is
    the indicator's own, so an import can refuse a category it does not know."""

    __tablename__ = "indicator_category"
    __table_args__ = (sa.UniqueConstraint("goal_id", "name"), not_blank("name"))

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = fk("goal.id", nullable=False, ondelete="CASCADE")
    position: int = Field(default=0, nullable=False)
    name: str = Field(nullable=False)


class CategoryMeasurement(Versioned, table=True):
    """Mätvärde for one category of a goal's indicator and one period. Kept apart from
    Measurement (the indicator's total), so every reader of the totals (grid, trend,
    follow-up, report) stays as it was and one period keeps one total."""

    __tablename__ = "category_measurement"
    __table_args__ = (
        sa.UniqueConstraint("category_id", "year", "period_kind", "period_no"),
        sa.CheckConstraint(_PERIOD_CHECK, name="period_no_valid"),
        sa.CheckConstraint("year BETWEEN 1900 AND 2200", name="year_valid"),
    )

    id: int | None = Field(default=None, primary_key=True)
    category_id: int = fk("indicator_category.id", nullable=False, ondelete="CASCADE")
    year: int = Field(nullable=False)
    period_kind: PeriodKind = Field(sa_type=enum_type(PeriodKind, "category_measurement_period_kind"),
                                    nullable=False)
    period_no: int = Field(default=1, nullable=False)
    value: float = Field(nullable=False)
    source: str = Field(default="", nullable=False)
    comment: str = Field(default="", nullable=False)


class GoalAssessment(Versioned, table=True):
    """Bedömning of a goal for one follow-up period, with a comment."""

    __tablename__ = "goal_assessment"
    __table_args__ = (
        sa.UniqueConstraint("goal_id", "year", "period_kind", "period_no"),
        sa.CheckConstraint(_PERIOD_CHECK, name="period_no_valid"),
    )

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = fk("goal.id", nullable=False, ondelete="CASCADE")
    year: int = Field(nullable=False)
    period_kind: PeriodKind = Field(sa_type=enum_type(PeriodKind, "assessment_period_kind"), nullable=False)
    period_no: int = Field(default=1, nullable=False)
    assessment: Assessment = Field(
        default=Assessment.MISSING, sa_type=enum_type(Assessment, "assessment"), nullable=False
    )
    comment: str = Field(default="", nullable=False)
    assessed_on: dt.date | None = None
