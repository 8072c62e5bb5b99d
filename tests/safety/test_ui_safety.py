"""The window side of data safety, offscreen: the File menu's backup/restore actions, the
daily backup, watching the file, the open-time dialogs, and the change log section."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QPushButton

from tests.safety.conftest import all_rows, foreign_lock
from tryggapp import domain as d
from tryggapp.services import backups, crud
from tryggapp.storage import open_database
from tryggapp.storage.errors import CorruptDatabase
from tryggapp.storage.lock import DatabaseLocked, lock_path
from tryggapp.ui import safety
from tryggapp.ui.context import AppContext, Changes

TODAY = dt.date(2026, 11, 25)


def click_in_next_dialog(text: str) -> None:
    """Press the button labelled `text` in the next modal dialog once it is shown."""

    def press() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, press)
            return
        # Qt's own standard buttons are in Swedish only when the app loads qtbase_sv.
        wanted = {text, "Cancel"} if text == "Avbryt" else {text}
        for button in dialog.findChildren(QPushButton):
            if button.text().replace("&", "") in wanted:
                button.click()
                return
        names = [b.text() for b in dialog.findChildren(QPushButton)]
        dialog.close()  # never leave the test hanging in exec()
        raise AssertionError(f"no button {text!r} in {names}")

    QTimer.singleShot(0, press)


@pytest.fixture
def window(qtbot, filled_db):
    """A bare main window with the lead's File menu shape (… separator, Quit)."""
    win = QMainWindow()
    win.menu_file = win.menuBar().addMenu("&Arkiv")
    win.menu_file.addSeparator()
    win.menu_file.addAction(QAction("Avsluta", win))
    qtbot.addWidget(win)
    ctx = AppContext(db=filled_db, undo_stack=QUndoStack(), changes=Changes(), today=lambda: TODAY)
    ctx.give_to(win)  # Qt deletes the undo stack with the window (docs/KNOWN_ISSUES.md)
    win.ctx = ctx
    yield win
    ctx.db.close()


def test_file_menu_gets_backup_restore_and_folder_above_quit(window):
    controller = safety.install_safety_actions(window, window.ctx, threaded=False)
    texts = [a.text().replace("&", "") for a in window.menu_file.actions()]
    assert texts == ["Säkerhetskopiera nu", "Återställ…", "Mapp för säkerhetskopior…", "", "", "Avsluta"]
    assert controller.identity_timer.isActive() and controller.heartbeat_timer.isActive()
    # The first start of the day made today's backup.
    made = backups.list_backups(window.ctx.db.path)
    assert len(made) == 1 and made[0].reason == "daglig"


def test_back_up_now_from_the_menu(window, qtbot):
    controller = safety.install_safety_actions(window, window.ctx, daily_backup=False)
    with qtbot.waitSignal(controller.backup_finished, timeout=10_000):
        controller.backup_action.trigger()  # runs in a worker thread
    made = backups.list_backups(window.ctx.db.path)
    assert [b.reason for b in made] == ["manuell"]
    assert "Säkerhetskopian sparades" in window.statusBar().currentMessage()


def test_restore_replaces_the_open_database_and_tells_every_view(window, qtbot):
    controller = safety.install_safety_actions(window, window.ctx, threaded=False, daily_backup=False)
    ctx = window.ctx
    backup = backups.backup_now(ctx.db)
    before = all_rows(ctx.db.path)
    crud.update(ctx.db, d.Person, ctx.db.ids["person"], {"name": "Ändrad efteråt"})
    old_db = ctx.db
    with qtbot.waitSignal(ctx.changes.changed) as changed:
        result = controller.restore_from(backup)
    assert result is not None and result.previous_copy is not None
    assert ctx.db is not old_db and {"person", "measure", "audit_entry"} <= changed.args[0]
    assert crud.get(ctx.db, d.Person, old_db.ids["person"]).name == "Örjan Åkesson"
    restored = all_rows(ctx.db.path)
    assert {t: r for t, r in restored.items() if t != "audit_entry"} == {
        t: r for t, r in before.items() if t != "audit_entry"}
    assert lock_path(ctx.db.path).exists()  # open for writing again
    assert "återställdes" in window.statusBar().currentMessage()


@pytest.mark.skipif(os.name == "nt", reason="Windows does not let an open file be deleted")
def test_deleted_file_is_reported_once_and_a_copy_can_be_saved(window, tmp_path, monkeypatch):
    controller = safety.install_safety_actions(window, window.ctx, threaded=False, daily_backup=False)
    switched = []
    window.ctx.changes.writable_changed.connect(switched.append)
    controller.check_file()
    assert controller.bar.isHidden() and switched == []
    before = all_rows(window.ctx.db.path)
    os.unlink(window.ctx.db.path)
    controller.check_file()
    controller.check_file()
    assert window.ctx.db.lost.deleted and window.ctx.db.read_only
    assert switched == [False]  # once, not every 10 s
    assert not controller.identity_timer.isActive()
    assert "har tagits bort eller flyttats" in controller.bar.text.text()
    assert not controller.bar.copy_button.isHidden()
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    saved = controller.save_copy(tmp_path / "räddad.db")
    assert saved is not None and all_rows(saved) == before


