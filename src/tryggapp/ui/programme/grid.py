"""The measurement grid: one row per year, one column per period (Q1–Q4, T1–T3 or the
full year), cells typed the Swedish way ('12,5'). Delete empties the selected cells and
Ctrl+V pastes a block copied from Excel, each as one undo step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from tryggapp.domain import periods, rules
from tryggapp.domain.enums import PeriodKind
from tryggapp.formatting import number
from tryggapp.i18n import _
from tryggapp.services.programme import MeasurementGrid, parse_number
from tryggapp.services.validation import ValidationError
from tryggapp.ui.widgets import style

Index = QModelIndex | QPersistentModelIndex
Cells = dict[tuple[int, int], float | None]


def column_label(kind: PeriodKind, n: int) -> str:
    if kind is PeriodKind.YEAR:
        return _("Full year")
    if kind is PeriodKind.TERTIAL:
        return _("T{n}").format(n=n)
    return _("Q{n}").format(n=n)


def edit_text(value: float) -> str:
    """The value as the user would type it: no thousands separator, decimal comma."""
    return number(value, decimals=6).replace("\u00a0", "").replace("\u202f", "")


class MeasurementGridModel(QAbstractTableModel):
    """`on_set(year, number, value_or_None)` saves one cell (through an undoable command)
    and returns whether it was accepted; `on_error(message)` shows a parse error."""

    def __init__(self, on_set: Callable[[int, int, float | None], bool], on_error: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_set = on_set
        self.on_error = on_error
        self.grid: MeasurementGrid | None = None
        self.today = dt.date.today()
        self.unit = ""
        self.read_only = False
        self.target: float | None = None
        self.higher_is_better = True

    def set_grid(self, grid: MeasurementGrid, *, today: dt.date, unit: str = "", target: float | None = None,
                 higher_is_better: bool = True) -> None:
        same_shape = (self.grid is not None and grid.kind == self.grid.kind and grid.years == self.grid.years
                      and grid.columns == self.grid.columns)
        if same_shape:
            # The reload after a saved cell: new values in the same cells. A reset here
            # would destroy the editor still committing and drop the keyboard focus, so
            # the next value typed would go nowhere.
            self.grid, self.today, self.unit = grid, today, unit
            self.target, self.higher_is_better = target, higher_is_better
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self.grid, self.today, self.unit = grid, today, unit
        self.target, self.higher_is_better = target, higher_is_better
        self.endResetModel()

    def _reached(self, value: float) -> bool:
        return bool(rules.target_reached(value, self.target, higher_is_better=self.higher_is_better))

    # -- shape

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else len(self.grid.years)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else self.grid.columns

    def cell(self, index: Index) -> tuple[int, int]:
        assert self.grid is not None
        return self.grid.years[index.row()], index.column() + 1

    def period(self, index: Index) -> periods.Period:
        assert self.grid is not None
        year, n = self.cell(index)
        return periods.of_kind(self.grid.kind, year, n)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.grid is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return column_label(self.grid.kind, section + 1)
            return str(self.grid.years[section])
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            p = periods.of_kind(self.grid.kind, self.today.year, section + 1)
            return p.range_words().replace(str(self.today.year), "").strip()
        return None

    # -- cells

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.grid is None:
            return None
        year, n = self.cell(index)
        m = self.grid.values.get((year, n))
        if role == Qt.ItemDataRole.DisplayRole:
            return number(m.value, decimals=3) if m is not None else ""
        if role == Qt.ItemDataRole.EditRole:
            return edit_text(m.value) if m is not None else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._future(index):
            return style.qcolor(style.FAINT)
        if role == Qt.ItemDataRole.FontRole and self._future(index):
            font = QFont()
            font.setItalic(True)  # a period to come: italic as well as grey, not colour alone
            return font
        if role == Qt.ItemDataRole.DecorationRole and m is not None and self._reached(m.value):
            return style.icon("mdi6.check", style.SUCCESS)  # an icon, not colour alone
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [self.period(index).words().capitalize()]
            if m is not None:
                lines.append(number(m.value, decimals=3) + (f" {self.unit}" if self.unit else ""))
                if m.source:
                    lines.append(_("Source: {source}").format(source=m.source))
                if m.comment:
                    lines.append(m.comment)
                if self._reached(m.value):
                    lines.append(_("The target value is reached."))
            elif self._future(index):
                lines.append(_("The period has not started yet."))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = number(m.value, decimals=3) if m is not None else _("No value")
            if m is None and self._future(index):
                text = _("The period has not started yet.")
            return f"{self.period(index).words()}: {text}"
        return None

    def _future(self, index: Index) -> bool:
        return self.period(index).start > self.today

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base if self.read_only else base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.grid is None:
            return False
        year, n = self.cell(index)
        try:
            parsed = parse_number(value if isinstance(value, str) else str(value))
        except ValidationError as exc:
            self.on_error(_("{period}: {message}").format(period=self.period(index).words().capitalize(),
                                                          message=exc.message))
            return False
        if parsed == self.grid.value(year, n):
            return False
        self.on_error("")
        return self.on_set(year, n, parsed)


class _CellDelegate(QStyledItemDelegate):
    """Numbers sit at the right, so the target-reached mark goes right beside them."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.decorationPosition = QStyleOptionViewItem.Position.Right  # type: ignore[attr-defined]


