"""The action programme (handlingsprogram): metadata, ändringshistorik, directions, focus
areas, goals, their measurements and follow-up.

Every mutating function is one unit of work and returns what the UI needs to invert it
(old values, a snapshot, the numbering before the change), so `ui` can wrap it in a
QUndoCommand without knowing the rules here.

Focus-area numbers run 1..n across the whole programme in tree order (direction by
direction), because that is how the printed document numbers them ("3. Trygg
stadsmiljö"). Every structural change therefore renumbers; archived focus areas keep
numbers after the active ones so numbers stay unique.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from tryggapp import domain as d
from tryggapp.domain import periods, rules
from tryggapp.domain.enums import Assessment, GoalKind, PeriodKind, Trend
from tryggapp.i18n import _
from tryggapp.services import crud, validators
from tryggapp.services.validation import FieldError, ValidationError
from tryggapp.storage import Database

# --------------------------------------------------------------------------- programme


def current_programme(db: Database) -> d.Programme | None:
    """The programme in force. A database normally holds one; with several, the newest."""
    with db.session() as s:
        return s.exec(select(d.Programme).order_by(d.Programme.id.desc())).first()  # type: ignore[union-attr]


def create_programme(db: Database, title: str | None = None, **values: Any) -> d.Programme:
    title = title if title is not None else _("Programme for safety and security")
    return crud.create(db, d.Programme(title=title, **values))


def get_or_create_programme(db: Database) -> d.Programme:
    return current_programme(db) or create_programme(db)


def update_programme(db: Database, programme_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change metadata (title, reference_number, decided_on, adopted_by, valid_from/to,
    document_owner, follow_up, description). Returns the old values."""
    return crud.update(db, d.Programme, programme_id, changes)


# --------------------------------------------------------------------------- revisions


def list_revisions(db: Database, programme_id: int) -> list[d.ProgrammeRevision]:
    """Ändringshistorik, oldest first (the order the document prints it)."""
    with db.session() as s:
        return list(s.exec(select(d.ProgrammeRevision)
                           .where(d.ProgrammeRevision.programme_id == programme_id)
                           .order_by(d.ProgrammeRevision.revised_on, d.ProgrammeRevision.id)).all())


def next_revision_label(existing: Sequence[str]) -> str:
    """'1.3' after '1.2', '4' after '3', else the count + 1: a sensible default the user
    can overwrite."""
    if not existing:
        return "1.0"
    last = existing[-1].strip()
    m = re.fullmatch(r"(.*?)(\d+)", last)
    if m:
        return f"{m.group(1)}{int(m.group(2)) + 1}"
    return str(len(existing) + 1)


def add_revision(db: Database, programme_id: int, *, revised_on: dt.date, revision: str | None = None,
                 author: str = "", description: str = "") -> d.ProgrammeRevision:
    if revision is None:
        revision = next_revision_label([r.revision for r in list_revisions(db, programme_id)])
        if not author:
            with db.session() as s:
                town = s.get(d.Municipality, 1)
                author = town.coordinator_name if town else ""
    return crud.create(db, d.ProgrammeRevision(programme_id=programme_id, revision=revision,
                                               revised_on=revised_on, author=author,
                                               description=description))


