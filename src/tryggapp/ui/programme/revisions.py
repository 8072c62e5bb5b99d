"""Ändringshistorik: the programme's revisions in an editable table (model/view)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from tryggapp import domain as d
from tryggapp.formatting import date_short
from tryggapp.i18n import N_, _
from tryggapp.services.validation import Checker, ValidationError, parse_date

COLUMNS = [("revision", N_("Version")), ("revised_on", N_("Date")), ("author", N_("Author")),
           ("description", N_("Description"))]
_LABELS = {"revision": N_("Version"), "revised_on": N_("Date"), "author": N_("Author"),
           "description": N_("Description")}

Index = QModelIndex | QPersistentModelIndex


class RevisionModel(QAbstractTableModel):
    """Rows are ProgrammeRevision; an edit calls `on_edit(revision_id, field, value)` which
    saves it through an undoable command and returns whether it was accepted."""

    def __init__(self, on_edit: Callable[[int, str, Any], bool], on_error: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[d.ProgrammeRevision] = []
        self.on_edit = on_edit
        self.on_error = on_error
        self.read_only = False

    def set_rows(self, rows: list[d.ProgrammeRevision]) -> None:
        if [r.id for r in rows] == [r.id for r in self.rows] and rows:
            # The reload after a saved cell: as in the measurement grid, a reset would
            # destroy the committing editor and drop the keyboard focus.
            self.rows = list(rows)
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        name = COLUMNS[index.column()][0]
        value = getattr(row, name)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if isinstance(value, dt.date):
                return date_short(value) if role == Qt.ItemDataRole.DisplayRole else value.isoformat()
            return value
        if role == Qt.ItemDataRole.ToolTipRole and name == "description":
            return value or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base if self.read_only else base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self.rows[index.row()]
        name = COLUMNS[index.column()][0]
        if name == "revised_on":
            checker = Checker()
            parsed = parse_date(name, _(_LABELS[name]), str(value).strip(), checker)
            if checker.errors:
                self.on_error(ValidationError(checker.errors).message)
                return False
            if parsed is None:
                checker.required(name, _(_LABELS[name]), None)
                self.on_error(ValidationError(checker.errors).message)
                return False
            value = parsed
        else:
            value = str(value).strip()
        if value == getattr(row, name):
            return False
        return self.on_edit(row.id, name, value)  # type: ignore[arg-type]


class RevisionTable(QTableView):
    def __init__(self, model: RevisionModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setTabKeyNavigation(False)  # Tab leaves the table (WCAG 2.1.2); arrows move in it
        self.setAccessibleName(_("Revision history"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.verticalHeader().hide()
        self.setShowGrid(False)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setColumnWidth(0, 80)
        self.setColumnWidth(1, 110)
        self.setColumnWidth(2, 180)

    def fit_rows(self, max_rows: int = 8) -> None:
        rows = max(1, min(self.model().rowCount(), max_rows))
        height = self.horizontalHeader().height() + rows * self.verticalHeader().defaultSectionSize() + 4
        self.setFixedHeight(height)
