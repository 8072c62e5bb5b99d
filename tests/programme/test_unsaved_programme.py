"""Edits never vanish in the Handlingsprogram pages (the same mechanism as the plan form):
a failed save (a full disk, simulated by making crud.update raise DiskFull) stays marked,
is saved when the field is left again, and choosing another node in the outline asks."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from tests.programme.helpers import replace_text
from tests.programme.test_programme_view import view  # noqa: F401 - the fixture
from tryggapp import domain as d
from tryggapp.services import crud
from tryggapp.storage.errors import DiskFull
from tryggapp.ui.programme.tree import FOCUS_AREA, GOAL
from tryggapp.ui.widgets import unsaved


def full_disk(monkeypatch, times: int) -> dict[str, int]:
    real = crud.update
    state = {"left": times}

    def update(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if state["left"] > 0:
            state["left"] -= 1
            raise DiskFull()
        return real(*args, **kwargs)

    monkeypatch.setattr(crud, "update", update)
    return state


def focus(qtbot, widget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    QCoreApplication.processEvents()


def test_goal_field_failed_save_is_kept_and_leaving_the_goal_asks(view, sample, qtbot, monkeypatch):  # noqa: F811
    db, ctx = sample.db, view.ctx
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    assert view.select(GOAL, sample["goal_safe"])
    page = view.current_page()
    source, unit = page.form.fields["source"], page.form.fields["unit"]
    before = crud.get(db, d.Goal, sample["goal_safe"]).source
    state = full_disk(monkeypatch, times=100)
    focus(qtbot, source)
    replace_text(source, "Trygghetsundersökningen 2026")
    focus(qtbot, unit)
    assert crud.get(db, d.Goal, sample["goal_safe"]).source == before
    assert source.text() == "Trygghetsundersökningen 2026" and source.property("unsaved") is True
    assert "Disken är full" in page.form.error_text("source")

    # another node in the outline: asked; Avbryt keeps the goal and its text
    asked = []
    answer = {"now": "cancel"}
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda _p, captions: asked.append(captions) or answer["now"])
    view.tree.setCurrentIndex(view.model.index_of(FOCUS_AREA, sample["fa2"]))
    assert asked == [["Källa"]]
    assert view.current_key() == (GOAL, sample["goal_safe"]) and view.current_page() is page
    assert source.text() == "Trygghetsundersökningen 2026"

    # space freed; leaving the field again saves it, and then leaving the goal asks nothing
    state["left"] = 0
    focus(qtbot, source)
    focus(qtbot, unit)
    assert crud.get(db, d.Goal, sample["goal_safe"]).source == "Trygghetsundersökningen 2026"
    assert source.property("unsaved") is False
    view.tree.setCurrentIndex(view.model.index_of(FOCUS_AREA, sample["fa2"]))
    assert view.current_key() == (FOCUS_AREA, sample["fa2"]) and len(asked) == 1
    ctx.undo_stack.undo()
    assert crud.get(db, d.Goal, sample["goal_safe"]).source == before


def test_revision_cell_typed_after_a_click_is_saved_and_keeps_the_keyboard(view, sample, qtbot):  # noqa: F811
    from PySide6.QtWidgets import QApplication

    from tryggapp.services import programme as svc
    from tryggapp.ui.programme.tree import PROGRAMME

    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.select(PROGRAMME, sample["programme"])
    page = view.current_page()
    table, model = page.revision_table, page.revision_model
    page.ensureWidgetVisible(table)
    index = model.index(len(model.rows) - 1, 3)  # the description of the latest revision
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    for ch in "Nytt mal":
        qtbot.keyClicks(QApplication.focusWidget(), ch)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait(20)  # the delegate commits on a queued call
    assert svc.list_revisions(sample.db, sample["programme"])[-1].description == "Nytt mal"
    assert table.hasFocus() and view.ctx.errors == []
    view.ctx.undo_stack.undo()
    assert svc.list_revisions(sample.db, sample["programme"])[-1].description != "Nytt mal"


def test_choosing_another_period_with_a_failed_comment_asks_and_saves_to_the_shown_period(
        view, sample, qtbot, monkeypatch):  # noqa: F811
    """The comment of one period failed to save; choosing another period in Uppföljning
    asks first (it used to load the other period over the text), and Spara stores the
    comment in the period it was written for, not the one just chosen."""
    from tryggapp.services import programme as svc

    db = sample.db
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    assert view.select(GOAL, sample["goal_safe"])
    panel = view.current_page().follow_up
    codes = [panel.period.itemData(i) for i in range(panel.period.count())]
    assert len(codes) >= 2, codes
    first = panel.current_period()
    real = svc.set_assessment
    state = {"left": 100}

    def set_assessment(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if state["left"] > 0:
            state["left"] -= 1
            raise DiskFull()
        return real(*args, **kwargs)

    monkeypatch.setattr(svc, "set_assessment", set_assessment)
    focus(qtbot, panel.comment)
    panel.comment.setPlainText("Belysningen är beställd men inte på plats")
    focus(qtbot, panel.period)
    assert panel.comment.property("unsaved") is True

    asked = []
    answer = {"now": "cancel"}
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda _p, captions: asked.append(captions) or answer["now"])
    other = next(i for i, code in enumerate(codes) if code != first.code)
    panel.period.setCurrentIndex(other)
    panel.period.finish()
    assert asked == [["Kommentar"]]
    assert panel.current_period() == first and panel.period.value() == first.code
    assert panel.comment.toPlainText() == "Belysningen är beställd men inte på plats"

    # Spara after space was freed: stored for the first period, then the other is shown
    state["left"] = 0
    answer["now"] = "save"
    panel.period.setCurrentIndex(other)
    panel.period.finish()
    stored = {(a.period_kind, a.year, a.period_no): a.comment for a in crud.list_all(db, d.GoalAssessment)
              if a.goal_id == sample["goal_safe"]}
    assert stored[(first.kind, first.year, first.number)] == "Belysningen är beställd men inte på plats"
    assert panel.current_period().code == codes[other] and len(asked) == 2
