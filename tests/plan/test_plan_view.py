"""Working through the demo database as a coordinator would, in the Handlingsplan view:
add, edit, filter, undo, close, bulk edit, revise into a new year, export and re-import.

Dialogs are answered by patching their exec()/static helpers; screenshots of each state
are saved as /tmp/shot_plan_*.png (1280x800) for a person to look at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from tryggapp import domain as d
from tryggapp.domain.enums import MeasureStatus
from tryggapp.services import crud, measures
from tryggapp.storage import open_database
from tryggapp.ui.context import AppContext, Changes
from tryggapp.ui.plan import ops, transfer
from tryggapp.ui.plan.dialogs import BulkEditDialog, NewMeasureDialog
from tryggapp.ui.plan.model import COLUMN_INDEX, LATE, ROW_ROLE
from tryggapp.ui.sections.plan import PlanSection

TODAY = dt.date(2026, 11, 25)  # the day the demo is pinned to (tests/conftest.py)
SIZE = (1280, 800)


def type_text(widget, text: str) -> None:
    """Type any text, Swedish letters included (QTest.keyClicks aborts on non-ASCII:
    PITFALLS), one key event per character."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def shot(widget, name: str) -> None:
    QCoreApplication.processEvents()
    widget.grab().save(f"/tmp/shot_plan_{name}.png")


def make_view(qtbot, db) -> PlanSection:
    ctx = AppContext(db=db, undo_stack=QUndoStack(), changes=Changes(), today=lambda: TODAY)
    ctx.errors = []  # type: ignore[attr-defined]
    ctx.navigations = []  # type: ignore[attr-defined]
    ctx.report_error = ctx.errors.append  # type: ignore[attr-defined]
    navigations = ctx.navigations  # type: ignore[attr-defined]
    ctx.navigate = lambda *args: navigations.append(args)  # type: ignore[attr-defined]
    view = PlanSection(ctx)
    ctx.give_to(view)  # Qt deletes the undo stack with the view (docs/KNOWN_ISSUES.md)
    qtbot.addWidget(view)
    view.resize(*SIZE)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    return view


@pytest.fixture
def view(qtbot, coordinator_db) -> PlanSection:
    return make_view(qtbot, coordinator_db)


def visible_rows(view: PlanSection) -> list:
    return [view.proxy.index(i, 0).data(ROW_ROLE) for i in range(view.proxy.rowCount())]


def select_ids(view: PlanSection, ids: list[int]) -> None:
    sel = view.table.selectionModel()
    sel.clearSelection()
    for row in range(view.proxy.rowCount()):
        idx = view.proxy.index(row, 0)
        if idx.data(ROW_ROLE).id in ids:
            sel.select(idx, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
            sel.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.NoUpdate)


def stored(view: PlanSection, measure_id: int) -> measures.MeasureRow:
    return measures.row(view.ctx.db, measure_id, TODAY)


# --------------------------------------------------------------------------- reading


def test_the_year_is_shown_with_late_measures_marked_beyond_colour(view):
    rows = measures.rows_for_year(view.ctx.db, TODAY.year, TODAY)
    assert view.model.rowCount() == len(rows) > 0
    assert view.year_box.currentData() == TODAY.year
    late = [r for r in rows if r.late]
    assert late, "the demo has late measures"
    row = next(i for i in range(view.proxy.rowCount()) if view.proxy.index(i, 0).data(ROW_ROLE).late)
    status = view.proxy.index(row, COLUMN_INDEX["status"])
    assert status.data().startswith("Försenad (")
    assert status.data(Qt.ItemDataRole.DecorationRole) is not None  # an icon, not only red text
    assert status.data(Qt.ItemDataRole.FontRole).bold()
    assert f"{len(late)} försenade" in view.count.text() or f"{len(late)} försenad" in view.count.text()
    view.select_measure(late[0].id)
    assert view.detail.heading.text() == late[0].title
    assert "Försenad" in view.detail.badge.text()
    shot(view, "table")


def test_sorting_on_every_column(view):
    for column in range(view.model.columnCount()):
        view.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        keys = [view.model.sort_keys(column)[view.proxy.mapToSource(view.proxy.index(i, 0)).row()]
                for i in range(view.proxy.rowCount())]
        assert keys == sorted(keys)
        view.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        keys = [view.model.sort_keys(column)[view.proxy.mapToSource(view.proxy.index(i, 0)).row()]
                for i in range(view.proxy.rowCount())]
        assert keys == sorted(keys, reverse=True)


