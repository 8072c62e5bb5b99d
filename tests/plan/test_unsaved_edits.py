"""Edits never vanish in the Handlingsplan form: a save that fails (a full disk) keeps the
text marked unsaved and saves when the field is left again; leaving the measure with such
text asks Spara / Släng / Avbryt; a measure carried into next year shows the link both
ways and offers a change of the old one to its copy.

The full disk is simulated by making the service raise DiskFull (monkeypatched), on a real
SQLite file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from tests.plan.conftest import TODAY, seed_plan
from tests.plan.test_plan_view import make_view, type_text
from tryggapp import domain as d
from tryggapp.services import crud, measures
from tryggapp.storage.errors import DiskFull
from tryggapp.ui.plan import detail as detail_module
from tryggapp.ui.plan.model import ID_ROLE
from tryggapp.ui.widgets import unsaved


def full_disk(monkeypatch, times: int = 1) -> dict[str, int]:
    """measures.update_measure raises DiskFull `times` times, then works again."""
    real = measures.update_measure
    state = {"left": times}

    def update_measure(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if state["left"] > 0:
            state["left"] -= 1
            raise DiskFull()
        return real(*args, **kwargs)

    monkeypatch.setattr(measures, "update_measure", update_measure)
    return state


def focus(qtbot, widget, reason=Qt.FocusReason.TabFocusReason) -> None:
    widget.setFocus(reason)
    qtbot.waitUntil(widget.hasFocus)
    QCoreApplication.processEvents()


@pytest.fixture
def plan(qtbot, db):
    seed = seed_plan(db)
    view = make_view(qtbot, db)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.select_measure(seed["m4"])  # Pausad, "Väntar på budget"
    return view, seed


def fail_reason_edit(qtbot, view, monkeypatch, times: int) -> dict[str, int]:
    """Type a new Statusorsak and leave the field while the disk is full."""
    state = full_disk(monkeypatch, times)
    panel = view.detail
    focus(qtbot, panel.f_reason)
    panel.f_reason.selectAll()
    type_text(panel.f_reason, "Väntar på beslut i KS")
    focus(qtbot, panel.f_title)
    return state


def click_row(qtbot, view, measure_id: int) -> None:
    row = next(r for r in range(view.proxy.rowCount()) if view.proxy.index(r, 0).data(ID_ROLE) == measure_id)
    rect = view.table.visualRect(view.proxy.index(row, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QCoreApplication.processEvents()


def test_failed_save_stays_marked_and_saves_when_the_field_is_left_again(plan, qtbot, monkeypatch):
    view, seed = plan
    db, ctx, panel = view.ctx.db, view.ctx, view.detail
    fail_reason_edit(qtbot, view, monkeypatch, times=1)
    reason = panel.f_reason
    assert crud.get(db, d.Measure, seed["m4"]).cancel_reason == "Väntar på budget"
    assert reason.text() == "Väntar på beslut i KS"  # kept, not reverted
    assert reason.property("unsaved") is True  # the visible mark (frame and tooltip)
    assert reason.toolTip().startswith("Inte sparat: Disken är full")
    assert "Disken är full" in panel.form.error_text("cancel_reason")
    assert [type(e) for e in ctx.errors] == [DiskFull]  # the message box
    count = ctx.undo_stack.count()
    view.grab().save("/tmp/edits/unsaved_marker.png")

    # space freed; the user leaves the field again without changing anything
    focus(qtbot, reason)
    focus(qtbot, panel.f_title)
    assert crud.get(db, d.Measure, seed["m4"]).cancel_reason == "Väntar på beslut i KS"
    assert reason.property("unsaved") is False and panel.form.error_text("cancel_reason") == ""
    assert ctx.undo_stack.count() == count + 1
    ctx.undo_stack.undo()
    assert crud.get(db, d.Measure, seed["m4"]).cancel_reason == "Väntar på budget"


def test_enter_retries_a_failed_save(plan, qtbot, monkeypatch):
    view, seed = plan
    fail_reason_edit(qtbot, view, monkeypatch, times=1)
    reason = view.detail.f_reason
    focus(qtbot, reason)
    qtbot.keyClick(reason, Qt.Key.Key_Return)
    assert crud.get(view.ctx.db, d.Measure, seed["m4"]).cancel_reason == "Väntar på beslut i KS"
    assert reason.property("unsaved") is False


def test_leaving_the_measure_with_unsaved_text_asks(plan, qtbot, monkeypatch):
    view, seed = plan
    db, panel = view.ctx.db, view.detail
    state = fail_reason_edit(qtbot, view, monkeypatch, times=100)
    asked: list[list[str]] = []
    answer = {"now": "cancel"}
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda _parent, captions: asked.append(captions) or answer["now"])

    # Avbryt: still on measure 4, text and mark intact
    click_row(qtbot, view, seed["m2"])
    assert asked == [["Statusorsak"]]
    assert panel.measure_id == seed["m4"] and view.current_id() == seed["m4"]
    assert panel.f_reason.text() == "Väntar på beslut i KS" and panel.f_reason.property("unsaved") is True

    # Spara while the disk is still full: the save fails again, so the user stays
    answer["now"] = "save"
    click_row(qtbot, view, seed["m2"])
    assert panel.measure_id == seed["m4"] and panel.f_reason.text() == "Väntar på beslut i KS"

    # Spara after space was freed: saved, then measure 2 is shown
    state["left"] = 0
    click_row(qtbot, view, seed["m2"])
    assert crud.get(db, d.Measure, seed["m4"]).cancel_reason == "Väntar på beslut i KS"
    assert panel.measure_id == seed["m2"]

    # Släng: the typed title is thrown away, the stored one stays
    state["left"] = 1
    focus(qtbot, panel.f_title)
    panel.f_title.selectAll()
    type_text(panel.f_title, "Ny titel som inte sparas")
    focus(qtbot, panel.f_description)
    assert panel.f_title.property("unsaved") is True
    answer["now"] = "discard"
    click_row(qtbot, view, seed["m3"])
    assert panel.measure_id == seed["m3"]
    assert crud.get(db, d.Measure, seed["m2"]).title == "Trygghetsvandring i Norrby"
    view.select_measure(seed["m2"])
    assert panel.f_title.text() == "Trygghetsvandring i Norrby" and panel.f_title.property("unsaved") is False
    assert len(asked) == 4


def test_a_reload_after_another_save_keeps_unsaved_text(plan, qtbot, monkeypatch):
    view, seed = plan
    panel = view.detail
    fail_reason_edit(qtbot, view, monkeypatch, times=1)
    # another field is saved: the panel reloads the measure, the unsaved reason stays
    focus(qtbot, panel.f_title)
    panel.f_title.selectAll()
    type_text(panel.f_title, "Utbildning om våld i nära relationer för chefer")
    focus(qtbot, panel.f_description)
    assert crud.get(view.ctx.db, d.Measure, seed["m4"]).title.endswith("för chefer")
    assert panel.f_reason.text() == "Väntar på beslut i KS" and panel.f_reason.property("unsaved") is True


def test_ask_dialog_is_swedish(qtbot):
    """The real question box: Swedish text and Spara / Släng / Avbryt (Avbryt clicked)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    seen: dict[str, object] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.grab().save("/tmp/edits/ask_dialog.png")
        seen["text"] = box.text()
        seen["buttons"] = [b.text() for b in box.buttons()]
        next(b for b in box.buttons() if b.text() == "Avbryt").click()

    QTimer.singleShot(0, answer)
    assert unsaved.ask_unsaved(None, ["Statusorsak"]) == "cancel"
    assert seen["text"] == "Ändringen i ”Statusorsak” är inte sparad."
    assert sorted(seen["buttons"]) == sorted(["Spara", "Släng", "Avbryt"])


