"""Handlingsplan: the year's measures in a sortable, filterable table with a detail panel.

This is where the coordinator spends most days, so following up must take minutes:
filters and search as you type, several measures changed at once, every edit saved at
once and undoable, next year's plan made in one step, Excel both ways."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tryggapp.i18n import _, ngettext
from tryggapp.services import measures
from tryggapp.ui.context import AppContext
from tryggapp.ui.plan import LATE_OF_YEAR, PLAN_IMPORT, PLAN_OF_YEAR, ops, transfer
from tryggapp.ui.plan import choices as pick
from tryggapp.ui.plan.detail import MeasureDetailPanel
from tryggapp.ui.plan.dialogs import BulkEditDialog, NewMeasureDialog
from tryggapp.ui.plan.model import COLUMNS, ID_ROLE, LATE, OPEN, PlanFilterProxy, PlanTableModel
from tryggapp.ui.plan.new_contact import ContactMaker
from tryggapp.ui.sections.base import Section
from tryggapp.ui.table import fit_header
from tryggapp.ui.widgets import style
from tryggapp.ui.widgets.empty_state import EmptyState
from tryggapp.ui.widgets.mnemonics import mnemonic

PLAN_TABLES = ops.PLAN_TABLES


def _tool(icon: str, text: str, tip: str = "") -> QToolButton:
    button = QToolButton()
    button.setIcon(style.icon(icon))
    button.setText(text)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setToolTip(tip or text)
    return button


class PlanSection(Section):
    key = "plan"
    icon = "mdi6.clipboard-list-outline"

    @classmethod
    def title(cls) -> str:
        return _("Action plan")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.year = ctx.today().year
        self.choices: measures.Choices | None = None
        self._dirty = True
        self._shown_year: int | None = None  # the year whose first row was selected on opening

        # -- toolbar
        self.year_box = QComboBox()
        self.year_box.setToolTip(_("Which year's action plan to show"))
        self.year_box.setMinimumWidth(style.chars(self.year_box, 21))
        self.year_box.activated.connect(lambda _i: self.set_year(self.year_box.currentData()))
        self.new_button = _tool("mdi6.plus", _("&New measure"), _("Add a measure (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_measure)
        self.bulk_button = _tool("mdi6.playlist-edit", _("Change &selected…"),
                                 _("Set status, responsible or deadline for every selected measure at once"))
        self.bulk_button.clicked.connect(self.bulk_edit)
        self.delete_button = _tool("mdi6.delete-outline", _("&Delete"), _("Delete the selected measures (Del)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.revise_button = _tool("mdi6.calendar-arrow-right", "")
        self.revise_button.clicked.connect(self.revise)
        self.export_button = _tool("mdi6.file-export-outline", _("E&xport…"), _("Save the plan as an Excel file"))
        self.export_button.clicked.connect(lambda: transfer.export_plan(self.ctx, self, self.year))
        self.import_button = _tool("mdi6.file-import-outline", _("&Import…"),
                                   _("Read measures from an Excel file (checked first; all or nothing)"))
        self.import_button.clicked.connect(self.import_plan)
        self.details_button = _tool("mdi6.page-layout-sidebar-right", _("Details"),
                                    _("Show or hide the detail panel (more room for the table)"))
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.details_button.setCheckable(True)
        self.details_button.setChecked(True)
        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(self.year_box)
        bar.addSpacing(8)
        for w in (self.new_button, self.bulk_button, self.delete_button):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.revise_button, self.export_button, self.import_button, self.details_button):
            bar.addWidget(w)

        # -- filters
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search measure, responsible, note… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(style.chars(self.search, 31))
        self.search.textChanged.connect(lambda text: self._filter(text=text))
        self.focus_filter = self._filter_box(_("All focus areas"), "focus_area_id")
        self.status_filter = self._filter_box(_("All statuses"), "status")
        self.person_filter = self._filter_box(_("All responsible"), "person_id")
        self.org_filter = self._filter_box(_("All organisations"), "organisation_id")
        self.clear_button = _tool("mdi6.filter-remove-outline", _("Clear"), _("Show every measure of the year"))
        self.clear_button.clicked.connect(self.clear_filters)
        self.count = QLabel()
        self.count.setStyleSheet(f"color: {style.MUTED};")
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.search, 2)
        for w in (self.focus_filter, self.status_filter, self.person_filter, self.org_filter):
            filters.addWidget(w, 1)
        filters.addWidget(self.clear_button)

        # -- table
        self.model = PlanTableModel(self)
        self.proxy = PlanFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Rows are picked with the arrows; Tab leaves the table for the detail panel
        # instead of walking through every cell of every row.
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(style.text_lines(self.table, 2))
        # Fixed row heights: the (hidden) vertical header then need not measure 10 000 rows
        # each time the filter changes the layout.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for i, col in enumerate(COLUMNS):
            self.table.setColumnWidth(i, style.chars(self.table, col.chars))
        fit_header(self.table)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.table.setAccessibleName(_("Measures of the action plan"))
        self.table.activated.connect(lambda _idx: self.edit_current())

        self.empty = EmptyState("mdi6.clipboard-list-outline", "", "", _("New measure"))
        self.empty.action_triggered.connect(self.new_measure)
        self.no_match = EmptyState("mdi6.filter-outline", _("No measure matches the filter."),
                                   _("Change the search or the filters, or show every measure."), _("Clear filters"))
        self.no_match.action_triggered.connect(self.clear_filters)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.no_match)

        self.detail = MeasureDetailPanel(ctx)
        # Alt+letter must not be ambiguous between a toolbar button and a field.
        self.detail.form.reserve(mnemonic(b.text()) for b in (
            self.new_button, self.bulk_button, self.delete_button, self.export_button, self.import_button))
        self.detail.open_measure.connect(lambda ident: self.open_record("measure", ident))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.stack, 1)
        left_layout.addWidget(self.count)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([style.chars(self, 94), style.chars(self, 53)])
        self.details_button.toggled.connect(self.detail.setVisible)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(filters)  # across the whole width: the table side stays narrowable
        layout.addWidget(self.splitter, 1)

        self._shortcuts()
        ctx.changes.changed.connect(self._changed)

    # -- building helpers ---------------------------------------------------------------

    def _filter_box(self, all_text: str, key: str) -> QComboBox:
        box = QComboBox()
        box.addItem(all_text, None)
        box.setProperty("all_text", all_text)
        box.setMinimumWidth(style.chars(box, 17))
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(10)
        box.currentIndexChanged.connect(lambda _i: self._filter(**{key: box.currentData()}))
        return box

    def _shortcuts(self) -> None:
        # WidgetWithChildrenShortcut: active only while the plan view has focus, so other
        # sections may use the same keys; Del only in the table, never in a text field.
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        new = QAction(_("New measure"), self)
        new.setShortcut(QKeySequence.StandardKey.New)
        new.setShortcutContext(scope)
        new.triggered.connect(self.new_measure)
        find = QAction(_("Search"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(scope)
        find.triggered.connect(self.focus_search)
        delete = QAction(_("Delete"), self.table)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        self.addAction(new)
        self.addAction(find)
        self.table.addAction(delete)
        self.actions_by_name = {"new": new, "find": find, "delete": delete}

    # -- loading ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the year's rows, keeping the selection, sort and scroll position."""
        self._dirty = False
        selected = self.selected_ids()
        current = self.current_id()
        scroll = self.table.verticalScrollBar().value()
        if self._shown_year is None:
            # First load: a database whose plans are of other years (an imported 2024 plan)
            # opens on the latest of them up to this year, not on an empty "not created".
            years = [p.year for p in measures.plans(self.ctx.db)]
            if years and self.year not in years:
                earlier = [y for y in years if y <= self.year]
                self.year = max(earlier) if earlier else min(years)
        self.choices = measures.choices(self.ctx.db)
        self.detail.set_choices(self.choices)
        self._fill_years()
        self._fill_filters()
        rows = measures.rows_for_year(self.ctx.db, self.year, self.ctx.today())
        self.model.set_rows(rows)  # sorted as the header says (the model keeps the sort)
        self.proxy.source_rows_changed()
        self._select(selected, current)
        self.table.verticalScrollBar().setValue(scroll)
        if self._shown_year != self.year:
            # A plan opened with nothing selected would leave the detail panel an empty
            # third of the window: show its first measure instead.
            self._shown_year = self.year
            if not selected and current is None and self.proxy.rowCount():
                self._select_row(0)
        self._update_state()
        self.detail.show_measure(self.current_id())

    def _changed(self, tables: set[str]) -> None:
        if not tables & PLAN_TABLES:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def _ensure_fresh(self) -> None:
        """A change made while hidden is applied when the view is next needed."""
        if self._dirty:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        fit_header(self.table)  # header font known once the style sheet has polished it
        if self._dirty:
            # Queued: the main window may refresh right after showing; then this is a no-op.
            QTimer.singleShot(0, self._ensure_fresh)

    def _fill_years(self) -> None:
        plans = measures.plans(self.ctx.db)
        years = sorted({p.year for p in plans} | {self.year, self.ctx.today().year})
        counts = {p.year: p.measure_count for p in plans}
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for y in years:
            label = _("Action plan {year}").format(year=y)
            if y not in counts:
                label = _("{plan} (not created)").format(plan=label)
            self.year_box.addItem(label, y)
        self.year_box.setCurrentIndex(self.year_box.findData(self.year))
        self.year_box.blockSignals(False)
        self.plan_years = set(counts)
        # What "Carry over" would copy into an existing next-year plan; counted once per
        # reload, not on every filter keystroke.
        both = {self.year, self.year + 1} <= self.plan_years
        self._to_carry = measures.unfinished_count(self.ctx.db, self.year) if both else 0

    def _fill_filters(self) -> None:
        c = self.choices
        assert c is not None
        self._refill(self.focus_filter, pick.focus_areas(c, blank=self.focus_filter.property("all_text")))
        self._refill(self.status_filter, [(self.status_filter.property("all_text"), None),
                                          (_("Late measures"), LATE), (_("Open (not completed)"), OPEN), *pick.statuses()])
        self._refill(self.person_filter, pick.people(c, blank=self.person_filter.property("all_text")))
        self._refill(self.org_filter, pick.organisations(c, blank=self.org_filter.property("all_text")))

    @staticmethod
    def _refill(box: QComboBox, items: list) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        for text, value in items:
            box.addItem(text, value)
        index = box.findData(current) if current is not None else 0
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)

    def set_year(self, year: int) -> None:
        if year is None or (year == self.year and not self._dirty):
            return
        if year != self.year and not self.detail.leave_ok():
            self.year_box.setCurrentIndex(self.year_box.findData(self.year))  # stayed
            return
        if year != self.year:
            self.table.clearSelection()
        self.year = year
        self.refresh()

    # -- filtering ----------------------------------------------------------------------

    def _filter(self, **changes: object) -> None:
        self.proxy.set_filter(**changes)
        self._update_state()
        if self.current_id() is None:
            self.detail.show_measure(None)

    def clear_filters(self) -> None:
        for box in (self.focus_filter, self.status_filter, self.person_filter, self.org_filter):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._filter(text="", focus_area_id=None, status=None, person_id=None, organisation_id=None)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _update_state(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if total == 0:
            self.empty.set_text(
                _("No measures for {year} yet.").format(year=self.year),
                _("Click New measure to add the first one, import the plan from Excel, or make this year's "
                  "plan from last year's with “New action plan for …”."))
            self.stack.setCurrentWidget(self.empty)
        elif shown == 0:
            self.stack.setCurrentWidget(self.no_match)
        else:
            self.stack.setCurrentWidget(self.table)
        late = sum(1 for r in self.model.rows if r.late)
        text = ngettext("{shown} of {total} measure", "{shown} of {total} measures", total).format(
            shown=shown, total=total)
        if late:
            text += " · " + ngettext("{n} late", "{n} late", late).format(n=late)
        self.count.setText(text)
        next_year = self.year + 1
        years = getattr(self, "plan_years", set())
        exists = next_year in years
        # Next year's plan may already exist (a measure was added to it): then the button
        # carries the unfinished measures into it, as long as some are left to carry.
        to_carry = getattr(self, "_to_carry", 0)
        self.revise_button.setText((_("Carry over to {year}") if exists else _("New action plan for {year}"))
                                   .format(year=next_year))
        self.revise_button.setEnabled(self.year in years and (not exists or to_carry > 0)
                                      and not self.ctx.db.read_only)
        if exists and not to_carry:
            tip = _("The plan for {year} already holds this year's unfinished measures.").format(year=next_year)
        elif exists:
            tip = _("Carry the measures not yet completed or cancelled over into the existing plan for {year}; "
                    "the plan for {this} stays as it is.").format(year=next_year, this=self.year)
        else:
            tip = _("Create the plan for {year} and carry over the measures not yet completed or cancelled; "
                    "the plan for {this} stays as it is.").format(year=next_year, this=self.year)
        self.revise_button.setToolTip(tip)
        selected = len(self.selected_ids())
        writable = not self.ctx.db.read_only
        for w in (self.new_button, self.import_button):
            w.setEnabled(writable)
        self.bulk_button.setEnabled(writable and selected > 0)
        self.delete_button.setEnabled(writable and selected > 0)
        self.export_button.setEnabled(total > 0)

    # -- selection ----------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        sel = self.table.selectionModel()
        if sel is None:
            return []
        return [idx.data(ID_ROLE) for idx in sel.selectedRows()]

    def current_id(self) -> int | None:
        idx = self.table.currentIndex()
        if not idx.isValid() or not self.table.selectionModel().isRowSelected(idx.row(), QModelIndex()):
            return None
        return idx.data(ID_ROLE)

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        current = self.current_id()
        shown = current if current in ids else (ids[0] if len(ids) == 1 else current)
        before = self.detail.measure_id
        if before is not None and shown != before and not self.detail.leave_ok():
            # Avbryt, or a save that failed again: stay on the measure with its text.
            self._select([before], before)
            return
        self._update_state()
        ids = self.selected_ids()  # saving may have reloaded the rows
        current = self.current_id()
        self.detail.show_measure(current if current in ids else (ids[0] if len(ids) == 1 else current))

    def _select(self, ids: list[int], current: int | None) -> None:
        sel = self.table.selectionModel()
        sel.blockSignals(True)
        sel.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        wanted = set(ids)
        for row in range(self.proxy.rowCount()):
            idx = self.proxy.index(row, 0)
            ident = idx.data(ID_ROLE)
            if ident in wanted:
                sel.select(idx, flags)
            if ident == current:
                sel.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.NoUpdate)
        sel.blockSignals(False)
        self.table.viewport().update()

    def _select_row(self, row: int) -> None:
        idx = self.proxy.index(row, 0)
        sel = self.table.selectionModel()
        sel.blockSignals(True)
        sel.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
                            | QItemSelectionModel.SelectionFlag.Rows)
        sel.blockSignals(False)
        self.table.viewport().update()

    def edit_current(self) -> None:
        """Enter on a row: into the detail panel's first field (shown if it was hidden)."""
        if self.current_id() is None:
            return
        if not self.details_button.isChecked():
            self.details_button.setChecked(True)
        self.detail.f_title.setFocus(Qt.FocusReason.OtherFocusReason)
        self.detail.f_title.selectAll()

    def select_measure(self, measure_id: int) -> bool:
        if self.detail.measure_id not in (None, measure_id) and not self.detail.leave_ok():
            return False
        for row in range(self.proxy.rowCount()):
            idx = self.proxy.index(row, 0)
            if idx.data(ID_ROLE) == measure_id:
                # Through the selection model: QTableView.selectRow() obeys the keyboard
                # modifiers held right now, so under Ctrl+N it would toggle the row off.
                flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                         | QItemSelectionModel.SelectionFlag.Rows)
                self.table.selectionModel().setCurrentIndex(idx, flags)
                self.table.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)
                self.detail.show_measure(measure_id)
                return True
        return False

    def focus_target(self) -> QWidget | None:
        """The table (arrows, Enter to edit, Del); the empty state's button when there is none."""
        current = self.stack.currentWidget()
        if current is self.table:
            return self.table
        return current.button if isinstance(current, EmptyState) else self.search

    def open_record(self, table: str, record_id: int) -> bool:
        if table == PLAN_IMPORT:  # the start page's checklist: after the view has shown
            QTimer.singleShot(0, self.import_plan)
            return True
        if table in (PLAN_OF_YEAR, LATE_OF_YEAR):  # record_id is the plan's year
            self.set_year(record_id)
            self._ensure_fresh()
            self.clear_filters()
            if table == LATE_OF_YEAR:
                self.status_filter.setCurrentIndex(self.status_filter.findData(LATE))
            return True
        if table == "action_plan":
            plan = next((p for p in measures.plans(self.ctx.db) if p.id == record_id), None)
            if plan is None:
                return False
            self.set_year(plan.year)
            return True
        if table != "measure":
            return False
        if self.detail.measure_id not in (None, record_id) and not self.detail.leave_ok():
            return False
        row = measures.row(self.ctx.db, record_id, self.ctx.today())
        if row.year != self.year:
            self.year = row.year
            self._dirty = True
        self._ensure_fresh()
        if not self.select_measure(record_id):
            self.clear_filters()  # it is hidden by a filter: show everything, then select it
            return self.select_measure(record_id)
        return True

    # -- actions ------------------------------------------------------------------------

    def new_measure(self) -> None:
        if self.ctx.db.read_only:
            return
        choices = self.choices or measures.choices(self.ctx.db)
        dialog = NewMeasureDialog(choices, self.year, self, focus_area_id=self.proxy.filter.focus_area_id,
                                  contacts=ContactMaker(self.ctx))
        if dialog.exec() != NewMeasureDialog.DialogCode.Accepted:
            return
        self.add_measure(dialog.values)

    def add_measure(self, values: dict) -> int | None:
        """Add and select a measure (the dialog's second half; tests call it directly)."""
        created = ops.create(self.ctx, self.year, values)
        if created is None:
            return None
        self._ensure_fresh()
        if not self.select_measure(created.id):
            self.clear_filters()
            self.select_measure(created.id)
        self.detail.f_title.setFocus()
        return created.id

    def bulk_edit(self) -> None:
        ids = self.selected_ids()
        if not ids or self.ctx.db.read_only:
            return
        dialog = BulkEditDialog(self.choices or measures.choices(self.ctx.db), len(ids), self)
        if dialog.exec() != BulkEditDialog.DialogCode.Accepted:
            return
        ops.bulk_update(self.ctx, ids, dialog.changes)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.ctx.db.read_only:
            return
        rows = {r.id: r for r in self.model.rows}
        names = "\n".join(f"{rows[i].number}. {rows[i].title}" for i in ids[:8] if i in rows)
        if len(ids) > 8:
            names += "\n…"
        answer = QMessageBox.question(
            self, _("Delete measures"),
            ngettext("Delete this measure with its notes and status history?\n\n{names}",
                     "Delete these {n} measures with their notes and status history?\n\n{names}",
                     len(ids)).format(n=len(ids), names=names) + "\n\n" + _("You can undo it with Ctrl+Z."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        stack = self.ctx.undo_stack
        if len(ids) > 1:
            stack.beginMacro(ngettext("Delete {n} measure", "Delete {n} measures", len(ids)).format(n=len(ids)))
        try:
            for ident in ids:
                if ident in rows and not ops.delete(self.ctx, ident, rows[ident].number):
                    break
        finally:
            if len(ids) > 1:
                stack.endMacro()

    def revise(self) -> None:
        to_year = self.year + 1
        count = measures.unfinished_count(self.ctx.db, self.year)
        if to_year in getattr(self, "plan_years", set()):
            title = _("Carry over to {year}").format(year=to_year)
            question = ngettext(
                "Carry {n} measure of {this} that is not completed or cancelled over into the plan for {year}, "
                "with a link to its history?",
                "Carry {n} measures of {this} that are not completed or cancelled over into the plan for {year}, "
                "with a link to their history?", count).format(year=to_year, n=count, this=self.year)
        else:
            title = _("New action plan for {year}").format(year=to_year)
            question = ngettext(
                "Create the action plan for {year}? {n} measure of {this} that is not completed or "
                "cancelled will be carried over with a link to its history.",
                "Create the action plan for {year}? {n} measures of {this} that are not completed or "
                "cancelled will be carried over with a link to their history.", count).format(
                year=to_year, n=count, this=self.year)
        answer = QMessageBox.question(
            self, title,
            question + "\n\n" + _("The plan for {this} stays as it is.").format(this=self.year),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.revise_to(to_year)

    def revise_to(self, to_year: int) -> bool:
        result = ops.revise(self.ctx, self.year, to_year)
        if result is None:
            return False
        self._dirty = True
        self.set_year(to_year)
        return True

    def import_plan(self) -> None:
        report = transfer.import_plan(self.ctx, self, self.year)
        if report is not None:
            if report.year != self.year:
                self.set_year(report.year)
            QMessageBox.information(self, _("Imported"), report.summary())
