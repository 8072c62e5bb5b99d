"""In the real main window: a value typed into a measurement cell is saved the same way
however the editing started, and closing the window with unsaved text asks first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication
from tests.programme.helpers import type_text

from tryggapp import domain as d
from tryggapp.domain.enums import PeriodKind
from tryggapp.services import crud, measures
from tryggapp.services import programme as svc
from tryggapp.storage.errors import DiskFull
from tryggapp.ui.programme.tree import GOAL
from tryggapp.ui.widgets import unsaved


def focus(qtbot, widget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    QCoreApplication.processEvents()


def type_into_cell(qtbot, text: str) -> None:
    """Keys as a user types them: into whatever has the focus, then Enter."""
    for ch in text:
        qtbot.keyClicks(QApplication.focusWidget(), ch)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait(20)  # the delegate commits on a queued call


def test_click_a_cell_type_and_enter_saves(window, qtbot):
    ctx = window.ctx
    errors: list[BaseException] = []
    ctx.report_error = errors.append
    section = window.show_section("programme", focus=True)
    goal = next(g for g in crud.list_all(ctx.db, d.Goal) if svc.period_kind_of(ctx.db, g.id) is PeriodKind.QUARTER)
    section.open_record(GOAL, goal.id)
    page = section.current_page()
    model = page.grid_model
    # an edit of a field first (saved when the cell is clicked), as a user would do
    source = page.form.fields["source"]
    focus(qtbot, source)
    source.selectAll()
    type_text(source, "Polisens statistik")
    page.ensureWidgetVisible(page.grid)
    row, col = model.rowCount() - 1, 3
    index = model.index(row, col)
    year, number = model.cell(index)
    count = ctx.undo_stack.count()
    qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=page.grid.visualRect(index).center())
    type_into_cell(qtbot, "9,7")
    assert svc.get_measurement(ctx.db, goal.id, year, PeriodKind.QUARTER, number).value == 9.7
    assert crud.get(ctx.db, d.Goal, goal.id).source == "Polisens statistik"
    assert ctx.undo_stack.count() == count + 2  # the field and the value
    assert page.grid.hasFocus()  # the keyboard stays in the grid

    # on with the keyboard: the cell to the left, typed over
    qtbot.keyClick(page.grid, Qt.Key.Key_Left)
    type_into_cell(qtbot, "8,5")
    assert svc.get_measurement(ctx.db, goal.id, year, PeriodKind.QUARTER, number - 1).value == 8.5

    # a bad value is a Swedish message under the grid, never silence; nothing is saved
    for bad in ("abc", "1e999"):
        qtbot.keyClick(page.grid, Qt.Key.Key_Right)
        type_into_cell(qtbot, bad)
        assert "måste vara ett tal" in page.grid_error.message()
        assert svc.get_measurement(ctx.db, goal.id, year, PeriodKind.QUARTER, number).value == 9.7
    assert errors == []

    # undoable, one step per value
    ctx.undo_stack.undo()
    assert svc.get_measurement(ctx.db, goal.id, year, PeriodKind.QUARTER, number - 1) is None or \
        svc.get_measurement(ctx.db, goal.id, year, PeriodKind.QUARTER, number - 1).value != 8.5


def test_closing_the_window_with_unsaved_text_asks(window, qtbot, monkeypatch):
    ctx = window.ctx
    errors: list[BaseException] = []
    ctx.report_error = errors.append
    plan = window.show_section("plan", focus=True)
    measure_id = plan.model.rows[0].id
    plan.select_measure(measure_id)
    title = plan.detail.f_title
    real = measures.update_measure
    monkeypatch.setattr(measures, "update_measure", lambda *a, **k: (_ for _ in ()).throw(DiskFull()))
    focus(qtbot, title)
    title.selectAll()
    type_text(title, "Ny titel")
    focus(qtbot, plan.detail.f_description)
    assert title.property("unsaved") is True and [type(e) for e in errors] == [DiskFull]

    asked = []
    answer = {"now": "cancel"}
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda _p, captions: asked.append(captions) or answer["now"])
    window.close()
    assert asked == [["Åtgärd"]] and window.isVisible()  # Avbryt: still open, text intact
    assert title.text() == "Ny titel"

    monkeypatch.setattr(measures, "update_measure", real)
    answer["now"] = "save"
    window.close()
    assert not window.isVisible()
    assert crud.get(ctx.db, d.Measure, measure_id).title == "Ny titel"