# --------------------------------------------------------------------------- carried over


@pytest.fixture
def carried(qtbot, db):
    seed = seed_plan(db)
    revision = measures.revise_into_new_year(db, 2026, 2027, TODAY)
    copy_id = revision.carried[seed["m2"]]
    view = make_view(qtbot, db)
    view.select_measure(seed["m2"])
    return view, seed, copy_id


def test_both_measures_show_the_link_and_it_opens_the_other(carried):
    view, seed, copy_id = carried
    panel = view.detail
    copy_number = crud.get(view.ctx.db, d.Measure, copy_id).number
    assert f"Överförd till 2027 som 2027:{copy_number}" in panel.carry.text()
    assert f'href="measure:{copy_id}"' in panel.carry.text() and panel.carry.isVisible()
    view.grab().save("/tmp/edits/carry_link.png")
    panel.carry.linkActivated.emit(f"measure:{copy_id}")
    assert view.year == 2027 and panel.measure_id == copy_id
    assert "Överförd från 2026 som 2026:2" in panel.carry.text()
    assert f'href="measure:{seed["m2"]}"' in panel.carry.text()
    panel.carry.linkActivated.emit(f"measure:{seed['m2']}")
    assert view.year == 2026 and panel.measure_id == seed["m2"]


def test_a_change_in_the_old_year_is_offered_to_the_copy(carried, qtbot, monkeypatch):
    view, seed, copy_id = carried
    db, ctx, panel = view.ctx.db, view.ctx, view.detail
    copy_number = crud.get(db, d.Measure, copy_id).number
    asked: list[str] = []
    answer = {"yes": True}
    monkeypatch.setattr(detail_module, "ask_change_copies", lambda _p, text: asked.append(text) or answer["yes"])
    count = ctx.undo_stack.count()

    panel.f_title.setText("Trygghetsvandring i Norrby och Söderby")
    panel.f_title.editingFinished.emit()
    assert asked == [f"Åtgärden finns också i handlingsplanen 2027 (2027:{copy_number}). Ändra där också?"]
    assert crud.get(db, d.Measure, seed["m2"]).title == "Trygghetsvandring i Norrby och Söderby"
    assert crud.get(db, d.Measure, copy_id).title == "Trygghetsvandring i Norrby och Söderby"
    assert ctx.undo_stack.count() == count + 1  # one step for both
    ctx.undo_stack.undo()
    assert crud.get(db, d.Measure, seed["m2"]).title == "Trygghetsvandring i Norrby"
    assert crud.get(db, d.Measure, copy_id).title == "Trygghetsvandring i Norrby"

    # No: only the old year's measure changes
    answer["yes"] = False
    panel.f_title.setText("Trygghetsvandring i Norrby, kväll")
    panel.f_title.editingFinished.emit()
    assert crud.get(db, d.Measure, seed["m2"]).title == "Trygghetsvandring i Norrby, kväll"
    assert crud.get(db, d.Measure, copy_id).title == "Trygghetsvandring i Norrby"
    assert len(asked) == 2


