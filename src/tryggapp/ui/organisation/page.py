"""What the three tabs of the Organisation view share: a toolbar (new, archive), the list
(a TablePane: model + filter proxy) and a detail panel of forms that save each field as
it is left, through an undoable command. Leaving a record with text not saved asks
first (widgets.unsaved), as the action plan does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tryggapp.i18n import _
from tryggapp.ui.context import AppContext
from tryggapp.ui.table import Column, TablePane
from tryggapp.ui.widgets import style, unsaved
from tryggapp.ui.widgets.form import FormSection


def scale_columns(pane: TablePane) -> None:
    """The pane's column widths are pixels for the usual font (an x about 7 px wide):
    grow them with a larger text size (125–150 %), so names and dates are not cut off."""
    factor = style.chars(pane.view, 1) / 7
    if factor <= 1.05:
        return
    for i, col in enumerate(pane.model.columns):
        if col.width:
            pane.view.setColumnWidth(i, round(col.width * factor))
    pane._stretch = {i: round(least * factor) for i, least in pane._stretch.items()}  # noqa: SLF001


def tool(icon: str, text: str, tip: str = "") -> QToolButton:
    button = QToolButton()
    button.setIcon(style.icon(icon))
    button.setText(text)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setToolTip(tip or text.replace("&", ""))
    button.setAccessibleName(text.replace("&", "").replace("…", ""))
    return button


class Notice(QFrame):
    """A calm warning strip: an icon and sentences (words carry the meaning, not colour)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setStyleSheet(f"#notice {{ background: {style.WARNING_SOFT}; border: 1px solid #ecd9a6;"
                           " border-radius: 6px; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 10, 8)
        row.setSpacing(8)
        self.icon = QLabel(self)
        self.icon.setPixmap(style.icon("mdi6.alert-outline", style.WARNING).pixmap(18, 18))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        self.hide()

    def set_messages(self, messages: Sequence[str]) -> None:
        self.text.setText("\n".join(messages))
        self.text.setAccessibleName(" ".join(messages))
        self.setVisible(bool(messages))


class RecordPage(QWidget):
    """A list on the left, the chosen record's forms on the right."""

    def __init__(self, ctx: AppContext, columns: Sequence[Column], empty_text: Callable[[], str], *,
                 list_name: str, empty_icon: str, empty_title: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_id: int | None = None
        self.rows: dict[int, dict[str, Any]] = {}

        self.bar = QHBoxLayout()
        self.bar.setSpacing(6)

        self.table = TablePane(columns, empty_text, empty_icon=empty_icon, empty_title=empty_title)
        self.table.view.setTabKeyNavigation(False)  # Tab leaves the list for the detail panel
        scale_columns(self.table)
        self.table.view.setAccessibleName(list_name)
        self.table.search.setAccessibleName(list_name + " – " + self.table.search.placeholderText())
        self.table.current_changed.connect(self._current_changed)

        self.detail = QScrollArea()
        self.detail.setWidgetResizable(True)
        self.detail.setFrameShape(QFrame.Shape.NoFrame)
        self.detail.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.detail.setMinimumWidth(style.chars(self, 52))
        body = QWidget()
        self.detail.setWidget(body)
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(12, 4, 8, 12)
        self.body.setSpacing(10)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([style.chars(self, 100), style.chars(self, 56)])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(self.bar)
        layout.addWidget(self.splitter, 1)

    def add_toolbar(self, icon: str, new_text: str, tip: str, empty_action: str,
                    on_new: Callable[[], None]) -> None:
        """The list's toolbar: "New …" (also Ctrl+N and the empty list's action) and Archive."""
        self.new_button = tool(icon, new_text, tip)
        self.new_button.clicked.connect(on_new)
        self.archive_button = tool("mdi6.archive-outline", _("&Archive"))
        self.archive_button.clicked.connect(self.toggle_archived)
        self.bar.addWidget(self.new_button)
        self.bar.addWidget(self.archive_button)
        self.bar.addStretch(1)
        self.add_new_action(on_new)
        self.table.empty.set_action(empty_action)
        self.table.empty.action_triggered.connect(on_new)

    def current_row(self) -> dict[str, Any] | None:
        return self.rows.get(self.record_id) if self.record_id is not None else None

    def toggle_archived(self) -> None:
        row = self.current_row()
        if row is not None:
            self.set_archived(row["id"], not bool(row["archived"]))

    def set_archived(self, ident: int, archived: bool) -> None:
        raise NotImplementedError  # each page archives its own kind of record

    def add_new_action(self, slot: Callable[[], None]) -> None:
        """Ctrl+N on this tab (only while it has the focus: other sections use it too)."""
        action = QAction(self)
        action.setShortcut(QKeySequence.StandardKey.New)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)

    # -- loading

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.rows = {r["id"]: r for r in rows}
        self._loading = True
        try:
            self.table.set_rows(rows)
            if self.record_id is not None and self.record_id in self.rows:
                self.table.select_id(self.record_id)
        finally:
            self._loading = False
        self.record_id = self.table.current_id()
        self.show_record(self.record_id)

    def forms(self) -> list[FormSection]:
        return unsaved.forms_in(self.detail.widget())

    def leave_ok(self) -> bool:
        return unsaved.leave_ok(self, self.forms())

    _loading = False

    def _current_changed(self, ident: int | None) -> None:
        if self._loading or ident == self.record_id:
            return
        if self.record_id is not None and not self.leave_ok():
            self.table.select_id(self.record_id)  # Avbryt: stay with the text as it is
            return
        self.record_id = ident
        self.show_record(ident)

    def select(self, ident: int) -> bool:
        if ident != self.record_id and self.record_id is not None and not self.leave_ok():
            return False
        if not self.table.select_id(ident):
            self.table.search.clear()
            if not self.table.select_id(ident):
                return False
        self.record_id = ident
        self.show_record(ident)
        return True

    def show_record(self, ident: int | None) -> None:
        raise NotImplementedError

    @property
    def writable(self) -> bool:
        return not self.ctx.db.read_only
