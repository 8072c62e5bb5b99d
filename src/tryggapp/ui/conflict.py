"""The conflict dialog: someone else saved the record while the user was editing it.

It shows, field by field and only for the fields that differ, what the user's window
showed, what is saved now (theirs) and the user's own change, and lets the user take
theirs (the window reloads, the user's text is dropped) or keep their own (saved again,
over the version now there). Either way nothing is lost: the change log keeps both.

`ask` is a module function so tests can answer it (they build the real dialog and click
one of its buttons instead of exec(), which would wait for a user)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tryggapp.i18n import _
from tryggapp.services.conflicts import Conflict
from tryggapp.ui.widgets import style
from tryggapp.ui.widgets.dialog import Dialog

MINE = "mine"
THEIRS = "theirs"


class ConflictDialog(Dialog):
    """`choice` is MINE, THEIRS or None (closed without choosing: nothing happens)."""

    def __init__(self, parent: QWidget | None, conflict: Conflict) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.choice: str | None = None
        self.setWindowTitle(_("Someone else has changed this"))
        layout = QVBoxLayout(self)
        if conflict.deleted:
            text = _("Someone else has deleted this record while you were working on it. "
                     "Your change was not saved.")
        elif conflict.who:
            text = _("Someone else ({who}) has saved this record while you were working on it. "
                     "Your change is not saved yet: choose which to keep.").format(who=conflict.who)
        else:
            text = _("Someone else has saved this record while you were working on it. "
                     "Your change is not saved yet: choose which to keep.")
        if conflict.kind:
            self.setWindowTitle(_("{kind}: someone else has changed it").format(kind=conflict.kind))
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.table = QTableWidget(len(conflict.fields), 4)
        self.table.setAccessibleName(_("Changes"))
        self.table.setHorizontalHeaderLabels([_("Field"), _("When you opened it"), _("Saved now"), _("Your change")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.table.setWordWrap(True)
        unchanged = _("(not changed)")
        for row, f in enumerate(conflict.fields):
            cells = [f.label, f.before, f.theirs, f.mine if f.mine is not None else unchanged]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if col == 2 and f.theirs_changed or col == 3 and f.mine is not None:
                    font = item.font()
                    font.setBold(True)  # what changed, not by colour alone
                    item.setFont(font)
                if col == 3 and f.mine is None:
                    item.setForeground(style.qcolor(style.MUTED))
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()
        # As tall as its rows (up to a screenful of them), not a large empty box.
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(min(rows, 400) + header.height() + 2 * self.table.frameWidth() + 2)
        self.table.setVisible(bool(conflict.fields))
        layout.addWidget(self.table)

        note = QLabel(_("The change log keeps both changes, whichever you choose."))
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {style.MUTED};")
        layout.addWidget(note)

        buttons = QDialogButtonBox()
        self.take_theirs = QPushButton(_("&Take theirs"))
        self.take_theirs.setToolTip(_("Show what is saved now; your change is dropped."))
        self.keep_mine = QPushButton(_("&Keep mine"))
        self.keep_mine.setToolTip(_("Save your change over theirs."))
        self.keep_mine.setEnabled(not conflict.deleted)
        buttons.addButton(self.take_theirs, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.keep_mine, QDialogButtonBox.ButtonRole.AcceptRole)
        self.take_theirs.clicked.connect(lambda: self._choose(THEIRS))
        self.keep_mine.clicked.connect(lambda: self._choose(MINE))
        self.take_theirs.setDefault(True)  # the safe default: nothing of theirs is overwritten
        layout.addWidget(buttons)
        self.setMinimumWidth(style.chars(self, 80))
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def ask(parent: QWidget | None, conflict: Conflict) -> str | None:
    """MINE, THEIRS or None (closed)."""
    dialog = ConflictDialog(parent, conflict)
    dialog.exec()
    return dialog.choice