def test_sorting_keeps_the_filter_and_the_selection(view, qtbot):
    qtbot.keyClicks(view.search, "belysning")
    matching = {r.id for r in visible_rows(view)}
    chosen = visible_rows(view)[-1].id
    view.select_measure(chosen)
    view.table.sortByColumn(COLUMN_INDEX["title"], Qt.SortOrder.DescendingOrder)
    assert {r.id for r in visible_rows(view)} == matching
    assert view.current_id() == chosen and view.selected_ids() == [chosen]
    titles = [r.title.casefold() for r in visible_rows(view)]
    assert titles == sorted(titles, reverse=True)
    view.refresh()  # a reload keeps the column the user sorted on
    assert [r.title.casefold() for r in visible_rows(view)] == titles


# --------------------------------------------------------------------------- filtering


def test_search_as_you_type_and_filters(view, qtbot):
    total = view.model.rowCount()
    view.search.setFocus()
    qtbot.keyClicks(view.search, "belysning")
    shown = visible_rows(view)
    assert 0 < len(shown) < total
    assert all("belysning" in r.title.lower() or "belysning" in r.latest_note.lower() for r in shown)
    assert view.count.text().startswith(f"{len(shown)} av {total}")
    shot(view, "search")

    view.search.clear()
    person = next(r for r in view.model.rows if any(ch in r.responsible_person for ch in "ÅÄÖåäö"))
    surname = person.responsible_person.split()[-1]
    type_text(view.search, surname)  # Swedish letters typed key by key
    assert view.search.text() == surname
    assert person.id in [r.id for r in visible_rows(view)]

    view.clear_filters()
    view.status_filter.setCurrentIndex(view.status_filter.findData(LATE))
    late = visible_rows(view)
    assert late and all(r.late for r in late)
    view.focus_filter.setCurrentIndex(view.focus_filter.findData(late[0].focus_area_id))
    assert all(r.late and r.focus_area_id == late[0].focus_area_id for r in visible_rows(view))
    shot(view, "filter_late")

    view.clear_filters()
    view.person_filter.setCurrentIndex(view.person_filter.findData(person.responsible_person_id))
    assert {r.responsible_person_id for r in visible_rows(view)} == {person.responsible_person_id}
    view.org_filter.setCurrentIndex(view.org_filter.findData(person.responsible_organisation_id))
    assert all(r.responsible_organisation_id == person.responsible_organisation_id for r in visible_rows(view))
    qtbot.keyClicks(view.search, "zzzz-nothing")
    assert view.proxy.rowCount() == 0 and view.stack.currentWidget() is view.no_match
    shot(view, "no_match")
    view.no_match.button.click()
    assert view.proxy.rowCount() == total and view.search.text() == ""


def test_ctrl_f_focuses_the_search(view, qtbot):
    with qtbot.waitActive(view):
        view.activateWindow()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()


# --------------------------------------------------------------------------- adding and editing


def test_add_a_measure_with_ctrl_n_then_undo(view, qtbot, monkeypatch):
    choices = measures.choices(view.ctx.db)
    person_id, _name, org_id = choices.persons[0]

    def fill(dialog: NewMeasureDialog) -> int:
        dialog.title.setText("Belysning vid Kvarnen")  # set, not typed: it has an å elsewhere
        dialog.person.set_value(person_id)
        dialog._person_picked()
        dialog.deadline.line.setText("2026-12-15")
        shot(dialog, "new_dialog")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewMeasureDialog, "exec", fill)
    before = view.model.rowCount()
    with qtbot.waitActive(view):  # shortcuts fire only in the active window
        view.activateWindow()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert view.model.rowCount() == before + 1
    new_id = view.current_id()
    row = stored(view, new_id)
    assert row.title == "Belysning vid Kvarnen" and row.deadline == dt.date(2026, 12, 15)
    assert row.responsible_person_id == person_id and row.responsible_organisation_id == org_id
    assert row.number == max(r.number for r in view.model.rows)
    assert view.detail.heading.text() == "Belysning vid Kvarnen"
    view.ctx.undo_stack.undo()
    assert view.model.rowCount() == before
    view.ctx.undo_stack.redo()
    assert stored(view, new_id).title == "Belysning vid Kvarnen"  # the same id again


