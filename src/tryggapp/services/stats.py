"""Counts per kind of record, for `tryggapp check` and the About dialog."""

from __future__ import annotations

from sqlalchemy import func, select

from tryggapp import domain as d
from tryggapp.i18n import N_, _
from tryggapp.storage import Database

COUNTED = [
    (N_("Programmes"), d.Programme),
    (N_("Directions"), d.Direction),
    (N_("Focus areas"), d.FocusArea),
    (N_("Goals"), d.Goal),
    (N_("Measurements"), d.Measurement),
    (N_("Organisations"), d.Organisation),
    (N_("People"), d.Person),
    (N_("Groups"), d.Group),
    (N_("Memberships"), d.Membership),
    (N_("Meetings"), d.Meeting),
    (N_("Minutes"), d.Minutes),
    (N_("Minutes items"), d.MinutesItem),
    (N_("Safety walks"), d.SafetyWalk),
    (N_("Observations"), d.Observation),
    (N_("Photos"), d.ObservationPhoto),
    (N_("Safety visits"), d.SafetyVisit),
    (N_("Action plans"), d.ActionPlan),
    (N_("Measures"), d.Measure),
    (N_("Progress notes"), d.MeasureNote),
    (N_("Status changes"), d.MeasureStatusChange),
    (N_("Situation pictures"), d.SituationPicture),
    (N_("Findings"), d.SituationFinding),
    (N_("EST reports"), d.EstReport),
    (N_("Citizen promises"), d.CitizenPromise),
    (N_("Cooperation agreements"), d.CooperationAgreement),
    (N_("Undertakings"), d.Undertaking),
    (N_("Change log entries"), d.AuditEntry),
]


def row_counts(db: Database) -> list[tuple[str, int]]:
    with db.session() as s:
        return [(_(label), s.exec(select(func.count()).select_from(model)).one()[0]) for label, model in COUNTED]


def is_empty(db: Database) -> bool:
    """No municipality and no programme: a brand-new file."""
    with db.session() as s:
        return s.get(d.Municipality, 1) is None and s.exec(select(func.count()).select_from(d.Programme)).one()[0] == 0
