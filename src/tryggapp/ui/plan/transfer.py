"""Excel export and import from the plan view: file dialogs, the column-mapping dialog
for a user's own workbook, the list of bad rows, and a confirmation that says what the
import will do before it does it (the service checks every row first, writes all or
nothing, and takes a backup before writing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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

XLSX_FILTER = "Excel (*.xlsx)"


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class MappingDialog(QDialog):
    """Which column of the user's own workbook holds which field, with a preview."""

    def __init__(self, preview: excel.WorkbookPreview, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(_("Import from Excel: choose the columns"))
        self.resize(900, 620)
        intro = QLabel(_("The sheet “{sheet}” is not in Tryggapp's own format. Say which column holds what; "
                         "the headers are on row {row} and {n} rows follow. Only “{title}” is required.").format(
            sheet=preview.sheet, row=preview.header_row, n=preview.row_count, title=_("Measure")))
        intro.setWordWrap(True)

        table_model = QStandardItemModel(len(preview.sample_rows), len(preview.headers), self)
        table_model.setHorizontalHeaderLabels(
            [f"{_column_letter(i)}: {h}" if h else _column_letter(i) for i, h in enumerate(preview.headers)])
        for r, values in enumerate(preview.sample_rows):
            for c, value in enumerate(values[: len(preview.headers)]):
                table_model.setItem(r, c, QStandardItem(value))
        self.table = QTableView()
        self.table.setModel(table_model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(140)
        self.table.setMaximumHeight(170)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.combos: dict[str, QComboBox] = {}
        for key, label in excel.MAPPABLE:
            combo = QComboBox()
            combo.addItem(_("(not in the file)"), None)
            for i, h in enumerate(preview.headers):
                combo.addItem(f"{_column_letter(i)}: {h}" if h else _column_letter(i), i)
            guess = preview.suggested.get(key)
            if guess is not None:
                combo.setCurrentIndex(combo.findData(guess))
            combo.currentIndexChanged.connect(self._check)
            self.combos[key] = combo
            form.addRow(_(label) + (" *" if key in excel.REQUIRED_FIELDS else ""), combo)
        self.year = QSpinBox()
        self.year.setRange(1900, 2200)
        self.year.setValue(preview.year or year)
        form.addRow(_("Into the action plan for"), self.year)
        self.problem = QLabel()
        self.problem.setStyleSheet(f"color: {style.DANGER};")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Check and import…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
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


class ImportErrorsDialog(QDialog):
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
    """Choose a file, map its columns if needed, check it, confirm, import. Returns the
    report of a finished import, None if it did not happen."""
    if path is None:
        name, _filter = QFileDialog.getOpenFileName(parent, _("Import an action plan from Excel"),
                                                    str(default_folder()), f"{XLSX_FILTER};;" + _("All files (*)"))
        if not name:
            return None
        path = Path(name)
    try:
        preview = excel.read_headers(path)
    except UserError as exc:
        ctx.report_error(exc)
        return None
    mapping: dict[str, int] | None = None
    target = preview.year or year
    if not preview.is_standard:
        dialog = MappingDialog(preview, year, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        mapping, target = dialog.mapping(), dialog.year.value()
    today = ctx.today()
    try:
        check = excel.import_plan(ctx.db, path, target, mapping, today, dry_run=True)
    except excel.ImportFailed as failure:
        ImportErrorsDialog(path, failure, parent).exec()
        return None
    except UserError as exc:
        ctx.report_error(exc)
        return None
    if not confirm_import(parent, path, check):
        return None
    try:
        report = excel.import_plan(ctx.db, path, target, mapping, today)
    except excel.ImportFailed as failure:  # the file changed between the check and now
        ImportErrorsDialog(path, failure, parent).exec()
        return None
    except UserError as exc:
        ctx.report_error(exc)
        return None
    ctx.changes.emit_tables(*PLAN_TABLES, "programme", "direction", "goal")
    return report


def confirm_import(parent: QWidget, path: Path, check: excel.ImportReport) -> bool:
    details = [check.summary()]
    for label, names in ((_("New organisations"), check.created_organisations),
                         (_("New people"), check.created_people),
                         (_("New focus areas"), check.created_focus_areas)):
        if names:
            details.append(f"{label}: {', '.join(names[:12])}{' …' if len(names) > 12 else ''}")
    details.append(_("A backup of the database is taken first. The import cannot be undone with Ctrl+Z."))
    answer = QMessageBox.question(
        parent, _("Import “{name}”?").format(name=path.name), "\n\n".join(details),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes

