"""Human names of tables, fields, records and stored values, for messages and the change log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel

import tryggapp.domain  # noqa: F401  (every table in the metadata)
from tryggapp.formatting import number
from tryggapp.i18n import N_, _

TABLE_LABELS = {
    "municipality": N_("Municipality"),
    "programme": N_("Programme"),
    "programme_revision": N_("Revision"),
    "direction": N_("Direction"),
    "focus_area": N_("Focus area"),
    "goal": N_("Goal"),
    "measurement": N_("Measurement"),
    "goal_assessment": N_("Assessment"),
    "indicator_category": N_("Indicator category"),
    "category_measurement": N_("Measurement per category"),
    "organisation": N_("Organisation"),
    "person": N_("Person"),
    "work_group": N_("Group"),
    "membership": N_("Membership"),
    "meeting": N_("Meeting"),
    "meeting_attendance": N_("Attendance"),
    "minutes": N_("Minutes"),
    "minutes_item": N_("Minutes item"),
    "minutes_reopening": N_("Reopening of minutes"),
    "minutes_series_start": N_("Start of a § series"),
    "safety_walk": N_("Safety walk"),
    "safety_walk_participant": N_("Participant"),
    "observation": N_("Observation"),
    "observation_photo": N_("Photo"),
    "safety_visit": N_("Safety visit"),
    "situation_picture": N_("Situation picture"),
    "situation_finding": N_("Finding"),
    "situation_source": N_("Source"),
    "finding_focus_area": N_("Prioritised focus area"),
    "finding_measure": N_("Answering measure"),
    "finding_est": N_("EST report of a finding"),
    "est_report": N_("EST report"),
    "citizen_promise": N_("Citizen promise"),
    "cooperation_agreement": N_("Cooperation agreement"),
    "agreement_party": N_("Party to an agreement"),
    "undertaking": N_("Undertaking"),
    "undertaking_note": N_("Follow-up of an undertaking"),
    "undertaking_measure": N_("Measure of an undertaking"),
    "action_plan": N_("Action plan"),
    "measure": N_("Measure"),
    "measure_partner": N_("Partner"),
    "measure_note": N_("Progress note"),
    "measure_status_change": N_("Status change"),
    "follow_up_report": N_("Follow-up report"),
    "audit_entry": N_("Change log entry"),
    "database_identity": N_("Database identity"),
    "report_text": N_("Report text"),
    "report_measure_note": N_("Report note on a late measure"),
    "report_group_note": N_("Report note on a group"),
}

# Every column of every table ('id' aside), by column name. A name means the same in
# every table that has it, except for the few in _TABLE_FIELD_LABELS.
FIELD_LABELS = {
    # The coordinator's words for a report period (report_text and its notes).
    "results": N_("Main results"),
    "deviations": N_("Deviations and measures taken"),
    "proposals": N_("Proposals to the municipal management group"),
    "updated_at": N_("Updated"),
    "report_text_id": N_("Report text"),
    "new_date": N_("New planned date"),
    "action": N_("Kind of change"),
    "action_plan_id": N_("Action plan"),
    "agreement_id": N_("Cooperation agreement"),
    "citizen_promise_id": N_("Citizen promise"),
    "undertaking_id": N_("Undertaking"),
    "adjusted_on": N_("Adjusted on"),
    "adjuster": N_("Adjuster then"),
    "adjuster_id": N_("Adjuster"),
    "adjustment_place": N_("Place of adjustment"),
    "adopted_by": N_("Adopted by"),
    "agenda": N_("Agenda"),
    "dated": N_("Date of the source"),
    "est_report_id": N_("EST report"),
    "finding_id": N_("Finding"),
    "owner": N_("Owner"),
    "reported_on": N_("Reported on"),
    "reporter_kind": N_("Reporter"),
    "analysis": N_("Analysis"),
    "archived": N_("Archived"),
    "area": N_("Area"),
    "assessed_on": N_("Assessed on"),
    "assessment": N_("Assessment"),
    "at": N_("When"),
    "attendance": N_("Attendance"),
    "author": N_("Author"),
    "backup_dir": N_("Backup folder"),
    "baseline": N_("Baseline"),
    "baseline_year": N_("Baseline year"),
    "cancel_reason": N_("Status reason"),
    "cancelled": N_("Meeting cancelled"),
    "caption": N_("Caption"),
    "carried_over_from_id": N_("Carried over from"),
    "category": N_("Category"),
    "category_id": N_("Category"),
    "chair_id": N_("Chair"),
    "changed_on": N_("Date"),
    "comment": N_("Comment"),
    "coordinator_email": N_("Coordinator's email"),
    "coordinator_name": N_("Coordinator"),
    "coordinator_title": N_("Coordinator's title"),
    "created_at": N_("Made at"),
    "data": N_("Image"),
    "date": N_("Date"),
    "deadline": N_("Deadline"),
    "decided_by": N_("Decided by"),
    "decided_on": N_("Decision date"),
    "decision": N_("Decision"),
    "description": N_("Description"),
    "direction_id": N_("Direction"),
    "discussion": N_("Discussion"),
    "dissolved_on": N_("Dissolved on"),
    "document_owner": N_("Document owner"),
    "due": N_("Target date"),
    "email": N_("Email"),
    "end_time": N_("End time"),
    "expected_effect": N_("Expected effect"),
    "feedback": N_("Feedback to residents"),
    "file_path": N_("File"),
    "filename": N_("File name"),
    "final_report": N_("Final report"),
    "findings": N_("Findings"),
    "focus_area_id": N_("Focus area"),
    "follow_up": N_("Follow-up"),
    "follow_up_date": N_("Follow-up meeting"),
    "from_date": N_("From"),
    "goal_id": N_("Goal"),
    "group_id": N_("Group"),
    "heading": N_("Heading"),
    "higher_is_better": N_("Higher is better"),
    "incident": N_("Incident"),
    "indicator": N_("Indicator"),
    "kept_at": N_("Kept at"),
    "kind": N_("Kind"),
    "latitude": N_("Latitude"),
    "level": N_("Level"),
    "light": N_("Light"),
    "locked_at": N_("Locked (approved)"),
    "logo": N_("Logo"),
    "logo_mime": N_("Logo file type"),
    "longitude": N_("Longitude"),
    "mandate": N_("Mandate"),
    "measure_id": N_("Measure"),
    "meeting_id": N_("Meeting"),
    "meetings_per_year": N_("Meetings per year"),
    "mime_type": N_("File type"),
    "minutes_id": N_("Minutes"),
    "name": N_("Name"),
    "new_status": N_("New status"),
    "new_values": N_("New values"),
    "no_action_reason": N_("Why nothing is done"),
    "note": N_("Note"),
    "noted_on": N_("Date"),
    "notes": N_("Notes"),
    "number": N_("No."),
    "observation_id": N_("Observation"),
    "old_status": N_("Previous status"),
    "old_values": N_("Previous values"),
    "organisation_id": N_("Organisation"),
    "organiser_group_id": N_("Organiser"),
    "origin_agreement_id": N_("Origin: cooperation agreement"),
    "origin_citizen_promise_id": N_("Origin: citizen promise"),
    "origin_finding_id": N_("Origin: situation picture finding"),
    "origin_minutes_item_id": N_("Origin: minutes item"),
    "origin_observation_id": N_("Origin: safety walk observation"),
    "os_user": N_("User"),
    "db_user": N_("Database user"),
    "version": N_("Version"),
    "owner_organisation_id": N_("Owning organisation"),
    "owner_person_id": N_("Owner"),
    "page_count": N_("Pages"),
    "parent_group_id": N_("Parent group"),
    "participants": N_("Participants"),
    "period_from": N_("Period from"),
    "period_kind": N_("Kind of period"),
    "period_label": N_("Period"),
    "period_no": N_("Period number"),
    "period_to": N_("Period to"),
    "person_id": N_("Person"),
    "phone": N_("Phone"),
    "place": N_("Place"),
    "planned_end": N_("Planned end"),
    "police_area": N_("Local police area"),
    "position": N_("Order"),
    "posted_from": N_("Date posted"),
    "posted_to": N_("Date taken down"),
    "previous_plan_id": N_("Previous plan"),
    "priority": N_("Priority"),
    "programme_id": N_("Programme"),
    "reason": N_("Reason"),
    "recommendations": N_("Recommendations"),
    "record_id": N_("Record"),
    "recorded_at": N_("Recorded at"),
    "reference_number": N_("Reference number"),
    "reopened_at": N_("Reopened"),
    "report_footer": N_("Report footer"),
    "demo": N_("Demo database"),
    "responsible_organisation_id": N_("Responsible organisation"),
    "responsible_person_id": N_("Responsible person"),
    "revised_on": N_("Date"),
    "revision": N_("Version"),
    "role": N_("Role"),
    "route": N_("Route"),
    "secretary_id": N_("Secretary"),
    "sections": N_("Sections"),
    "short_name": N_("Short name"),
    "signed_on": N_("Signed on"),
    "situation_picture_id": N_("Situation picture"),
    "source": N_("Source"),
    "sources": N_("Sources"),
    "start_date": N_("Start"),
    "start_time": N_("Start time"),
    "started_on": N_("Started on"),
    "status": N_("Status"),
    "summary": N_("Summary"),
    "table_name": N_("Kind of record"),
    "taken_at": N_("Taken at"),
    "target": N_("Target value"),
    "text": N_("Text"),
    "title": N_("Title"),
    "to_date": N_("To"),
    "unit": N_("Unit"),
    "uuid": N_("Identity (UUID)"),
    "valid_from": N_("Valid from"),
    "valid_to": N_("Valid to"),
    "value": N_("Value"),
    "visited_by_id": N_("Visited by"),
    "walk_id": N_("Safety walk"),
    "weather": N_("Weather"),
    "workplace": N_("Workplace"),
    "year": N_("Year"),
    # Revision 0005: a walk's three steps, a safety visit's support and follow-up.
    "premeeting_date": N_("Date of the pre-meeting"),
    "premeeting_route": N_("Route planning"),
    "invitation": N_("Invitation"),
    "resident_count": N_("Residents"),
    "follow_up_summary": N_("What the meeting concluded"),
    "support_given": N_("Support given"),
    # Revision 0012: where a § series continues, the day an undertaking was added.
    "first_number": N_("Series continues at §"),
    "created": N_("Added on"),
}

# Where a column name means something else in one table.
_TABLE_FIELD_LABELS = {
    ("person", "title"): N_("Job title"),
    ("goal", "text"): N_("Wording"),
    ("report_text", "assessment"): N_("Overall assessment"),
    ("safety_visit", "follow_up_date"): N_("Follow-up date"),
    ("safety_visit", "incident"): N_("Reason"),
    ("situation_source", "owner"): N_("Owner"),
    ("situation_finding", "area"): N_("Area of the municipality"),
    ("situation_finding", "priority"): N_("Severity"),
}

_NAME_FIELDS = ("name", "title", "heading", "text", "area", "place", "workplace", "revision")
# Records named by their name alone when referred to: people, actors, groups.
_NAMED_BY_NAME = frozenset({"person", "organisation", "work_group", "municipality"})
EMPTY = "–"


def table_label(table_name: str) -> str:
    return _(TABLE_LABELS.get(table_name, table_name))


def field_label(table: str, column: str) -> str:
    """'Ansvarig person' for ("measure", "responsible_person_id"); the column name itself
    for a column nobody gave a label (the test over all tables keeps that from happening)."""
    msgid = _TABLE_FIELD_LABELS.get((table, column)) or FIELD_LABELS.get(column)
    return _(msgid) if msgid else column


def _name_text(get: Callable[[str], Any]) -> str:
    for name in _NAME_FIELDS:
        try:
            value = get(name)
        except (AttributeError, KeyError):
            continue
        if isinstance(value, str) and value.strip():
            return value.strip().splitlines()[0][:80]
    return ""


def record_label(obj: SQLModel) -> str:
    """'Åtgärd 12: Belysning i gångtunneln' or 'Person 3: Anna Berg'."""
    kind = table_label(obj.__tablename__)  # type: ignore[attr-defined]
    text = _name_text(lambda name: getattr(obj, name, None))
    ident = getattr(obj, "id", "")
    number = getattr(obj, "number", None)
    if obj.__tablename__ == "measure" and number is not None:  # type: ignore[attr-defined]
        ident = _("no. {number}").format(number=number)  # as the plan shows it
    return f"{kind} {ident}: {text}" if text else f"{kind} {ident}"


# -- stored values -------------------------------------------------------------------------

Reference = tuple[str, int]  # (referenced table, id)


@cache
def _column(table: str, column: str) -> sa.Column | None:
    t = SQLModel.metadata.tables.get(table)
    return t.columns.get(column) if t is not None else None


@cache
def _target(table: str, column: str) -> str | None:
    """The table a foreign-key column refers to."""
    col = _column(table, column)
    if col is None:
        return None
    for fk in col.foreign_keys:
        return fk.column.table.name
    return None


def _as_id(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def references(table: str, values: Mapping[str, Any]) -> set[Reference]:
    """The records the foreign keys among `values` (a log entry's old or new values) refer to."""
    out: set[Reference] = set()
    for column, value in values.items():
        target = _target(table, column)
        ident = _as_id(value)
        if target is not None and ident is not None:
            out.add((target, ident))
    return out


def reference_label(table: str, ident: Any, text: str) -> str:
    """How a referred-to record reads in a field: 'Anna Berg', '60 Städning i parken', '#7'."""
    if not text:
        return f"#{ident}"
    return text if table in _NAMED_BY_NAME else f"{ident} {text}"


def reference_labels(session: Session, wanted: Iterable[Reference]) -> dict[Reference, str]:
    """Labels of the records that still exist, one query per table (only the id and the
    naming columns are read, never a photo). Missing records are left out."""
    by_table: dict[str, set[int]] = {}
    for table, ident in wanted:
        by_table.setdefault(table, set()).add(ident)
    out: dict[Reference, str] = {}
    for table_name, ids in by_table.items():
        table = SQLModel.metadata.tables.get(table_name)
        if table is None or "id" not in table.columns:
            continue
        cols = [table.c.id] + [table.c[n] for n in _NAME_FIELDS if n in table.columns]
        # A measure is known by its number in the plan ("nr 40"), never by its database id.
        numbered = table_name == "measure" and "number" in table.columns
        if numbered:
            cols.append(table.c.number)
        ordered = sorted(ids)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start:start + 500]
            for row in session.execute(sa.select(*cols).where(table.c.id.in_(chunk))).mappings():
                shown = _("no. {number}").format(number=row["number"]) if numbered else row["id"]
                out[(table_name, row["id"])] = reference_label(table_name, shown, _name_text(row.__getitem__))
    return out


