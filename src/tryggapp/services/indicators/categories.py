"""An indicator's categories ("Skadegörelse", "Våldsbrott", ...) and its values per
category. The indicator's total stays in `Measurement` (services.programme); a category's
values live in `CategoryMeasurement`, so a period has one total and one value per
category. Every change returns what its undo needs, as services.programme does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import select

from tryggapp import domain as d
from tryggapp.domain import periods, rules
from tryggapp.domain.enums import PeriodKind
from tryggapp.services import crud, validators
from tryggapp.services import programme as programme_svc
from tryggapp.storage import Database


def category_key(text: str) -> str:
    """How category names are compared: case, spaces and a trailing colon aside."""
    return " ".join(text.split()).casefold().rstrip(":")


def list_categories(db: Database, goal_id: int) -> list[d.IndicatorCategory]:
    """The indicator's categories in the user's order."""
    with db.session() as s:
        return list(s.exec(select(d.IndicatorCategory).where(d.IndicatorCategory.goal_id == goal_id)
                           .order_by(d.IndicatorCategory.position, d.IndicatorCategory.id)).all())


def add_category(db: Database, goal_id: int, name: str) -> d.IndicatorCategory:
    """A new category, last in the list."""
    with db.session() as s:
        last = s.exec(select(sa.func.max(d.IndicatorCategory.position))
                      .where(d.IndicatorCategory.goal_id == goal_id)).one()
    position = 0 if last is None else int(last) + 1
    return crud.create(db, d.IndicatorCategory(goal_id=goal_id, name=" ".join(name.split()), position=position))


def add_categories(db: Database, goal_id: int, names: Sequence[str]) -> list[int]:
    """Several new categories in one transaction (the names a file brought); returns
    their ids, for undo. Names the indicator has already are left out."""
    known = {category_key(c.name) for c in list_categories(db, goal_id)}
    out: list[int] = []
    with db.session() as s:
        last = s.exec(select(sa.func.max(d.IndicatorCategory.position))
                      .where(d.IndicatorCategory.goal_id == goal_id)).one()
        position = 0 if last is None else int(last) + 1
        for name in names:
            clean = " ".join(name.split())
            if not clean or category_key(clean) in known:
                continue
            known.add(category_key(clean))
            row = d.IndicatorCategory(goal_id=goal_id, name=clean, position=position)
            validators.validate(row, s)
            s.add(row)
            s.flush()
            out.append(row.id)  # type: ignore[arg-type]
            position += 1
        s.commit()  # failures translated by Database.session
    return out


def rename_category(db: Database, category_id: int, name: str) -> dict:
    return crud.update(db, d.IndicatorCategory, category_id, {"name": " ".join(name.split())})


def remove_category(db: Database, category_id: int) -> crud.Snapshot:
    """Delete a category with its values; the snapshot puts both back (undo)."""
    return crud.delete(db, d.IndicatorCategory, category_id)


def move_category(db: Database, category_id: int, delta: int) -> dict[int, int]:
    """Move a category up (-1) or down (+1). Returns the positions before, for undo."""
    row = crud.get(db, d.IndicatorCategory, category_id)
    rows = list_categories(db, row.goal_id)
    before = {c.id: c.position for c in rows}
    index = next(i for i, c in enumerate(rows) if c.id == category_id)
    target = max(0, min(len(rows) - 1, index + delta))
    rows.insert(target, rows.pop(index))
    set_positions(db, {c.id: i for i, c in enumerate(rows)})  # type: ignore[misc]
    return before  # type: ignore[return-value]


def set_positions(db: Database, positions: dict[int, int]) -> None:
    with db.session() as s:
        for ident, position in positions.items():
            row = s.get(d.IndicatorCategory, ident)
            if row is not None:
                row.position = position
                s.add(row)
        s.commit()  # failures translated by Database.session


def value_counts(db: Database, goal_id: int) -> dict[int, int]:
    """category id -> how many values it holds (the removal asks when it has any)."""
    with db.session() as s:
        rows = s.exec(select(d.CategoryMeasurement.category_id, sa.func.count())
                      .join(d.IndicatorCategory, d.IndicatorCategory.id == d.CategoryMeasurement.category_id)
                      .where(d.IndicatorCategory.goal_id == goal_id)
                      .group_by(d.CategoryMeasurement.category_id)).all()
    return {cid: n for cid, n in rows}


def indicator_kind(db: Database, goal_id: int) -> PeriodKind | None:
    """The period kind the indicator is measured in: that of most of its values, totals
    and categories together (rules.measured_kind), None while it has none."""
    with db.session() as s:
        kinds = list(s.exec(select(d.Measurement.period_kind).where(d.Measurement.goal_id == goal_id)).all())
        kinds += s.exec(select(d.CategoryMeasurement.period_kind)
                        .join(d.IndicatorCategory, d.IndicatorCategory.id == d.CategoryMeasurement.category_id)
                        .where(d.IndicatorCategory.goal_id == goal_id)).all()
    return rules.measured_kind(kinds)


def category_values(db: Database, goal_id: int) -> list[d.CategoryMeasurement]:
    """Every value of the indicator's categories, in time order."""
    with db.session() as s:
        rows = list(s.exec(select(d.CategoryMeasurement)
                           .join(d.IndicatorCategory, d.IndicatorCategory.id == d.CategoryMeasurement.category_id)
                           .where(d.IndicatorCategory.goal_id == goal_id)).all())
    return sorted(rows, key=lambda m: (periods.of_kind(m.period_kind, m.year, m.period_no).end, m.id or 0))


# --------------------------------------------------------------------------- a series


@dataclass(frozen=True, slots=True)
class Point:
    year: int
    number: int
    value: float


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a trend chart: the total ("" name) or a category."""

    name: str
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class Series:
    """What a trend chart of one indicator shows: values of one period kind, the total
    and each category, with the goal's baseline and target."""

    goal: d.Goal
    kind: PeriodKind | None
    total: Line
    categories: tuple[Line, ...]

    @property
    def empty(self) -> bool:
        return not self.total.points and not any(c.points for c in self.categories)


def series(db: Database, goal_id: int, kind: PeriodKind | None = None) -> Series:
    """The indicator's values for a chart, in the goal's own period kind (the kind most
    values have, totals and categories together) unless `kind` is given."""
    goal = crud.get(db, d.Goal, goal_id)
    totals = programme_svc.measurements(db, goal_id)
    per_category = category_values(db, goal_id)
    kind = kind or rules.measured_kind([m.period_kind for m in totals] + [m.period_kind for m in per_category])
    names = {c.id: c.name for c in list_categories(db, goal_id)}
    total = Line("", tuple(Point(m.year, m.period_no, m.value) for m in totals if m.period_kind == kind))
    lines = []
    for cid, name in names.items():
        points = tuple(Point(m.year, m.period_no, m.value) for m in per_category
                       if m.category_id == cid and m.period_kind == kind)
        lines.append(Line(name, points))
    return Series(goal, kind, total, tuple(lines))