def test_new_measure_dialog_requires_a_title(qtbot, coordinator_db):
    dialog = NewMeasureDialog(measures.choices(coordinator_db), 2026)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "måste fyllas i" in dialog.form.error_text("title")


def test_edit_fields_saved_at_once_inline_errors_and_undo(view, qtbot):
    row = next(r for r in view.model.rows if r.start_date and r.status == MeasureStatus.ONGOING)
    view.select_measure(row.id)
    detail = view.detail
    stack = view.ctx.undo_stack
    steps = stack.count()

    detail.f_title.setText("Ny rubrik för åtgärden")
    detail.f_title.editingFinished.emit()
    assert stored(view, row.id).title == "Ny rubrik för åtgärden"
    assert stack.count() == steps + 1
    assert view.proxy.index(view.table.currentIndex().row(), COLUMN_INDEX["title"]).data() == "Ny rubrik för åtgärden"

    # A date that is no date: the message sits under the field, nothing is saved.
    detail.f_deadline.line.clear()
    qtbot.keyClicks(detail.f_deadline.line, "2026-13-40")
    detail.f_deadline.line.editingFinished.emit()
    assert "2026-13-40" in detail.form.error_text("deadline")
    assert stored(view, row.id).deadline == row.deadline and stack.count() == steps + 1

    # A deadline before the start: the service refuses, its message is shown inline.
    before_start = row.start_date - dt.timedelta(days=1)
    detail.f_deadline.line.setText(before_start.isoformat())
    detail.f_deadline.line.editingFinished.emit()
    assert "Deadline" in detail.form.error_text("deadline") and "Start" in detail.form.error_text("deadline")
    assert stored(view, row.id).deadline == row.deadline and stack.count() == steps + 1
    shot(view, "inline_error")

    detail.f_deadline.line.setText("2027-02-28")
    detail.f_deadline.line.editingFinished.emit()
    assert stored(view, row.id).deadline == dt.date(2027, 2, 28)
    assert detail.form.error_text("deadline") == ""

    detail.f_description.setFocus()
    detail.f_description.setPlainText("Beskrivning skriven i panelen.")
    detail.f_description.finish()
    assert stored(view, row.id).description == "Beskrivning skriven i panelen."

    stack.undo()
    stack.undo()
    stack.undo()
    back = stored(view, row.id)
    assert (back.title, back.deadline, back.description) == (row.title, row.deadline, row.description)
    assert view.detail.f_title.text() == row.title
    assert view.ctx.errors == []


def test_notes_and_partners_from_the_panel(view):
    row = next(r for r in view.model.rows if r.status == MeasureStatus.ONGOING)
    view.select_measure(row.id)
    detail = view.detail
    detail.note_date.set_value(dt.date(2026, 11, 24))
    detail.note_text.setText("Belysningen beställd")
    detail.note_add.click()
    fresh = stored(view, row.id)
    assert (fresh.latest_note, fresh.latest_note_on) == ("Belysningen beställd", dt.date(2026, 11, 24))
    assert detail.notes.item(0).text().startswith("2026-11-24: Belysningen beställd")
    assert detail.note_text.text() == ""
    detail.note_add.click()
    assert detail.note_error.message() != ""  # nothing written: a message, no empty note

    org_id = detail.partner_pick.itemData(1)
    detail.partner_pick.setCurrentIndex(1)
    detail.partner_add.click()
    assert detail.partner_pick.itemText(1) not in () and org_id in [
        detail.partners.item(i).data(Qt.ItemDataRole.UserRole) for i in range(detail.partners.count())]
    view.ctx.undo_stack.undo()  # the partner
    view.ctx.undo_stack.undo()  # the note
    assert stored(view, row.id).latest_note == row.latest_note


# --------------------------------------------------------------------------- closing