def _enum_label(enum_cls: type[Enum], stored: Any) -> str | None:
    try:
        member = enum_cls(stored)
    except ValueError:
        return None
    label = getattr(member, "label", None)
    return label if isinstance(label, str) else None


def display_value(table: str, column: str, stored: Any,
                  labels: Mapping[Reference, str] | None = None) -> str:
    """A value as stored in the change log (JSON), as a Swedish reader wants to see it:
    a status's label instead of its code, Ja/Nej, 2026-05-01, 13:00, 61,5, and the
    name of a referred-to record from `labels` (see reference_labels), else '#id'."""
    if stored is None or stored == "":
        return EMPTY
    col = _column(table, column)
    ctype = col.type if col is not None else None
    if isinstance(stored, bool) or (isinstance(ctype, sa.Boolean) and stored in (0, 1)):
        return _("Yes") if stored else _("No")
    target = _target(table, column)
    if target is not None and _as_id(stored) is not None:
        ident = _as_id(stored)
        return (labels or {}).get((target, ident)) or f"#{ident}"  # type: ignore[arg-type]
    if isinstance(ctype, sa.Enum) and ctype.enum_class is not None:
        label = _enum_label(ctype.enum_class, stored)
        if label is not None:
            return label
    if isinstance(stored, str):
        return _readable_time(ctype, stored)
    if isinstance(stored, float):
        return number(stored, decimals=6)
    return str(stored)


def _readable_time(ctype: Any, text: str) -> str:
    """Dates stay ISO (the Swedish short form); times and timestamps lose their seconds."""
    try:
        if isinstance(ctype, sa.DateTime):
            return dt.datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M")
        if isinstance(ctype, sa.Time):
            return dt.time.fromisoformat(text).strftime("%H:%M")
    except ValueError:
        pass
    return text
