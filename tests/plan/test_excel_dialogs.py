"""The import dialogs of issue 10: choosing the header row, seeing every change and
choosing whether empty cells clear, choosing the measure for an ambiguous row, and the
plan view opening on the imported year. Screenshots: /tmp/shot_excel_*.png."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from PySide6.QtWidgets import QDialog, QMessageBox

from tryggapp.services import excel, measures
from tryggapp.storage import open_database
from tryggapp.ui.plan import transfer

from .test_plan_view import make_view, shot

TODAY = dt.date(2026, 11, 25)


def _with_title_line(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan 2024"
    ws.append(["Senast uppdaterad:", dt.date(2024, 9, 15)])
    ws.append(["Aktivitet", "Ansvarig", "Läge"])
    ws.append(["Belysning vid skolan", "Anna Berg", "Klar"])
    ws.append(["Nattvandring", "", "Pågår"])
    wb.save(path)
    return path


def test_the_header_row_can_be_chosen_in_the_mapping_dialog(qtbot, tmp_path):
    path = _with_title_line(tmp_path / "h.xlsx")
    preview = excel.read_headers(path)
    dialog = transfer.MappingDialog(preview, 2026, None, path=path)
    qtbot.addWidget(dialog)
    assert dialog.chosen_header_row() == 2 and dialog.mapping() == {"title": 0, "responsible_person": 1, "status": 2}
    dialog.header_row.setCurrentIndex(dialog.header_row.findData(1))  # the user picks the title line
    assert dialog.chosen_header_row() == 1 and "title" not in dialog.mapping()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.header_row.setCurrentIndex(dialog.header_row.findData(2))
    assert dialog.mapping()["title"] == 0
    shot(dialog, "excel_mapping_header_row")


def test_confirmation_lists_changes_and_the_clear_empty_choice_rechecks(qtbot, tmp_path, seeded):
    db, seed = seeded
    path = excel.export_plan(db, 2026, tmp_path / "plan.xlsx", TODAY).path
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    person = ws.cell(row=2, column=headers.index("Ansvarig person") + 1).value
    ws.cell(row=2, column=headers.index("Ansvarig person") + 1).value = None
    wb.save(path)
    calls = []

    def recheck(options):
        calls.append(options)
        return excel.import_plan(db, path, 2026, None, TODAY, dry_run=True, **options)

    check = excel.import_plan(db, path, 2026, None, TODAY, dry_run=True)
    dialog = transfer.ConfirmImportDialog(path, check, TODAY, recheck)
    qtbot.addWidget(dialog)
    assert f"Nr 1, Ansvarig person: {person} behålls (cellen är tom)" in dialog.lines
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()  # nothing would change
    dialog.clear_empty.setChecked(True)
    assert calls[-1]["clear_empty"] is True
    assert f"Nr 1, Ansvarig person: {person} → (tom)" in dialog.lines
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.resize(820, 420)
    shot(dialog, "excel_confirm_clear")
    assert measures.row(db, seed["m1"], TODAY).responsible_person == person  # only checked, not written


def test_an_ambiguous_row_is_chosen_in_the_window(qtbot, tmp_path, seeded, monkeypatch):
    db, _seed = seeded
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan 2026"
    ws.append(["Aktivitet", "Ansvarig"])
    ws.append(["Vandring", ""])
    ws.append(["Vandring", ""])
    two = tmp_path / "two.xlsx"
    wb.save(two)
    excel.import_plan(db, two, 2026, {"title": 0}, TODAY)
    numbers = sorted(r.number for r in measures.rows_for_year(db, 2026, TODAY) if r.title == "Vandring")
    ws.delete_rows(3)
    ws["B2"] = "Anna Berg"
    one = tmp_path / "one.xlsx"
    wb.save(one)
    view = make_view(qtbot, db)

    def choose(dialog: transfer.MatchDialog) -> int:
        combo = dialog.combos[2]
        combo.setCurrentIndex(combo.findData(numbers[1]))
        shot(dialog, "excel_match")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(transfer.MappingDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(transfer.MatchDialog, "exec", choose)
    monkeypatch.setattr(transfer.ConfirmImportDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    report = transfer.import_plan(view.ctx, view, 2026, one)
    assert report is not None and report.updated == 1 and report.created == 0
    rows = {r.number: r for r in measures.rows_for_year(db, 2026, TODAY)}
    assert rows[numbers[1]].responsible_person == "Anna Berg" and rows[numbers[0]].responsible_person == ""


def test_the_plan_view_opens_on_the_imported_year(qtbot, tmp_path, monkeypatch):
    db = open_database(tmp_path / "ny.db", create=True)
    try:
        path = _with_title_line(tmp_path / "plan2024.xlsx")
        excel.import_plan(db, path, None, {"title": 0, "responsible_person": 1, "status": 2}, TODAY)
        view = make_view(qtbot, db)  # opened after a command-line import: 2024, not "2026 (not created)"
        assert view.year == 2024 and len(view.model.rows) == 2
        assert "inte skapad" not in view.year_box.currentText()
        # and after an import in the window, on the year imported into
        monkeypatch.setattr(transfer.MappingDialog, "exec", lambda dialog: (dialog.year.setValue(2025),
                                                                            QDialog.DialogCode.Accepted)[1])
        monkeypatch.setattr(transfer.ConfirmImportDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
        monkeypatch.setattr(transfer.QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
        monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))
        view.import_plan()
        assert view.year == 2025 and len(view.model.rows) == 2
        view.close()
    finally:
        db.close()
