"""What an import changes, worked out (and applied) inside one unit of work.

Rows are matched to measures by Nr, or, without one, by focus area and title; every
change is listed field by field ("Nr 1, Ansvarig person: Lena Åkesson → (tom)") so the
user sees it before anything is written. An empty cell keeps the stored value unless
the user asked to clear (`clear_empty`). The model's own rules are checked here for
every row, and their problems join the cell problems in one list."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.domain.enums import MeasureStatus, OrganisationKind
from tryggapp.errors import UserError
from tryggapp.i18n import _, ngettext
from tryggapp.services import measures, validators
from tryggapp.services.excel.format import norm
from tryggapp.services.excel.validate import ParsedRow, RowError
from tryggapp.services.validation import ValidationError
from tryggapp.storage.portable import insertion_order

TEXT_FIELDS = ("title", "description", "expected_effect", "cancel_reason")
DATE_FIELDS = ("start_date", "deadline")


@dataclass
class Options:
    clear_empty: bool = False  # an empty cell clears the stored value
    status_date: dt.date | None = None  # for status changes the file gives no date for
    choices: Mapping[int, int] = field(default_factory=dict)  # excel row -> measure Nr (0: a new measure)


@dataclass(frozen=True, slots=True)
class Ambiguity:
    row: int
    title: str
    focus_area: str
    candidates: tuple[tuple[int, str], ...]  # (Nr, focus area label) of each measure it may be

    def __str__(self) -> str:
        numbers = ", ".join(_("No. {number}").format(number=n) for n, _area in self.candidates)
        return _("Row {row}: “{title}” matches several measures of the plan: {numbers}").format(
            row=self.row, title=self.title.strip(), numbers=numbers)


class AmbiguousRows(UserError):
    """Rows without Nr that match more than one measure: the user must say which."""

    exit_code = 2

    def __init__(self, rows: Sequence[Ambiguity]) -> None:
        self.rows = list(rows)
        lines = [str(a) for a in self.rows[:20]]
        head = ngettext(
            "Nothing was imported: {n} row has no No. and matches several measures (same focus area and "
            "title). Write the measure's number in the column “No.” and import again.",
            "Nothing was imported: {n} rows have no No. and match several measures (same focus area and "
            "title). Write each measure's number in the column “No.” and import again.",
            len(self.rows)).format(n=len(self.rows))
        super().__init__("\n".join([head, *lines]))


@dataclass
class ImportReport:
    year: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: int = 0
    created_organisations: list[str] = field(default_factory=list)
    comma_organisations: list[str] = field(default_factory=list)  # new, with a comma: one organisation
    created_people: list[str] = field(default_factory=list)
    created_focus_areas: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # every change, one line each
    kept_empty: list[str] = field(default_factory=list)  # stored values an empty cell left alone
    status_date: dt.date | None = None  # the date given to status changes the file did not date
    status_dated: int = 0  # how many changes got that date
    status_date_column: bool = False
    backup: Path | None = None
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.notes or self.created_focus_areas
                    or self.created_organisations or self.created_people)

    def summary(self) -> str:
        parts = [
            ngettext("{n} new measure", "{n} new measures", self.created).format(n=self.created),
            ngettext("{n} measure updated", "{n} measures updated", self.updated).format(n=self.updated),
        ]
        if self.notes:
            parts.append(ngettext("{n} new note", "{n} new notes", self.notes).format(n=self.notes))
        if self.created_organisations:
            parts.append(ngettext("{n} new organisation", "{n} new organisations",
                                  len(self.created_organisations)).format(n=len(self.created_organisations)))
        if self.created_people:
            parts.append(ngettext("{n} new person", "{n} new people",
                                  len(self.created_people)).format(n=len(self.created_people)))
        if self.created_focus_areas:
            parts.append(ngettext("{n} new focus area", "{n} new focus areas",
                                  len(self.created_focus_areas)).format(n=len(self.created_focus_areas)))
        return _("Action plan {year}: {parts}.").format(year=self.year, parts=", ".join(parts))

    def notices(self) -> list[str]:
        """What the user must know besides the changes: dates we chose, cells left alone,
        names read as one organisation."""
        out = []
        if self.status_dated and self.status_date is not None:
            out.append(ngettext(
                "{n} status change is dated {date}: the file gives no status date for it.",
                "{n} status changes are dated {date}: the file gives no status date for them.",
                self.status_dated).format(n=self.status_dated, date=self.status_date.isoformat()))
        if self.kept_empty:
            out.append(ngettext("{n} empty cell left the stored value as it was.",
                                "{n} empty cells left the stored values as they were.",
                                len(self.kept_empty)).format(n=len(self.kept_empty)))
        for name in self.comma_organisations:
            out.append(_("“{name}” is read as one new organisation. If it is several, separate them with “;” "
                         "in the file.").format(name=name))
        return out

    def details(self) -> list[str]:
        """Everything, for the CLI and the dialog: new names, then every change."""
        lines = []
        for label, names in ((_("New organisations"), self.created_organisations),
                             (_("New people"), self.created_people),
                             (_("New focus areas"), self.created_focus_areas)):
            if names:
                lines.append(f"{label}: " + "; ".join(_("“{column}”").format(column=n) for n in names))
        return [*lines, *self.changes]


def _empty() -> str:
    return _("(empty)")


def _show(value: Any) -> str:
    if value is None or value == "" or value == []:
        return _empty()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, MeasureStatus):
        return value.label
    if isinstance(value, list | tuple):
        return "; ".join(value)
    text = " ".join(str(value).split())
    return text if len(text) <= 80 else text[:79] + "…"


def split_focus(text: str) -> tuple[int | None, str]:
    m = re.fullmatch(r"\s*(\d+)[.:)]?\s*(.*?)\s*", text)
    if m:
        return int(m.group(1)), m.group(2)
    return None, text.strip()


# --------------------------------------------------------------------------- names


class Names:
    """Finds organisations, people and focus areas by name inside the import's session,
    creating what is missing (and remembering what it created, for the report)."""

    def __init__(self, s: Session, report: ImportReport, plan: d.ActionPlan) -> None:
        self.s = s
        self.report = report
        self.plan = plan
        self.orgs: dict[str, d.Organisation] = {}
        for o in s.exec(select(d.Organisation)).all():
            self.orgs.setdefault(norm(o.name), o)
            if o.short_name:
                self.orgs.setdefault(norm(o.short_name), o)
        self.people: dict[str, list[d.Person]] = {}
        for p in s.exec(select(d.Person).order_by(d.Person.archived, d.Person.id)).all():
            self.people.setdefault(norm(p.name), []).append(p)
        self.areas = list(s.exec(select(d.FocusArea).order_by(d.FocusArea.archived, d.FocusArea.id)).all())

    def organisation(self, name: str) -> d.Organisation | None:
        if not name.strip():
            return None
        found = self.orgs.get(norm(name))
        if found is None:
            found = d.Organisation(name=" ".join(name.split()), kind=OrganisationKind.OTHER)
            self.s.add(found)
            self.s.flush()
            self.orgs[norm(name)] = found
            self.report.created_organisations.append(found.name)
            if "," in found.name:
                self.report.comma_organisations.append(found.name)
        return found

    def partners(self, names: Sequence[str]) -> list[d.Organisation]:
        """A name with a comma is one organisation when it is known ("Polisen, lokalpolis-
        område Ekdala"); when it is not, but every part is ("Polisen, Bostadsbolaget"), it
        is those; otherwise it becomes one new organisation, named in the report."""
        out: list[d.Organisation] = []
        for name in names:
            parts = [p.strip() for p in name.split(",") if p.strip()]
            if norm(name) not in self.orgs and len(parts) > 1 and all(norm(p) in self.orgs for p in parts):
                found = [self.orgs[norm(p)] for p in parts]
            else:
                org = self.organisation(name)
                found = [org] if org is not None else []
            for org in found:
                if org not in out:
                    out.append(org)
        return out

    def person(self, name: str, organisation_id: int | None) -> d.Person | None:
        """By name; with namesakes, the one in the row's organisation. Created if missing."""
        if not name.strip():
            return None
        candidates = self.people.get(norm(name), [])
        if organisation_id is not None:
            candidates = [p for p in candidates if p.organisation_id == organisation_id] or candidates
        if candidates:
            return candidates[0]
        person = d.Person(name=" ".join(name.split()), organisation_id=organisation_id)
        self.s.add(person)
        self.s.flush()
        self.people.setdefault(norm(name), []).append(person)
        self.report.created_people.append(person.name)
        return person

    def find_area(self, text: str) -> d.FocusArea | None:
        """'3 Trygg stadsmiljö' (our export), 'Trygg stadsmiljö' or '3'."""
        number, title = split_focus(text)
        for area in self.areas:
            if title and norm(area.title) == norm(title) and (number is None or area.number == number):
                return area
        for area in self.areas:
            if title and norm(area.title) == norm(title):
                return area
        if not title and number is not None:
            for area in self.areas:
                if area.number == number and not area.archived:
                    return area
        return None

    def focus_area(self, text: str, focus_sheet: Mapping[str, Any]) -> d.FocusArea:
        found = self.find_area(text)
        if found is not None:
            return found
        number, title = split_focus(text)
        info = focus_sheet.get(norm(title or text), {})
        return self.create_area(number if number is not None else info.get("number"), title or text.strip(), info)

    def create_area(self, number: int | None, title: str, info: Mapping[str, Any]) -> d.FocusArea:
        direction = self._direction(info.get("programme", ""), info.get("direction", ""))
        used = {a.number for a in self.areas}
        if number is None or number in used:
            number = max(used | {0}) + 1
        area = d.FocusArea(direction_id=direction.id, number=number, title=title,
                           description=info.get("description", ""))
        self.s.add(area)
        self.s.flush()
        for position, goal in enumerate(info.get("goals", [])):
            self.s.add(d.Goal(focus_area_id=area.id, position=position, **goal))
        self.areas.append(area)
        self.report.created_focus_areas.append(rules.focus_area_label(area.number, area.title))
        return area

    def _direction(self, programme_title: str, direction_title: str) -> d.Direction:
        programme = None
        if programme_title:
            programme = self.s.exec(select(d.Programme).where(d.Programme.title == programme_title)).first()
        if programme is None and self.plan.programme_id:
            programme = self.s.get(d.Programme, self.plan.programme_id)
        if programme is None:
            programme = self.s.exec(select(d.Programme).order_by(d.Programme.id.desc())).first()
        if programme is None:
            programme = d.Programme(title=programme_title or _("Imported action programme"))
            self.s.add(programme)
            self.s.flush()
        if self.plan.programme_id is None:
            self.plan.programme_id = programme.id
        dirs = list(self.s.exec(select(d.Direction).where(d.Direction.programme_id == programme.id)
                                .order_by(d.Direction.position)).all())
        wanted = direction_title or _("Imported focus areas")
        for direction in dirs:
            if norm(direction.title) == norm(wanted) or (not direction_title and len(dirs) == 1):
                return direction
        direction = d.Direction(programme_id=programme.id, title=wanted, position=len(dirs))
        self.s.add(direction)
        self.s.flush()
        return direction


# --------------------------------------------------------------------------- matching


def match_rows(parsed: Sequence[ParsedRow], existing: Mapping[int, d.Measure], names: Names,
               options: Options) -> dict[int, int | None]:
    """excel row -> the number of the measure it updates (None: a new measure). Raises
    AmbiguousRows when a row without Nr may be several measures."""
    out: dict[int, int | None] = {}
    claimed: set[int] = set()
    for p in parsed:
        n = p.values.get("number")
        if "number" in p.bad:
            out[p.row] = None
        elif n is not None:
            out[p.row] = n if n in existing else None
            claimed.add(n)
    for number in options.choices.values():
        if number:
            claimed.add(number)
    groups: dict[tuple[str, str], list[ParsedRow]] = {}
    for p in parsed:
        if p.row in out:
            continue
        if p.row in options.choices:
            chosen = options.choices[p.row]
            out[p.row] = chosen if chosen in existing else None
            continue
        groups.setdefault((norm(p.values.get("focus_area") or ""), norm(p.values.get("title") or "")),
                          []).append(p)
    by_title: dict[str, list[d.Measure]] = {}
    for m in sorted(existing.values(), key=lambda m: m.number):
        by_title.setdefault(norm(m.title), []).append(m)
    area_of = {a.id: a for a in names.areas}
    ambiguous: list[Ambiguity] = []
    for (focus, title), rows in groups.items():
        candidates = [m for m in by_title.get(title, []) if m.number not in claimed]
        if focus:
            wanted = names.find_area(focus)
            candidates = [m for m in candidates if wanted is not None and m.focus_area_id == wanted.id]
        if len(candidates) > 1 and len(candidates) != len(rows):
            for p in rows:
                ambiguous.append(Ambiguity(p.row, p.values.get("title") or "", p.values.get("focus_area") or "", tuple(
                    (m.number, rules.focus_area_label(area_of[m.focus_area_id].number,
                                                         area_of[m.focus_area_id].title)
                     if m.focus_area_id in area_of else "") for m in candidates)))
            continue
        for i, p in enumerate(rows):  # one file row to one measure, in order
            out[p.row] = candidates[i].number if i < len(candidates) else None
    if ambiguous:
        raise AmbiguousRows(ambiguous)
    return out


# --------------------------------------------------------------------------- applying


class Apply:
    """One pass over the parsed rows in an open session: matches, changes, checks."""

    def __init__(self, s: Session, year: int, mapping: Mapping[str, int], labels: Mapping[str, str],
                 extra: Mapping[str, Any], options: Options, today: dt.date, report: ImportReport) -> None:
        self.s, self.mapping, self.labels, self.extra = s, mapping, labels, extra
        self.options, self.today, self.report = options, today, report
        self.plan = measures.ensure_plan_in(s, year)
        self.names = Names(s, report, self.plan)
        self.errors: list[RowError] = []
        self.partners_wanted: dict[int, list[int]] = {}  # id(measure) -> partner ids, when they change
        report.status_date = options.status_date or today
        report.status_date_column = "status_date" in mapping

    def run(self, parsed: Sequence[ParsedRow]) -> list[RowError]:
        s = self.s
        self._structure()
        existing = {m.number: m for m in s.exec(select(d.Measure).where(d.Measure.action_plan_id == self.plan.id))}
        matched = match_rows(parsed, existing, self.names, self.options)
        next_number = max([*existing, *(p.values.get("number") or 0 for p in parsed), 0]) + 1
        partners_now = self._partners_now(list(existing.values()))
        notes_now = self._notes_now(list(existing.values()))
        self.last_change = self._last_changes(list(existing.values()))
        work: list[tuple[ParsedRow, d.Measure, bool, MeasureStatus | None, int | None]] = []
        for p in parsed:
            number = matched.get(p.row)
            measure = existing.get(number) if number is not None else None
            file_number = p.values.get("number") if "number" not in p.bad else None
            if measure is None:
                if file_number is None or file_number in existing:
                    file_number, next_number = next_number, next_number + 1
                measure = d.Measure(action_plan_id=self.plan.id, number=file_number, title="")
                existing[file_number] = measure
                work.append((p, measure, True, None, p.values.get("number")))
            else:
                work.append((p, measure, False, measure.status, p.values.get("number")))
        for p, measure, is_new, _old_status, _file_number in work:
            lines_before = len(self.report.changes)
            ids = self._resolve(p, measure, is_new)
            with s.no_autoflush:
                self._fields(p, measure, is_new, ids, partners_now.get(measure.id, []) if not is_new else [])
                self._check(p, measure)
            if is_new:
                self.report.created += 1
                self.report.changes.append(_("New measure No. {number} (row {row}): {title}").format(
                    number=measure.number, row=p.row, title=_show(measure.title)))
            elif len(self.report.changes) > lines_before:
                self.report.updated += 1
            else:
                self.report.unchanged += 1
        if self.errors:
            return self.errors
        s.add_all([m for _p, m, is_new, _o, _n in work if is_new])
        s.flush()
        for p, measure, is_new, old_status, file_number in work:
            self._children(p, measure, is_new, old_status, file_number, notes_now.get(measure.id, set()))
        s.flush()
        return self.errors

    # -- the focus-area sheet: directions, focus areas and goals, with or without measures
    def _structure(self) -> None:
        for info in self.extra.get("focus", {}).values():
            if self.names.find_area(info["title"]) is None:
                self.names.create_area(info.get("number"), info["title"], info)

    def _resolve(self, p: ParsedRow, m: d.Measure, is_new: bool) -> dict[str, Any]:
        """The row's focus area, organisation and person as ids (created when missing);
        a field absent from the result is left as it is."""
        v, out = p.values, {}
        clear = self.options.clear_empty or is_new
        if "focus_area" in self.mapping and "focus_area" not in p.bad:
            if v.get("focus_area", "").strip():
                out["focus_area_id"] = self.names.focus_area(v["focus_area"], self.extra.get("focus", {})).id
            elif clear:
                out["focus_area_id"] = None
        org_id = m.responsible_organisation_id
        if "responsible_organisation" in self.mapping:
            name = v.get("responsible_organisation", "")
            if name.strip():
                current = self.s.get(d.Organisation, org_id) if org_id else None
                if current is not None and norm(name) in (norm(current.name), norm(current.short_name or "")):
                    out["responsible_organisation_id"] = current.id
                else:
                    org = self.names.organisation(name)
                    out["responsible_organisation_id"] = org.id if org else None
                org_id = out["responsible_organisation_id"]
            elif clear:
                out["responsible_organisation_id"] = None
        if "responsible_person" in self.mapping:
            name = v.get("responsible_person", "")
            if name.strip():
                current = self.s.get(d.Person, m.responsible_person_id) if m.responsible_person_id else None
                if current is not None and norm(name) == norm(current.name):
                    out["responsible_person_id"] = current.id
                else:
                    person = self.names.person(name, org_id)
                    out["responsible_person_id"] = person.id if person else None
            elif clear:
                out["responsible_person_id"] = None
        if "partners" in self.mapping and "partners" not in p.bad and (v.get("partners") or clear):
            out["partners"] = self.names.partners(v.get("partners", []))
        return out

    def _label(self, key: str) -> str:
        return self.labels.get(key) or key

    def _change(self, m: d.Measure, key: str, old: Any, new: Any) -> None:
        self.report.changes.append(_("No. {number}, {field}: {old} → {new}").format(
            number=m.number, field=self._label(key), old=_show(old), new=_show(new)))

    def _empty_kept(self, m: d.Measure, key: str, old: Any) -> None:
        self.report.kept_empty.append(_("No. {number}, {field}: {old} kept (the cell is empty)").format(
            number=m.number, field=self._label(key), old=_show(old)))

    def _fields(self, p: ParsedRow, m: d.Measure, is_new: bool, ids: Mapping[str, Any], have: list[int]) -> None:
        v = p.values
        if "partners" in ids:
            wanted = [o.id for o in ids["partners"]]
            if wanted != have:
                if not is_new:
                    org_name = {o.id: o.name for o in self.names.orgs.values()}
                    self._change(m, "partners", [org_name.get(i, "") for i in have],
                                 [org_name.get(i, "") for i in wanted])
                self.partners_wanted[id(m)] = wanted
        elif "partners" in self.mapping and "partners" not in p.bad and have:
            org_name = {o.id: o.name for o in self.names.orgs.values()}
            self._empty_kept(m, "partners", [org_name.get(i, "") for i in have])
        clear = self.options.clear_empty or is_new
        for key in TEXT_FIELDS:
            if key not in self.mapping or key in p.bad:
                continue
            new, old = v.get(key) or "", getattr(m, key) or ""
            if not new and old.strip() and not clear:
                self._empty_kept(m, key, old)
                continue
            if new.strip() != old.strip():
                if not is_new:
                    self._change(m, key, old, new)
                setattr(m, key, new)
        for key in DATE_FIELDS:
            if key not in self.mapping or key in p.bad:
                continue
            new, old = v.get(key), getattr(m, key)
            if new is None and old is not None and not clear:
                self._empty_kept(m, key, old)
                continue
            if new != old:
                if not is_new:
                    self._change(m, key, old, new)
                setattr(m, key, new)
        if "status" in self.mapping and "status" not in p.bad:
            new = v.get("status")
            if new is None and (clear or is_new):
                new = MeasureStatus.NOT_STARTED
            if new is None:
                if m.status != MeasureStatus.NOT_STARTED:
                    self._empty_kept(m, "status", m.status)
            elif new != m.status:
                if not is_new:
                    self._change(m, "status", m.status, new)
                m.status = new
        elif is_new:
            m.status = MeasureStatus.NOT_STARTED
        names = {"focus_area_id": ("focus_area", d.FocusArea, "title"),
                 "responsible_organisation_id": ("responsible_organisation", d.Organisation, "name"),
                 "responsible_person_id": ("responsible_person", d.Person, "name")}
        for attr, (key, model, name_attr) in names.items():
            old_id = getattr(m, attr)
            if attr not in ids:
                if key in self.mapping and key not in p.bad and old_id is not None and not p.values.get(key, "x"):
                    self._empty_kept(m, key, self._name(model, old_id, name_attr))
                continue
            if ids[attr] != old_id:
                if not is_new:
                    self._change(m, key, self._name(model, old_id, name_attr), self._name(model, ids[attr], name_attr))
                setattr(m, attr, ids[attr])

    def _name(self, model: Any, id_: int | None, attr: str) -> str:
        if id_ is None:
            return ""
        obj = self.s.get(model, id_)
        if obj is None:
            return ""
        if model is d.FocusArea:
            return rules.focus_area_label(obj.number, obj.title)
        return getattr(obj, attr)

    def _check(self, p: ParsedRow, m: d.Measure) -> None:
        """The program's own rules for the row (dates in order, a reason for Avbruten…),
        reported under the file's column names."""
        try:
            validators.validate(m, self.s)
        except ValidationError as exc:
            for e in exc.errors:
                if e.field in p.bad:
                    continue  # the cell itself is already reported
                column = self.labels.get(e.field) or (self.labels.get("status") if e.field == "cancel_reason"
                                                      else None) or e.label
                message = e.message
                # The form's label ("Orsak", or an attribute name) becomes the file's column.
                for name in {e.label, e.field}:
                    for q1, q2 in (("“", "”"), ("”", "”")):
                        message = message.replace(f"{q1}{name}{q2}", f"{q1}{column}{q2}")
                self.errors.append(RowError(p.row, column, message))

    # -- partners, notes and status history, once the measures exist
    def _partners_now(self, ms: Sequence[d.Measure]) -> dict[int, list[int]]:
        mp = d.MeasurePartner.__table__  # type: ignore[attr-defined]
        out: dict[int, list[int]] = {}
        ids = [m.id for m in ms]
        for measure_id, org_id in self.s.execute(
                sa.select(mp.c.measure_id, mp.c.organisation_id).where(mp.c.measure_id.in_(ids))
                .order_by(mp.c.measure_id, insertion_order("measure_partner"))):
            out.setdefault(measure_id, []).append(org_id)
        return out

    def _notes_now(self, ms: Sequence[d.Measure]) -> dict[int, set[tuple[dt.date, str]]]:
        # A carried-over measure shows (and exports) its predecessors' notes as its own latest
        # note: they count as known, or a round trip would copy them onto the new row.
        mn = d.MeasureNote.__table__  # type: ignore[attr-defined]
        owner: dict[int, list[int]] = {}
        for m in ms:
            for ancestor in (measures.chain_ids(self.s, m.id) if m.carried_over_from_id is not None else [m.id]):
                owner.setdefault(ancestor, []).append(m.id)
        notes: dict[int, set[tuple[dt.date, str]]] = {}
        for measure_id, noted_on, text in self.s.execute(
                sa.select(mn.c.measure_id, mn.c.noted_on, mn.c.text).where(mn.c.measure_id.in_(list(owner)))):
            for mine in owner[measure_id]:
                notes.setdefault(mine, set()).add((noted_on, text.strip()))
        return notes

    def _last_changes(self, ms: Sequence[d.Measure]) -> dict[int, dt.date]:
        h = d.MeasureStatusChange.__table__  # type: ignore[attr-defined]
        out: dict[int, dt.date] = {}
        for measure_id, on in self.s.execute(sa.select(h.c.measure_id, sa.func.max(h.c.changed_on))
                                             .where(h.c.measure_id.in_([m.id for m in ms]))
                                             .group_by(h.c.measure_id)):
            out[measure_id] = on
        return out

    def _row_status_date(self, p: ParsedRow, m: d.Measure) -> dt.date | None:
        """The row's status date, when it dates this change: a date not after the stored
        latest change is the old change's date, left in the cell from the export."""
        given = p.values.get("status_date") if "status_date" not in p.bad else None
        last = self.last_change.get(m.id) if m.id is not None else None
        return given if given is not None and (last is None or given > last) else None

    def _children(self, p: ParsedRow, m: d.Measure, is_new: bool, old_status: MeasureStatus | None,
                  file_number: int | None, known: set[tuple[dt.date, str]]) -> None:
        s, v = self.s, p.values
        history = self.extra.get("history", {}).get(file_number) if is_new and file_number is not None else None
        if history:
            for h in history:  # in the file's order: same-day changes keep their sequence
                s.add(d.MeasureStatusChange(measure_id=m.id, changed_on=h["changed_on"], old_status=h["old_status"],
                                            new_status=h["new_status"], reason=h.get("reason", "")))
            old_status = history[-1]["new_status"]
        if (not history and is_new) or m.status != old_status:
            on = self._row_status_date(p, m)
            if on is None:
                on = self.options.status_date or self.today
                if not (is_new and m.status == MeasureStatus.NOT_STARTED):
                    self.report.status_dated += 1
            s.add(d.MeasureStatusChange(measure_id=m.id, changed_on=on, old_status=old_status,
                                        new_status=m.status, reason=m.cancel_reason))
        wanted = self.partners_wanted.get(id(m))
        if wanted is not None:
            mp = d.MeasurePartner.__table__  # type: ignore[attr-defined]
            s.execute(sa.delete(mp).where(mp.c.measure_id == m.id))
            for org_id in wanted:  # in the file's order (rowid order); the export keeps it
                s.execute(sa.insert(mp).values(measure_id=m.id, organisation_id=org_id))
        notes = list(self.extra.get("notes", {}).get(file_number, [])) if file_number is not None else []
        texts = {t for _d, t in known}
        if v.get("note", "").strip() and "note" not in p.bad:
            text = v["note"].strip()
            on = v.get("note_date") if "note_date" not in p.bad else None
            already = (on, text) in known if on else text in texts
            if on is not None and known and on <= max(day for day, _t in known):
                # The date beside a new text is the old note's, left from the export.
                on = None
            if not already and not any(n["text"].strip() == text for n in notes):
                notes.append({"noted_on": on or self.today, "text": text, "author": ""})
        for n in notes:
            key = (n["noted_on"], n["text"].strip())
            if key not in known:
                s.add(d.MeasureNote(measure_id=m.id, noted_on=n["noted_on"], text=n["text"].strip(),
                                    author=n.get("author", "")))
                known.add(key)
                self.report.notes += 1
                if not is_new:
                    self.report.changes.append(_("No. {number}, new note ({date}): {text}").format(
                        number=m.number, date=n["noted_on"].isoformat(), text=_show(n["text"])))
