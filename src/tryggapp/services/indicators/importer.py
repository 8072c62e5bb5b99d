"""Importing a statistics series (CSV or Excel) as an indicator's measurements.

`check_import` reads every row (period, value, category) and compares it with what is
stored: nothing is written, and every bad row is listed with its row number, its column
and why, in Swedish. `apply_import` writes a checked import in one transaction, or
nothing: it refuses while any row is bad, and never replaces a stored value that differs
unless told to (`replace=True`; `False` keeps the stored ones). It returns what undo
needs (`undo_import`). `import_stats` does all of it for the command line, with a backup
before anything is written, as the action plan's import does."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, select

from tryggapp import domain as d
from tryggapp.domain.enums import PeriodKind
from tryggapp.errors import UserError
from tryggapp.i18n import _, ngettext
from tryggapp.services import crud, validators
from tryggapp.services.excel.reader import cell_text
from tryggapp.services.excel.validate import ImportFailed, RowError
from tryggapp.services.indicators import categories as cat
from tryggapp.services.indicators.parse import (
    CellProblem,
    PeriodCell,
    category_key,
    is_total,
    parse_period,
    parse_value,
)
from tryggapp.services.indicators.source import Columns, StatsFile, guess_columns, read_file
from tryggapp.storage import Database


class ChoiceNeeded(UserError):
    """Stored values differ from the file's: the user must say replace or keep."""

    exit_code = 1  # not done, nothing changed: a question not answered (README's table)


class ColumnMissing(UserError):
    exit_code = 2  # the file lacks what the import needs (bad input)


@dataclass(frozen=True, slots=True)
class PlannedValue:
    """One row of the file as it would be stored."""

    row: int
    year: int
    number: int
    category_id: int | None  # None: the indicator's total
    category: str  # the category's name ("" for the total)
    value: float
    existing: float | None  # the stored value for the same period and category

    @property
    def is_new(self) -> bool:
        return self.existing is None

    @property
    def is_same(self) -> bool:
        return self.existing is not None and abs(self.existing - self.value) < 1e-9

    @property
    def conflicts(self) -> bool:
        return self.existing is not None and not self.is_same


@dataclass
class ImportPlan:
    goal_id: int
    file_name: str
    kind: PeriodKind
    kind_from_file: bool  # the goal had no values: the file's periods decided the kind
    columns: Columns
    values: list[PlannedValue] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # rows with a period but no value
    unknown_categories: list[str] = field(default_factory=list)  # in the file, not in the indicator's list

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def new(self) -> int:
        return sum(v.is_new for v in self.values)

    @property
    def conflicts(self) -> int:
        return sum(v.conflicts for v in self.values)

    @property
    def same(self) -> int:
        return sum(v.is_same for v in self.values)

    def failure(self) -> ImportFailed:
        return ImportFailed(self.errors)

    def summary(self, replace: bool | None = None) -> str:
        """'9 new values, 1 replaces a stored value, 2 unchanged.'"""
        parts = [ngettext("{n} new value", "{n} new values", self.new).format(n=self.new)]
        if self.conflicts:
            if replace is False:
                parts.append(ngettext("{n} stored value kept", "{n} stored values kept", self.conflicts).format(
                    n=self.conflicts))
            else:
                parts.append(ngettext("{n} replaces a stored value", "{n} replace stored values",
                                      self.conflicts).format(n=self.conflicts))
        if self.same:
            parts.append(ngettext("{n} already stored", "{n} already stored", self.same).format(n=self.same))
        text = ", ".join(parts) + "."
        return f"{text} {self.skipped_text()}" if self.skipped else text

    def skipped_text(self) -> str:
        """'2 rader utan värde hoppas över (raderna 6 och 9).' ('' when none)."""
        if not self.skipped:
            return ""
        return ngettext("{n} row without a value is skipped ({rows}).",
                        "{n} rows without a value are skipped ({rows}).", len(self.skipped)).format(
            n=len(self.skipped), rows=rows_text(self.skipped))

    def writes(self, replace: bool | None) -> bool:
        return bool(self.new or (self.conflicts and replace))


def rows_text(rows: Sequence[int], shown: int = 8) -> str:
    """'rad 4, 9 och 12' (at most `shown` numbers, then '…')."""
    numbers = [str(r) for r in rows[:shown]]
    if len(rows) > shown:
        return ngettext("row {rows} …", "rows {rows} …", len(rows)).format(rows=", ".join(numbers))
    if len(numbers) == 1:
        return _("row {row}").format(row=numbers[0])
    return _("rows {rows} and {last}").format(rows=", ".join(numbers[:-1]), last=numbers[-1])


# --------------------------------------------------------------------------- checking


def _file_kind(cells: Sequence[PeriodCell]) -> PeriodKind:
    """The period kind the file's periods have (most of them); months and days alone say
    nothing about it: then a year."""
    kinds = Counter(c.kind for c in cells if c.kind is not None)
    if not kinds:
        return PeriodKind.YEAR
    order = [PeriodKind.QUARTER, PeriodKind.TERTIAL, PeriodKind.YEAR]  # a tie goes to the finer kind
    return max(kinds, key=lambda k: (kinds[k], -order.index(k)))