class MeasurementTable(QTableView):
    """The grid's view. `on_many(cells, undo_text)` saves several cells as one step."""

    def __init__(self, model: MeasurementGridModel, on_many: Callable[[Cells, str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid_model = model
        self.on_many = on_many
        self.setModel(model)
        self.setItemDelegate(_CellDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setCornerButtonEnabled(False)
        self.setWordWrap(False)
        # Tab leaves the grid (arrows move between cells; Tab in an open editor still
        # goes to the next cell): a grid that kept Tab trapped the keyboard (WCAG 2.1.2).
        self.setTabKeyNavigation(False)
        self.setAccessibleName(_("Indicator values"))
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.verticalHeader().setMinimumWidth(56)
        self.setStyleSheet(f"QTableView {{ border: 1px solid {style.BORDER}; border-radius: 4px; }}"
                           f"QHeaderView::section:vertical {{ background: {style.BACKGROUND}; padding: 0 8px;"
                           f" border: none; border-right: 1px solid {style.BORDER}; font-weight: 600; }}")

    def fit_rows(self, max_rows: int = 12) -> None:
        rows = max(1, min(self.grid_model.rowCount(), max_rows))
        height = self.horizontalHeader().sizeHint().height() + rows * self.verticalHeader().defaultSectionSize() + 4
        self.setFixedHeight(height)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState and not self.grid_model.read_only:
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_selection_values()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste(QGuiApplication.clipboard().text())
                return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        super().keyPressEvent(event)

    def clear_selection_values(self) -> None:
        cells: Cells = {}
        for index in self.selectedIndexes():
            year, n = self.grid_model.cell(index)
            if self.grid_model.grid and (year, n) in self.grid_model.grid.values:
                cells[(year, n)] = None
        self.on_many(cells, _("Clear values"))

    def copy(self) -> None:
        indexes = sorted(self.selectedIndexes(), key=lambda i: (i.row(), i.column()))
        if not indexes:
            return
        rows: dict[int, dict[int, str]] = {}
        for index in indexes:
            rows.setdefault(index.row(), {})[index.column()] = index.data(Qt.ItemDataRole.EditRole) or ""
        first_col = min(i.column() for i in indexes)
        last_col = max(i.column() for i in indexes)
        text = "\n".join("\t".join(cols.get(c, "") for c in range(first_col, last_col + 1))
                         for _r, cols in sorted(rows.items()))
        QGuiApplication.clipboard().setText(text)

    def paste(self, text: str) -> None:
        """Paste a tab/newline separated block at the current cell. Every value is checked
        before anything is saved: a bad one changes nothing and is named."""
        start = self.currentIndex()
        if not start.isValid() or not text.strip():
            return
        cells: Cells = {}
        model = self.grid_model
        for r, line in enumerate(text.rstrip("\r\n").split("\n")):
            for c, raw in enumerate(line.rstrip("\r").split("\t")):
                row, col = start.row() + r, start.column() + c
                if row >= model.rowCount() or col >= model.columnCount():
                    continue
                index = model.index(row, col)
                try:
                    cells[model.cell(index)] = parse_number(raw)
                except ValidationError as exc:
                    model.on_error(_("{period}: {message}").format(
                        period=model.period(index).words().capitalize(), message=exc.message))
                    return
        grid = model.grid
        changed = {k: v for k, v in cells.items() if grid is None or grid.value(*k) != v}
        model.on_error("")
        self.on_many(changed, _("Paste values"))

