"""A read-only table of flat rows (dicts): model, filter proxy and a search + table pane.

Used by the list views whose editing screens come in later issues. Model/view all the
way (no QTableWidget): sorting and filtering happen in a QSortFilterProxyModel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tryggapp.formatting import date_short, number
from tryggapp.i18n import _
from tryggapp.ui.widgets.empty_state import EmptyState

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column:
    key: str
    title: Callable[[], str]  # translated lazily, at display time
    width: int | None = None  # for a stretched column: the least it gets
    align_right: bool = False
    stretch: bool = False  # takes the spare width, but never less than `width` and its header


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return date_short(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | float):
        return number(value)
    return str(value)


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[dict[str, Any]] = []

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        fit_header(self.view)  # the style sheet's header font is known only once polished
        self._fit_stretch()

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = self.columns[index.column()]
        value = row.get(col.key)
        if role == Qt.ItemDataRole.DisplayRole:
            text = display(value)
            return text.splitlines()[0] if text else text
        if role == Qt.ItemDataRole.ToolTipRole:
            text = display(value)
            return text if len(text) > 40 or "\n" in text else None
        if role == SORT_ROLE:
            if value is None:
                return ""
            return value.isoformat() if isinstance(value, dt.date) else value
        if role == ID_ROLE:
            return row.get("id")
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title()
        return None


class RowFilterProxy(QSortFilterProxyModel):
    """Case-insensitive search over every column; sorting on the raw values."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortLocaleAware(True)


def fit_header(view: QTableView) -> None:
    """Widen each column that is narrower than its header text needs: the widths in code
    are for the usual font, and a larger font (150 % text, a bold header) must not cut
    off "Ledamöter" or "Paragrafer". Columns in another resize mode are left alone."""
    header = view.horizontalHeader()
    for i in range(header.count()):
        if header.sectionResizeMode(i) != QHeaderView.ResizeMode.Interactive:
            continue
        need = header.sectionSizeFromContents(i).width()
        if header.sectionSize(i) < need:
            header.resizeSection(i, need)


class TablePane(QWidget):
    """Search field, table and an empty state (icon, title, what to do next).

    Keyboard: Down in the search field moves to the table, Escape clears the search,
    Enter on a row emits `activated`. Focus given to the pane goes to the search field
    (or the table when there is none)."""

    activated = Signal(object)  # the row id
    current_changed = Signal(object)  # the row id or None

    def __init__(self, columns: Sequence[Column], empty_text: Callable[[], str], *,
                 searchable: bool = True, sort: tuple[str, Qt.SortOrder] | None = None,
                 empty_icon: str = "mdi6.table-off", empty_title: Callable[[], str] | None = None,
                 label: str = "", parent: QWidget | None = None) -> None:
        """`label`: what the table holds ("Grupper"), its name for a screen reader; without
        one the table is named by its column headers."""
        super().__init__(parent)
        self.model = RowTableModel(columns, self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._empty_text = empty_text
        self._empty_title = empty_title

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.search.setVisible(searchable)
        self.search.installEventFilter(self)
        self.searchable = searchable
        if searchable:
            find = QAction(_("Search"), self)
            find.setShortcut(QKeySequence.StandardKey.Find)
            find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            find.triggered.connect(self.focus_search)
            self.addAction(find)

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        # Tab leaves the table (arrow keys move between cells): Qt's default Tab-between-
        # cells trapped the keyboard in every list (WCAG 2.1.2).
        self.view.setTabKeyNavigation(False)
        spoken = label or _("Table: {columns}").format(columns=", ".join(c.title() for c in columns))
        self.view.setAccessibleName(spoken)
        self.search.setAccessibleName(_("Search in {what}").format(what=spoken) if label else _("Search"))
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        # Stretched columns are sized by hand (_fit_stretch), not with QHeaderView.Stretch:
        # that squeezes them to nothing when the fixed columns fill a narrow pane (150 %).
        self._stretch = {i: col.width or 0 for i, col in enumerate(columns) if col.stretch}
        for i, col in enumerate(columns):
            if col.width:
                self.view.setColumnWidth(i, col.width)
        header.setStretchLastSection(False)
        fit_header(self.view)
        self.view.viewport().installEventFilter(self)
        if sort is not None:
            keys = [c.key for c in columns]
            self.view.sortByColumn(keys.index(sort[0]), sort[1])
        else:
            # Keep the services' order until the user clicks a header.
            self.proxy.sort(-1)
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.activated.connect(lambda idx: self.activated.emit(idx.data(ID_ROLE)))
        self.view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.current_changed.emit(cur.data(ID_ROLE) if cur.isValid() else None))

        # Compact when the pane is a secondary list without a title of its own (members of
        # a group, observations of a walk): a big centred icon there would outweigh the
        # record it belongs to. Compact content sits at the top instead of spreading out.
        compact = empty_title is None and not searchable
        self.empty = EmptyState(empty_icon, "", parent=self, compact=compact)
        if compact:
            self.empty.layout().addStretch(1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.search if searchable else self.view)

    def _fit_stretch(self) -> None:
        if not self._stretch:
            return
        header = self.view.horizontalHeader()
        fixed = sum(header.sectionSize(i) for i in range(header.count())
                    if i not in self._stretch and not header.isSectionHidden(i))
        share = (self.view.viewport().width() - fixed) // len(self._stretch)
        for i, least in self._stretch.items():
            header.resizeSection(i, max(share, least, header.sectionSizeFromContents(i).width()))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_stretch()
            return False
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.proxy.rowCount():
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.view.currentIndex().isValid():
                    self.view.selectRow(0)
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(obj, event)

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        current = self.current_id()
        self.model.set_rows(rows)
        if self._empty_title is not None:
            self.empty.set_text(self._empty_title(), self._empty_text())
        else:
            self.empty.set_text(self._empty_text())
        self.stack.setCurrentWidget(self.view if rows else self.empty)
        if current is not None:
            self.select_id(current)
        elif rows and not self.view.currentIndex().isValid():
            self.view.selectRow(0)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_target(self) -> QWidget | None:
        """The table when it has rows, else the search field (a filter may hide every row)."""
        if self.stack.currentWidget() is self.view:
            return self.view
        return self.search if self.searchable else None

    def current_id(self) -> Any:
        idx = self.view.currentIndex()
        return idx.data(ID_ROLE) if idx.isValid() else None

    def select_id(self, ident: Any) -> bool:
        for row in range(self.proxy.rowCount()):
            idx = self.proxy.index(row, 0)
            if idx.data(ID_ROLE) == ident:
                self.view.selectRow(row)
                self.view.scrollTo(idx)
                return True
        return False