def check_import(db: Database, goal_id: int, file: StatsFile, columns: Columns | None = None) -> ImportPlan:
    """Every row read and compared with what is stored; nothing is written."""
    crud.get(db, d.Goal, goal_id)  # a goal that is gone: NotFound, in Swedish
    columns = columns or guess_columns(file)
    if columns.period is None:
        raise ColumnMissing(_("Choose the column that holds the period (e.g. “År”) in “{name}”.").format(
            name=file.name))
    if columns.value is None:
        raise ColumnMissing(_("Choose the column that holds the value (e.g. “Antal”) in “{name}”.").format(
            name=file.name))
    chosen = [c for c in (columns.period, columns.value, columns.category) if c is not None]
    if len(set(chosen)) < len(chosen):
        raise ColumnMissing(_("The period, the value and the category must be in different columns."))
    width = max(len(file.headers), max((len(r) for _n, r in file.rows), default=0))
    if any(c >= width for c in chosen):
        raise ColumnMissing(_("“{name}” has no column {letter}.").format(
            name=file.name, letter=", ".join(file.header_label(c) for c in chosen if c >= width)))

    period_label = file.column_name(columns.period)
    value_label = file.column_name(columns.value)
    category_label = file.column_name(columns.category) if columns.category is not None else ""
    known = cat.list_categories(db, goal_id)
    by_key = {category_key(c.name): c for c in known}

    errors: list[RowError] = []
    read: list[tuple[int, PeriodCell, str, float | None, str]] = []  # row, period, period text, value, category
    for row, cells in file.rows:
        raw_period = file.cell(cells, columns.period)
        raw_value = file.cell(cells, columns.value)
        raw_category = file.cell(cells, columns.category) if columns.category is not None else None
        problems = 0
        try:
            period = parse_period(raw_period)
            if period is None:
                errors.append(RowError(row, period_label, _("the period is missing")))
                problems += 1
        except CellProblem as exc:
            errors.append(RowError(row, period_label, exc.message))
            period, problems = None, problems + 1
        try:
            value = parse_value(raw_value)
        except CellProblem as exc:
            errors.append(RowError(row, value_label, exc.message))
            value, problems = None, problems + 1
        category = " ".join(cell_text(raw_category).split()) if raw_category is not None else ""
        if problems == 0 and period is not None:
            read.append((row, period, " ".join(cell_text(raw_period).split()), value, category))

    kind_from_file = False
    kind = cat.indicator_kind(db, goal_id)
    if kind is None:
        kind, kind_from_file = _file_kind([p for _r, p, _t, _v, _c in read]), True

    totals, per_category = _stored(db, goal_id, kind)
    plan = ImportPlan(goal_id, file.name, kind, kind_from_file, columns, errors=errors)
    seen: dict[tuple[int | None, int, int], int] = {}
    unknown: dict[str, str] = {}
    names = ", ".join(c.name for c in known)
    for row, period, text, value, category in read:
        try:
            year, number = period.as_kind(kind, text)
        except CellProblem as exc:
            errors.append(RowError(row, period_label, exc.message))
            continue
        category_id: int | None = None
        name = ""
        if not is_total(category):
            match = by_key.get(category_key(category))
            if match is None:
                unknown.setdefault(category_key(category), category)
                errors.append(RowError(row, category_label, (
                    _("“{category}” is not one of the indicator's categories ({names})").format(
                        category=category, names=names) if known else
                    _("“{category}” is not a category of this indicator: it has none yet (add them under "
                      "Categories, or leave the category column out)").format(category=category))))
                continue
            category_id, name = match.id, match.name
        key = (category_id, year, number)
        if key in seen:
            errors.append(RowError(row, period_label, (
                _("{period} for “{category}” is also on row {row}").format(
                    period=text, category=name, row=seen[key]) if name else
                _("{period} is also on row {row}").format(period=text, row=seen[key]))))
            continue
        seen[key] = row
        if value is None:
            plan.skipped.append(row)
            continue
        existing = totals.get((year, number)) if category_id is None else per_category.get(key)
        plan.values.append(PlannedValue(row, year, number, category_id, name, value, existing))
    plan.unknown_categories = list(unknown.values())
    errors.sort(key=lambda e: e.row)  # stable: a row's cells in the file's order
    if not plan.values and not plan.errors:
        raise UserError(_("“{name}” has no values to import below its headers (row {row}).").format(
            name=file.name, row=file.header_row))
    return plan


def _stored(db: Database, goal_id: int, kind: PeriodKind) -> tuple[dict[tuple[int, int], float],
                                                                   dict[tuple[int | None, int, int], float]]:
    with db.session() as s:
        totals = {(m.year, m.period_no): m.value for m in s.exec(select(d.Measurement).where(
            d.Measurement.goal_id == goal_id, d.Measurement.period_kind == kind)).all()}
    per_category = {(m.category_id, m.year, m.period_no): m.value for m in cat.category_values(db, goal_id)
                    if m.period_kind == kind}
    return totals, per_category


# --------------------------------------------------------------------------- writing


