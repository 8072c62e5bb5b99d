"""Excel export and import from the plan view: file dialogs, the column-mapping dialog
for a user's own workbook (with its header row), the list of bad rows, a choice where a
row may be several measures, and a confirmation that lists every change field by field
before anything is written (the service checks every row first, writes all or nothing,
and takes a backup only when it writes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QStringListModel, Qt
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tryggapp.errors import UserError
from tryggapp.i18n import _, ngettext
from tryggapp.services import excel
from tryggapp.ui.context import AppContext
from tryggapp.ui.plan.ops import PLAN_TABLES
from tryggapp.ui.widgets import style
from tryggapp.ui.widgets.dialog import Dialog

XLSX_FILTER = "Excel (*.xlsx)"
_column_letter = excel.column_letter


class MappingDialog(Dialog):
    """Which row holds the headers and which column holds which field, with a preview."""

    def __init__(self, preview: excel.WorkbookPreview, year: int, parent: QWidget | None = None,
                 path: Path | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.path = path
        self.setWindowTitle(_("Import from Excel: choose the columns"))
        self.resize(900, 680)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        # Found by the best match, but a title or "Senast uppdaterad" line above the
        # headers may fool it: the user can choose.
        self.header_row = QComboBox()
        for i, text in enumerate(preview.top_rows, start=1):
            self.header_row.addItem(_("Row {row}: {text}").format(row=i, text=text or _("(empty)")), i)
        self.header_row.setCurrentIndex(max(self.header_row.findData(preview.header_row), 0))
        self.header_row.currentIndexChanged.connect(self._reread)
        self.table = QTableView()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(140)
        self.table.setMaximumHeight(170)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Headers on"), self.header_row)
        self.combos: dict[str, QComboBox] = {}
        for key, label in excel.MAPPABLE:
            combo = QComboBox()
            combo.currentIndexChanged.connect(self._check)
            self.combos[key] = combo
            form.addRow(_(label) + (" *" if key in excel.REQUIRED_FIELDS else ""), combo)
        self.year = QSpinBox()
        self.year.setRange(1900, 2200)
        self.year.setToolTip(_("Type the number, or step it with the Up and Down arrow keys."))
        self.year.setValue(preview.year or year)
        form.addRow(_("Into the action plan for"), self.year)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {style.DANGER};")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Check and import…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._show(preview)

    def chosen_header_row(self) -> int:
        return self.preview.header_row

    def _reread(self) -> None:
        row = self.header_row.currentData()
        if self.path is None or row is None or row == self.preview.header_row:
            return
        try:
            self._show(excel.read_headers(self.path, header_row=row))
        except UserError as exc:
            self.problem.setText(exc.message)

    def _show(self, preview: excel.WorkbookPreview) -> None:
        self.preview = preview
        self.intro.setText(_("The sheet “{sheet}” is not in Tryggapp's own format. Say which column holds what; "
                             "the headers are on row {row} and {n} rows follow. Only “{title}” is required.").format(
            sheet=preview.sheet, row=preview.header_row, n=preview.row_count, title=_("Measure")))
        table_model = QStandardItemModel(len(preview.sample_rows), len(preview.headers), self)
        table_model.setHorizontalHeaderLabels(
            [f"{_column_letter(i)}: {h}" if h else _column_letter(i) for i, h in enumerate(preview.headers)])
        for r, values in enumerate(preview.sample_rows):
            for c, value in enumerate(values[: len(preview.headers)]):
                table_model.setItem(r, c, QStandardItem(value))
        self.table.setModel(table_model)
        for key, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("(not in the file)"), None)
            for i, h in enumerate(preview.headers):
                combo.addItem(f"{_column_letter(i)}: {h}" if h else _column_letter(i), i)
            guess = preview.suggested.get(key)
            if guess is not None:
                combo.setCurrentIndex(combo.findData(guess))
            combo.blockSignals(False)
        self._check()

    def mapping(self) -> dict[str, int]:
        return {key: combo.currentData() for key, combo in self.combos.items() if combo.currentData() is not None}

    def _check(self) -> None:
        mapping = self.mapping()
        used: dict[int, str] = {}
        problem = ""
        for key, index in mapping.items():
            if index in used:
                problem = _("Column {column} is chosen for both “{a}” and “{b}”.").format(
                    column=_column_letter(index), a=excel.field_label(used[index]), b=excel.field_label(key))
            used[index] = key
        if "title" not in mapping:
            problem = _("Choose the column that holds the measure (“{field}”).").format(field=_("Measure"))
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)


class MatchDialog(Dialog):
    """Rows without Nr that match several measures: the user says which (or a new one)."""

    def __init__(self, ambiguous: excel.AmbiguousRows, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Which measure is it?"))
        self.setMinimumWidth(style.chars(self, 70))
        intro = QLabel(_("These rows have no No. and match more than one measure of the plan (same focus area "
                         "and title). Choose the measure each row updates, or make it a new measure."))
        intro.setWordWrap(True)
        form = QFormLayout()
        self.combos: dict[int, QComboBox] = {}
        for a in ambiguous.rows:
            combo = QComboBox()
            for number, area in a.candidates:
                combo.addItem(_("No. {number}").format(number=number) + (f" ({area})" if area else ""), number)
            combo.addItem(_("A new measure"), 0)
            self.combos[a.row] = combo
            form.addRow(_("Row {row}: {text}").format(row=a.row, text=a.title.strip()), combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def choices(self) -> dict[int, int]:
        return {row: combo.currentData() for row, combo in self.combos.items()}


class ConfirmImportDialog(Dialog):
    """Every change, field by field, before anything is written; whether an empty cell
    clears a stored value; the date of status changes the file does not date."""

    def __init__(self, path: Path, check: excel.ImportReport, today: dt.date,
                 recheck: Callable[[dict[str, Any]], excel.ImportReport | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.recheck = recheck
        self.setWindowTitle(_("Import “{name}”?").format(name=path.name))
        self.resize(820, 560)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.notices = QLabel()
        self.notices.setWordWrap(True)
        self.list = QListView()
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(True)
        self.lines_model = QStringListModel(self)
        self.list.setModel(self.lines_model)
        self.clear_empty = QCheckBox(_("Empty cells clear the stored values"))
        self.clear_empty.setToolTip(_("Without this, an empty cell leaves what is stored as it is."))
        self.clear_empty.toggled.connect(self._recheck)
        self.status_date = QDateEdit(QDate(today.year, today.month, today.day))
        self.status_date.setCalendarPopup(True)
        self.status_date.setDisplayFormat("yyyy-MM-dd")
        self.status_date.dateChanged.connect(self._recheck)
        form = QFormLayout()
        form.addRow(self.clear_empty)
        form.addRow(_("Date of status changes without a status date"), self.status_date)
        note = QLabel(_("A backup of the database is taken first. The import cannot be undone with Ctrl+Z."))
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {style.MUTED};")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.notices)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.show_report(check)

    def options(self) -> dict[str, Any]:
        d = self.status_date.date()
        return {"clear_empty": self.clear_empty.isChecked(),
                "status_date": dt.date(d.year(), d.month(), d.day())}

    def _recheck(self, *_args: Any) -> None:
        report = self.recheck(self.options())
        if report is not None:
            self.show_report(report)

    def show_report(self, report: excel.ImportReport) -> None:
        self.report = report
        self.summary.setText(report.summary())
        lines = report.details() or [_("Nothing changes: the plan already holds what the file says.")]
        if not self.clear_empty.isChecked():
            lines = [*lines, *report.kept_empty]
        self.lines = lines
        self.lines_model.setStringList(lines)
        self.notices.setText("\n".join(report.notices()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(report.changed)


class ImportErrorsDialog(Dialog):
    """Every bad row and field, so they can all be fixed in one go."""

    def __init__(self, path: Path, failure: excel.ImportFailed, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Nothing was imported"))
        self.resize(760, 460)
        head = QLabel(ngettext(
            "“{name}” has {n} problem. Nothing was imported: fix it in Excel and import the file again.",
            "“{name}” has {n} problems. Nothing was imported: fix them in Excel and import the file again.",
            len(failure.errors)).format(name=path.name, n=len(failure.errors)))
        head.setWordWrap(True)
        icon = QLabel()
        icon.setPixmap(style.icon("mdi6.alert-circle-outline", style.DANGER).pixmap(28, 28))
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(head, 1)
        self.lines = [str(e) for e in failure.errors]
        self.list = QListView()
        self.list.setModel(QStringListModel(self.lines, self))
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(True)
        copy = QPushButton(style.icon("mdi6.content-copy"), _("Copy the list"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText("\n".join(self.lines)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)


def default_folder() -> Path:
    docs = Path.home() / "Documents"
    return docs if docs.is_dir() else Path.home()


def export_plan(ctx: AppContext, parent: QWidget, year: int) -> Path | None:
    suggested = default_folder() / _("Action plan {year}.xlsx").format(year=year)
    name, _filter = QFileDialog.getSaveFileName(parent, _("Export the action plan to Excel"), str(suggested),
                                                XLSX_FILTER)
    if not name:
        return None
    try:
        report = excel.export_plan(ctx.db, year, Path(name), ctx.today())
    except UserError as exc:
        ctx.report_error(exc)
        return None
    QMessageBox.information(parent, _("Exported"), ngettext(
        "The action plan for {year} ({n} measure) is saved in\n{path}",
        "The action plan for {year} ({n} measures) is saved in\n{path}", report.measures).format(
        year=year, n=report.measures, path=report.path))
    return report.path


def import_plan(ctx: AppContext, parent: QWidget, year: int, path: Path | None = None) -> excel.ImportReport | None:
    """Choose a file, map its columns if needed, check it, show every change, import.
    Returns the report of a finished import, None if it did not happen."""
    if path is None:
        name, _filter = QFileDialog.getOpenFileName(
            parent, _("Import an action plan from Excel"), str(default_folder()),
            _("Spreadsheets") + " (*.xlsx *.ods *.csv);;" + _("All files (*)"))
        if not name:
            return None
        path = Path(name)
    try:
        preview = excel.read_headers(path)
    except UserError as exc:
        ctx.report_error(exc)
        return None
    mapping: dict[str, int] | None = None
    header_row: int | None = None
    target = preview.year or year
    if not preview.is_standard:
        dialog = MappingDialog(preview, year, parent, path=path)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        mapping, target, header_row = dialog.mapping(), dialog.year.value(), dialog.chosen_header_row()
    today = ctx.today()
    options: dict[str, Any] = {"choices": {}}

    def run(dry_run: bool) -> excel.ImportReport | None:
        """The import with the options chosen so far; None (after saying why) if it failed."""
        while True:
            try:
                return excel.import_plan(ctx.db, path, target, mapping, today, dry_run=dry_run,
                                         header_row=header_row, **options)
            except excel.AmbiguousRows as ambiguous:
                match = MatchDialog(ambiguous, parent)
                if match.exec() != QDialog.DialogCode.Accepted:
                    return None
                options["choices"].update(match.choices())
            except excel.ImportFailed as failure:
                ImportErrorsDialog(path, failure, parent).exec()
                return None
            except UserError as exc:
                ctx.report_error(exc)
                return None

    check = run(dry_run=True)
    if check is None:
        return None

    def recheck(chosen: dict[str, Any]) -> excel.ImportReport | None:
        options.update(chosen)
        return run(dry_run=True)

    confirm = ConfirmImportDialog(path, check, today, recheck, parent)
    if confirm.exec() != QDialog.DialogCode.Accepted:
        return None
    options.update(confirm.options())
    report = run(dry_run=False)
    if report is None:
        return None
    ctx.changes.emit_tables(*PLAN_TABLES, "programme", "direction", "goal")
    return report