def test_close_and_cancel_measures(view, monkeypatch):
    late = next(r for r in view.model.rows if r.late and r.status == MeasureStatus.ONGOING)
    view.select_measure(late.id)
    status = view.detail.f_status
    status.setCurrentIndex(status.findData(MeasureStatus.DONE))
    status.activated.emit(status.currentIndex())
    row = stored(view, late.id)
    assert row.status == MeasureStatus.DONE and not row.late
    last = measures.detail(view.ctx.db, late.id, TODAY).history[0]
    assert (last.changed_on, last.old_status, last.new_status) == (TODAY, MeasureStatus.ONGOING,
                                                                  MeasureStatus.DONE)

    # Backing out of the reason keeps the status.
    other = next(r for r in view.model.rows if r.status == MeasureStatus.ONGOING and r.id != late.id)
    view.select_measure(other.id)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    status.setCurrentIndex(status.findData(MeasureStatus.CANCELLED))
    status.activated.emit(status.currentIndex())
    assert stored(view, other.id).status == MeasureStatus.ONGOING
    assert status.value() == MeasureStatus.ONGOING

    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: ("Ersätts av regionens insats", True)))
    status.setCurrentIndex(status.findData(MeasureStatus.CANCELLED))
    status.activated.emit(status.currentIndex())
    row = stored(view, other.id)
    assert (row.status, row.cancel_reason) == (MeasureStatus.CANCELLED, "Ersätts av regionens insats")
    assert measures.detail(view.ctx.db, other.id, TODAY).history[0].reason == "Ersätts av regionens insats"
    assert "Ersätts av regionens insats" in view.detail.history.item(0).text()

    view.ctx.undo_stack.undo()
    assert stored(view, other.id).status == MeasureStatus.ONGOING
    view.ctx.undo_stack.undo()
    assert stored(view, late.id).status == MeasureStatus.ONGOING


def test_bulk_edit_is_one_undo_step(view, monkeypatch):
    targets = [r for r in view.model.rows if r.status in (MeasureStatus.ONGOING, MeasureStatus.NOT_STARTED)][:4]
    ids = [r.id for r in targets]
    select_ids(view, ids)
    assert sorted(view.selected_ids()) == sorted(ids)
    person_id = measures.choices(view.ctx.db).persons[-1][0]

    def fill(dialog: BulkEditDialog) -> int:
        dialog.checks["status"].setChecked(True)
        dialog.status.set_value(MeasureStatus.DONE)
        dialog.checks["responsible_person_id"].setChecked(True)
        dialog.person.set_value(person_id)
        dialog.checks["deadline"].setChecked(True)
        dialog.deadline.line.setText("2026-12-31")
        dialog.resize(560, 420)
        shot(dialog, "bulk_dialog")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BulkEditDialog, "exec", fill)
    steps = view.ctx.undo_stack.count()
    view.bulk_button.click()
    assert view.ctx.undo_stack.count() == steps + 1
    for ident in ids:
        row = stored(view, ident)
        assert (row.status, row.responsible_person_id, row.deadline) == (MeasureStatus.DONE, person_id,
                                                                         dt.date(2026, 12, 31))
    shot(view, "bulk_done")
    view.ctx.undo_stack.undo()
    for before in targets:
        row = stored(view, before.id)
        assert (row.status, row.responsible_person_id, row.deadline) == (before.status,
                                                                         before.responsible_person_id,
                                                                         before.deadline)


def test_bulk_cancel_needs_a_reason_in_the_dialog(qtbot, coordinator_db):
    dialog = BulkEditDialog(measures.choices(coordinator_db), 3)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.checks["status"].setChecked(True)
    dialog.status.set_value(MeasureStatus.CANCELLED)
    dialog._sync_reason()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "orsak" in dialog.errors["cancel_reason"].message().lower()


def test_delete_with_the_delete_key_and_undo(view, qtbot, monkeypatch):
    created = view.add_measure({"title": "Tillfällig åtgärd"})
    assert created is not None
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    view.select_measure(created)
    with qtbot.waitActive(view):
        view.activateWindow()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert created not in [r.id for r in view.model.rows]
    view.ctx.undo_stack.undo()
    assert created in [r.id for r in view.model.rows]


def test_delete_key_in_a_text_field_does_not_delete_the_measure(view, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a)))
    view.select_measure(view.model.rows[0].id)
    with qtbot.waitActive(view):
        view.activateWindow()
    view.detail.f_title.setFocus()
    qtbot.keyClick(view.detail.f_title, Qt.Key.Key_Delete)
    assert asked == []


# --------------------------------------------------------------------------- the yearly revision


