"""Data safety in the window: backups ("Säkerhetskopiera nu", the daily one at start),
"Återställ…", the backup folder, and watching the open file (lock heartbeat, deleted or
replaced file: the window then turns read-only under a bar that says why and offers to
open the file again, or to save a copy of a vanished one). Plus the dialogs app.py shows when a database cannot be opened for
writing (locked, read-only folder) or is damaged (offer the latest good backup).

The main window calls `install_safety_actions(window, ctx)` once; everything else hangs
off the returned SafetyController. The work itself is in services.backups; this module
only asks and tells."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import SQLModel

from tryggapp import APP_NAME, crashlog
from tryggapp.errors import UserError
from tryggapp.formatting import datetime_short
from tryggapp.i18n import _
from tryggapp.services import backups
from tryggapp.storage import open_database
from tryggapp.storage.database import DatabaseReplaced
from tryggapp.storage.errors import DatabaseError
from tryggapp.storage.lock import HEARTBEAT_INTERVAL, LockLost
from tryggapp.ui.context import AppContext
from tryggapp.ui.widgets import style

log = logging.getLogger(__name__)

# A stat() of the file: cheap, so often enough that few edits go to a vanished file.
IDENTITY_CHECK_MS = 10_000
HEARTBEAT_MS = int(HEARTBEAT_INTERVAL.total_seconds() * 1000)


# --- dialogs app.py uses while opening ------------------------------------------------


def ask_locked(exc: UserError, parent: QWidget | None = None) -> Literal["read_only", "cancel"]:
    """The database is open elsewhere (DatabaseLocked) or cannot be written here
    (DatabaseReadOnly): offer to open it read-only, or cancel."""
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, exc.message, parent=parent)
    box.setInformativeText(_("In read-only mode you can look at everything and make reports, "
                             "but not change anything."))
    read_only = box.addButton(_("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.exec()
    return "read_only" if box.clickedButton() is read_only else "cancel"


def offer_latest_backup(exc: UserError, db_path: Path, parent: QWidget | None = None) -> bool:
    """The database is damaged (CorruptDatabase): offer the newest backup that passes its
    checks. Returns True when it was restored and the caller should open `db_path` again."""
    found = backups.latest_backup(db_path)
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, exc.message, parent=parent)
    if found is not None:
        box.setInformativeText(_("The latest usable backup is from {when}:\n{path}\n\nRestore it? The damaged "
                                 "file is kept as a copy beside the backups.").format(
            when=datetime_short(found.taken_at), path=found.path))
        restore = box.addButton(_("Restore backup"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(restore)
    else:
        # No backup is known to be this database's. A backup with the same file name may
        # be another database's (two tryggapp.db can share a folder): show it as a choice
        # the user reads and makes, with Cancel as the default, never Restore.
        found = backups.possible_backup(db_path)
        if found is None:
            QMessageBox.warning(parent, APP_NAME, exc.message + "\n\n" + _("No usable backup was found."))
            return False
        box.setInformativeText(_("No backup could be confirmed to be of this database. There is a backup with "
                                 "the same file name from {when}:\n{path}\n\nIt may belong to another database "
                                 "with the same name. Restore it only if you know it is this one.").format(
            when=datetime_short(found.taken_at), path=found.path))
        restore = box.addButton(_("Restore this backup"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    try:
        backups.restore_backup(db_path, found.path)
    except UserError as err:
        QMessageBox.warning(parent, APP_NAME, err.message)
        return False
    return True


# --- in the running window --------------------------------------------------------------


class ReadOnlyBar(QFrame):
    """Across the top of the window while it cannot write: what happened, what it means,
    and what to do (open the file again; save a copy of a file that vanished)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBar")
        self.setStyleSheet(f"#readOnlyBar {{ background: {style.WARNING_SOFT}; "
                           f"border-bottom: 1px solid {style.WARNING}; }}")
        self.setAccessibleName(_("Read-only"))
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 16, 10)
        row.setSpacing(12)
        pic = QLabel(self)
        pic.setPixmap(style.icon("mdi6.lock-alert-outline", style.WARNING).pixmap(24, 24))
        self.title = QLabel(_("Read-only: changes can no longer be saved"), self)
        style.set_point_size(self.title, 0.5, bold=True)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.title)
        texts.addWidget(self.text)
        self.copy_button = QPushButton(_("Save a copy…"), self)
        self.reopen_button = QPushButton(_("Open again"), self)
        self.reopen_button.setToolTip(_("Open the database again for changes, if nobody else has it open"))
        row.addWidget(pic, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(texts, 1)
        row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.reopen_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_reason(self, reason: DatabaseError) -> None:
        self.text.setText(reason.message)
        # A vanished or replaced file: what the window shows exists only in the open
        # connection, so offer to keep it. After a takeover the data is safe in the file.
        self.copy_button.setVisible(isinstance(reason, DatabaseReplaced))
        self.show()


def _add_bar(window: QMainWindow, bar: ReadOnlyBar) -> None:
    """Put the bar above the window's content (below the menu bar)."""
    content = window.takeCentralWidget()
    holder = QWidget(window)
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(bar)
    if content is not None:
        column.addWidget(content, 1)
    else:
        column.addStretch(1)
    window.setCentralWidget(holder)


class SafetyController(QObject):
    """Backup/restore actions and file watching for one window. `threaded=False` runs the
    backups synchronously (tests)."""

    backup_finished = Signal(object, object)  # (Path | None, error message | None), from a worker

    def __init__(self, window: QMainWindow, ctx: AppContext, *, threaded: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.threaded = threaded
        self._busy = False
        self._warned = False  # the file problem is reported once, not every 10 s

        self.backup_action = QAction(_("&Back up now"), window)
        self.backup_action.setStatusTip(_("Make a backup of the database now"))
        self.backup_action.triggered.connect(self.backup_now)
        self.restore_action = QAction(_("&Restore…"), window)
        self.restore_action.setStatusTip(_("Replace the database with a backup"))
        self.restore_action.triggered.connect(self.restore)
        self.folder_action = QAction(_("Backup &folder…"), window)
        self.folder_action.setStatusTip(_("Choose where backups are kept"))
        self.folder_action.triggered.connect(self.choose_folder)
        self.backup_finished.connect(self._on_backup_finished)

        self.identity_timer = QTimer(self)
        self.identity_timer.setInterval(IDENTITY_CHECK_MS)
        self.identity_timer.timeout.connect(self.check_file)
        self.heartbeat_timer = QTimer(self)
        self.heartbeat_timer.setInterval(HEARTBEAT_MS)
        self.heartbeat_timer.timeout.connect(self.heartbeat)
        self.identity_timer.start()
        self.heartbeat_timer.start()
        self.bar = ReadOnlyBar(window)
        self.bar.reopen_button.clicked.connect(self.reopen)
        self.bar.copy_button.clicked.connect(lambda: self.save_copy())
        self._copy_saved = False  # of a vanished file, since it vanished
        # Queued: it may come from inside a save (ui.commands).
        ctx.changes.writable_changed.connect(self._writable_changed, Qt.ConnectionType.QueuedConnection)
        window.installEventFilter(self)
        self.update_actions()

    def update_actions(self) -> None:
        writable = not self.ctx.db.read_only
        self.restore_action.setEnabled(writable)
        self.folder_action.setEnabled(writable)

    def _status(self, text: str, ms: int = 8000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # -- backups ---------------------------------------------------------------------
    def _run_backup(self, work: Callable[[], Path | None]) -> None:
        if self._busy:
            return
        self._busy = True
        self.backup_action.setEnabled(False)

        def finished(path: Path | None, error: str | None) -> None:
            try:
                self.backup_finished.emit(path, error)
            except RuntimeError:
                # The window closed (the program quit) while the backup ran: nobody is left
                # to tell. The backup is whole or absent (written aside, then renamed).
                log.info("backup ended after its window closed: %s", path or error)

        def run() -> None:
            try:
                result = work()
            except UserError as exc:
                finished(None, exc.message)
            except Exception as exc:  # a bug: logged with its traceback, reported with the log's path
                finished(None, crashlog.report(exc, "backup"))
            else:
                finished(result, None)

        if self.threaded:
            # The backup API reads through its own connection: the window stays usable.
            threading.Thread(target=run, name="tryggapp-backup", daemon=True).start()
        else:
            run()

    def start_daily_backup(self) -> None:
        """The first start of the day makes a backup (no-op for read-only databases). If
        it cannot be made (the folder is not writable) the user is told, not left without
        backups in silence."""
        if self.ctx.db.read_only:
            return
        db, today = self.ctx.db, self.ctx.today()

        def daily() -> Path | None:
            try:
                return backups.ensure_daily_backup(db, today)
            except UserError as exc:
                raise UserError(_("Today's automatic backup was not made. {reason}").format(
                    reason=exc.message)) from exc

        self._run_backup(daily)

    def backup_now(self) -> None:
        db = self.ctx.db
        self._status(_("Backing up…"), 0)
        self._run_backup(lambda: backups.backup_now(db, backups.MANUAL))

    def _on_backup_finished(self, path: Path | None, error: str | None) -> None:
        self._busy = False
        self.backup_action.setEnabled(True)
        if error:
            self.window.statusBar().clearMessage()
            QMessageBox.warning(self.window, APP_NAME, error)
        elif path is not None:
            text = _("Backup saved: {path}").format(path=path)
            if self.ctx.db.copy_of_identity is not None:
                # Said once, with the first backup that is the copy's own.
                text = " ".join((_("This file is a copy of another database and now keeps backups of "
                                   "its own."), text))
            self._status(text, 15000)
        else:
            self.window.statusBar().clearMessage()

    def choose_folder(self) -> None:
        current = backups.backup_dir_for(self.ctx.db)
        chosen = QFileDialog.getExistingDirectory(self.window, _("Folder for backups"), str(current))
        if not chosen:
            return
        try:
            folder = backups.set_backup_dir(self.ctx.db, Path(chosen))
        except UserError as exc:
            QMessageBox.warning(self.window, APP_NAME, exc.message)
            return
        self.ctx.changes.emit_tables("municipality")
        self._status(_("Backups are now kept in {path}").format(path=folder))

    # -- restore ---------------------------------------------------------------------
    def restore(self) -> None:
        if self.ctx.db.read_only:
            return
        folder = backups.backup_dir_for(self.ctx.db)
        chosen, _filter = QFileDialog.getOpenFileName(
            self.window, _("Restore backup"), str(folder),
            _("Tryggapp backup (*.db *.dump);;All files (*)"))
        if not chosen:
            return
        backup = Path(chosen)
        try:
            backups.verify_backup(backup)
        except UserError as exc:
            QMessageBox.warning(self.window, APP_NAME, exc.message)
            return
        parsed = [b for b in backups.list_backups(self.ctx.db.path, backup.parent) if b.path == backup]
        when = datetime_short(parsed[0].taken_at) if parsed else backup.name
        question = _("Replace the database with the backup from {when}?\n\nEverything changed since then is "
                     "replaced. The current database is backed up first, so nothing is lost for good.").format(
            when=when)
        if backups.belongs_to(backups.identity_of(self.ctx.db), backup) == "other":
            question = _("This is a backup of another database, not of the one that is open.") + "\n\n" + question
        answer = QMessageBox.question(
            self.window, _("Restore backup"), question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.restore_from(backup)

    def restore_from(self, backup: Path) -> backups.RestoreResult | None:
        """Close the database, restore `backup` over it, open it again and tell every view."""
        old = self.ctx.db
        path, folder = old.path, backups.backup_dir_for(old)
        old.close()  # the restore needs the lock and no open connections
        result: backups.RestoreResult | None = None
        error: UserError | None = None
        try:
            result = backups.restore_backup(path, backup, backup_dir=folder)
        except UserError as exc:
            error = exc
        try:
            self.ctx.db = open_database(path)
        except UserError as exc:
            QMessageBox.critical(self.window, APP_NAME, exc.message)
            self.window.close()
            return None
        self._warned = False
        self.ctx.undo_stack.clear()  # undo steps refer to the data as it was
        self.ctx.changes.emit_tables(*SQLModel.metadata.tables)
        self.update_actions()
        if error is not None:
            QMessageBox.warning(self.window, APP_NAME, error.message)
        elif result is not None:
            note = _("The database was restored from {backup}.").format(backup=result.restored_from.name)
            if result.previous_copy:
                note += " " + _("The previous file was saved as {copy}.").format(copy=result.previous_copy)
            self._status(note, 15000)
        return result

    # -- watching the file -----------------------------------------------------------
    def check_file(self) -> None:
        """Is the file still the one we opened (deleted, moved, replaced)? Also notices
        a loss that a save found first (Database.session checks after a sleep)."""
        if self._warned:
            return
        db = self.ctx.db
        if db.lost is None:
            try:
                db.check_file_identity()
            except DatabaseReplaced as exc:
                db.demote(exc)
        if db.lost is not None:
            self.stop_writing()

    def heartbeat(self) -> None:
        if self._warned:
            return
        db = self.ctx.db
        try:
            db.heartbeat()
        except LockLost as exc:
            db.demote(exc)
        except OSError as exc:  # a share that went away for a moment: try again next time
            log.warning("Lock heartbeat failed: %s", exc)
        if db.lost is not None:
            self.stop_writing()

    def _writable_changed(self, writable: bool) -> None:
        if not writable and self.ctx.db.lost is not None:
            self.stop_writing()

    def stop_writing(self) -> None:
        """The database was demoted (Database.lost says why): show the bar and turn the
        window read-only. Once; `reopen` undoes it."""
        reason = self.ctx.db.lost
        if self._warned or reason is None:
            return
        self._warned = True
        self._copy_saved = False
        log.warning("Writing stopped: %s", reason.message)
        self.identity_timer.stop()
        self.heartbeat_timer.stop()
        self.bar.show_reason(reason)
        self.update_actions()
        self.ctx.changes.writable_changed.emit(False)

    def reopen(self) -> bool:
        """Open the file again for writing: takes the lock if it is free (else says who
        has it) and opens whatever file is now at the path. The undo history goes: the
        data may have been changed in between."""
        old = self.ctx.db
        try:
            new = open_database(old.path)
        except UserError as exc:
            QMessageBox.warning(self.window, APP_NAME, exc.message)
            return False
        self.ctx.db = new
        old.close()
        self._warned = False
        self.bar.hide()
        self.ctx.undo_stack.clear()
        self.identity_timer.start()
        self.heartbeat_timer.start()
        self.update_actions()
        self.ctx.changes.writable_changed.emit(True)
        self.ctx.changes.emit_tables(*SQLModel.metadata.tables)
        self._status(_("The database is open for changes again."))
        return True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """Closing the window after the file vanished loses what it shows, unless a copy
        was saved: ask first."""
        if (obj is self.window and event.type() == QEvent.Type.Close and self._warned
                and isinstance(self.ctx.db.lost, DatabaseReplaced) and self.ctx.db.lost.deleted
                and not self._copy_saved):
            box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME,
                              _("The database file has vanished: what this window shows is lost when "
                                "Tryggapp closes. Save a copy first?"), parent=self.window)
            save = box.addButton(_("Save a copy…"), QMessageBox.ButtonRole.AcceptRole)
            discard = box.addButton(_("Close without saving"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(save)
            box.exec()
            clicked = box.clickedButton()
            if clicked is discard or (clicked is save and self.save_copy() is not None):
                return False
            event.ignore()
            return True
        return super().eventFilter(obj, event)

    def save_copy(self, dest: Path | None = None) -> Path | None:
        if dest is None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
            suggestion = self.ctx.db.path.with_name(f"{self.ctx.db.path.stem}-räddad-{stamp}.db")
            chosen, _filter = QFileDialog.getSaveFileName(
                self.window, _("Save a copy"), str(suggestion), _("Tryggapp database (*.db)"))
            if not chosen:
                return None
            dest = Path(chosen)
        try:
            saved = self.ctx.db.save_copy(dest)
        except UserError as exc:
            QMessageBox.warning(self.window, APP_NAME, exc.message)
            return None
        self._copy_saved = True
        QMessageBox.information(self.window, APP_NAME, _("A copy was saved as {path}. Open it with "
                                                         "Tryggapp to go on working.").format(path=saved))
        return saved


def _file_menu(window: QMainWindow) -> QMenu:
    menu = getattr(window, "menu_file", None)
    if isinstance(menu, QMenu):
        return menu
    return window.menuBar().addMenu(_("&File"))


def install_safety_actions(window: QMainWindow, ctx: AppContext, *, threaded: bool = True,
                           daily_backup: bool = True) -> SafetyController:
    """Add "Back up now", "Restore…" and "Backup folder…" to the window's File menu
    (above Quit), start the lock heartbeat and the file check, and make today's backup
    if it is the first start of the day (in the background, after the window shows)."""
    controller = SafetyController(window, ctx, threaded=threaded)
    menu = _file_menu(window)
    actions = menu.actions()
    # Above the separator that precedes Quit, if the menu ends that way.
    before = actions[-2] if len(actions) >= 2 and actions[-2].isSeparator() else None
    for action in (controller.backup_action, controller.restore_action, controller.folder_action):
        menu.insertAction(before, action)  # type: ignore[arg-type]
    if before is not None:
        menu.insertSeparator(before)
    window.safety = controller  # type: ignore[attr-defined]  # keep it alive with the window
    _add_bar(window, controller.bar)
    app = QApplication.instance()
    if app is not None:
        # Close whichever Database is current at exit (a restore replaces ctx.db), so
        # the lock file goes with it. Closing twice is harmless.
        app.aboutToQuit.connect(lambda: ctx.db.close())
    if daily_backup:
        if threaded:
            QTimer.singleShot(0, controller.start_daily_backup)
        else:
            controller.start_daily_backup()
    return controller