def update_revision(db: Database, revision_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    return crud.update(db, d.ProgrammeRevision, revision_id, changes)


def delete_revision(db: Database, revision_id: int) -> crud.Snapshot:
    """Returns the snapshot for crud.restore (undo)."""
    return crud.delete(db, d.ProgrammeRevision, revision_id)


# --------------------------------------------------------------------------- layout


@dataclass
class Layout:
    """The order of a programme's tree: direction positions and each focus area's
    direction and number. Captured before a structural change so undo can put it back."""

    directions: dict[int, int] = field(default_factory=dict)  # id -> position
    focus_areas: dict[int, tuple[int, int]] = field(default_factory=dict)  # id -> (direction, number)
    goals: dict[int, int] = field(default_factory=dict)  # id -> position


def _directions(s: Session, programme_id: int) -> list[d.Direction]:
    return list(s.exec(select(d.Direction).where(d.Direction.programme_id == programme_id)
                       .order_by(d.Direction.position, d.Direction.id)).all())


def _focus_areas(s: Session, direction_ids: Iterable[int]) -> list[d.FocusArea]:
    ids = list(direction_ids)
    if not ids:
        return []
    return list(s.exec(select(d.FocusArea).where(d.FocusArea.direction_id.in_(ids))  # type: ignore[union-attr]
                       .order_by(d.FocusArea.number, d.FocusArea.id)).all())


def _layout(s: Session, programme_id: int) -> Layout:
    dirs = _directions(s, programme_id)
    areas = _focus_areas(s, [x.id for x in dirs])  # type: ignore[misc]
    goals = s.exec(select(d.Goal.id, d.Goal.position)
                   .where(d.Goal.focus_area_id.in_([a.id for a in areas]))).all()  # type: ignore[union-attr]
    return Layout(directions={x.id: x.position for x in dirs},  # type: ignore[misc]
                  focus_areas={a.id: (a.direction_id, a.number) for a in areas},  # type: ignore[misc]
                  goals={gid: pos for gid, pos in goals})


def layout(db: Database, programme_id: int) -> Layout:
    with db.session() as s:
        return _layout(s, programme_id)


def _renumber(s: Session, programme_id: int, order: dict[int, list[int]] | None = None) -> None:
    """Positions 0..n-1 for directions; numbers 1..n for focus areas in tree order,
    archived ones after all active ones. `order` may fix the order of areas within a
    direction (direction id -> area ids), otherwise their current number decides."""
    dirs = _directions(s, programme_id)
    for pos, direction in enumerate(dirs):
        direction.position = pos
        s.add(direction)
    areas = _focus_areas(s, [x.id for x in dirs])  # type: ignore[misc]
    by_dir: dict[int, list[d.FocusArea]] = {x.id: [] for x in dirs}  # type: ignore[misc]
    for area in areas:
        by_dir[area.direction_id].append(area)
    if order:
        for dir_id, ids in order.items():
            rank = {aid: i for i, aid in enumerate(ids)}
            by_dir[dir_id].sort(key=lambda a: rank.get(a.id, len(rank)))  # type: ignore[arg-type]
    sequence = [a for x in dirs for a in by_dir[x.id] if not a.archived]  # type: ignore[index]
    sequence += [a for x in dirs for a in by_dir[x.id] if a.archived]  # type: ignore[index]
    for number, area in enumerate(sequence, start=1):
        area.number = number
        s.add(area)


def apply_layout(db: Database, saved: Layout) -> None:
    """Put back a layout captured earlier (undo of a move, add, removal)."""
    with db.session() as s:
        for dir_id, pos in saved.directions.items():
            row = s.get(d.Direction, dir_id)
            if row is not None:
                row.position = pos
                s.add(row)
        for area_id, (dir_id, number) in saved.focus_areas.items():
            area = s.get(d.FocusArea, area_id)
            if area is not None:
                area.direction_id, area.number = dir_id, number
                s.add(area)
        for goal_id, pos in saved.goals.items():
            goal = s.get(d.Goal, goal_id)
            if goal is not None:
                goal.position = pos
                s.add(goal)
        s.commit()  # failures translated by Database.session


def _programme_of_direction(s: Session, direction_id: int) -> int:
    direction = s.get(d.Direction, direction_id)
    if direction is None:
        raise crud.NotFound(d.Direction, direction_id)
    return direction.programme_id


def _programme_of_area(s: Session, area_id: int) -> tuple[d.FocusArea, int]:
    area = s.get(d.FocusArea, area_id)
    if area is None:
        raise crud.NotFound(d.FocusArea, area_id)
    return area, _programme_of_direction(s, area.direction_id)


# --------------------------------------------------------------------------- the tree


@dataclass(frozen=True)
class GoalNode:
    id: int
    kind: GoalKind
    text: str
    position: int


@dataclass(frozen=True)
class FocusAreaNode:
    id: int
    number: int
    title: str
    archived: bool
    goals: list[GoalNode]

    @property
    def label(self) -> str:
        return rules.focus_area_label(self.number, self.title)


@dataclass(frozen=True)
class DirectionNode:
    id: int
    title: str
    focus_areas: list[FocusAreaNode]


@dataclass(frozen=True)
class ProgrammeTree:
    programme: d.Programme
    directions: list[DirectionNode]


def tree(db: Database, programme_id: int) -> ProgrammeTree:
    """The whole outline in three queries (the view rebuilds from it on every change)."""
    with db.session() as s:
        programme = s.get(d.Programme, programme_id)
        if programme is None:
            raise crud.NotFound(d.Programme, programme_id)
        dirs = _directions(s, programme_id)
        areas = _focus_areas(s, [x.id for x in dirs])  # type: ignore[misc]
        goals = s.exec(select(d.Goal).where(d.Goal.focus_area_id.in_([a.id for a in areas]))  # type: ignore[union-attr]
                       .order_by(d.Goal.position, d.Goal.id)).all()
    goals_by_area: dict[int, list[GoalNode]] = {}
    for g in sorted(goals, key=lambda g: (g.kind != GoalKind.IMPACT, g.position, g.id)):
        goals_by_area.setdefault(g.focus_area_id, []).append(GoalNode(g.id, g.kind, g.text, g.position))  # type: ignore[arg-type]
    areas_by_dir: dict[int, list[FocusAreaNode]] = {}
    for a in areas:
        areas_by_dir.setdefault(a.direction_id, []).append(
            FocusAreaNode(a.id, a.number, a.title, a.archived, goals_by_area.get(a.id, [])))  # type: ignore[arg-type]
    return ProgrammeTree(programme, [DirectionNode(x.id, x.title, areas_by_dir.get(x.id, []))  # type: ignore[arg-type]
                                     for x in dirs])


# --------------------------------------------------------------------------- directions


def add_direction(db: Database, programme_id: int, title: str, description: str = "") -> d.Direction:
    """A new direction, last in the programme."""
    with db.session() as s:
        last = s.exec(select(sa.func.max(d.Direction.position))
                      .where(d.Direction.programme_id == programme_id)).one()
    position = 0 if last is None else int(last) + 1
    return crud.create(db, d.Direction(programme_id=programme_id, title=title, description=description,
                                       position=position))


def update_direction(db: Database, direction_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Title and description; returns the old values."""
    return crud.update(db, d.Direction, direction_id, changes)


def move_direction(db: Database, direction_id: int, delta: int) -> Layout:
    """Move a direction `delta` places (-1 up, +1 down), clamped at the ends. The focus
    areas inside renumber with it. Returns the layout before, for undo."""
    with db.session() as s:
        programme_id = _programme_of_direction(s, direction_id)
        before = _layout(s, programme_id)
        dirs = _directions(s, programme_id)
        index = next(i for i, x in enumerate(dirs) if x.id == direction_id)
        target = max(0, min(len(dirs) - 1, index + delta))
        dirs.insert(target, dirs.pop(index))
        for pos, direction in enumerate(dirs):
            direction.position = pos
            s.add(direction)
        s.flush()
        _renumber(s, programme_id)
        s.commit()  # failures translated by Database.session
        return before


@dataclass
class Removal:
    """What a removal did, enough to undo it: the rows deleted (snapshot) or, for a
    referenced focus area, the fact that it was archived instead; plus the numbering
    before."""

    table: str
    id: int
    archived: bool
    snapshot: crud.Snapshot | None
    layout: Layout


def delete_direction(db: Database, direction_id: int) -> Removal:
    """Delete an (empty) direction. One that still holds focus areas is refused with
    crud.InUse: move or remove them first, the user should decide where they go."""
    with db.session() as s:
        programme_id = _programme_of_direction(s, direction_id)
        before = _layout(s, programme_id)
    snapshot = crud.delete(db, d.Direction, direction_id)
    with db.session() as s:
        _renumber(s, programme_id)
        s.commit()  # failures translated by Database.session
    return Removal("direction", direction_id, False, snapshot, before)


# --------------------------------------------------------------------------- focus areas


def add_focus_area(db: Database, direction_id: int, title: str, **values: Any) -> d.FocusArea:
    """A new focus area, last among the active ones of its direction; the numbers of the
    areas after it shift up by one. One transaction."""
    with db.session() as s:
        programme_id = _programme_of_direction(s, direction_id)
        # A provisional number (validated 1..999); _renumber sets the real one.
        area = d.FocusArea(direction_id=direction_id, title=title, number=1, **values)
        validators.validate(area, s)
        siblings = _focus_areas(s, [direction_id])
        s.add(area)
        s.flush()
        ids = [a.id for a in siblings if not a.archived] + [area.id] + [a.id for a in siblings if a.archived]
        _renumber(s, programme_id, {direction_id: ids})  # type: ignore[dict-item]
        s.commit()  # failures translated by Database.session
        s.refresh(area)
        return area


def update_focus_area(db: Database, area_id: int, changes: Mapping[str, Any]) -> tuple[dict[str, Any], Layout]:
    """Change a focus area's fields. Moving it to another direction (direction_id) puts
    it last there and renumbers. Returns (old values, layout before)."""
    with db.session() as s:
        area, programme_id = _programme_of_area(s, area_id)
        before = _layout(s, programme_id)
        moving = "direction_id" in changes and changes["direction_id"] != area.direction_id
    changes = dict(changes)
    if moving:
        # last in the new direction: a number above any other in the programme
        changes["number"] = max([n for _d, n in before.focus_areas.values()], default=0) + 1
        with db.session() as s:
            if _programme_of_direction(s, changes["direction_id"]) != programme_id:
                raise ValueError("a focus area can only move within its programme")
    old = crud.update(db, d.FocusArea, area_id, changes)
    if moving or "archived" in changes:
        with db.session() as s:
            _renumber(s, programme_id)
            s.commit()  # failures translated by Database.session
    return old, before


def undo_focus_area_update(db: Database, area_id: int, old: Mapping[str, Any], before: Layout) -> None:
    crud.update(db, d.FocusArea, area_id, old)
    apply_layout(db, before)


def move_focus_area(db: Database, area_id: int, delta: int) -> Layout:
    """Move a focus area up/down within its direction (clamped). Returns the layout before."""
    with db.session() as s:
        area, programme_id = _programme_of_area(s, area_id)
        before = _layout(s, programme_id)
        siblings = [a for a in _focus_areas(s, [area.direction_id]) if a.archived == area.archived]
        index = next(i for i, a in enumerate(siblings) if a.id == area_id)
        target = max(0, min(len(siblings) - 1, index + delta))
        siblings.insert(target, siblings.pop(index))
        others = [a for a in _focus_areas(s, [area.direction_id]) if a.archived != area.archived]
        ids = [a.id for a in siblings] + [a.id for a in others]
        _renumber(s, programme_id, {area.direction_id: ids})  # type: ignore[dict-item]
        s.commit()  # failures translated by Database.session
        return before


def remove_focus_area(db: Database, area_id: int) -> Removal:
    """Delete a focus area with its goals and measurements; if measures or findings refer
    to it, archive it instead (old action plans must still say where a measure belonged)."""
    with db.session() as s:
        _area, programme_id = _programme_of_area(s, area_id)
        before = _layout(s, programme_id)
    try:
        snapshot = crud.delete(db, d.FocusArea, area_id)
        archived = False
    except crud.InUse:
        crud.update(db, d.FocusArea, area_id, {"archived": True})
        snapshot, archived = None, True
    with db.session() as s:
        _renumber(s, programme_id)
        s.commit()  # failures translated by Database.session
    return Removal("focus_area", area_id, archived, snapshot, before)


def undo_removal(db: Database, removal: Removal) -> None:
    """Put back what remove_focus_area / delete_direction / remove_goal did."""
    if removal.archived:
        crud.update(db, d.FocusArea, removal.id, {"archived": False})
    elif removal.snapshot is not None:
        crud.restore(db, removal.snapshot)
    apply_layout(db, removal.layout)


def is_referenced(db: Database, area_id: int) -> bool:
    """Whether removing this focus area would archive it rather than delete it."""
    with db.session() as s:
        return bool(crud.references(s, d.FocusArea, area_id))


# --------------------------------------------------------------------------- goals


def list_goals(db: Database, area_id: int) -> list[d.Goal]:
    """Impact goals first, then performance goals, each in their order."""
    with db.session() as s:
        goals = s.exec(select(d.Goal).where(d.Goal.focus_area_id == area_id)).all()
    return sorted(goals, key=lambda g: (g.kind != GoalKind.IMPACT, g.position, g.id or 0))


def add_goal(db: Database, area_id: int, text: str, kind: GoalKind = GoalKind.IMPACT, **values: Any) -> d.Goal:
    with db.session() as s:
        last = s.exec(select(sa.func.max(d.Goal.position)).where(d.Goal.focus_area_id == area_id)).one()
    return crud.create(db, d.Goal(focus_area_id=area_id, text=text, kind=kind,
                                  position=0 if last is None else int(last) + 1, **values))


def update_goal(db: Database, goal_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    return crud.update(db, d.Goal, goal_id, changes)


def remove_goal(db: Database, goal_id: int) -> Removal:
    """Delete a goal with its measurements and assessments (nothing else refers to goals)."""
    goal = crud.get(db, d.Goal, goal_id)
    with db.session() as s:
        _area, programme_id = _programme_of_area(s, goal.focus_area_id)
        before = _layout(s, programme_id)
    snapshot = crud.delete(db, d.Goal, goal_id)
    return Removal("goal", goal_id, False, snapshot, before)


def move_goal(db: Database, goal_id: int, delta: int) -> Layout:
    """Move a goal up/down among the goals of its kind in its focus area (impact goals
    always come before performance goals)."""
    goal = crud.get(db, d.Goal, goal_id)
    with db.session() as s:
        _area, programme_id = _programme_of_area(s, goal.focus_area_id)
        before = _layout(s, programme_id)
    goals = list_goals(db, goal.focus_area_id)
    same = [g for g in goals if g.kind == goal.kind]
    index = next(i for i, g in enumerate(same) if g.id == goal_id)
    target = max(0, min(len(same) - 1, index + delta))
    same.insert(target, same.pop(index))
    ordered = sorted(same + [g for g in goals if g.kind != goal.kind],
                     key=lambda g: g.kind != GoalKind.IMPACT)  # stable: keeps the new order
    with db.session() as s:
        for pos, g in enumerate(ordered):
            row = s.get(d.Goal, g.id)
            if row is not None:
                row.position = pos
                s.add(row)
        s.commit()  # failures translated by Database.session
    return before


# --------------------------------------------------------------------------- numbers


_SPACES = re.compile(r"[\s\u00a0\u202f']")


def parse_number(text: str | float | int | None, *, field: str = "value", label: str | None = None) -> float | None:
    """Swedish or plain numbers: '12,5', '1 234,5' (ordinary or no-break spaces), '12.5',
    '75 %' (as 75). Empty gives None. Raises ValidationError naming the field."""
    if text is None:
        return None
    if isinstance(text, int | float):
        return float(text)
    raw = _SPACES.sub("", text).rstrip("%").replace("\u2212", "-")
    if not raw:
        return None
    if raw.count(",") == 1 and "." in raw and raw.index(".") < raw.index(","):
        raw = raw.replace(".", "")  # '1.234,5' with a dot as thousands separator
    raw = raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        name = label or _("Value")
        raise ValidationError([_field_error(field, name, _("“{field}” must be a number, e.g. 12,5: “{value}”.")
                                            .format(field=name, value=text.strip()))]) from None
    if value != value or value in (float("inf"), float("-inf")):
        name = label or _("Value")
        raise ValidationError([_field_error(field, name, _("“{field}” must be a number, e.g. 12,5: “{value}”.")
                                            .format(field=name, value=text.strip()))])
    return value


def _field_error(field_name: str, label: str, message: str) -> FieldError:
    return FieldError(field_name, label, message)


# --------------------------------------------------------------------------- measurements


def period_kind_of(db: Database, goal_id: int) -> PeriodKind | None:
    """The period kind the goal is measured in (rules.measured_kind of its values)."""
    with db.session() as s:
        kinds = s.exec(select(d.Measurement.period_kind).where(d.Measurement.goal_id == goal_id)).all()
    return rules.measured_kind(kinds)


PERIODS_PER_YEAR = {PeriodKind.YEAR: 1, PeriodKind.TERTIAL: 3, PeriodKind.QUARTER: 4}


@dataclass
class MeasurementGrid:
    """A goal's values of one period kind: rows are years, columns periods 1..n."""

    goal_id: int
    kind: PeriodKind
    years: list[int]
    values: dict[tuple[int, int], d.Measurement]
    other_kinds: int  # values recorded in another period kind, not shown in this grid

    @property
    def columns(self) -> int:
        return PERIODS_PER_YEAR[self.kind]

    def value(self, year: int, number: int) -> float | None:
        m = self.values.get((year, number))
        return None if m is None else m.value


def measurement_grid(db: Database, goal_id: int, kind: PeriodKind, *, today: dt.date,
                     extra_years: Iterable[int] = ()) -> MeasurementGrid:
    """Years run from the first value (or the baseline year) to this year without gaps,
    so an empty period is visible as empty."""
    with db.session() as s:
        goal = s.get(d.Goal, goal_id)
        if goal is None:
            raise crud.NotFound(d.Goal, goal_id)
        rows = s.exec(select(d.Measurement).where(d.Measurement.goal_id == goal_id)).all()
    mine = [m for m in rows if m.period_kind == kind]
    years = {m.year for m in mine} | {today.year} | set(extra_years)
    if goal.baseline_year:
        years.add(goal.baseline_year)
    span = list(range(min(years), max(years) + 1))
    return MeasurementGrid(goal_id, kind, span, {(m.year, m.period_no): m for m in mine},
                           other_kinds=len(rows) - len(mine))


def measurements(db: Database, goal_id: int, kind: PeriodKind | None = None) -> list[d.Measurement]:
    """A goal's values in time order (optionally of one period kind)."""
    with db.session() as s:
        stmt = select(d.Measurement).where(d.Measurement.goal_id == goal_id)
        if kind is not None:
            stmt = stmt.where(d.Measurement.period_kind == kind)
        rows = list(s.exec(stmt).all())
    return sorted(rows, key=lambda m: (periods.of_kind(m.period_kind, m.year, m.period_no).end, m.id or 0))


MeasurementValues = dict[str, Any]  # value, source, comment of a cell before a change


def _find_measurement(s: Session, goal_id: int, year: int, kind: PeriodKind, number: int) -> d.Measurement | None:
    return s.exec(select(d.Measurement).where(
        d.Measurement.goal_id == goal_id, d.Measurement.year == year,
        d.Measurement.period_kind == kind, d.Measurement.period_no == number)).first()


def get_measurement(db: Database, goal_id: int, year: int, kind: PeriodKind, number: int) -> d.Measurement | None:
    with db.session() as s:
        return _find_measurement(s, goal_id, year, kind, number)


def set_measurement(db: Database, goal_id: int, year: int, kind: PeriodKind, number: int,
                    value: float | str, *, source: str | None = None,
                    comment: str | None = None) -> MeasurementValues | None:
    """Set a cell (creating or overwriting). `value` may be text ('12,5'). Returns the
    cell's values before (None: it was empty), for restore_measurement."""
    parsed = parse_number(value) if isinstance(value, str) else float(value)
    if parsed is None:
        raise ValidationError([_field_error("value", _("Value"),
                                            _("“{field}” must be filled in.").format(field=_("Value")))])
    with db.session() as s:
        existing = _find_measurement(s, goal_id, year, kind, number)
    if existing is None:
        crud.create(db, d.Measurement(goal_id=goal_id, year=year, period_kind=kind, period_no=number,
                                      value=parsed, source=source or "", comment=comment or ""))
        return None
    changes: dict[str, Any] = {"value": parsed}
    if source is not None:
        changes["source"] = source
    if comment is not None:
        changes["comment"] = comment
    crud.update(db, d.Measurement, existing.id, changes)
    return {"value": existing.value, "source": existing.source, "comment": existing.comment}


def clear_measurement(db: Database, goal_id: int, year: int, kind: PeriodKind, number: int) -> MeasurementValues | None:
    """Empty a cell. Returns its values before (None: it was already empty)."""
    with db.session() as s:
        existing = _find_measurement(s, goal_id, year, kind, number)
    if existing is None:
        return None
    crud.delete(db, d.Measurement, existing.id)
    return {"value": existing.value, "source": existing.source, "comment": existing.comment}


def restore_measurement(db: Database, goal_id: int, year: int, kind: PeriodKind, number: int,
                        previous: MeasurementValues | None) -> None:
    """Undo of set/clear: put the cell back as it was."""
    if previous is None:
        clear_measurement(db, goal_id, year, kind, number)
    else:
        set_measurement(db, goal_id, year, kind, number, previous["value"],
                        source=previous["source"], comment=previous["comment"])


# --------------------------------------------------------------------------- follow-up


def goal_trend(db: Database, goal_id: int, kind: PeriodKind | None = None,
               until: periods.Period | None = None) -> Trend:
    """The indicator's trend from the goal's values in time order (those of `kind`, by
    default the goal's own kind), optionally only those up to the end of `until`."""
    goal = crud.get(db, d.Goal, goal_id)
    kind = kind or period_kind_of(db, goal_id)
    if kind is None:
        return Trend.NO_DATA
    values = trend_values(measurements(db, goal_id, kind), until)
    return rules.trend(values, higher_is_better=goal.higher_is_better)


def trend_values(rows: Sequence[d.Measurement], until: periods.Period | None = None) -> list[float]:
    """Values in time order, cut at `until` (rows must be sorted: see measurements())."""
    out = []
    for m in rows:
        if until is not None and periods.of_kind(m.period_kind, m.year, m.period_no).end > until.end:
            continue
        out.append(m.value)
    return out


def assessment_kind(db: Database, goal_id: int) -> PeriodKind | None:
    """The period kind a goal is followed up in: the kind of most of its assessments, else
    the municipality's usual rhythm (most assessments of any goal, e.g. per tertial while
    values come per quarter), else None (the caller falls back to the values' kind)."""
    with db.session() as s:
        for where in (d.GoalAssessment.goal_id == goal_id, sa.true()):
            kind = rules.measured_kind(s.exec(select(d.GoalAssessment.period_kind).where(where)).all())
            if kind is not None:
                return kind
    return None


def list_assessments(db: Database, goal_id: int) -> list[d.GoalAssessment]:
    """A goal's bedömningar, newest period first."""
    with db.session() as s:
        rows = list(s.exec(select(d.GoalAssessment).where(d.GoalAssessment.goal_id == goal_id)).all())
    return sorted(rows, key=lambda a: periods.of_kind(a.period_kind, a.year, a.period_no).end, reverse=True)


def get_assessment(db: Database, goal_id: int, period: periods.Period) -> d.GoalAssessment | None:
    with db.session() as s:
        return s.exec(select(d.GoalAssessment).where(
            d.GoalAssessment.goal_id == goal_id, d.GoalAssessment.year == period.year,
            d.GoalAssessment.period_kind == period.kind,
            d.GoalAssessment.period_no == period.number)).first()


AssessmentValues = dict[str, Any]


def set_assessment(db: Database, goal_id: int, period: periods.Period, *,
                   assessment: Assessment | None = None, comment: str | None = None,
                   assessed_on: dt.date | None = None) -> AssessmentValues | None:
    """Record the bedömning and/or comment for a goal and period (only what is given
    changes). Returns the values before (None: there was none), for restore_assessment."""
    if period.kind is None or period.year is None:
        raise ValueError("an assessment needs a year, tertial or quarter")
    existing = get_assessment(db, goal_id, period)
    if existing is None:
        crud.create(db, d.GoalAssessment(
            goal_id=goal_id, year=period.year, period_kind=period.kind, period_no=period.number,
            assessment=assessment or Assessment.MISSING, comment=comment or "", assessed_on=assessed_on))
        return None
    before = {"assessment": existing.assessment, "comment": existing.comment, "assessed_on": existing.assessed_on}
    changes: dict[str, Any] = {}
    if assessment is not None:
        changes["assessment"] = assessment
    if comment is not None:
        changes["comment"] = comment
    if assessed_on is not None:
        changes["assessed_on"] = assessed_on
    crud.update(db, d.GoalAssessment, existing.id, changes)
    return before


def restore_assessment(db: Database, goal_id: int, period: periods.Period,
                       previous: AssessmentValues | None) -> None:
    existing = get_assessment(db, goal_id, period)
    if previous is None:
        if existing is not None:
            crud.delete(db, d.GoalAssessment, existing.id)
    elif existing is None:
        crud.create(db, d.GoalAssessment(goal_id=goal_id, year=period.year, period_kind=period.kind,
                                         period_no=period.number, **previous))
    else:
        crud.update(db, d.GoalAssessment, existing.id, previous)


@dataclass(frozen=True)
class GoalSummary:
    """One line of a focus area's goal list: latest value against target, and the trend."""

    goal: d.Goal
    latest: d.Measurement | None
    trend: Trend
    assessment: d.GoalAssessment | None
    delta: float | None = None  # last value minus the one before (None: fewer than two)


def goal_summaries(db: Database, area_id: int) -> list[GoalSummary]:
    goals = list_goals(db, area_id)
    ids = [g.id for g in goals]
    with db.session() as s:
        values = list(s.exec(select(d.Measurement).where(d.Measurement.goal_id.in_(ids))).all())  # type: ignore[union-attr]
        assessed = list(s.exec(select(d.GoalAssessment).where(d.GoalAssessment.goal_id.in_(ids))).all())  # type: ignore[union-attr]

    def end(x: d.Measurement | d.GoalAssessment) -> dt.date:
        return periods.of_kind(x.period_kind, x.year, x.period_no).end

    out = []
    for g in goals:
        mine = sorted((m for m in values if m.goal_id == g.id), key=end)
        kind = rules.measured_kind(m.period_kind for m in mine)
        series = [m.value for m in mine if m.period_kind == kind]
        latest_assessment = max((a for a in assessed if a.goal_id == g.id), key=end, default=None)
        out.append(GoalSummary(g, mine[-1] if mine else None,
                               rules.trend(series, higher_is_better=g.higher_is_better), latest_assessment,
                               series[-1] - series[-2] if len(series) >= 2 else None))
    return out
