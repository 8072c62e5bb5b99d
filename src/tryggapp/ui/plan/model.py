"""The plan table: a model over the flat rows of services.measures and a filter proxy.

Filtering must keep typing responsive with 10 000 measures (benchmarks/bench_filter.py):
each row carries a pre-folded search text, and the proxy decides all rows in one Python
pass per filter change, so filterAcceptsRow() is a list lookup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon

from tryggapp.domain import rules
from tryggapp.domain.enums import MeasureStatus
from tryggapp.formatting import date_short
from tryggapp.i18n import _
from tryggapp.services.measures import MeasureRow
from tryggapp.ui.widgets import style

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3

# Filter value for "Försenade" in the status filter (stored statuses are MeasureStatus).
LATE = rules.LATE  # a status filter value, as the start page's late tile asks for it
OPEN = "open"

STATUS_ICONS = {
    MeasureStatus.NOT_STARTED: "mdi6.circle-outline",
    MeasureStatus.ONGOING: "mdi6.progress-clock",
    MeasureStatus.DONE: "mdi6.check-circle-outline",
    MeasureStatus.PAUSED: "mdi6.pause-circle-outline",
    MeasureStatus.CANCELLED: "mdi6.close-circle-outline",
}
LATE_ICON = "mdi6.alert-circle"
CARRIED_ICON = "mdi6.arrow-right-bold-circle-outline"
FAR_FUTURE = "9999-12-31"  # rows without a date sort after those with one

_DISPLAY = Qt.ItemDataRole.DisplayRole
_FONT = Qt.ItemDataRole.FontRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_HANDLED_ROLES = frozenset({_DISPLAY, _FONT, _FOREGROUND, _DECORATION, _TOOLTIP, _ACCESSIBLE, ID_ROLE, ROW_ROLE,
                            SORT_ROLE})


def status_text(row: MeasureRow) -> str:
    """'Pågående', or 'Försenad (pågående)': late is said in words, not only in red."""
    if row.late:
        return _("Late ({status})").format(status=row.status.label.lower())
    return row.status.label


@dataclass(frozen=True)
class Column:
    key: str
    title: Callable[[], str]
    chars: float  # the starting width in characters of the table's font (style.chars), not pixels
    display: Callable[[MeasureRow], str]
    sort: Callable[[MeasureRow], Any]


def _date(value: dt.date | None) -> str:
    return date_short(value) if value else ""


def _note(row: MeasureRow) -> str:
    if not row.latest_note:
        return ""
    first = row.latest_note.strip().splitlines()[0]
    return f"{_date(row.latest_note_on)}: {first}" if row.latest_note_on else first


COLUMNS: tuple[Column, ...] = (
    # Status and deadline next to the measure: what a follow-up looks at first.
    Column("number", lambda: _("No."), 8, lambda r: str(r.number), lambda r: r.number),
    Column("title", lambda: _("Measure"), 33, lambda r: r.title, lambda r: r.title.casefold()),
    Column("status", lambda: _("Status"), 25, status_text,
           lambda r: (rules.status_rank(LATE if r.late else r.status.value),
                      r.deadline.isoformat() if r.deadline else FAR_FUTURE)),
    Column("deadline", lambda: _("Deadline"), 12.5, lambda r: _date(r.deadline),
           lambda r: r.deadline.isoformat() if r.deadline else FAR_FUTURE),
    Column("responsible_person", lambda: _("Responsible"), 17, lambda r: r.responsible_person,
           lambda r: r.responsible_person.casefold() or "\uffff"),
    Column("responsible_organisation", lambda: _("Organisation"), 20, lambda r: r.responsible_organisation,
           lambda r: r.responsible_organisation.casefold() or "\uffff"),
    Column("focus_area", lambda: _("Focus area"), 20, lambda r: r.focus_area,
           lambda r: (r.focus_area_number if r.focus_area_number is not None else 10**6, r.focus_area.casefold())),
    Column("start_date", lambda: _("Start"), 12.5, lambda r: _date(r.start_date),
           lambda r: r.start_date.isoformat() if r.start_date else FAR_FUTURE),
    Column("latest_note", lambda: _("Latest note"), 37, _note,
           lambda r: r.latest_note_on.isoformat() if r.latest_note_on else ""),
)
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}


def search_text(row: MeasureRow) -> str:
    """What free-text search looks in: number, title, responsible, organisation, note."""
    return "\n".join((str(row.number), row.title, row.responsible_person, row.responsible_organisation,
                      row.latest_note, row.focus_area)).casefold()


class PlanTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[MeasureRow] = []
        self.haystacks: list[str] = []
        self._sort_keys: dict[int, list[Any]] = {}
        self._cells: dict[int, tuple[str, ...]] = {}  # display texts by measure id
        self._reorder_hooks: list[Callable[[list[int]], None]] = []
        self.sort_column = 0
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._icons: dict[str, QIcon] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._late_brush = QBrush(QColor(style.DANGER))
        self._muted_brush = QBrush(QColor(style.MUTED))

    def set_rows(self, rows: Sequence[MeasureRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.haystacks = [search_text(r) for r in self.rows]
        self._sort_keys = {}
        self._cells = {}
        self._reorder(self._sorted_order())
        self.endResetModel()

    def sort_keys(self, column: int) -> list[Any]:
        """Per row, the column's sort key with the number as tie-break, computed once per
        load and kept in row order."""
        keys = self._sort_keys.get(column)
        if keys is None:
            sort = COLUMNS[column].sort
            keys = self._sort_keys[column] = [(sort(r), r.number) for r in self.rows]
        return keys

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows themselves with Python's sort (milliseconds for 10 000 rows): a
        proxy sort would call back into Python for each of ~130 000 comparisons (~1.3 s).
        Persistent indexes (the selection, the current row) follow their rows."""
        self.sort_column, self.sort_order = column, order
        if not self.rows:
            return
        # Plain emit(): passing (parents, VerticalSortHint) from Python segfaulted in PySide6 6.12.
        self.layoutAboutToBeChanged.emit()
        order_idx = self._sorted_order()
        new_row = [0] * len(order_idx)
        for new, old in enumerate(order_idx):
            new_row[old] = new
        persistent = self.persistentIndexList()
        self._reorder(order_idx)
        self.changePersistentIndexList(
            persistent, [self.index(new_row[i.row()], i.column()) for i in persistent])
        self.layoutChanged.emit()

    def _sorted_order(self) -> list[int]:
        if self.sort_column < 0 or self.sort_column >= len(COLUMNS):
            return list(range(len(self.rows)))
        keys = self.sort_keys(self.sort_column)
        return sorted(range(len(keys)), key=keys.__getitem__,
                      reverse=self.sort_order == Qt.SortOrder.DescendingOrder)

    def _reorder(self, order_idx: list[int]) -> None:
        self.rows = [self.rows[i] for i in order_idx]
        self.haystacks = [self.haystacks[i] for i in order_idx]
        self._sort_keys = {c: [keys[i] for i in order_idx] for c, keys in self._sort_keys.items()}
        for hook in self._reorder_hooks:
            hook(order_idx)

    def add_reorder_hook(self, hook: Callable[[list[int]], None]) -> None:
        """`hook(order)` runs when the rows are re-ordered (row i is now old row order[i])."""
        self._reorder_hooks.append(hook)

    def row_at(self, source_row: int) -> MeasureRow:
        return self.rows[source_row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def _icon(self, name: str, color: str) -> QIcon:
        key = f"{name}|{color}"
        if key not in self._icons:
            self._icons[key] = style.icon(name, color)
        return self._icons[key]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called ~8 times per visible cell on every repaint: unhandled roles leave first and
        # display texts are made once per row (the paint is most of a keystroke's cost).
        if role not in _HANDLED_ROLES:
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            cells = self._cells.get(row.id)
            if cells is None:
                cells = self._cells[row.id] = tuple(c.display(row) for c in COLUMNS)
            return cells[column]
        key = COLUMNS[column].key
        if role == _FONT:
            return self._bold if row.late else None
        if role == _FOREGROUND:
            if row.late and key in ("status", "deadline"):
                return self._late_brush
            if row.status in rules.CLOSED_STATUSES and key != "status":
                return self._muted_brush
            return None
        if role == _DECORATION:
            if key == "status":
                if row.late:
                    return self._icon(LATE_ICON, style.DANGER)
                return self._icon(STATUS_ICONS[row.status], style.MUTED)
            if key == "number" and row.carried_over:
                return self._icon(CARRIED_ICON, style.ACCENT)
            return None
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return COLUMNS[column].sort(row)
        if role == _TOOLTIP:
            return self._tooltip(row, key)
        if role == _ACCESSIBLE and key == "status":
            return status_text(row)
        return None

    def _tooltip(self, row: MeasureRow, key: str) -> str | None:
        if key == "number" and row.carried_over:
            return _("Carried over from the action plan for {year}").format(year=row.carried_over_from_year)
        if key == "status":
            parts = [status_text(row)]
            if row.late and row.deadline:
                parts.append(_("The deadline {date} has passed.").format(date=_date(row.deadline)))
            if row.cancel_reason:
                parts.append(_("Reason: {reason}").format(reason=row.cancel_reason))
            return "\n".join(parts)
        if key == "title":
            lines = [row.title]
            if row.origin.label:
                lines.append(_("Origin: {origin}").format(origin=row.origin.label))
            return "\n".join(lines)
        if key == "latest_note" and row.latest_note:
            return _note(row) if "\n" not in row.latest_note else f"{_date(row.latest_note_on)}:\n{row.latest_note}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title()
        return None

    def source_row_of(self, measure_id: int) -> int | None:
        for i, r in enumerate(self.rows):
            if r.id == measure_id:
                return i
        return None


@dataclass
class PlanFilter:
    """What the filter bar asks for. None means 'all'."""

    text: str = ""
    focus_area_id: int | None = None
    status: MeasureStatus | str | None = None  # a status, LATE or OPEN
    person_id: int | None = None
    organisation_id: int | None = None

    def is_empty(self) -> bool:
        return not self.text.strip() and self.focus_area_id is None and self.status is None \
            and self.person_id is None and self.organisation_id is None


class PlanFilterProxy(QSortFilterProxyModel):
    """Filters by the PlanFilter; sorting is delegated to the source model (see
    PlanTableModel.sort), so the proxy keeps the source's order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.filter = PlanFilter()
        self._all = True
        self._flags: list[bool] = []  # per source row, kept in step when the source re-sorts
        self.setDynamicSortFilter(False)  # we say when to refilter

    def setSourceModel(self, model: Any) -> None:  # noqa: N802
        super().setSourceModel(model)
        if isinstance(model, PlanTableModel):
            model.add_reorder_hook(self._reordered)

    def _reordered(self, order: list[int]) -> None:
        if not self._all and len(self._flags) == len(order):
            flags = self._flags
            self._flags = [flags[i] for i in order]

    def source(self) -> PlanTableModel:
        return self.sourceModel()  # type: ignore[return-value]

    def set_filter(self, **changes: Any) -> None:
        """Change some of the filter's fields and apply (one pass over the rows)."""
        for key, value in changes.items():
            setattr(self.filter, key, value)
        self.apply()

    def apply(self) -> None:
        # begin/endFilterChange, not invalidate(): measured with 10 000 rows, 11 ms per
        # keystroke against 21 ms for the full re-layout (benchmarks/bench_filter.py).
        self.beginFilterChange()
        self._compute()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def source_rows_changed(self) -> None:
        """Call after the source model was reset: recompute before the proxy asks."""
        self.apply()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.source()
        if model is not None:
            model.sort(column, order)

    def _compute(self) -> None:
        model = self.source()
        f = self.filter
        if model is None or f.is_empty():
            self._all, self._flags = True, []
            return
        words = f.text.casefold().split()
        rows = model.rows
        hay = model.haystacks
        accepted = [True] * len(rows)
        if len(words) == 1:
            w = words[0]
            accepted = [w in h for h in hay]
        elif words:
            accepted = [all(w in h for w in words) for h in hay]
        checks: list[Callable[[MeasureRow], bool]] = []
        if f.focus_area_id is not None:
            checks.append(lambda r: r.focus_area_id == f.focus_area_id)
        if f.person_id is not None:
            checks.append(lambda r: r.responsible_person_id == f.person_id)
        if f.organisation_id is not None:
            checks.append(lambda r: r.responsible_organisation_id == f.organisation_id)
        if f.status == LATE:
            checks.append(lambda r: r.late)
        elif f.status == OPEN:
            checks.append(lambda r: rules.is_open(r.status))
        elif f.status is not None:
            checks.append(lambda r: r.status == f.status)
        if checks:
            accepted = [ok and all(c(r) for c in checks) for ok, r in zip(accepted, rows, strict=True)]
        self._all = False
        self._flags = accepted

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        # Called once per row on every keystroke: a list lookup, nothing more.
        if self._all:
            return True
        try:
            return self._flags[source_row]
        except IndexError:  # rows arrived before the next apply()
            return True
