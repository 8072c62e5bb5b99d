"""When the lock is taken over or the file vanishes while the window is open, the window
turns read-only under a bar that says why, refuses every edit without touching the
database, and can open the file again (issue 9, item 3). The real main window, offscreen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.conftest import DEMO_TODAY
from tests.safety.conftest import all_rows, foreign_lock
from tests.safety.test_ui_safety import click_in_next_dialog
from tryggapp import domain as d
from tryggapp.services import crud
from tryggapp.storage.lock import LockLost, lock_path, read_lock
from tryggapp.ui import commands, safety
from tryggapp.ui.app import build_context
from tryggapp.ui.main_window import MainWindow

SCREENSHOT = os.environ.get("TRYGGAPP_SCREENSHOT_DIR")


@pytest.fixture
def window(qtbot, demo_db, tmp_path, monkeypatch):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    win = MainWindow(build_context(demo_db, today=lambda: DEMO_TODAY))
    safety.install_safety_actions(win, win.ctx, threaded=False, daily_backup=False)
    # Not qtbot.addWidget: qtbot closes its widgets before fixtures end, and closing a
    # window whose file vanished asks "save a copy first?" (a failed test must not hang).
    win.resize(1280, 760)
    win.show()
    qtbot.waitExposed(win)
    win.errors = []  # type: ignore[attr-defined]  # what the window told the user
    win.ctx.report_error = lambda exc: win.errors.append(getattr(exc, "message", str(exc)))
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: win.errors.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    yield win
    win.safety._copy_saved = True
    win.close()
    win.deleteLater()
    win.ctx.db.close()


def an_organisation(win) -> d.Organisation:  # noqa: ANN001
    return crud.list_all(win.ctx.db, d.Organisation)[0]


def try_rename(win, name: str, org_id: int | None = None) -> bool:  # noqa: ANN001
    """An edit through the one path every view uses (ui.commands)."""
    org_id = org_id if org_id is not None else an_organisation(win).id
    return commands.update(win.ctx, d.Organisation, org_id, {"name": name}, "Byt namn")


def wait_read_only(qtbot, win, read_only: bool = True) -> None:  # noqa: ANN001
    """The sections are rebuilt after the event that switched (a queued signal)."""
    qtbot.waitUntil(lambda: win._sections_read_only is read_only, timeout=5000)


def test_lock_taken_over_turns_the_window_read_only_and_reopen_restores_editing(window, qtbot, tmp_path):
    win, ctx = window, window.ctx
    plan = win.show_section("plan")
    assert plan.new_button.isEnabled() and try_rename(win, "Före")
    assert win.safety.bar.isHidden()

    # Another computer decided our lock was stale and took the file over.
    lock_path(ctx.db.path).unlink()
    foreign_lock(ctx.db.path, host="DATOR-12", user="anna")
    win.safety.heartbeat()
    bar = win.safety.bar
    assert bar.isVisible() and "anna på DATOR-12" in bar.text.text()
    assert bar.title.text() == "Skrivskyddat: ändringar kan inte längre sparas"
    assert bar.reopen_button.isVisible() and not bar.copy_button.isVisible()  # the file is fine
    assert isinstance(ctx.db.lost, LockLost)
    wait_read_only(qtbot, win)
    if SCREENSHOT:
        win.grab().save(str(Path(SCREENSHOT) / "read-only-bar-lock.png"))

    # Everything that edits is off: the rebuilt plan's buttons, undo, the window says so.
    plan = win.show_section("plan")
    assert not plan.new_button.isEnabled() and not plan.import_button.isEnabled()
    assert not win.undo_action.isEnabled() and "(skrivskyddad)" in win.windowTitle()
    assert win.read_only_label.isVisible()

    # An edit that gets through anyway is refused and changes nothing.
    before = all_rows(ctx.db.path)
    assert not try_rename(win, "Efter")
    assert "Ändringen sparades inte" in win.errors[-1]
    assert all_rows(ctx.db.path) == before and ctx.undo_stack.count() == 1
    assert read_lock(ctx.db.path).hostname == "DATOR-12"  # their lock, untouched

    # Open again while anna still has it: told who has it, still read-only.
    assert not win.safety.reopen()
    assert "är öppen av anna på DATOR-12" in win.errors[-1] and bar.isVisible()
    # Anna closed it: opening again takes the lock and editing works again.
    lock_path(ctx.db.path).unlink()
    bar.reopen_button.click()
    assert bar.isHidden() and not ctx.db.read_only and ctx.db.lost is None
    wait_read_only(qtbot, win, False)
    assert read_lock(ctx.db.path).pid == os.getpid()
    assert win.show_section("plan").new_button.isEnabled()
    assert "(skrivskyddad)" not in win.windowTitle() and not win.read_only_label.isVisible()
    assert ctx.undo_stack.count() == 0  # the data may have changed in between
    assert try_rename(win, "Efter") and an_organisation(win).name == "Efter"
    assert win.undo_action.isEnabled()


@pytest.mark.skipif(os.name == "nt", reason="Windows does not let an open file be deleted")
def test_vanished_file_turns_the_window_read_only_offers_a_copy_and_reopens(window, qtbot, tmp_path,
                                                                           monkeypatch):
    win, ctx = window, window.ctx
    path = ctx.db.path
    name_before = an_organisation(win).name
    rows_before = all_rows(path)
    os.unlink(path)
    win.safety.check_file()
    bar = win.safety.bar
    assert bar.isVisible() and "har tagits bort eller flyttats" in bar.text.text()
    assert bar.copy_button.isVisible() and bar.reopen_button.isVisible()
    wait_read_only(qtbot, win)
    if SCREENSHOT:
        win.grab().save(str(Path(SCREENSHOT) / "read-only-bar-vanished.png"))

    assert not try_rename(win, "Efter")
    assert "Ändringen sparades inte" in win.errors[-1]
    assert an_organisation(win).name == name_before  # read through the still-open connection
    assert not path.exists()  # nothing recreated the file

    # Closing now would lose what the window shows: it asks first (here: cancel).
    click_in_next_dialog("Avbryt")
    win.close()
    assert win.isVisible()

    # "Spara en kopia…" in the bar keeps everything the window shows.
    copy = tmp_path / "räddad.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    bar.copy_button.click()
    assert all_rows(copy) == rows_before

    # Open again: the file is still missing (told so), then it is back (the copy).
    assert not win.safety.reopen() and bar.isVisible()
    assert "finns inte" in win.errors[-1] or "hittades inte" in win.errors[-1]
    os.replace(copy, path)
    assert win.safety.reopen()
    wait_read_only(qtbot, win, False)
    assert bar.isHidden() and try_rename(win, "Efter") and an_organisation(win).name == "Efter"


def test_a_save_that_finds_the_lock_gone_turns_the_window_read_only(window, qtbot):
    """The computer slept past the heartbeat; another took the file over; the first save
    after waking finds it out itself (before the timer does): refused, and the bar shows."""
    win, ctx = window, window.ctx
    org_id = an_organisation(win).id
    lock_path(ctx.db.path).unlink()
    foreign_lock(ctx.db.path, host="DATOR-12", user="anna")
    ctx.db._checked_at -= 8 * 3600
    before = all_rows(ctx.db.path)
    assert not try_rename(win, "Efter", org_id)
    assert "anna på DATOR-12" in win.errors[-1]
    assert all_rows(ctx.db.path) == before
    qtbot.waitUntil(lambda: win.safety.bar.isVisible(), timeout=5000)
    wait_read_only(qtbot, win)


def test_text_typed_when_writing_stops_is_shown_to_copy_not_wiped(window, qtbot):
    """Switching to read-only rebuilds every section; a title being typed and a note not
    yet added used to vanish with the old widgets. Now they are shown, copyable."""
    from tryggapp.ui.widgets.unsaved import UnsavedTextDialog

    win, ctx = window, window.ctx
    plan = win.show_section("plan")
    measure = crud.list_all(ctx.db, d.Measure)[0]
    plan.select_measure(measure.id)
    panel = plan.detail
    panel.f_title.setFocus()
    panel.f_title.setText("Ny titel som inte hann sparas")  # typed, the field not left
    panel.note_text.setText("Ringt Polisen om belysningen")
    assert panel.f_title.property("unsaved") is not False or panel.f_title.is_dirty()

    lock_path(ctx.db.path).unlink()
    foreign_lock(ctx.db.path, host="DATOR-12", user="anna")
    win.safety.heartbeat()
    wait_read_only(qtbot, win)
    qtbot.waitUntil(lambda: win.findChild(UnsavedTextDialog) is not None, timeout=5000)
    dialog = win.findChild(UnsavedTextDialog)
    shown = dialog.text.toPlainText()
    assert "Ny titel som inte hann sparas" in shown and "Ringt Polisen om belysningen" in shown
    assert "Åtgärd:" in shown and "Anteckning:" in shown
    assert crud.get(ctx.db, d.Measure, measure.id).title == measure.title  # nothing written
    if SCREENSHOT:
        dialog.grab().save(str(Path(SCREENSHOT) / "unsaved-texts-after-writing-stopped.png"))
    dialog.close()
