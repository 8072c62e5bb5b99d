"""Ändringslogg: who changed what and when, for the whole database or one record.

Read-only by design (the log is never editable from the app). The table and action
filters query the service; the search field filters the loaded rows in the proxy model.
Other sections show a record's history with `ctx.navigate("audit", table, record_id)`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tryggapp import domain
from tryggapp.domain.enums import AuditAction
from tryggapp.formatting import datetime_short, number
from tryggapp.i18n import _
from tryggapp.services import audit
from tryggapp.services.labels import table_label
from tryggapp.ui.context import AppContext
from tryggapp.ui.sections import _detail as h
from tryggapp.ui.sections.base import Section
from tryggapp.ui.table import Column, TablePane

# The newest entries loaded at once; older ones are reached by filtering.
LOAD_LIMIT = 2000


class AuditSection(Section):
    key = "audit"
    # Every table writes to the log.
    watched = frozenset(domain.metadata.tables)
    icon = "mdi6.history"

    @classmethod
    def title(cls) -> str:
        return _("Change log")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._rows: dict[int, audit.AuditRow] = {}
        self._record: tuple[str, str] | None = None  # (table, record id) when showing one history

        self.table_filter = QComboBox(self)
        self.table_filter.setAccessibleName(_("Kind of record"))
        self.action_filter = QComboBox(self)
        self.action_filter.setAccessibleName(_("Kind of change"))
        self.action_filter.addItem(_("All changes"), None)
        for action in AuditAction:
            self.action_filter.addItem(action.label, action.value)
        self.record_label = QLabel(self)
        self.show_all = QPushButton(_("Show all records"), self)
        self.show_all.clicked.connect(self.clear_record)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("hint")

        filters = QHBoxLayout()
        self.show_label = QLabel(_("&Show:"), self)  # Alt+letter to the first filter
        self.show_label.setBuddy(self.table_filter)
        filters.addWidget(self.show_label)
        filters.addWidget(self.table_filter)
        filters.addWidget(self.action_filter)
        filters.addWidget(self.record_label)
        filters.addWidget(self.show_all)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self.pane = TablePane([
            Column("at", lambda: _("When"), 130),
            Column("user", lambda: _("User"), 100),
            Column("action", lambda: _("Kind of change"), 110),
            Column("record", lambda: _("Record"), 280),
            Column("changes", lambda: _("What changed"), stretch=True),
        ], lambda: _("Every change to the database is recorded here: when, by which user, and the old and "
                     "new values."), empty_icon="mdi6.history", empty_title=lambda: _("No changes match"))
        self.pane.search.setPlaceholderText(_("Search the change log…"))
        self.detail = h.browser(self)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.pane)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(split, 1)

        self.table_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.action_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.pane.current_changed.connect(self._show_detail)
        # Every edit anywhere adds to the log: reload now if visible, else when shown
        # (also the first time, when the section is used on its own).
        self.reload_on_change()
        self.mark_stale()
        self._update_record_label()

    # -- loading -----------------------------------------------------------------------
    def _fill_table_filter(self) -> None:
        current = self.table_filter.currentData()
        choices = sorted(audit.tables(self.ctx.db), key=table_label)
        self.table_filter.blockSignals(True)
        self.table_filter.clear()
        self.table_filter.addItem(_("All records"), None)
        for table in choices:
            self.table_filter.addItem(table_label(table), table)
        index = self.table_filter.findData(current)
        self.table_filter.setCurrentIndex(max(index, 0))
        self.table_filter.blockSignals(False)

    def filters(self) -> dict[str, Any]:
        table, record = self._record if self._record else (self.table_filter.currentData(), None)
        return {"table": table, "record_id": record, "action": self.action_filter.currentData()}

    def refresh(self) -> None:
        self._fill_table_filter()
        filters = self.filters()
        rows = audit.query(self.ctx.db, limit=LOAD_LIMIT, **filters)
        total = audit.count(self.ctx.db, **filters) if len(rows) >= LOAD_LIMIT else len(rows)
        self._rows = {r.id: r for r in rows}
        self.pane.set_rows([self._display_row(r) for r in rows])
        if total > len(rows):
            self.count_label.setText(_("The newest {shown} of {total} changes").format(
                shown=number(len(rows)), total=number(total)))
        else:
            self.count_label.setText(_("{n} changes").format(n=number(total)))

    @staticmethod
    def _display_row(r: audit.AuditRow) -> dict[str, Any]:
        return {"id": r.id, "at": datetime_short(r.at), "user": r.user, "action": r.action_label,
                "record": r.record_label, "changes": r.readable(max_fields=4)}

    def _show_detail(self, entry_id: int | None) -> None:
        row = self._rows.get(entry_id) if entry_id is not None else None
        if row is None:
            self.detail.clear()
            return
        # One table for the facts and the fields, so their labels line up.
        update = row.action is AuditAction.UPDATE
        span = " colspan='3'" if update else ""
        label = "<td style='color:#555;padding-right:12px;vertical-align:top'>{}</td>"
        lines = [f"<tr>{label.format(h.esc(k))}<td{span}>{h.esc(v)}</td></tr>"
                 for k, v in ((_("When"), datetime_short(row.at)), (_("User"), row.user))]
        lines.append(f"<tr><td{' colspan=4' if update else ' colspan=2'}>&nbsp;</td></tr>")
        if update:
            lines += [f"<tr>{label.format(h.esc(f.label))}<td style='vertical-align:top'>{h.esc(f.old)}</td>"
                      f"<td style='padding:0 8px;vertical-align:top'>→</td>"
                      f"<td style='vertical-align:top'>{h.esc(f.new)}</td></tr>" for f in row.fields]
        else:
            created = row.action is AuditAction.CREATE
            lines += [f"<tr>{label.format(h.esc(f.label))}<td>{h.esc(f.new if created else f.old)}</td></tr>"
                      for f in row.fields]
        self.detail.setHtml(h.heading(f"{row.action_label}: {row.record_label}")
                            + f"<table cellspacing='2'>{''.join(lines)}</table>")

    # -- one record's history ------------------------------------------------------------
    def focus_target(self) -> QWidget | None:
        return self.pane.focus_target()

    def open_record(self, table: str, record_id: int) -> bool:
        """Show the history of any record (every table is logged)."""
        self._record = (table, str(record_id))
        self._update_record_label()
        self.refresh()
        return True

    def clear_record(self) -> None:
        self._record = None
        self._update_record_label()
        self.refresh()

    def _update_record_label(self) -> None:
        showing = self._record is not None
        self.table_filter.setEnabled(not showing)
        self.record_label.setVisible(showing)
        self.show_all.setVisible(showing)
        if self._record is not None:
            table, record = self._record
            self.record_label.setText(_("History of {record}").format(record=f"{table_label(table)} {record}"))

