"""Personal data (GDPR) of one person: the extract (registerutdrag) and the erasure.

`extract` gathers everything stored about a person: the person record, memberships,
meeting attendance, roles in minutes, measures and focus areas they are responsible for,
safety walks and visits, texts that mention their name, e-mail or phone, and the change
log's entries about them. `write_extract` saves it as a UTF-8 text file.

`erase` anonymises the person everywhere while minutes and measures stay: the person row
becomes "Borttagen person" (title, e-mail and phone blanked, archived), every text that
holds their name, e-mail or phone has it replaced, and the change log's old values are
rewritten the same way (otherwise the log would keep what was erased). A file is then
vacuumed with secure_delete on and the WAL checkpointed and truncated, so the erased text
survives neither in free pages nor in the -wal file (storage.raw; a team database's server
keeps old row versions until they are overwritten: README). Older backups still hold it until
they rotate out: the UI says so before asking."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel, select

from tryggapp import domain as d
from tryggapp.domain.enums import AuditAction
from tryggapp.errors import UserError
from tryggapp.formatting import date_short
from tryggapp.i18n import _
from tryggapp.services import audit, crud
from tryggapp.services.labels import field_label, table_label
from tryggapp.storage import Database
from tryggapp.storage import audit as audit_log
from tryggapp.storage.database import user_error
from tryggapp.storage.portable import instr
from tryggapp.storage.raw import RawConnection, driver_errors, erasure_transaction

# Tables never rewritten by the erasure: the log is handled by storage.audit.redact, the
# others hold no personal data.
_SKIP_TABLES = frozenset({"audit_entry", "alembic_version", "database_identity"})
# Person references the extract lists in their own sections.
_LISTED = frozenset({("membership", "person_id"), ("meeting_attendance", "person_id"), ("minutes", "secretary_id"),
                     ("minutes", "chair_id"), ("minutes", "adjuster_id"), ("measure", "responsible_person_id"),
                     ("focus_area", "owner_person_id"), ("safety_walk_participant", "person_id"),
                     ("safety_visit", "visited_by_id")})


def erased_name() -> str:
    return _("Deleted person")


@dataclass
class Extract:
    person: d.Person
    organisation: str
    sections: list[tuple[str, list[str]]] = field(default_factory=list)

    def text(self, made_on: dt.date) -> str:
        p = self.person
        title = _("Extract of personal data (registerutdrag)")
        person = _("Person")
        facts = [(_("Name"), p.name), (_("Job title"), p.title), (_("Organisation"), self.organisation),
                 (_("E-mail"), p.email), (_("Phone"), p.phone), (_("Archived"), _("Yes") if p.archived else _("No"))]
        lines = [title, "=" * len(title), "", _("Made on {date} by Tryggapp.").format(date=date_short(made_on)), "",
                 person, "-" * len(person), *[f"{label}: {value}" for label, value in facts], ""]
        for title, rows in self.sections:
            lines += [title, "-" * len(title)]
            lines += [f"- {r}" for r in rows] if rows else [_("(nothing)")]
            lines.append("")
        return "\n".join(lines)


def _needles(p: d.Person) -> list[str]:
    """The texts that identify the person: name, e-mail, phone (the title alone does not)."""
    return [t for t in (p.name.strip(), p.email.strip(), p.phone.strip()) if len(t) >= 3]


def _text_columns() -> Iterable[tuple[sa.Table, sa.Column]]:
    for table in SQLModel.metadata.sorted_tables:
        if table.name in _SKIP_TABLES:
            continue
        for col in table.columns:
            if isinstance(col.type, sa.Enum):
                continue
            kind = col.type.impl if isinstance(col.type, sa.TypeDecorator) else col.type  # AutoString
            if isinstance(kind, sa.String):
                yield table, col


# Where the text of justerade minutes lives, and the minutes each row belongs to (the
# locks of revision 0004 cover the items, the attendance and the meeting's time and place).
_MINUTES_OF = {
    "minutes": "t.id",
    "minutes_item": "t.minutes_id",
    "meeting_attendance": "(SELECT id FROM minutes WHERE meeting_id = t.meeting_id)",
    "meeting": "(SELECT id FROM minutes WHERE meeting_id = t.id)",
}


def _open_locked_minutes(conn: RawConnection, needles: list[str]) -> list[tuple[int, str]]:
    """Justerade minutes that name the person are opened the way the app opens them (a
    reopening with its reason, so the lock's history says why), so the erasure can
    anonymise them; returns (id, new lock time) to lock them again right after. The new
    lock is later than the reopening, so that reopening cannot unlock them a second time."""
    found: set[int] = set()
    for table, col in _text_columns():
        link = _MINUTES_OF.get(table.name)
        if link is None or not needles:
            continue
        where = " OR ".join([f'instr(t."{col.name}", ?) > 0'] * len(needles))
        rows = conn.execute(f'SELECT {link} FROM "{table.name}" t WHERE {where}', needles).fetchall()
        found.update(r[0] for r in rows if r[0] is not None)
    if not found:
        return []
    marks = ",".join("?" * len(found))
    locked = conn.execute(f"SELECT id, adjusted_on FROM minutes WHERE locked_at IS NOT NULL AND id IN ({marks})",
                          sorted(found)).fetchall()
    now = dt.datetime.now()
    opened_at = now.isoformat(sep=" ", timespec="microseconds")  # SQLAlchemy's text form
    relocked_at = (now + dt.timedelta(seconds=1)).isoformat(sep=" ", timespec="microseconds")
    for minutes_id, adjusted_on in locked:
        conn.execute("INSERT INTO minutes_reopening (minutes_id, reopened_at, reason, author, adjusted_on, adjuster) "
                     "VALUES (?, ?, ?, ?, ?, '')",
                     (minutes_id, opened_at, _("A person's personal data was erased (GDPR); the minutes were "
                                               "locked again at once."), audit_log.current_user(), adjusted_on))
        conn.execute("UPDATE minutes SET locked_at = NULL WHERE id = ?", (minutes_id,))
    return [(minutes_id, relocked_at) for minutes_id, _adjusted in locked]


def extract(db: Database, person_id: int) -> Extract:
    person = crud.get(db, d.Person, person_id)
    with db.session() as s:
        org = s.get(d.Organisation, person.organisation_id) if person.organisation_id else None
        out = Extract(person, org.name if org else "")

        rows = []
        for m, g in s.exec(select(d.Membership, d.Group).join(d.Group, d.Group.id == d.Membership.group_id)
                           .where(d.Membership.person_id == person_id)
                           .order_by(d.Membership.from_date.asc().nulls_first(), d.Membership.id)).all():
            rows.append(_("{group}: {role}, {start} – {end}").format(
                group=g.name, role=m.role.label, start=date_short(m.from_date) or "…", end=date_short(m.to_date) or "…"))
        out.sections.append((_("Memberships in groups"), rows))

        rows = []
        for a, m, g in s.exec(select(d.MeetingAttendance, d.Meeting, d.Group)
                              .join(d.Meeting, d.Meeting.id == d.MeetingAttendance.meeting_id)
                              .join(d.Group, d.Group.id == d.Meeting.group_id)
                              .where(d.MeetingAttendance.person_id == person_id).order_by(d.Meeting.date)).all():
            note = f" ({a.note})" if a.note else ""
            rows.append(f"{date_short(m.date)} {g.name}: {a.attendance.label}{note}")
        out.sections.append((_("Meeting attendance"), rows))

        rows = []
        roles = ((d.Minutes.secretary_id, _("Secretary")), (d.Minutes.chair_id, _("Chair")),
                 (d.Minutes.adjuster_id, _("Adjuster")))
        for column, role in roles:
            for _minutes, m, g in s.exec(select(d.Minutes, d.Meeting, d.Group)
                                         .join(d.Meeting, d.Meeting.id == d.Minutes.meeting_id)
                                         .join(d.Group, d.Group.id == d.Meeting.group_id)
                                         .where(column == person_id).order_by(d.Meeting.date)).all():
                rows.append(_("{role} in the minutes of {group}, {date}").format(
                    role=role, group=g.name, date=date_short(m.date)))
        out.sections.append((_("Roles in minutes"), sorted(rows)))

        rows = []
        for m, plan in s.exec(select(d.Measure, d.ActionPlan).join(d.ActionPlan, d.ActionPlan.id == d.Measure.action_plan_id)
                              .where(d.Measure.responsible_person_id == person_id)
                              .order_by(d.ActionPlan.year, d.Measure.number)).all():
            rows.append(f"{plan.year}:{m.number} {m.title} ({m.status.label})")
        for fa in s.exec(select(d.FocusArea).where(d.FocusArea.owner_person_id == person_id)).all():
            rows.append(_("Owner of focus area {number} {title}").format(number=fa.number, title=fa.title))
        out.sections.append((_("Responsible for"), rows))

        rows = []
        for w in s.exec(select(d.SafetyWalk).join(d.SafetyWalkParticipant,
                                                    d.SafetyWalkParticipant.walk_id == d.SafetyWalk.id)
                        .where(d.SafetyWalkParticipant.person_id == person_id).order_by(d.SafetyWalk.date)).all():
            rows.append(_("Safety walk {date}, {area}").format(date=date_short(w.date), area=w.area))
        for v in s.exec(select(d.SafetyVisit).where(d.SafetyVisit.visited_by_id == person_id)).all():
            rows.append(_("Safety visit {date}, {workplace}").format(date=date_short(v.date), workplace=v.workplace))
        out.sections.append((_("Safety walks and visits"), rows))

        # Any other column that points at the person (a table added later included), so
        # the extract never leaves a reference out silently.
        rows = []
        for table in SQLModel.metadata.sorted_tables:
            for fk in table.foreign_keys:
                if fk.column.table.name != "person" or (table.name, fk.parent.name) in _LISTED:
                    continue
                n = s.execute(sa.select(sa.func.count()).select_from(table).where(fk.parent == person_id)).scalar_one()
                if n:
                    rows.append(f"{table_label(table.name)}, {field_label(table.name, fk.parent.name)}: {n}")
        out.sections.append((_("Other records that refer to the person"), rows))

        needles = _needles(person)
        rows = []
        for table, col in _text_columns():
            if table.name == "person":
                continue
            hits = sa.or_(*[instr(col, n) > 0 for n in needles]) if needles else sa.false()
            pk = list(table.primary_key.columns)
            for row in s.execute(sa.select(*pk, col).where(hits)).all():
                key = "/".join(str(v) for v in row[:-1])
                rows.append(_("{table} {id}, “{field}”: {text}").format(
                    table=table_label(table.name), id=key, field=field_label(table.name, col.name),
                    text=_excerpt(row[-1], needles)))
        out.sections.append((_("Texts that mention the name, e-mail or phone"), rows))

        rows = []
        hits = [d.AuditEntry.old_values.contains(n) for n in needles] + [
            d.AuditEntry.new_values.contains(n) for n in needles] + [d.AuditEntry.summary.contains(n) for n in needles]
        mine = sa.and_(d.AuditEntry.table_name == "person", d.AuditEntry.record_id == str(person_id))
        others = s.exec(select(d.AuditEntry).where(~mine, sa.or_(*hits) if hits else sa.false())
                        .order_by(d.AuditEntry.id)).all()
    # The person's own entries with every value they held (old phone numbers too); others
    # that mention them by their one-line account.
    for row in audit.history(db, "person", person_id):
        rows.append(f"{row.at:%Y-%m-%d %H:%M} {row.action_label} {row.record_label}: {row.readable(max_fields=20)}")
    for e in others:
        rows.append(f"{e.at:%Y-%m-%d %H:%M} {e.action.label} {table_label(e.table_name)} {e.record_id}: "
                    f"{e.summary}")
    out.sections.append((_("Change log entries"), rows))
    return out


def _excerpt(text: str, needles: list[str], width: int = 60) -> str:
    at = min((i for i in (text.find(n) for n in needles) if i >= 0), default=0)
    start = max(0, at - width // 2)
    piece = text[start:start + width + 40].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if start + width + 40 < len(text) else "")


def write_extract(db: Database, person_id: int, path: Path, made_on: dt.date) -> Path:
    text = extract(db, person_id).text(made_on)
    path = Path(path)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(_("The extract could not be saved in {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from exc
    return path


# --------------------------------------------------------------------------- erasure


@dataclass(frozen=True)
class Erasure:
    person_id: int
    texts: int  # text fields rewritten outside the person row
    log_entries: int  # change-log entries rewritten


def erase(db: Database, person_id: int) -> Erasure:
    """Anonymise the person everywhere (cannot be undone). Refused on a read-only
    database; one transaction, then VACUUM and a truncated WAL."""
    if db.read_only or db.check_still_ours() is not None:
        raise UserError(_("The personal data was not erased: the database is open read-only."))
    person = crud.get(db, d.Person, person_id)
    if person.name == erased_name() and not (person.email or person.phone or person.title):
        raise UserError(_("This person's data has already been erased."))
    needles = _needles(person)
    placeholder = erased_name()
    pk_name = str(person_id)

    def scrub(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        for n in needles:
            value = value.replace(n, placeholder if n == person.name.strip() else "")
        return value

    def transform(entry: dict[str, Any]) -> dict[str, Any] | None:
        out = {"summary": scrub(entry["summary"])}
        for key in ("old_values", "new_values"):
            values = entry[key] if isinstance(entry[key], dict) else {}
            values = {k: scrub(v) for k, v in values.items()}
            out[key] = values
        return out if out != entry else None

    texts = 0
    try:
        with erasure_transaction(db.engine) as conn:
            # version + 1: a window that still shows the person must not save over the erasure
            conn.execute("UPDATE person SET name = ?, title = '', email = '', phone = '', archived = TRUE, "
                         "version = version + 1 WHERE id = ?", (placeholder, person_id))
            relock = _open_locked_minutes(conn, needles)
            for table, col in _text_columns():
                for n in needles:
                    new = placeholder if n == person.name.strip() else ""
                    bump = ', "version" = "version" + 1' if "version" in table.columns else ""
                    cur = conn.execute(
                        f'UPDATE "{table.name}" SET "{col.name}" = replace("{col.name}", ?, ?){bump} '
                        f'WHERE instr("{col.name}", ?) > 0', (n, new, n))
                    texts += max(cur.rowcount, 0)
            person_rows = audit_log.redact(conn, _person_fields(placeholder),
                                           "table_name = 'person' AND record_id = ?", (pk_name,))
            likes = " OR ".join(["instr(old_values, ?) > 0 OR instr(new_values, ?) > 0 OR instr(summary, ?) > 0"]
                                * len(needles)) or "FALSE"
            others = audit_log.redact(conn, transform, likes, [n for n in needles for _i in range(3)])
            for minutes_id, locked_at in relock:
                conn.execute("UPDATE minutes SET locked_at = ? WHERE id = ?", (locked_at, minutes_id))
            audit_log.append(conn, "person", pk_name, AuditAction.UPDATE, _("Personal data erased"))
    except driver_errors(db.engine) as exc:
        raise user_error(exc, db) from exc
    return Erasure(person_id, texts, person_rows + others)


def _person_fields(placeholder: str):  # noqa: ANN202 - a transform for audit.redact
    def transform(entry: dict[str, Any]) -> dict[str, Any]:
        out = dict(entry)
        for key in ("old_values", "new_values"):
            values = dict(entry[key]) if isinstance(entry[key], dict) else {}
            if "name" in values:
                values["name"] = placeholder
            for blank in ("title", "email", "phone"):
                if blank in values:
                    values[blank] = ""
            out[key] = values
        out["summary"] = placeholder if entry["summary"] else ""
        return out
    return transform