def test_lost_lock_is_reported(window):
    controller = safety.install_safety_actions(window, window.ctx, threaded=False, daily_backup=False)
    lock_path(window.ctx.db.path).unlink()
    foreign_lock(window.ctx.db.path, host="DATOR-12", user="anna")
    controller.heartbeat()
    assert not controller.bar.isHidden() and "anna på DATOR-12" in controller.bar.text.text()
    assert controller.bar.copy_button.isHidden()  # the data is safe in the file
    assert not controller.heartbeat_timer.isActive() and not controller.restore_action.isEnabled()


def test_ask_locked_offers_read_only(qtbot, tmp_path):
    path = tmp_path / "delad.db"
    open_database(path, create=True).close()
    foreign_lock(path, host="DATOR-12", user="anna")
    with pytest.raises(DatabaseLocked) as info:
        open_database(path)
    click_in_next_dialog("Öppna skrivskyddad")
    assert safety.ask_locked(info.value) == "read_only"
    click_in_next_dialog("Avbryt")
    assert safety.ask_locked(info.value) == "cancel"


def test_offer_latest_backup_for_a_damaged_file(qtbot, filled_db):
    path = filled_db.path
    backups.backup_now(filled_db)
    before = all_rows(path)
    filled_db.close()
    data = bytearray(path.read_bytes())
    data[len(data) // 2:len(data) // 2 + 4096] = b"\xee" * 4096
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabase) as info:
        open_database(path)
    click_in_next_dialog("Återställ säkerhetskopian")
    assert safety.offer_latest_backup(info.value, path) is True
    assert all_rows(path) == before


# --- the change log section ------------------------------------------------------------


@pytest.fixture
def audit_section(qtbot, filled_db):
    from tryggapp.ui.sections.audit import AuditSection

    ctx = AppContext(db=filled_db, undo_stack=QUndoStack(), changes=Changes(), today=lambda: TODAY)
    section = AuditSection(ctx)
    ctx.give_to(section)
    qtbot.addWidget(section)
    section.show()
    section.refresh()
    return section


def test_change_log_section_lists_filters_and_is_read_only(audit_section):
    from PySide6.QtWidgets import QAbstractItemView

    db = audit_section.ctx.db
    assert audit_section.title() == "Ändringslogg" and audit_section.key == "audit"
    total = audit_section.pane.model.rowCount()
    assert total >= 20
    crud.update(db, d.Measure, db.ids["measure"], {"title": "Belysning, etapp två"})
    audit_section.ctx.changes.emit_tables("measure")  # what a command does after an edit
    assert audit_section.pane.model.rowCount() == total + 1
    first = audit_section.pane.model.rows[0]
    assert first["action"] == "Ändrad" and "etapp två" in first["changes"]

    audit_section.action_filter.setCurrentIndex(audit_section.action_filter.findData("update"))
    assert audit_section.pane.model.rowCount() == 1
    audit_section.action_filter.setCurrentIndex(0)
    audit_section.table_filter.setCurrentIndex(audit_section.table_filter.findData("observation_photo"))
    assert audit_section.pane.model.rowCount() == 3
    audit_section.table_filter.setCurrentIndex(0)
    audit_section.pane.search.setText("Samordningsgruppen")
    assert 0 < audit_section.pane.proxy.rowCount() < total
    audit_section.pane.search.clear()
    assert audit_section.pane.view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers


def test_change_log_section_shows_one_records_history(audit_section):
    db = audit_section.ctx.db
    crud.update(db, d.Person, db.ids["person"], {"phone": "0300-123 45"})
    assert audit_section.open_record("person", db.ids["person"]) is True
    rows = audit_section.pane.model.rows
    assert [r["action"] for r in rows] == ["Ändrad", "Skapad"]
    assert audit_section.show_all.isVisibleTo(audit_section)
    audit_section.pane.view.selectRow(0)
    html = audit_section.detail.toPlainText()
    assert "Telefon" in html and "0300-123 45" in html
    audit_section.clear_record()
    assert audit_section.pane.model.rowCount() > 2


def test_layers_keep_qt_out_of_the_safety_core():
    """storage/services safety modules must not import Qt (STYLE.md: core free of Qt)."""
    import ast

    root = Path(__file__).resolve().parents[2] / "src" / "tryggapp"
    for rel in ["storage/lock.py", "storage/audit.py", "storage/backup.py", "storage/rotation.py",
                "services/backups.py", "services/audit.py"]:
        tree = ast.parse((root / rel).read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not any(n.startswith(("PySide6", "qtawesome")) for n in names), rel
