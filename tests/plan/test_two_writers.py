"""Two people edit the same measure (issue 18): two plan views, each with its own
AppContext and its own Database on one SQLite file. The second is opened as the app opens
a PostgreSQL database, without the single-writer lock (`lock=False`).

The conflict dialog is answered by building the real ConflictDialog and clicking one of
its buttons (ui.conflict.ask is replaced): never an exec() waiting for a user."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from tests.plan.conftest import TODAY, seed_plan
from tests.plan.test_plan_view import make_view
from tryggapp.services import audit, measures
from tryggapp.storage import open_database
from tryggapp.ui import conflict
from tryggapp.ui.commands import UndoStack


@pytest.fixture
def pair(qtbot, db):
    seed = seed_plan(db)
    other = open_database(db.path, lock=False)
    anna, bo = make_view(qtbot, db), make_view(qtbot, other)
    for view in (anna, bo):
        view.ctx.undo_stack = UndoStack()  # the window's own stack (puts a failed step back)
        view.ctx.undo_stack.report = view.ctx.report_error
        view.select_measure(seed["m1"])
    yield anna, bo, seed["m1"]
    other.close()


@pytest.fixture
def answers(monkeypatch):
    """Each conflict: the real dialog, recorded, answered with the next of `answers.queue`."""
    seen: list[conflict.ConflictDialog] = []

    def ask(parent, described):  # noqa: ANN001, ANN202
        dialog = conflict.ConflictDialog(parent, described)
        seen.append(dialog)
        choice = answers.queue.pop(0)
        (dialog.keep_mine if choice == conflict.MINE else dialog.take_theirs).click()
        return dialog.choice

    class Answers:
        queue: list[str] = []
        dialogs = seen

    answers = Answers()
    monkeypatch.setattr(conflict, "ask", ask)
    return answers


def edit(field, text: str) -> None:
    """Type `text` and finish the field, as Enter or leaving it does."""
    field.setPlainText(text) if hasattr(field, "setPlainText") else field.setText(text)
    field.finish()
    QCoreApplication.processEvents()


def rows(dialog: conflict.ConflictDialog) -> list[list[str]]:
    t = dialog.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_second_save_gets_the_conflict_and_keep_mine_saves_over_theirs(pair, answers):
    anna, bo, ident = pair
    before = measures.row(anna.ctx.db, ident, TODAY).title
    edit(bo.detail.f_title, "Bos titel")
    assert measures.row(bo.ctx.db, ident, TODAY).title == "Bos titel" and not answers.dialogs

    answers.queue = [conflict.MINE]
    edit(anna.detail.f_title, "Annas titel")
    assert len(answers.dialogs) == 1
    dialog = answers.dialogs[0]
    assert rows(dialog) == [["Åtgärd", before, "Bos titel", "Annas titel"]]
    assert "någon annan" in dialog.message.text().lower()
    assert measures.row(anna.ctx.db, ident, TODAY).title == "Annas titel"
    assert anna.detail.f_title.property("unsaved") is not True and anna.detail.form.error_text("title") == ""
    # Neither change is lost: the change log has Bo's and Anna's.
    titles = [r.new.get("title") for r in audit.history(anna.ctx.db, "measure", ident)]
    assert titles[-2:] == ["Bos titel", "Annas titel"]
    assert anna.ctx.errors == [] and bo.ctx.errors == []


def test_take_theirs_shows_what_is_saved_now(pair, answers):
    anna, bo, ident = pair
    edit(bo.detail.f_title, "Bos titel")
    answers.queue = [conflict.THEIRS]
    edit(anna.detail.f_title, "Annas titel")
    assert len(answers.dialogs) == 1
    assert measures.row(anna.ctx.db, ident, TODAY).title == "Bos titel"
    assert anna.detail.f_title.text() == "Bos titel" and anna.detail.f_title.property("unsaved") is not True
    assert anna.detail.unsaved_fields() == []
    # Anna's next edit is based on what she sees now: no conflict.
    edit(anna.detail.f_title, "Annas andra titel")
    assert len(answers.dialogs) == 1
    assert measures.row(anna.ctx.db, ident, TODAY).title == "Annas andra titel"


def test_their_change_of_another_field_is_shown_beside_mine(pair, answers):
    anna, bo, ident = pair
    edit(bo.detail.f_description, "Bo beskriver")
    answers.queue = [conflict.MINE]
    edit(anna.detail.f_title, "Annas titel")
    table = rows(answers.dialogs[0])
    assert ["Beskrivning", table[1][1], "Bo beskriver", "(oförändrad)"] in table
    assert table[0][0] == "Åtgärd" and table[0][3] == "Annas titel"
    row = measures.row(anna.ctx.db, ident, TODAY)
    assert (row.title, row.description) == ("Annas titel", "Bo beskriver")  # both kept


def test_no_conflict_after_the_window_reloads_and_none_with_own_saves(pair, answers):
    anna, bo, ident = pair
    edit(anna.detail.f_title, "Annas titel")
    edit(anna.detail.f_description, "Anna beskriver")  # her own save before: no conflict
    bo.refresh()
    edit(bo.detail.f_description, "Bo beskriver")
    anna.refresh()  # what the refresh of changes by others does
    edit(anna.detail.f_title, "Annas nya titel")
    assert answers.dialogs == []
    row = measures.row(anna.ctx.db, ident, TODAY)
    assert (row.title, row.description) == ("Annas nya titel", "Bo beskriver")


def test_undo_after_someone_else_saved_is_refused_and_shows_theirs(pair, answers):
    anna, bo, ident = pair
    edit(anna.detail.f_title, "Annas titel")
    edit(anna.detail.f_description, "Anna beskriver")
    bo.refresh()
    edit(bo.detail.f_title, "Bos titel")
    anna.ctx.undo_stack.undo()  # of her description: the row is Bo's version now
    assert measures.row(anna.ctx.db, ident, TODAY).title == "Bos titel"
    assert len(anna.ctx.errors) == 1 and "kunde inte ångras: någon annan har ändrat" in str(anna.ctx.errors[0]).lower()
    assert anna.detail.f_title.text() == "Bos titel"  # reloaded: she sees his change
    assert anna.ctx.undo_stack.index() == 2  # the step stays where it was


def test_undo_and_redo_of_own_edits_keep_working(pair, answers):
    anna, _bo, ident = pair
    old = measures.row(anna.ctx.db, ident, TODAY)
    edit(anna.detail.f_title, "Annas titel")
    edit(anna.detail.f_description, "Anna beskriver")
    stack = anna.ctx.undo_stack
    stack.undo()
    stack.undo()
    row = measures.row(anna.ctx.db, ident, TODAY)
    assert (row.title, row.description) == (old.title, old.description)
    stack.redo()
    stack.redo()
    row = measures.row(anna.ctx.db, ident, TODAY)
    assert (row.title, row.description) == ("Annas titel", "Anna beskriver")
    assert anna.ctx.errors == [] and answers.dialogs == []


def test_typing_while_someone_else_saves_the_same_field_is_a_conflict(pair, answers):
    """A reload keeps the text being typed; its save is still based on where it began."""
    anna, bo, ident = pair
    anna.detail.f_title.setText("Anna skriver")  # typed, not finished
    edit(bo.detail.f_title, "Bos titel")
    anna.refresh()
    assert anna.detail.f_title.text() == "Anna skriver"
    answers.queue = [conflict.MINE]
    anna.detail.f_title.finish()
    QCoreApplication.processEvents()
    assert len(answers.dialogs) == 1 and rows(answers.dialogs[0])[0][2:] == ["Bos titel", "Anna skriver"]
    assert measures.row(anna.ctx.db, ident, TODAY).title == "Anna skriver"