@dataclass
class Applied:
    """What an import did, enough to undo it (and to tell the user)."""

    goal_id: int
    kind: PeriodKind
    created: list[tuple[int | None, int, int]] = field(default_factory=list)  # (category, year, number)
    replaced: list[tuple[int | None, int, int, float]] = field(default_factory=list)  # ... and the old value
    kept: int = 0
    unchanged: int = 0
    backup: Path | None = None

    def summary(self) -> str:
        parts = [ngettext("{n} new value", "{n} new values", len(self.created)).format(n=len(self.created)),
                 ngettext("{n} replaced", "{n} replaced", len(self.replaced)).format(n=len(self.replaced))]
        if self.kept:
            parts.append(ngettext("{n} stored value kept", "{n} stored values kept", self.kept).format(n=self.kept))
        if self.unchanged:
            parts.append(ngettext("{n} already stored", "{n} already stored", self.unchanged).format(
                n=self.unchanged))
        return ", ".join(parts) + "."


def _find(s: Session, goal_id: int, kind: PeriodKind, key: tuple[int | None, int, int]
          ) -> d.Measurement | d.CategoryMeasurement | None:
    category_id, year, number = key
    if category_id is None:
        return s.exec(select(d.Measurement).where(
            d.Measurement.goal_id == goal_id, d.Measurement.year == year, d.Measurement.period_kind == kind,
            d.Measurement.period_no == number)).first()
    return s.exec(select(d.CategoryMeasurement).where(
        d.CategoryMeasurement.category_id == category_id, d.CategoryMeasurement.year == year,
        d.CategoryMeasurement.period_kind == kind, d.CategoryMeasurement.period_no == number)).first()


def apply_import(db: Database, plan: ImportPlan, *, replace: bool | None,
                 today: dt.date | None = None) -> Applied:
    """Write a checked import in one transaction. Refused (ImportFailed) while any row is
    bad, and (ChoiceNeeded) while stored values differ and `replace` is None."""
    if plan.errors:
        raise plan.failure()
    if plan.conflicts and replace is None:
        raise ChoiceNeeded(ngettext(
            "{n} value in the file differs from the one stored for the same period. Say whether the file's "
            "value replaces it or the stored one is kept; nothing was imported.",
            "{n} values in the file differ from those stored for the same periods. Say whether the file's "
            "values replace them or the stored ones are kept; nothing was imported.", plan.conflicts).format(
            n=plan.conflicts))
    comment = _("Imported from {name} on {date}").format(name=plan.file_name,
                                                          date=(today or dt.date.today()).isoformat())
    done = Applied(plan.goal_id, plan.kind)
    with db.session() as s:
        for v in plan.values:
            key = (v.category_id, v.year, v.number)
            row = _find(s, plan.goal_id, plan.kind, key)
            if row is None:
                new: d.Measurement | d.CategoryMeasurement
                if v.category_id is None:
                    new = d.Measurement(goal_id=plan.goal_id, year=v.year, period_kind=plan.kind,
                                        period_no=v.number, value=v.value, comment=comment)
                else:
                    new = d.CategoryMeasurement(category_id=v.category_id, year=v.year, period_kind=plan.kind,
                                                period_no=v.number, value=v.value, comment=comment)
                validators.validate(new, s)
                s.add(new)
                s.flush()  # the next row may be the same period of another category
                done.created.append(key)
            elif abs(row.value - v.value) < 1e-9:
                done.unchanged += 1
            elif replace:
                done.replaced.append((*key, row.value))
                row.value = v.value
                s.add(row)
            else:
                done.kept += 1
        s.commit()  # failures translated by Database.session
    return done


def undo_import(db: Database, applied: Applied) -> None:
    """Put back what apply_import changed: created values removed, replaced ones restored."""
    with db.session() as s:
        for key in applied.created:
            row = _find(s, applied.goal_id, applied.kind, key)
            if row is not None:
                s.delete(row)
        for category_id, year, number, old in applied.replaced:
            row = _find(s, applied.goal_id, applied.kind, (category_id, year, number))
            if row is not None:
                row.value = old
                s.add(row)
        s.commit()  # failures translated by Database.session


def import_stats(db: Database, goal_id: int, path: Path, columns: Columns | None = None, *,
                 dry_run: bool = False, replace: bool | None = None, header_row: int | None = None,
                 today: dt.date | None = None) -> tuple[ImportPlan, Applied | None]:
    """Read, check and (unless `dry_run`) write, after a backup taken only when something
    will be written. Raises ImportFailed (every bad row) or ChoiceNeeded; nothing is
    written then. Returns the plan and what was done (None for a dry run)."""
    file = read_file(path, header_row)
    plan = check_import(db, goal_id, file, columns)
    if plan.errors:
        raise plan.failure()
    if dry_run:
        return plan, None
    if plan.conflicts and replace is None:
        apply_import(db, plan, replace=None)  # raises ChoiceNeeded before anything is written
    backup = None
    if plan.writes(replace):
        from tryggapp.services.excel.importer import backup_before_import

        backup = backup_before_import(db)
    done = apply_import(db, plan, replace=replace, today=today)
    done.backup = backup
    return plan, done
