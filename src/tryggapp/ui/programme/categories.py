"""An indicator's categories ("Skadegörelse", "Våldsbrott", ...): the list its values may be
broken down by, and that a statistics import checks each row's category against. Add,
rename (double-click or F2), move and delete; each change is an undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tryggapp.i18n import _, ngettext
from tryggapp.services import indicators
from tryggapp.ui.context import AppContext
from tryggapp.ui.programme import indicator_ops
from tryggapp.ui.widgets import ErrorLabel, style
from tryggapp.ui.widgets.dialog import Dialog

_VERSION_ROLE = Qt.ItemDataRole.UserRole + 1


class CategoriesDialog(Dialog):
    def __init__(self, ctx: AppContext, goal_id: int, indicator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.goal_id = goal_id
        self.read_only = ctx.db.read_only
        self.setWindowTitle(_("Categories of the indicator"))
        self.setMinimumWidth(style.chars(self, 60))
        intro = QLabel(_("“{indicator}” can be followed per category as well as in total, e.g. reported crime "
                         "per kind of crime. A statistics file's categories must be in this list.").format(
            indicator=indicator))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Categories"))
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.itemChanged.connect(self._renamed)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(_("e.g. Skadegörelse"))
        self.new_name.setAccessibleName(_("New category"))
        self.new_name.returnPressed.connect(self.add)
        self.add_button = QPushButton(style.icon("mdi6.plus"), _("Add"))
        self.add_button.clicked.connect(self.add)
        self.up_button = QPushButton(style.icon("mdi6.arrow-up"), "")
        self.up_button.setToolTip(_("Move up"))
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton(style.icon("mdi6.arrow-down"), "")
        self.down_button.setToolTip(_("Move down"))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.remove_button = QPushButton(style.icon("mdi6.delete-outline"), _("Delete"))
        self.remove_button.clicked.connect(self.remove)
        self.error = ErrorLabel()
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.add_button)
        tools = QHBoxLayout()
        tools.addWidget(self.up_button)
        tools.addWidget(self.down_button)
        tools.addStretch(1)
        tools.addWidget(self.remove_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(tools)
        layout.addLayout(add_row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for w in (self.new_name, self.add_button):
            w.setEnabled(not self.read_only)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        current = select if select is not None else self._current_id()
        self.list.blockSignals(True)
        self.list.clear()
        counts = indicators.value_counts(self.ctx.db, self.goal_id)
        for c in indicators.list_categories(self.ctx.db, self.goal_id):
            item = QListWidgetItem(c.name)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setData(_VERSION_ROLE, c.version)  # what a rename or delete is based on
            item.setToolTip(ngettext("{n} value", "{n} values", counts.get(c.id, 0)).format(n=counts.get(c.id, 0)))
            if not self.read_only:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(item)
            if c.id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._update_buttons()

    def _current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _update_buttons(self, *_args: object) -> None:
        row, n = self.list.currentRow(), self.list.count()
        editable = not self.read_only and row >= 0
        self.remove_button.setEnabled(editable)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and row < n - 1)

    def add(self) -> None:
        name = " ".join(self.new_name.text().split())
        if not name:
            return
        self.error.set_message("")
        if indicator_ops.add_category(self.ctx, self.goal_id, name, on_error=self.error.set_message):
            self.new_name.clear()
            created = next((c.id for c in indicators.list_categories(self.ctx.db, self.goal_id) if c.name == name),
                           None)
            self.reload(created)

    def _renamed(self, item: QListWidgetItem) -> None:
        ident = item.data(Qt.ItemDataRole.UserRole)
        self.error.set_message("")
        indicator_ops.rename_category(self.ctx, ident, item.text(), on_error=self.error.set_message,
                                      version=item.data(_VERSION_ROLE))
        self.reload(ident)

    def move(self, delta: int) -> None:
        ident = self._current_id()
        if ident is not None and indicator_ops.move_category(self.ctx, ident, delta):
            self.reload(ident)

    def remove(self) -> None:
        ident = self._current_id()
        if ident is None:
            return
        count = indicators.value_counts(self.ctx.db, self.goal_id).get(ident, 0)
        if count and QMessageBox.question(
                self, _("Delete category"),
                ngettext("“{name}” has {n} value. Delete the category and its value? Ctrl+Z brings both back.",
                         "“{name}” has {n} values. Delete the category and its values? Ctrl+Z brings them back.",
                         count).format(name=self.list.currentItem().text(), n=count)
        ) != QMessageBox.StandardButton.Yes:
            return
        if indicator_ops.remove_category(self.ctx, ident, version=self.list.currentItem().data(_VERSION_ROLE)):
            self.reload()