def test_revise_into_a_new_year(view, monkeypatch):
    db = view.ctx.db
    year = TODAY.year
    before = [(r.id, r.status, r.deadline, r.title) for r in measures.rows_for_year(db, year, TODAY)]
    unfinished = [r for r in measures.rows_for_year(db, year, TODAY)
                  if r.status in (MeasureStatus.NOT_STARTED, MeasureStatus.ONGOING, MeasureStatus.PAUSED)]
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    assert view.revise_button.isEnabled() and str(year + 1) in view.revise_button.text()
    view.revise_button.click()
    assert view.year == year + 1 and view.year_box.currentData() == year + 1
    new = view.model.rows
    assert sorted(r.title for r in new) == sorted(r.title for r in unfinished)
    assert all(r.carried_over and r.carried_over_from_year == year for r in new)
    number = view.proxy.index(0, COLUMN_INDEX["number"])
    assert number.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "Överförd" in number.data(Qt.ItemDataRole.ToolTipRole)
    view.select_measure(new[0].id)
    assert f"Överförd från {year} som {year}:" in view.detail.carry.text()
    assert view.detail.history.count() >= 1  # the history read through the link
    shot(view, "revised")
    assert [(r.id, r.status, r.deadline, r.title) for r in measures.rows_for_year(db, year, TODAY)] == before
    assert not view.revise_button.isEnabled() or str(year + 2) in view.revise_button.text()

    view.ctx.undo_stack.undo()
    assert measures.plan_for_year(db, year + 1) is None
    view.set_year(year)
    view.open_record("measure", before[0][0])
    assert view.current_id() == before[0][0]


def test_carry_over_into_a_next_year_plan_that_already_exists(view, monkeypatch):
    """A measure added to next year first creates that plan; the button then carries the
    unfinished measures into it, once."""
    from tryggapp import domain as d
    from tryggapp.services import crud

    db = view.ctx.db
    year = TODAY.year
    plan = crud.create(db, d.ActionPlan(year=year + 1))
    crud.create(db, d.Measure(action_plan_id=plan.id, number=1, title="Ny åtgärd nästa år"))
    view.ctx.changes.emit_tables("action_plan", "measure")
    view.refresh()
    assert view.revise_button.isEnabled()
    assert view.revise_button.text() == f"För över till {year + 1}"
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    view.revise_button.click()
    assert view.year == year + 1
    titles = [r.title for r in view.model.rows]
    assert "Ny åtgärd nästa år" in titles and len(titles) > 1
    view.set_year(year)
    assert not view.revise_button.isEnabled()  # nothing left to carry
    view.ctx.undo_stack.undo()
    assert [r.title for r in measures.rows_for_year(db, year + 1, TODAY)] == ["Ny åtgärd nästa år"]


# --------------------------------------------------------------------------- Excel


def test_export_and_reimport_into_an_empty_database(view, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "Handlingsplan.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))
    view.export_button.click()
    assert target.exists()

    empty = open_database(tmp_path / "tom.db", create=True)
    try:
        other = make_view(qtbot, empty)
        assert other.stack.currentWidget() is other.empty
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(target), "")))
        monkeypatch.setattr(transfer.ConfirmImportDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
        other.import_button.click()
        assert other.ctx.errors == []
        fields = ("number", "title", "status", "deadline", "start_date", "responsible_person",
                  "responsible_organisation", "focus_area", "partners", "cancel_reason", "latest_note")
        assert [tuple(getattr(r, f) for f in fields) for r in other.model.rows] == \
            [tuple(getattr(r, f) for f in fields) for r in view.model.rows]
        shot(other, "reimported")
    finally:
        empty.close()


def _plain(path: Path, bad: bool = False) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["Aktivitet", "Ansvarig förvaltning", "Klart senast", "Läge"])
    ws.append(["Belysning i parken", "Samhällsbyggnadsförvaltningen", dt.date(2026, 12, 1), "Pågår"])
    ws.append(["Trygghetsvandring i Kvarnbo", "Polisen", "2026-13-40" if bad else "2027-03-01",
               "Kanske" if bad else "Ej påbörjad"])
    wb.save(path)
    return path


