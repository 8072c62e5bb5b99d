"""The list-and-detail page the walk, visit and lägesbild editors share: a toolbar and the
list of records on the left, the chosen record on the right (or a hint while none is
chosen), in a splitter. Choosing another record while a form holds text not saved asks
first (widgets.unsaved); "Avbryt" keeps the record and its text.

The organisation editor's RecordPage (ui.organisation.page) is the same idea with a toolbar
over both halves and an archive button; these pages have a tool row of their own over the
list and a detail side each builds (tabs of steps, a form in a scroll area)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QSplitter, QVBoxLayout, QWidget

from tryggapp.ui.context import AppContext
from tryggapp.ui.table import TablePane
from tryggapp.ui.widgets import style, unsaved
from tryggapp.ui.widgets.form import FormSection


class ListDetailPage(QWidget):
    """Subclasses fill `bar` (add_tools), add the detail side (set_detail), and implement
    `forms()` (the forms whose unsaved text leaving asks about) and `load_record(ident)`,
    which shows a record (None: the hint) and sets `record_id`."""

    def __init__(self, ctx: AppContext, pane: TablePane, none_chosen: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_id: Any = None
        self.list = pane
        pane.current_changed.connect(self._chosen)

        self.bar = QHBoxLayout()
        self.bar.setContentsMargins(0, 0, 0, 0)
        self.left = QWidget()
        self.left_layout = QVBoxLayout(self.left)
        self.left_layout.setContentsMargins(0, 0, 0, 0)
        self.left_layout.addLayout(self.bar)
        self.left_layout.addWidget(pane, 1)

        self.none_chosen = QLabel(none_chosen)
        self.none_chosen.setWordWrap(True)
        self.none_chosen.setStyleSheet(f"color: {style.MUTED};")
        self.none_chosen.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def add_tools(self, *buttons: QWidget) -> None:
        """The row over the list (New …, Delete …), left-aligned."""
        for b in buttons:
            self.bar.addWidget(b)
        self.bar.addStretch(1)

    def add_below_list(self, row: QLayout) -> None:
        self.left_layout.addLayout(row)

    def detail_column(self, *widgets: QWidget, stretch: QWidget | None = None) -> QWidget:
        """A right side of `widgets` over each other, then the hint; `stretch` takes the room."""
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(8, 0, 0, 0)
        for w in widgets:
            column.addWidget(w, 1 if w is stretch else 0)
        column.addWidget(self.none_chosen, 1)
        return right

    def set_detail(self, detail: QWidget, *, stretch: tuple[int, int] = (1, 3),
                   sizes: tuple[int, int] | None = None) -> None:
        """Put the detail side right of the list; `sizes` in characters of the page's font."""
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, stretch[0])
        self.splitter.setStretchFactor(1, stretch[1])
        if sizes is not None:
            self.splitter.setSizes([style.chars(self, sizes[0]), style.chars(self, sizes[1])])

    def show_chosen(self, shown: bool, *widgets: QWidget) -> None:
        """The record's widgets, or the hint."""
        for w in widgets:
            w.setVisible(shown)
        self.none_chosen.setVisible(not shown)

    # -- to implement

    def forms(self) -> list[FormSection]:
        raise NotImplementedError

    def load_record(self, ident: Any) -> None:
        raise NotImplementedError

    # -- choosing

    def _chosen(self, ident: Any) -> None:
        if ident == self.record_id:
            return
        if self.record_id is not None and not unsaved.leave_ok(self, self.forms()):
            # Avbryt: the list goes back to the record whose text is not saved, quietly.
            selection = self.list.view.selectionModel()
            selection.blockSignals(True)
            self.list.select_id(self.record_id)
            selection.blockSignals(False)
            return
        self.load_record(ident)
