"""Start-up of the window: Qt application, Swedish translations, the database (first
start: offer an empty or a demo database), error handling, then the main window."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import logging
import logging.handlers
import os
import sys
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from tryggapp import APP_NAME, ORG_NAME, __version__, crashlog
from tryggapp.errors import UserError
from tryggapp.i18n import _, current_language, missing_catalog
from tryggapp.paths import (
    PrivateRotatingFileHandler,
    data_dir,
    default_database_path,
    is_server_text,
    log_dir,
    private_dir,
    resource,
)
from tryggapp.ui.context import AppContext, Changes
from tryggapp.ui.first_start import NewMunicipality, ask_municipality, demo_path_for, first_start
from tryggapp.ui.style import STYLESHEET, apply_palette

# The database stack (SQLAlchemy, SQLModel, the domain's tables, ui.safety) is imported
# where it is used, after the window is shown (issue 16: "show the window, then fill it";
# tests/ui/test_startup_imports.py checks it).
if TYPE_CHECKING:
    from tryggapp.storage import Database

log = logging.getLogger("tryggapp")


def setup_logging() -> Path:
    private_dir(data_dir(), tighten=True)  # older versions made it 0755
    folder = private_dir(log_dir(), tighten=True)
    path = folder / "tryggapp.log"
    handler = PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    return path


def install_excepthook(log_path: Path) -> None:
    """A bug is logged with its traceback and shown as an unexpected error, never as a raw
    traceback in a dialog (STYLE.md: two kinds of error). crashlog writes it to `log_path`
    (the same file as the log handler) even if that handler could not be set up."""

    def hook(exc_type, exc, tb) -> None:  # noqa: ANN001
        if isinstance(exc, UserError):
            QMessageBox.warning(None, APP_NAME, exc.message)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        QMessageBox.critical(None, APP_NAME, crashlog.report(exc, "window"))

    sys.excepthook = hook


def load_qt_translations(app: QApplication) -> None:
    """Qt's own strings (buttons of standard dialogs) in Swedish."""
    if current_language() != "sv":
        return
    QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    translator = QTranslator(app)
    if translator.load("qtbase_sv", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    app._qt_translator = translator  # keep a reference for the app's lifetime


def make_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")
    apply_palette(app)
    app.setStyleSheet(STYLESHEET)
    app.setWindowIcon(QIcon(str(resource("icons", "tryggapp.png"))))
    load_qt_translations(app)
    return app


class _QuitAfterFirstPaint(QObject):
    """`--smoke-test`: quit once the main window has painted itself (the frozen build's
    check that the whole window starts, not only the interpreter)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)  # after this paint has finished
        return False


def create_database(path: Path, *, demo: bool, today: dt.date,
                    municipality: NewMunicipality | None = None) -> Database:
    from tryggapp.storage import open_database

    db = open_database(path, create=True)
    if demo:
        from tryggapp.services.demo import populate

        populate(db, today=today)
    elif municipality:
        from tryggapp.domain import Municipality
        from tryggapp.services import crud

        crud.create(db, Municipality(name=municipality.name, logo=municipality.logo,
                                     logo_mime=municipality.logo_mime))
    return db


def open_with_dialogs(path: Path, *, read_only: bool, today: dt.date,
                      parent: QWidget | None = None) -> Database | None:
    """Open `path`, asking the user what to do when it is missing, locked or unusable
    (the dialogs over `parent`: the window's shell at start-up)."""
    from tryggapp.storage import open_database
    from tryggapp.storage.errors import CorruptDatabase, DatabaseReadOnly, EmptyDatabaseFile
    from tryggapp.storage.lock import DatabaseLocked
    from tryggapp.ui import safety

    empty = False  # a zero-byte file: offered like a missing one, created only if chosen
    while True:
        try:
            if (empty or not path.exists()) and not read_only:
                empty = False
                choice = first_start(path, parent=parent)
                if choice == "cancel":
                    return None
                if choice == "open":
                    chosen, _filter = QFileDialog.getOpenFileName(
                        parent, _("Open database"), str(path.parent), _("Tryggapp database (*.db);;All files (*)"))
                    if not chosen:
                        continue
                    path = Path(chosen)
                    continue
                if choice == "demo":
                    # Its own file beside the user's, never the user's own (issue 11).
                    demo = demo_path_for(path)
                    if demo.exists():
                        path = demo
                        continue
                    return create_database(demo, demo=True, today=today)
                municipality = ask_municipality(parent=parent)
                if municipality is None:
                    continue
                return create_database(path, demo=False, today=today, municipality=municipality)
            return open_database(path, read_only=read_only)
        except EmptyDatabaseFile as exc:
            if read_only:
                QMessageBox.warning(parent, APP_NAME, exc.message)
                return None
            empty = True
        except (DatabaseLocked, DatabaseReadOnly) as exc:
            # Open elsewhere, or not writable here: offer read-only (once; a read-only open
            # of a file that needs migrating raises DatabaseReadOnly again).
            if not read_only and safety.ask_locked(exc, parent) == "read_only":
                read_only = True
                continue
            if read_only:
                QMessageBox.warning(parent, APP_NAME, exc.message)
            return None
        except CorruptDatabase as exc:
            if safety.offer_latest_backup(exc, path, parent):
                continue  # restored: open it again
            return None
        except UserError as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, exc.message, parent=parent)
            other = box.addButton(_("Open other file…"), QMessageBox.ButtonRole.ActionRole)
            box.addButton(QMessageBox.StandardButton.Close)
            box.exec()
            if box.clickedButton() is not other:
                return None
            chosen, _filter = QFileDialog.getOpenFileName(
                parent, _("Open database"), str(path.parent), _("Tryggapp database (*.db);;All files (*)"))
            if not chosen:
                return None
            path = Path(chosen)


def apply_language_setting() -> None:
    """The language chosen in Inställningar (applies from the start after the choice);
    $TRYGGAPP_LANG still wins (tests, support)."""
    import os

    from tryggapp import i18n
    from tryggapp.ui import settings

    if os.environ.get("TRYGGAPP_LANG"):
        return
    language = settings.LANGUAGE.get(settings.store())
    if language in ("sv", "en") and language != current_language():
        i18n.install(language)


def start_path() -> Path:
    """Without --db: the file used last (the user's choice, say a file on a shared drive, or
    the demo they went back to) if it is still there, else the default file."""
    from tryggapp.storage.location import database_location  # the window's shell first
    from tryggapp.ui import settings

    last = settings.LAST_DATABASE.get(settings.store())
    if last and is_server_text(last):  # a team database used last: connect to it again
        return database_location(last)
    if last and Path(last).is_file():
        return Path(last)
    env = os.environ.get("TRYGGAPP_DB", "")
    if is_server_text(env):  # TRYGGAPP_DB=postgresql://… (Path() would fold its "//")
        return database_location(env)
    return default_database_path()


def build_context(db: Database, today=dt.date.today) -> AppContext:  # noqa: ANN001
    from tryggapp.ui.commands import UndoStack

    stack = UndoStack()
    ctx = AppContext(db=db, undo_stack=stack, changes=Changes(), today=today)
    # Looked up at call time: the main window sets ctx.report_error after this. Through a
    # weak reference: the stack must not keep its context alive in a cycle (the window
    # owns the stack, see AppContext.give_to).
    context = weakref.ref(ctx)

    def report(exc: BaseException) -> None:
        if (alive := context()) is not None:
            alive.report_error(exc)

    stack.report = report
    return ctx


def run_app(options: argparse.Namespace) -> int:
    # No cyclic garbage collection until the first section is filled: the start makes
    # hundreds of thousands of objects that live as long as the program (modules, classes,
    # SQLAlchemy's mappers), and each collection would walk them all again.
    gc.disable()
    try:
        return _run_app(options)
    finally:
        gc.enable()


def _run_app(options: argparse.Namespace) -> int:
    log_path = setup_logging()
    apply_language_setting()
    app = make_application(getattr(options, "qt_args", []))
    if problem := missing_catalog():  # never a silent switch to English (issue 15)
        QMessageBox.critical(None, APP_NAME, problem)
        return 78
    install_excepthook(log_path)
    from tryggapp.ui.main_window import MainWindow

    # Show the window, then fill it (issue 16): its shell (sidebar, menus, "Opening the
    # database…") is shown and painted before the database stack is imported, which is
    # most of the start's time. The database then opens with the window on screen (its
    # questions and refusals over it), and the first section fills without a click.
    window = MainWindow(None)
    window.show()
    app.processEvents()
    path = options.db or start_path()  # --db's type made it a file path or a server address
    db = open_with_dialogs(path, read_only=bool(getattr(options, "read_only", False)),
                           today=dt.date.today(), parent=window)
    if db is None:
        window.close()
        return 1
    from tryggapp.ui import database_files, safety

    database_files.remember(db.path)
    ctx = build_context(db)
    window.attach(ctx, fill=False)
    safety.install_safety_actions(window, ctx)
    database_files.install(window, ctx)
    window.fill()
    gc.enable()  # the window is filled: the session runs with the collector on
    if getattr(options, "smoke_test", False):
        # The paint that shows the filled window, not the shell's first one.
        window._smoke_filter = _QuitAfterFirstPaint(window)
        window.installEventFilter(window._smoke_filter)
        window.update()
    try:
        return app.exec()
    finally:
        # "Återställ…" may have swapped in a new Database: close the current one.
        ctx.db.close()
