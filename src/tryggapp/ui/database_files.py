"""Databases as files the user controls: Arkiv → Ny databas…, Öppna databas…, Senaste
databaser, and the switch itself.

Switching happens in the same process, as "Öppna igen" does after a lost lock: the new
file is opened first (its lock taken, its questions asked: locked elsewhere, damaged,
newer), and only then is the current one closed and its lock released. So a file that
cannot be opened leaves the window where it was. Text typed and not saved is asked about
first (widgets.unsaved.leave_ok); the undo history goes with the old file."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox
from sqlmodel import SQLModel

from tryggapp import APP_NAME
from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.paths import is_server_text
from tryggapp.storage import Database
from tryggapp.storage.location import database_location
from tryggapp.ui import settings
from tryggapp.ui.context import AppContext
from tryggapp.ui.widgets import unsaved

log = logging.getLogger(__name__)

MAX_RECENT = 8


# -- recently opened files -------------------------------------------------------------
def recent_paths() -> list[Path]:
    """Newest first; files that are gone are left out (they stay listed until then). Team
    databases (postgresql://, without any password) are listed as they are."""
    text = settings.RECENT_DATABASES.get(settings.store())
    return [database_location(line) for line in text.splitlines()
            if line.strip() and (is_server_text(line) or Path(line).is_file())]


def remember(path: Path) -> None:
    """`path` becomes the newest recent file and the one the next start opens."""
    path = path if is_server_text(path) else Path(path).resolve()
    store = settings.store()
    text = settings.RECENT_DATABASES.get(store)
    others = [line for line in text.splitlines() if line.strip() and line != str(path)]
    settings.RECENT_DATABASES.set(store, "\n".join([str(path), *others][:MAX_RECENT]))
    settings.LAST_DATABASE.set(store, str(path))


def is_demo(db: Database) -> bool:
    from tryggapp import domain as d
    from tryggapp.services import crud

    try:
        muni = crud.get(db, d.Municipality, 1)
    except UserError:
        return False
    return bool(muni is not None and muni.demo)


# -- the menu ----------------------------------------------------------------------------
class DatabaseFiles(QObject):
    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.new_action = QAction(_("&New database…"), window)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setStatusTip(_("Create an empty database for a municipality in a file of your choice"))
        self.new_action.triggered.connect(self.new_database)
        self.open_action = QAction(_("&Open database…"), window)
        self.open_action.setShortcut(QKeySequence("Ctrl+O"))
        self.open_action.setStatusTip(_("Open another database file (the current one is closed)"))
        self.open_action.triggered.connect(self.open_database)
        self.team_action = QAction(_("Connect to &team database…"), window)
        self.team_action.setStatusTip(_("Open a database on the municipality's PostgreSQL server, shared with "
                                        "colleagues"))
        self.team_action.triggered.connect(self.connect_team)
        self.demo_action = QAction(_("Open the &demo"), window)
        self.demo_action.setStatusTip(_("Open the fictional demo municipality in a file of its own"))
        self.demo_action.triggered.connect(self.open_demo)
        self.recent_menu = QMenu(_("&Recent databases"), window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = self.ctx.db.path.resolve()
        paths = [p for p in recent_paths() if p.resolve() != current]
        for number, path in enumerate(paths, start=1):
            where = getattr(path, "server", path.parent)  # a team database: its server
            action = self.recent_menu.addAction(f"&{number} {path.name} – {where}")
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.switch_to_path(p))
        if not paths:
            none = self.recent_menu.addAction(_("(no other files opened yet)"))
            none.setEnabled(False)

    # -- actions ---------------------------------------------------------------------
    def new_database(self) -> bool:
        from tryggapp.ui.app import create_database
        from tryggapp.ui.first_start import ask_municipality

        chosen, _filter = QFileDialog.getSaveFileName(
            self.window, _("New database"), str(self.ctx.db.path.parent / _("new-database.db")), _("Tryggapp database (*.db);;All files (*)"))
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix == "":
            path = path.with_suffix(".db")
        if path.exists():
            # Never write over a file: a database is made only where there was none.
            QMessageBox.warning(self.window, APP_NAME, _(
                "{path} already exists. A new database is only made where there is no file: "
                "choose another name, or open the file with Öppna databas.").format(path=path))
            return False
        municipality = ask_municipality(self.window)
        if municipality is None:
            return False
        return self._switch(lambda: create_database(path, demo=False, today=self.ctx.today(),
                                                    municipality=municipality))

    def open_database(self) -> bool:
        chosen, _filter = QFileDialog.getOpenFileName(
            self.window, _("Open database"), str(self.ctx.db.path.parent), _("Tryggapp database (*.db);;All files (*)"))
        if not chosen:
            return False
        return self.switch_to_path(Path(chosen))

    def connect_team(self) -> bool:
        from tryggapp.ui.team_database import TeamDatabaseDialog

        dialog = TeamDatabaseDialog(self.window)
        if dialog.exec() != TeamDatabaseDialog.DialogCode.Accepted:
            return False
        try:
            location = database_location(dialog.url())
        except UserError as exc:
            QMessageBox.warning(self.window, APP_NAME, exc.message)
            return False
        password = dialog.password_text()
        if not password:
            return self.switch_to_path(location)
        from tryggapp.storage import credentials

        credentials.use_for_session(location, password)  # memory only, for this run
        if not self.switch_to_path(location):
            credentials.forget_for_session(location)  # perhaps mistyped: not kept
            return False
        if dialog.wants_saved():  # only a password the server took
            try:
                credentials.save(location, password)
            except UserError as exc:
                QMessageBox.warning(self.window, APP_NAME, exc.message)
        return True

    def open_demo(self) -> bool:
        from tryggapp.paths import data_dir
        from tryggapp.ui.app import create_database
        from tryggapp.ui.first_start import DEMO_FILE_NAME

        path = data_dir() / DEMO_FILE_NAME
        if path.exists():
            return self.switch_to_path(path)
        return self._switch(lambda: create_database(path, demo=True, today=self.ctx.today()))

    def switch_to_path(self, path: Path) -> bool:
        from tryggapp.ui.app import open_with_dialogs

        if path.resolve() == self.ctx.db.path.resolve():
            self.window.statusBar().showMessage(_("{name} is already open.").format(name=path.name), 5000)
            return False
        return self._switch(lambda: open_with_dialogs(path, read_only=False, today=self.ctx.today()))

    # -- the switch ------------------------------------------------------------------
    def _switch(self, open_new) -> bool:  # noqa: ANN001
        if not self.ctx.db.read_only and not unsaved.leave_ok(
                self.window, unsaved.forms_in(self.window), unsaved.drafts_in(self.window)):
            return False
        try:
            new = open_new()
        except UserError as exc:
            QMessageBox.warning(self.window, APP_NAME, exc.message)
            return False
        if new is None:
            return False
        self.replace_database(new)
        return True

    def replace_database(self, new: Database) -> None:
        old = self.ctx.db
        self.ctx.db = new
        old.close()  # its lock is released only now that the new file is open
        remember(new.path)
        self.ctx.undo_stack.clear()
        controller = getattr(self.window, "safety", None)
        if controller is not None:
            controller._warned = False
            controller.bar.hide()
            controller.update_actions()
            QTimer.singleShot(0, controller.start_daily_backup)
        rebuild = getattr(self.window, "database_replaced", None)
        if callable(rebuild):
            rebuild()
        self.ctx.changes.emit_tables(*SQLModel.metadata.tables)
        log.info("Switched to %s", new.path)
        self.window.statusBar().showMessage(_("Opened {path}").format(path=new.path), 8000)


def install(window: QMainWindow, ctx: AppContext) -> DatabaseFiles:
    """Put Ny databas…, Öppna databas…, Öppna demon and Senaste databaser at the top of
    the window's Arkiv menu."""
    files = DatabaseFiles(window, ctx)
    menu = getattr(window, "menu_file", None) or window.menuBar().addMenu(_("&File"))
    first = menu.actions()[0] if menu.actions() else None
    for action in (files.new_action, files.open_action, files.team_action):
        menu.insertAction(first, action)  # type: ignore[arg-type]
    menu.insertMenu(first, files.recent_menu)  # type: ignore[arg-type]
    menu.insertAction(first, files.demo_action)  # type: ignore[arg-type]
    if first is not None:
        menu.insertSeparator(first)
    # Inställningar… last before Avsluta, below the backup actions ui.safety put in.
    settings_action = getattr(window, "settings_action", None)
    actions = menu.actions()
    if settings_action in actions and len(actions) >= 2 and actions[-2].isSeparator():
        menu.removeAction(settings_action)
        menu.insertAction(actions[-2], settings_action)
        menu.insertSeparator(settings_action)
    window.database_files = files  # type: ignore[attr-defined]  # kept alive with the window
    return files

