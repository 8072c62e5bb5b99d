"""Human names of tables and records, for messages and the change log."""

from __future__ import annotations

from sqlmodel import SQLModel

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
    "organisation": N_("Organisation"),
    "person": N_("Person"),
    "work_group": N_("Group"),
    "membership": N_("Membership"),
    "meeting": N_("Meeting"),
    "meeting_attendance": N_("Attendance"),
    "minutes": N_("Minutes"),
    "minutes_item": N_("Minutes item"),
    "safety_walk": N_("Safety walk"),
    "safety_walk_participant": N_("Participant"),
    "observation": N_("Observation"),
    "observation_photo": N_("Photo"),
    "safety_visit": N_("Safety visit"),
    "situation_picture": N_("Situation picture"),
    "situation_finding": N_("Finding"),
    "citizen_promise": N_("Citizen promise"),
    "cooperation_agreement": N_("Cooperation agreement"),
    "action_plan": N_("Action plan"),
    "measure": N_("Measure"),
    "measure_partner": N_("Partner"),
    "measure_note": N_("Progress note"),
    "measure_status_change": N_("Status change"),
    "follow_up_report": N_("Follow-up report"),
    "audit_entry": N_("Change log entry"),
}

_NAME_FIELDS = ("name", "title", "heading", "text", "area", "place", "workplace", "revision")


def table_label(table_name: str) -> str:
    return _(TABLE_LABELS.get(table_name, table_name))


def record_label(obj: SQLModel) -> str:
    """'Åtgärd 12: Belysning i gångtunneln' or 'Person 3: Anna Berg'."""
    kind = table_label(obj.__tablename__)  # type: ignore[attr-defined]
    for name in _NAME_FIELDS:
        value = getattr(obj, name, None)
        if isinstance(value, str) and value.strip():
            text = value.strip().splitlines()[0]
            return f"{kind} {getattr(obj, 'id', '')}: {text[:80]}"
    return f"{kind} {getattr(obj, 'id', '')}"