def test_a_note_typed_and_not_added_asks_before_another_measure(plan, qtbot, monkeypatch):
    """A progress note typed in Anteckning and not added was cleared without a word when
    another measure was chosen; now leaving asks, and Spara adds the note."""
    view, seed = plan
    db, panel = view.ctx.db, view.detail
    asked: list[list[str]] = []
    answer = {"now": "cancel"}
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda _parent, captions: asked.append(captions) or answer["now"])
    focus(qtbot, panel.note_text)
    type_text(panel.note_text, "Ringt Fastighetskontoret")

    click_row(qtbot, view, seed["m2"])
    assert asked == [["Anteckning"]]
    assert panel.measure_id == seed["m4"] and panel.note_text.text() == "Ringt Fastighetskontoret"

    answer["now"] = "save"
    click_row(qtbot, view, seed["m2"])
    assert panel.measure_id == seed["m2"] and panel.note_text.text() == ""
    notes = [n.text for n in crud.list_all(db, d.MeasureNote) if n.measure_id == seed["m4"]]
    assert "Ringt Fastighetskontoret" in notes

    type_text(panel.note_text, "Kastas")
    answer["now"] = "discard"
    click_row(qtbot, view, seed["m3"])
    assert panel.measure_id == seed["m3"] and len(asked) == 3
    assert not [n for n in crud.list_all(db, d.MeasureNote) if n.text == "Kastas"]
