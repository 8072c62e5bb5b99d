"""Importing a statistics file (CSV or Excel) into a goal's indicator: the file's first
rows in a table, which column holds the period, the value and the category (guessed from
the headers, changeable), and — before anything is saved — every bad row with its row
number, column and why, and how many stored values the file would replace. Nothing is
saved while any row is bad; a stored value that differs is replaced only when the user
chooses so. The import is one undo step, after a backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tryggapp import domain as d
from tryggapp.errors import UserError
from tryggapp.i18n import _, ngettext
from tryggapp.services import crud, indicators
from tryggapp.services.indicators.parse import kind_words, value_text
from tryggapp.ui.context import AppContext
from tryggapp.ui.programme import indicator_ops
from tryggapp.ui.widgets import style
from tryggapp.ui.widgets.dialog import Dialog

Index = QModelIndex | QPersistentModelIndex
PREVIEW_ROWS = 12


def file_filter() -> str:
    return (_("Statistics files") + " (*.csv *.xlsx *.ods *.txt);;" + _("All files (*)"))


class PreviewModel(QAbstractTableModel):
    """The file's first rows as they are in the file, with its row numbers; the mapped
    columns' headers say what they are, and a bad row is marked (icon and tooltip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file: indicators.StatsFile | None = None
        self.rows: list[tuple[int, list[str]]] = []
        self.roles: dict[int, str] = {}
        self.problems: dict[int, list[str]] = {}

    def set_file(self, file: indicators.StatsFile) -> None:
        self.beginResetModel()
        self.file = file
        width = len(file.headers)
        self.rows = [(n, row) for (n, _cells), row in zip(file.rows[:PREVIEW_ROWS], file.sample(PREVIEW_ROWS),
                                                            strict=False)]
        self.rows = [(n, (row + [""] * width)[:width]) for n, row in self.rows]
        self.endResetModel()

    def set_marks(self, columns: indicators.Columns, problems: dict[int, list[str]]) -> None:
        self.roles = {i: label for i, label in ((columns.period, _("Period")), (columns.value, _("Value")),
                                                 (columns.category, _("Category"))) if i is not None}
        self.problems = problems
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(self.columnCount() - 1, 0))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(self.rowCount() - 1, 0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.file is None else len(self.file.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, values = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = values[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole and row in self.problems:
                return "\n".join(self.problems[row])
            return text
        if role == Qt.ItemDataRole.BackgroundRole and row in self.problems:
            return style.qcolor(style.DANGER_SOFT)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.file is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if section >= len(self.rows):
                return None
            row = self.rows[section][0]
            if role == Qt.ItemDataRole.DisplayRole:
                return str(row)
            if role == Qt.ItemDataRole.DecorationRole and row in self.problems:
                return style.icon("mdi6.alert-circle-outline", style.DANGER)  # an icon, not colour alone
            if role == Qt.ItemDataRole.ToolTipRole and row in self.problems:
                return "\n".join(self.problems[row])
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            header = self.file.header_label(section)
            return f"{header}\n→ {self.roles[section]}" if section in self.roles else header
        if role == Qt.ItemDataRole.FontRole and section in self.roles:
            font = QFont()
            font.setBold(True)
            return font
        return None


class StatsImportDialog(Dialog):
    """Preview, map, check; Import is possible only when every row is good and, where the
    file would change stored values, the user has chosen replace or keep."""

    def __init__(self, ctx: AppContext, goal_id: int, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.goal_id = goal_id
        self.path = Path(path)
        self.plan: indicators.ImportPlan | None = None
        self.applied: indicators.Applied | None = None
        goal = crud.get(ctx.db, d.Goal, goal_id)
        self.setWindowTitle(_("Import statistics: {name}").format(name=self.path.name))
        self.resize(980, 720)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.header_row = QComboBox()
        self.header_row.setAccessibleName(_("Headers on"))
        self.header_row.currentIndexChanged.connect(self._reread)
        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("The file's first rows"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(170)
        self.table.setMinimumHeight(190)

        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Headers on"), self.header_row)
        for key, label in (("period", _("Period column")), ("value", _("Value column")),
                           ("category", _("Category column"))):
            combo = QComboBox()
            combo.setAccessibleName(label)
            combo.currentIndexChanged.connect(self._recheck)
            self.combos[key] = combo
            form.addRow(label, combo)
        self.kind_note = QLabel()
        self.kind_note.setWordWrap(True)
        self.kind_note.setStyleSheet(f"color: {style.MUTED};")
        names = [c.name for c in indicators.list_categories(ctx.db, goal_id)]
        self.categories_note = QLabel(_("The indicator's categories: {names}.").format(names=", ".join(names))
                                      if names else _("The indicator has no categories; every row is its total."))
        self.categories_note.setWordWrap(True)
        self.categories_note.setStyleSheet(f"color: {style.MUTED};")

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        style.set_point_size(self.summary, 0, bold=True)
        self.problems_model = QStringListModel(self)
        self.problems = QListView()
        self.problems.setModel(self.problems_model)
        self.problems.setAccessibleName(_("Rows that cannot be imported"))
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setWordWrap(True)
        self.add_categories_button = QPushButton(style.icon("mdi6.plus"), "")
        self.add_categories_button.clicked.connect(self._add_categories)
        self.add_categories_button.hide()

        self.choice_box = QGroupBox(_("Values already stored"))
        self.choice_text = QLabel()
        self.choice_text.setWordWrap(True)
        self.replace_button = QRadioButton(_("Replace them with the file's values"))
        self.keep_button = QRadioButton(_("Keep the stored values"))
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.replace_button)
        self.choice.addButton(self.keep_button)
        self.choice.buttonToggled.connect(self._update_buttons)
        box = QVBoxLayout(self.choice_box)
        box.addWidget(self.choice_text)
        box.addWidget(self.replace_button)
        box.addWidget(self.keep_button)

        note = QLabel(_("Nothing is saved while any row is bad. A backup of the database is taken first; "
                        "Ctrl+Z undoes the whole import."))
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {style.MUTED};")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(_("Import"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 2)
        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        side = QVBoxLayout()
        side.addWidget(self.kind_note)
        side.addWidget(self.categories_note)
        side.addStretch(1)
        columns.addLayout(side, 1)
        layout.addLayout(columns)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.add_categories_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.choice_box)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.goal = goal
        self.file: indicators.StatsFile | None = None
        self._load(indicators.read_file(self.path))

    # -- the file

    def _load(self, file: indicators.StatsFile) -> None:
        self.file = file
        self.intro.setText(ngettext(
            "“{name}” ({sheet}): {n} row below the headers on row {row}. Say which column holds what; "
            "every row is checked before anything is saved.",
            "“{name}” ({sheet}): {n} rows below the headers on row {row}. Say which column holds what; "
            "every row is checked before anything is saved.", len(file.rows)).format(
            name=file.name, sheet=file.sheet, n=len(file.rows), row=file.header_row))
        self.header_row.blockSignals(True)
        self.header_row.clear()
        for i, text in enumerate(file.top_rows, start=1):
            self.header_row.addItem(_("Row {row}: {text}").format(row=i, text=text or _("(empty)")), i)
        self.header_row.setCurrentIndex(max(self.header_row.findData(file.header_row), 0))
        self.header_row.blockSignals(False)
        self.model.set_file(file)
        guess = indicators.guess_columns(file)
        for key, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("(none)") if key == "category" else _("(choose a column)"), None)
            for i in range(len(file.headers)):
                combo.addItem(file.header_label(i), i)
            index = getattr(guess, key)
            combo.setCurrentIndex(combo.findData(index) if index is not None else 0)
            combo.blockSignals(False)
        self._recheck()

    def _reread(self) -> None:
        row = self.header_row.currentData()
        if row is None or self.file is None or row == self.file.header_row:
            return
        try:
            self._load(indicators.read_file(self.path, row))
        except UserError as exc:
            self.summary.setText(exc.message)

    def columns(self) -> indicators.Columns:
        return indicators.Columns(**{key: combo.currentData() for key, combo in self.combos.items()})

    # -- checking

    def _recheck(self, *_args: Any) -> None:
        if self.file is None:
            return
        self.plan = None
        problems: dict[int, list[str]] = {}
        lines: list[str] = []
        try:
            plan = indicators.check_import(self.ctx.db, self.goal_id, self.file, self.columns())
        except UserError as exc:
            self.summary.setText(exc.message)
            self.summary.setStyleSheet(f"color: {style.DANGER};")
            self.kind_note.setText("")
            self.problems_model.setStringList([])
            self.add_categories_button.hide()
            self.choice_box.hide()
            self.model.set_marks(self.columns(), {})
            self._update_buttons()
            return
        self.plan = plan
        for e in plan.errors:
            problems.setdefault(e.row, []).append(str(e))
        self.model.set_marks(plan.columns, problems)
        self.kind_note.setText(
            (_("Periods {kind}, as the file has them (the indicator has no values yet).") if plan.kind_from_file
             else _("Periods {kind}, as the indicator's values.")).format(kind=kind_words(plan.kind)))
        if plan.errors:
            self.summary.setText(ngettext(
                "{n} row cannot be imported. Nothing is saved until it is corrected in the file.",
                "{n} rows cannot be imported. Nothing is saved until they are corrected in the file.",
                len(problems)).format(n=len(problems)))
            self.summary.setStyleSheet(f"color: {style.DANGER};")
            lines = [str(e) for e in plan.errors]
        else:
            self.summary.setText(_("Ready to import: {summary}").format(summary=plan.summary(self._replace())))
            self.summary.setStyleSheet("")
            lines = [self._conflict_line(v) for v in plan.values if v.conflicts]
        self.problems_model.setStringList(lines)
        self.problems.setVisible(bool(lines))
        if plan.unknown_categories:
            self.add_categories_button.setText(ngettext(
                "Add the category {names} to the indicator", "Add the categories {names} to the indicator",
                len(plan.unknown_categories)).format(names=", ".join(_("“{column}”").format(column=n) for n in plan.unknown_categories)))
        self.add_categories_button.setVisible(bool(plan.unknown_categories) and not self.ctx.db.read_only)
        self.choice_box.setVisible(plan.ok and plan.conflicts > 0)
        self.choice_text.setText(ngettext(
            "{n} value in the file differs from the one stored for the same period (listed above). "
            "What should happen to it?",
            "{n} values in the file differ from those stored for the same periods (listed above). "
            "What should happen to them?", plan.conflicts).format(n=plan.conflicts))
        self._update_buttons()

    def _conflict_line(self, v: indicators.PlannedValue) -> str:
        from tryggapp.services.followup import measurement_label

        assert self.plan is not None
        period = measurement_label(self.plan.kind, v.year, v.number)
        what = f"{period}, {v.category}" if v.category else period
        return _("Row {row}, {what}: stored {old}, the file says {new}").format(
            row=v.row, what=what, old=value_text(v.existing or 0, self.goal.unit),
            new=value_text(v.value, self.goal.unit))

    def _replace(self) -> bool | None:
        if self.replace_button.isChecked():
            return True
        if self.keep_button.isChecked():
            return False
        return None

    def _update_buttons(self, *_args: Any) -> None:
        plan = self.plan
        ready = (plan is not None and plan.ok and not self.ctx.db.read_only
                 and (plan.conflicts == 0 or self._replace() is not None) and plan.writes(self._replace()))
        self.import_button.setEnabled(bool(ready))
        if plan is not None and plan.ok:
            self.summary.setText(_("Ready to import: {summary}").format(summary=plan.summary(self._replace()))
                                 if plan.writes(self._replace()) or plan.conflicts and self._replace() is None
                                 else _("Nothing to import: the indicator already holds what the file says."))

    def _add_categories(self) -> None:
        if self.plan is None or not self.plan.unknown_categories:
            return
        if indicator_ops.add_categories(self.ctx, self.goal_id, self.plan.unknown_categories):
            names = [c.name for c in indicators.list_categories(self.ctx.db, self.goal_id)]
            self.categories_note.setText(_("The indicator's categories: {names}.").format(names=", ".join(names)))
            self._recheck()

    # -- importing

    def accept(self) -> None:
        plan = self.plan
        if plan is None or not plan.ok:
            return
        from tryggapp.services.excel.importer import backup_before_import

        try:
            backup = backup_before_import(self.ctx.db)
        except UserError as exc:  # an unwritable backup folder: the import does not start
            self.ctx.report_error(exc)
            return
        applied = indicator_ops.import_values(self.ctx, plan, self._replace())
        if applied is None:
            return
        applied.backup = backup
        self.applied = applied
        super().accept()


def import_statistics(ctx: AppContext, goal_id: int, parent: QWidget, path: Path | None = None
                      ) -> indicators.Applied | None:
    """Choose a file, preview and check it, import. The result of a finished import, or
    None if it did not happen."""
    if path is None:
        from tryggapp.ui.plan.transfer import default_folder

        name, _filter = QFileDialog.getOpenFileName(parent, _("Import statistics"), str(default_folder()),
                                                    file_filter())
        if not name:
            return None
        path = Path(name)
    try:
        dialog = StatsImportDialog(ctx, goal_id, path, parent)
    except UserError as exc:
        ctx.report_error(exc)
        return None
    if dialog.exec() != StatsImportDialog.DialogCode.Accepted:
        return None
    return dialog.applied