def test_import_a_plain_workbook_through_the_mapping_dialog(view, tmp_path, monkeypatch):
    path = _plain(tmp_path / "egen.xlsx")
    seen = {}

    def accept(dialog: transfer.MappingDialog) -> int:
        seen["mapping"] = dialog.mapping()
        dialog.year.setValue(2027)
        shot(dialog, "mapping")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(transfer.MappingDialog, "exec", accept)
    def confirm(dialog: transfer.ConfirmImportDialog) -> int:
        seen["changes"] = dialog.lines
        shot(dialog, "import_confirm")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(transfer.ConfirmImportDialog, "exec", confirm)
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))
    report = transfer.import_plan(view.ctx, view, view.year, path)
    assert any(line.startswith("Ny åtgärd Nr") for line in seen["changes"])
    assert seen["mapping"] == {"title": 0, "responsible_organisation": 1, "deadline": 2, "status": 3}
    assert report is not None and report.created == 2 and report.year == 2027
    view.set_year(2027)
    assert sorted(r.title for r in view.model.rows) == ["Belysning i parken", "Trygghetsvandring i Kvarnbo"]


def test_bad_rows_are_listed_and_nothing_is_imported(view, tmp_path, monkeypatch):
    path = _plain(tmp_path / "fel.xlsx", bad=True)
    listed = {}

    def show(dialog: transfer.ImportErrorsDialog) -> int:
        listed["lines"] = dialog.lines
        dialog.resize(760, 360)
        shot(dialog, "import_errors")
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(transfer.MappingDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(transfer.ImportErrorsDialog, "exec", show)
    before = [r.id for r in view.model.rows]
    assert transfer.import_plan(view.ctx, view, view.year, path) is None
    assert "Rad 3, Klart senast: ”2026-13-40” är inget giltigt datum (skriv det som ÅÅÅÅ-MM-DD)" in listed["lines"]
    assert any(line.startswith("Rad 3, Läge: ”Kanske”") for line in listed["lines"])
    view.refresh()
    assert [r.id for r in view.model.rows] == before


def test_a_file_that_is_not_excel_is_a_clear_message(view, tmp_path):
    bad = tmp_path / "plan.xlsx"
    bad.write_text("hej")
    assert transfer.import_plan(view.ctx, view, view.year, bad) is None
    [error] = view.ctx.errors
    assert "plan.xlsx" in str(error) and "Excel" in str(error)


# --------------------------------------------------------------------------- navigation and refresh


def test_open_record_selects_the_measure_in_its_year(view):
    db = view.ctx.db
    years = [p.year for p in measures.plans(db)]
    other_year = next(y for y in years if y != view.year)
    target = measures.rows_for_year(db, other_year, TODAY)[0]
    view.search.setText("zzzz")  # hidden by a filter: opening it clears the filter
    assert view.open_record("measure", target.id)
    assert view.year == other_year and view.current_id() == target.id
    assert view.detail.heading.text() == target.title
    assert not view.open_record("meeting", 1)


def test_origin_link_opens_the_origin(view):
    row = next(r for r in view.model.rows if r.origin.table)
    view.select_measure(row.id)
    assert row.origin.label in view.detail.origin.text()
    view.detail.origin.linkActivated.emit(f"{row.origin.table}:{row.origin.record_id}")
    section, table, ident = view.ctx.navigations[-1]
    assert (table, ident) == (row.origin.table, row.origin.record_id)
    assert section in {"meetings", "walks", "situation"}


def test_empty_year(view):
    view.set_year(2031)
    assert view.stack.currentWidget() is view.empty
    assert view.empty.title_label.text() == "Inga åtgärder för 2031 ännu."
    assert "Ny åtgärd" in view.empty.text_label.text()
    assert not view.revise_button.isEnabled()
    shot(view, "empty")


def test_refreshes_when_a_person_is_renamed_elsewhere(view):
    row = next(r for r in view.model.rows if r.responsible_person_id)
    crud.update(view.ctx.db, d.Person, row.responsible_person_id, {"name": "Ett Nytt Namn"})
    view.ctx.changes.emit_tables("person")
    assert "Ett Nytt Namn" in [r.responsible_person for r in view.model.rows]


def test_a_refused_edit_is_reported_and_stays_off_the_stack(view):
    """A measure deleted meanwhile (another window, an undo): the edit is refused with a
    message and nothing enters the undo stack."""
    steps = view.ctx.undo_stack.count()
    assert not ops.update(view.ctx, 10**9, 1, {"title": "X"}, "titel")
    assert view.ctx.undo_stack.count() == steps
    [error] = view.ctx.errors
    assert "finns inte längre" in str(error)
