"""The coordinator's words for a report period (issue 8, item 2): the four texts the
report prints first, the reason and new planned date of each late measure, a comment on
each group behind its meeting cadence. Opened from the Rapporter view; starts from the
text saved for the period, else from a draft built from the data (the assessment and
proposals from the previous period's text)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tryggapp.domain.periods import Period
from tryggapp.formatting import date_short
from tryggapp.i18n import _
from tryggapp.services import followup, report_texts
from tryggapp.services.report_texts import FIELDS, Words
from tryggapp.ui.context import AppContext
from tryggapp.ui.widgets.dialog import Dialog


def _headings() -> dict[str, str]:
    return {"assessment": _("Overall assessment"), "results": _("Main results"),
            "deviations": _("Deviations and measures taken"),
            "proposals": _("Proposals to the municipal management group")}


class WordsDialog(Dialog):
    def __init__(self, ctx: AppContext, period: Period, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.period = ctx, period
        self.setWindowTitle(_("The coordinator's text – {period}").format(period=period.words()))
        self.resize(860, 640)
        self.data = followup.collect(ctx.db, period, ctx.today())
        saved = report_texts.load(ctx.db, period)
        self.earlier = report_texts.previous(ctx.db, period)
        words = saved if saved is not None else report_texts.draft(self.data, self.earlier)

        layout = QVBoxLayout(self)
        intro = QLabel(_("The report prints this text first. A draft is built from the figures as of {date}; edit "
                         "it and save. Lines starting with a dash are printed as a list.").format(
            date=date_short(self.data.as_of)), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.tabs = QTabWidget(self)
        self.edits: dict[str, QPlainTextEdit] = {}
        for name, heading in _headings().items():
            edit = QPlainTextEdit(self)
            edit.setAccessibleName(heading)
            self.edits[name] = edit
            self.tabs.addTab(edit, heading)
        self.late = QTableWidget(0, 4, self)
        self.late.setHorizontalHeaderLabels([_("No."), _("Measure"), _("Reason"), _("New planned date")])
        self.late.horizontalHeader().setStretchLastSection(False)
        self.late.setColumnWidth(1, 260)
        self.late.setColumnWidth(2, 300)
        self.tabs.addTab(self.late, _("Late measures"))
        self.groups = QTableWidget(0, 3, self)
        self.groups.setHorizontalHeaderLabels([_("Group"), _("Meetings held / required"), _("Comment")])
        self.groups.setColumnWidth(0, 240)
        self.groups.horizontalHeader().setStretchLastSection(True)
        self.tabs.addTab(self.groups, _("Groups behind their meetings"))
        layout.addWidget(self.tabs, 1)

        self.draft_button = QPushButton(_("Make a &draft from the figures"), self)
        self.draft_button.clicked.connect(self.fill_draft)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.draft_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.show_words(words)

    def show_words(self, words: Words) -> None:
        for name in FIELDS:
            self.edits[name].setPlainText(getattr(words, name))
        if words.saved:
            self.state.setText(_("Saved text for {period}.").format(period=self.period.words()))
        elif self.earlier is not None:
            self.state.setText(_("Not saved yet: a draft from the figures, starting from the text of {period}.")
                               .format(period=self.earlier.period_label))
        else:
            self.state.setText(_("Not saved yet: a draft from the figures."))
        self.late.setRowCount(0)
        for m in self.data.late:
            new_date, reason = words.measure_notes.get(m.id, (None, ""))
            row = self.late.rowCount()
            self.late.insertRow(row)
            for col, value in enumerate((m.ref, m.title, reason or m.reason, new_date.isoformat() if new_date else "")):
                item = QTableWidgetItem(value)
                if col < 2:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.late.setItem(row, col, item)
            self.late.item(row, 0).setData(Qt.ItemDataRole.UserRole, m.id)
        self.groups.setRowCount(0)
        for g in self.data.groups:
            if not g.behind:
                continue
            row = self.groups.rowCount()
            self.groups.insertRow(row)
            for col, value in enumerate((g.name, f"{g.held} / {g.required}", words.group_notes.get(g.id, ""))):
                item = QTableWidgetItem(value)
                if col < 2:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.groups.setItem(row, col, item)
            self.groups.item(row, 0).setData(Qt.ItemDataRole.UserRole, g.id)

    def fill_draft(self) -> None:
        """Replace the four texts by a new draft from the figures (the dates, reasons and
        comments typed so far are kept and go into it)."""
        try:
            words = self.words()
        except ValueError as exc:
            QMessageBox.warning(self, _("No draft was made"), str(exc))
            return
        self.show_words(report_texts.draft(followup.with_words(self.data, words), self.earlier))

    def words(self) -> Words:
        """What the dialog holds. Raises ValueError (with a Swedish message) for a bad date."""
        measures: dict[int, tuple[dt.date | None, str]] = {}
        for row in range(self.late.rowCount()):
            measure_id = self.late.item(row, 0).data(Qt.ItemDataRole.UserRole)
            reason = self.late.item(row, 2).text().strip()
            raw = self.late.item(row, 3).text().strip()
            try:
                new_date = dt.date.fromisoformat(raw) if raw else None
            except ValueError:
                raise ValueError(_("“{value}” is not a date: write the new planned date as YYYY-MM-DD, e.g. "
                                   "2026-12-15.").format(value=raw)) from None
            # The latest note is the default reason: only a reason of one's own is kept.
            latest = next((m.reason for m in self.data.late if m.id == measure_id), "")
            measures[measure_id] = (new_date, "" if reason == latest else reason)
        groups = {self.groups.item(row, 0).data(Qt.ItemDataRole.UserRole): self.groups.item(row, 2).text().strip()
                  for row in range(self.groups.rowCount())}
        texts = {name: self.edits[name].toPlainText() for name in FIELDS}
        return Words(**texts, measure_notes=measures, group_notes=groups, period_label=self.period.words())

    def save(self) -> None:
        try:
            words = self.words()
        except ValueError as exc:
            QMessageBox.warning(self, _("The text was not saved"), str(exc))
            return
        if self.ctx.db.read_only:
            QMessageBox.warning(self, _("The text was not saved"),
                                _("The database is open read-only, so the text cannot be saved."))
            return
        report_texts.save(self.ctx.db, self.period, words, author=self.data.coordinator)
        self.ctx.changes.emit_tables(*report_texts.TABLES)
        self.accept()
