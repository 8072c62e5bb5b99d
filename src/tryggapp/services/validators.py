"""Per-entity validation rules. Each validator fills a Checker with Swedish messages
that name the field; `validate()` raises ValidationError before anything is written.

The database enforces the same rules with CHECK constraints as a last line of defence;
these give the user a sentence instead of a constraint name."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sqlmodel import Session, SQLModel, select

from tryggapp import domain as d
from tryggapp.domain.base import TEXT_MAX
from tryggapp.i18n import _
from tryggapp.services.validation import Checker

Validator = Callable[[Any, Session, Checker], None]
_VALIDATORS: dict[type[SQLModel], Validator] = {}

# Longest texts per field are TEXT_MAX; free-text fields that may legitimately be long
# (minutes discussion, analysis) get the same generous limit.
_LONG = TEXT_MAX


def validator(model: type[SQLModel]) -> Callable[[Validator], Validator]:
    def wrap(fn: Validator) -> Validator:
        _VALIDATORS[model] = fn
        return fn
    return wrap


def validate(obj: SQLModel, session: Session) -> None:
    checker = Checker()
    fn = _VALIDATORS.get(type(obj))
    if fn is not None:
        # The uniqueness queries must not flush the unvalidated object first.
        with session.no_autoflush:
            fn(obj, session, checker)
    _generic_text_limits(obj, checker)
    checker.raise_if_any()


def _generic_text_limits(obj: SQLModel, c: Checker) -> None:
    """No text field anywhere takes more than TEXT_MAX characters."""
    already = {e.field for e in c.errors}
    for col in obj.__table__.columns:  # type: ignore[attr-defined]
        value = getattr(obj, col.name, None)
        if isinstance(value, str) and len(value) > _LONG and col.name not in already:
            c.text(col.name, col.name, value, max_length=_LONG)


@validator(d.Municipality)
def _municipality(o: d.Municipality, s: Session, c: Checker) -> None:
    c.title("name", _("Municipality name"), o.name)


@validator(d.Programme)
def _programme(o: d.Programme, s: Session, c: Checker) -> None:
    c.title("title", _("Title"), o.title)
    c.title("reference_number", _("Reference number"), o.reference_number, required=False)
    c.date_order("valid_from", _("Valid from"), o.valid_from, "valid_to", _("Valid to"), o.valid_to)


@validator(d.ProgrammeRevision)
def _revision(o: d.ProgrammeRevision, s: Session, c: Checker) -> None:
    c.title("revision", _("Revision"), o.revision)
    c.required("revised_on", _("Date"), o.revised_on)


@validator(d.Direction)
def _direction(o: d.Direction, s: Session, c: Checker) -> None:
    c.title("title", _("Title"), o.title)
    c.required("programme_id", _("Programme"), o.programme_id)


@validator(d.FocusArea)
def _focus_area(o: d.FocusArea, s: Session, c: Checker) -> None:
    c.title("title", _("Title"), o.title)
    c.required("direction_id", _("Direction"), o.direction_id)
    if c.required("number", _("Number"), o.number):
        c.in_range("number", _("Number"), o.number, 1, 999)


@validator(d.Goal)
def _goal(o: d.Goal, s: Session, c: Checker) -> None:
    c.text("text", _("Goal"), o.text, required=True, max_length=2000)
    c.required("focus_area_id", _("Focus area"), o.focus_area_id)
    c.title("indicator", _("Indicator"), o.indicator, required=False)
    c.title("unit", _("Unit"), o.unit, required=False)


@validator(d.Measurement)
def _measurement(o: d.Measurement, s: Session, c: Checker) -> None:
    c.required("value", _("Value"), o.value)
    if c.required("year", _("Year"), o.year):
        c.in_range("year", _("Year"), o.year, 1900, 2200)
    hi = {d.PeriodKind.YEAR: 1, d.PeriodKind.TERTIAL: 3, d.PeriodKind.QUARTER: 4}.get(o.period_kind, 1)
    c.in_range("period_no", _("Period"), o.period_no, 1, hi)
    if o.goal_id and o.year:
        clash = s.exec(select(d.Measurement).where(
            d.Measurement.goal_id == o.goal_id, d.Measurement.year == o.year,
            d.Measurement.period_kind == o.period_kind, d.Measurement.period_no == o.period_no,
            d.Measurement.id != o.id)).first()
        if clash is not None:
            c.add("period_no", _("Period"), _("The goal already has a value for this period."))


@validator(d.IndicatorCategory)
def _indicator_category(o: d.IndicatorCategory, s: Session, c: Checker) -> None:
    c.title("name", _("Name"), o.name)
    if o.name and o.name.strip() and o.goal_id:
        # One list per indicator, compared as the import compares (case and spaces aside).
        key = " ".join(o.name.split()).casefold()
        others = s.exec(select(d.IndicatorCategory.name).where(
            d.IndicatorCategory.goal_id == o.goal_id, d.IndicatorCategory.id != o.id)).all()
        if any(" ".join(n.split()).casefold() == key for n in others):
            c.add("name", _("Name"), _("The indicator already has a category named “{name}”.").format(
                name=o.name.strip()))


@validator(d.CategoryMeasurement)
def _category_measurement(o: d.CategoryMeasurement, s: Session, c: Checker) -> None:
    c.required("value", _("Value"), o.value)
    if c.required("year", _("Year"), o.year):
        c.in_range("year", _("Year"), o.year, 1900, 2200)
    hi = {d.PeriodKind.YEAR: 1, d.PeriodKind.TERTIAL: 3, d.PeriodKind.QUARTER: 4}.get(o.period_kind, 1)
    c.in_range("period_no", _("Period"), o.period_no, 1, hi)


@validator(d.GoalAssessment)
def _assessment(o: d.GoalAssessment, s: Session, c: Checker) -> None:
    c.required("assessment", _("Assessment"), o.assessment)


@validator(d.Organisation)
def _organisation(o: d.Organisation, s: Session, c: Checker) -> None:
    c.title("name", _("Name"), o.name)
    if o.name and o.name.strip():
        clash = s.exec(select(d.Organisation).where(d.Organisation.name == o.name.strip(),
                                                    d.Organisation.id != o.id)).first()
        if clash is not None:
            c.add("name", _("Name"), _("There is already an organisation named “{name}”.").format(name=o.name))


# An address with one @, something before it and a dot in the domain; no spaces. Kept
# loose on purpose: the app never sends mail, it only has to catch a typo or a pasted name.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_PHONE = re.compile(r"\+?[0-9][0-9 ()/-]{3,30}")


@validator(d.Person)
def _person(o: d.Person, s: Session, c: Checker) -> None:
    c.title("name", _("Name"), o.name)
    c.title("title", _("Job title"), o.title, required=False)
    c.title("email", _("E-mail"), o.email, required=False)
    c.title("phone", _("Phone"), o.phone, required=False)
    if o.email and not _EMAIL.fullmatch(o.email.strip()) and not c.for_field("email"):
        c.add("email", _("E-mail"), _("“{field}” is not a valid e-mail address.").format(field=_("E-mail")))
    if o.phone and not _PHONE.fullmatch(o.phone.strip()) and not c.for_field("phone"):
        c.add("phone", _("Phone"), _("“{field}” is not a valid phone number: use digits, spaces, + and -.").format(
            field=_("Phone")))


@validator(d.Group)
def _group(o: d.Group, s: Session, c: Checker) -> None:
    c.title("name", _("Name"), o.name)
    c.required("level", _("Level"), o.level)
    c.in_range("meetings_per_year", _("Meetings per year"), o.meetings_per_year, 0, 52)
    c.date_order("started_on", _("Start"), o.started_on, "planned_end", _("Planned end"), o.planned_end)
    c.date_order("started_on", _("Start"), o.started_on, "dissolved_on", _("Dissolved"), o.dissolved_on)


@validator(d.Membership)
def _membership(o: d.Membership, s: Session, c: Checker) -> None:
    c.required("person_id", _("Person"), o.person_id)
    c.required("group_id", _("Group"), o.group_id)
    c.date_order("from_date", _("From"), o.from_date, "to_date", _("To"), o.to_date)


@validator(d.Meeting)
def _meeting(o: d.Meeting, s: Session, c: Checker) -> None:
    c.required("group_id", _("Group"), o.group_id)
    c.required("date", _("Date"), o.date)
    if o.start_time and o.end_time and o.end_time < o.start_time:
        c.add("end_time", _("End time"), _("“{end}” cannot be before “{start}”.").format(
            end=_("End time"), start=_("Start time")))
    c.title("place", _("Place"), o.place, required=False)


@validator(d.Minutes)
def _minutes(o: d.Minutes, s: Session, c: Checker) -> None:
    # The anslag: the justerade minutes are posted, then taken down (kommunallagen 8 kap. 12 §).
    c.date_order("posted_from", _("Date posted"), o.posted_from, "posted_to", _("Date taken down"), o.posted_to)
    if o.posted_from is not None and o.adjusted_on is not None and o.posted_from < o.adjusted_on:
        c.add("posted_from", _("Date posted"), _(
            "“Date posted” ({posted}) cannot be before the date of adjustment ({adjusted}): the minutes are "
            "posted once they are approved.").format(posted=o.posted_from.isoformat(),
                                                      adjusted=o.adjusted_on.isoformat()))


@validator(d.MinutesItem)
def _minutes_item(o: d.MinutesItem, s: Session, c: Checker) -> None:
    c.title("heading", _("Heading"), o.heading)
    if c.required("number", _("§ number"), o.number):
        c.in_range("number", _("§ number"), o.number, 1, 9999)
        clash = s.exec(select(d.MinutesItem).where(
            d.MinutesItem.group_id == o.group_id, d.MinutesItem.year == o.year,
            d.MinutesItem.number == o.number, d.MinutesItem.id != o.id)).first()
        if clash is not None:
            c.add("number", _("§ number"), _("§ {number} is already used by this group in {year}.").format(
                number=o.number, year=o.year))


@validator(d.SafetyWalk)
def _walk(o: d.SafetyWalk, s: Session, c: Checker) -> None:
    c.required("date", _("Date"), o.date)
    c.title("area", _("Area"), o.area)


@validator(d.Observation)
def _observation(o: d.Observation, s: Session, c: Checker) -> None:
    c.title("place", _("Place"), o.place)
    c.required("category", _("Category"), o.category)
    c.in_range("latitude", _("Latitude"), o.latitude, -90, 90)
    c.in_range("longitude", _("Longitude"), o.longitude, -180, 180)


@validator(d.SafetyVisit)
def _visit(o: d.SafetyVisit, s: Session, c: Checker) -> None:
    c.required("date", _("Date"), o.date)
    c.title("workplace", _("Workplace"), o.workplace)


@validator(d.SituationPicture)
def _situation(o: d.SituationPicture, s: Session, c: Checker) -> None:
    c.title("title", _("Title"), o.title)
    c.required("period_from", _("Period from"), o.period_from)
    c.required("period_to", _("Period to"), o.period_to)
    c.date_order("period_from", _("Period from"), o.period_from, "period_to", _("Period to"), o.period_to)


@validator(d.SituationFinding)
def _finding(o: d.SituationFinding, s: Session, c: Checker) -> None:
    c.title("title", _("Title"), o.title)
    c.title("area", _("Area of the municipality"), o.area, required=False)


@validator(d.EstReport)
def _est(o: d.EstReport, s: Session, c: Checker) -> None:
    c.required("reported_on", _("Date"), o.reported_on)
    c.title("place", _("Place"), o.place)


def _commitment(o: d.CitizenPromise | d.CooperationAgreement, s: Session, c: Checker) -> None:
    c.title("title", _("Title"), o.title)
    c.required("period_from", _("Period from"), o.period_from)
    c.required("period_to", _("Period to"), o.period_to)
    c.date_order("period_from", _("Period from"), o.period_from, "period_to", _("Period to"), o.period_to)


validator(d.CitizenPromise)(_commitment)
validator(d.CooperationAgreement)(_commitment)


@validator(d.ActionPlan)
def _plan(o: d.ActionPlan, s: Session, c: Checker) -> None:
    if c.required("year", _("Year"), o.year):
        c.in_range("year", _("Year"), o.year, 1900, 2200)
        clash = s.exec(select(d.ActionPlan).where(d.ActionPlan.year == o.year, d.ActionPlan.id != o.id)).first()
        if clash is not None:
            c.add("year", _("Year"), _("There is already an action plan for {year}.").format(year=o.year))


@validator(d.Measure)
def _measure(o: d.Measure, s: Session, c: Checker) -> None:
    c.title("title", _("Measure"), o.title)
    c.required("action_plan_id", _("Action plan"), o.action_plan_id)
    c.date_order("start_date", _("Start"), o.start_date, "deadline", _("Deadline"), o.deadline)
    if o.status == d.MeasureStatus.CANCELLED and not (o.cancel_reason or "").strip():
        c.add("cancel_reason", _("Reason"),
              _("A cancelled measure needs a reason: fill in “{field}”.").format(field=_("Reason")))
    origins = [o.origin_minutes_item_id, o.origin_observation_id, o.origin_finding_id,
               o.origin_citizen_promise_id, o.origin_agreement_id]
    if sum(x is not None for x in origins) > 1:
        c.add("origin", _("Origin"), _("A measure can have only one origin."))
    if c.required("number", _("Number"), o.number):
        clash = s.exec(select(d.Measure).where(d.Measure.action_plan_id == o.action_plan_id,
                                               d.Measure.number == o.number, d.Measure.id != o.id)).first()
        if clash is not None:
            c.add("number", _("Number"), _("Number {number} is already used in this action plan.").format(
                number=o.number))


@validator(d.MeasureNote)
def _note(o: d.MeasureNote, s: Session, c: Checker) -> None:
    c.required("noted_on", _("Date"), o.noted_on)
    c.text("text", _("Note"), o.text, required=True)
