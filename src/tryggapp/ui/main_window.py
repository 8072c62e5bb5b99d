"""The main window: navigation sidebar, the sections in a stack, menus, status bar."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from tryggapp import APP_NAME, crashlog
from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.ui import panes, settings
from tryggapp.ui.context import AppContext
from tryggapp.ui.icons import icon
from tryggapp.ui.sections.base import Section
from tryggapp.ui.widgets.style import MUTED

log = logging.getLogger(__name__)

@dataclass(frozen=True, slots=True)
class SectionEntry:
    """A sidebar entry: what the sidebar and the View menu show, and where the section's
    class lives. The module is imported only when the section is first shown, so start-up
    pays for one section, not nine (tests/ui/test_section_registry.py checks that key, icon
    and title agree with the class)."""

    key: str
    module: str
    cls: str
    icon: str
    title: Callable[[], str]

    def load(self) -> type[Section]:
        return getattr(importlib.import_module(self.module), self.cls)


# In sidebar order. Each section owns one part of the coordinator's work.
SECTIONS: list[SectionEntry] = [
    SectionEntry("overview", "tryggapp.ui.sections.overview", "OverviewSection",
                 "mdi6.view-dashboard-outline", lambda: _("Overview")),
    SectionEntry("programme", "tryggapp.ui.sections.programme", "ProgrammeSection",
                 "mdi6.book-open-page-variant-outline", lambda: _("Action programme")),
    SectionEntry("plan", "tryggapp.ui.sections.plan", "PlanSection",
                 "mdi6.clipboard-list-outline", lambda: _("Action plan")),
    SectionEntry("organisation", "tryggapp.ui.sections.organisation", "OrganisationSection",
                 "mdi6.account-group-outline", lambda: _("Organisation")),
    SectionEntry("meetings", "tryggapp.ui.sections.meetings", "MeetingsSection",
                 "mdi6.calendar-account-outline", lambda: _("Meetings")),
    SectionEntry("walks", "tryggapp.ui.sections.walks", "WalksSection",
                 "mdi6.walk", lambda: _("Safety walks")),
    SectionEntry("situation", "tryggapp.ui.sections.situation", "SituationSection",
                 "mdi6.map-search-outline", lambda: _("Situation picture")),
    SectionEntry("reports", "tryggapp.ui.sections.reports", "ReportsSection",
                 "mdi6.file-chart-outline", lambda: _("Reports")),
    SectionEntry("audit", "tryggapp.ui.sections.audit", "AuditSection",
                 "mdi6.history", lambda: _("Change log")),
]


def fit_to_screen(window: QWidget) -> None:
    """Keep `window`, frame included, inside its screen's available geometry (the screen
    less the taskbar): at 1366×768 with a 40 px taskbar and 125 % scaling that is about
    1093×582 logical pixels, smaller than the default size and than the window's minimum.
    A maximised or full-screen window is left to the window manager."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None or window.windowState() & (Qt.WindowState.WindowMaximized
                                                 | Qt.WindowState.WindowFullScreen):
        return
    avail = screen.availableGeometry()
    frame, inner = window.frameGeometry(), window.geometry()
    extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
    if extra_h <= 0:
        # Not shown yet, the frame unknown: allow what Windows 10/11 draws (a title bar of
        # about 31 logical px, resize borders of about 8). Fitted once, before the first
        # show only: a window the user (or a test) resizes later is theirs.
        style = window.style()
        border = max(8, style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth))
        extra_w = 2 * border
        extra_h = max(32, style.pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)) + 2 * border
    most = QSize(max(1, avail.width() - extra_w), max(1, avail.height() - extra_h))
    window.setMinimumSize(window.minimumSize().boundedTo(most))
    size = window.size().boundedTo(most)
    if size != window.size():
        window.resize(size)
    # Back onto the screen: a position saved on a wider screen or a second monitor.
    x = min(max(window.x(), avail.left()), avail.right() + 1 - size.width() - extra_w)
    y = min(max(window.y(), avail.top()), avail.bottom() + 1 - size.height() - extra_h)
    if (x, y) != (window.x(), window.y()):
        window.move(x, y)


def section_classes() -> list[type[Section]]:
    """Every section's class (imports them all: for tests and tools, not start-up)."""
    return [entry.load() for entry in SECTIONS]


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext | None, *, fill_later: bool = False) -> None:
        """`fill_later`: build the first section only when `fill()` is called, so the
        caller can show the (empty) window first and paint it before loading data.

        `ctx` None: the window's shell, shown while the database opens (ui.app.run_app):
        sidebar, menus and an "Opening the database…" page, built without importing the
        database stack; `attach(ctx)` gives it the database."""
        super().__init__()
        self.ctx: AppContext = None  # type: ignore[assignment]  # set by attach()
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(QSize(960, 600))

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.sidebar.setAccessibleName(_("Sections"))
        # Enter or Right in the sidebar moves into the section (arrows only browse).
        self.sidebar.installEventFilter(self)
        self.stack = QStackedWidget()
        # Sections are built the first time they are shown: start-up pays only for the
        # one the user lands on.
        self.section_types: dict[str, SectionEntry] = {}  # key -> entry, in sidebar order
        self.sections: dict[str, Section] = {}
        self._placeholders: dict[str, QWidget] = {}
        self.section_title = QLabel()
        self.section_title.setObjectName("sectionTitle")

        for entry in SECTIONS:
            self.section_types[entry.key] = entry
            placeholder = QWidget()
            self._placeholders[entry.key] = placeholder
            self.stack.addWidget(placeholder)
            item = QListWidgetItem(icon(entry.icon), entry.title())
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.sidebar.addItem(item)
        # As wide as the longest section name needs (the style sheet's larger font, icon,
        # padding and margins), so "Trygghetsvandringar" fits at any text size.
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.ensurePolished()
        needed = self.sidebar.sizeHintForColumn(0) + 2 * self.sidebar.frameWidth() + 24
        self._sidebar_width = max(230, needed)
        self.sidebar.setFixedWidth(self._sidebar_width)
        self._sidebar_compact = False

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(16, 10, 16, 8)
        content_layout.addWidget(self.section_title)
        content_layout.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(content, 1)
        self.setCentralWidget(central)

        self.sidebar.currentRowChanged.connect(self._switch)
        self._build_menus()
        self._build_status_bar()
        self._sections_read_only = False
        self._first: str | None = self._restore_state()
        self._opening: QLabel | None = None
        if ctx is not None:
            self.attach(ctx, fill=not fill_later)
            return
        self._opening = QLabel(_("Opening the database…"))
        self._opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._opening.setStyleSheet(f"color:{MUTED}")
        self.stack.addWidget(self._opening)
        self.stack.setCurrentWidget(self._opening)

    def attach(self, ctx: AppContext, *, fill: bool = True) -> None:
        """Give the window its database (once): title, undo and redo, status bar; with
        `fill` the first section is built and shown too."""
        self.ctx = ctx
        ctx.give_to(self)  # Qt deletes the undo stack with the window, not the collector
        ctx.navigate = self.navigate
        ctx.report_error = self.show_error
        self.setWindowTitle(self._title())
        undo = ctx.undo_stack.createUndoAction(self, _("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = ctx.undo_stack.createRedoAction(self, _("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.menu_edit.addAction(undo)
        self.menu_edit.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        self.path_label.setText(str(ctx.db.path))
        self.read_only_label.setVisible(ctx.db.read_only)
        ctx.changes.changed.connect(self._on_changed)
        from tryggapp.ui.refresh import ChangePoller  # the database stack: after the shell's paint

        self.poller = ChangePoller(ctx, self)  # shows what other people change (ui.refresh)
        # Queued: the signal may come from inside a save (ui.commands), and rebuilding the
        # sections must wait until that save has returned.
        ctx.changes.writable_changed.connect(self._writable_changed, Qt.ConnectionType.QueuedConnection)
        self._sections_read_only = ctx.db.read_only  # how the built sections were built
        if fill:
            self.fill()

    # -- layout ------------------------------------------------------------------------
    def _title(self) -> str:
        """'Tryggviks kommun – tryggapp.db – Tryggapp': whose data, which file, which program;
        a demo says DEMO first, so it is never taken for the real thing."""
        suffix = " " + _("(read-only)") if self.ctx.db.read_only else ""
        parts = [f"{self.ctx.db.path.name}{suffix}", APP_NAME]
        name, demo = self._municipality()
        if name:
            parts.insert(0, name)
        if demo:
            parts.insert(0, _("DEMO"))
        return " – ".join(parts)

    def _municipality(self) -> tuple[str, bool]:
        from tryggapp import domain as d
        from tryggapp.services import crud

        try:
            found = crud.list_all(self.ctx.db, d.Municipality)
        except UserError:
            return "", False
        return (found[0].name, found[0].demo) if found else ("", False)

    def _on_changed(self, tables: set[str]) -> None:
        self.statusBar().showMessage(_("Saved"), 3000)
        if "municipality" in tables:
            self.setWindowTitle(self._title())

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu(_("&File"))
        self.menu_edit = bar.addMenu(_("&Edit"))
        self.menu_view = bar.addMenu(_("&View"))
        self.menu_help = bar.addMenu(_("&Help"))

        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        self.settings_action = QAction(_("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setStatusTip(_("The municipality, the reports, backups and language"))
        self.settings_action.triggered.connect(self.show_settings)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.settings_action)
        self.menu_file.addSeparator()
        self.menu_file.addAction(quit_action)
        # Undo and redo come with the database (attach): the undo stack is the context's.

        for number, (key, entry) in enumerate(self.section_types.items(), start=1):
            action = QAction(icon(entry.icon), entry.title(), self)
            if number <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, k=key: self.show_section(k, focus=True))
            self.menu_view.addAction(action)
        self.menu_view.addSeparator()
        refresh = QAction(_("&Refresh"), self)
        refresh.setShortcut(QKeySequence("F5"))
        refresh.triggered.connect(self.refresh_current)
        self.menu_view.addAction(refresh)
        next_pane = QAction(_("Next &pane"), self)
        next_pane.setShortcut(QKeySequence("F6"))
        next_pane.triggered.connect(lambda: self.cycle_panes(forward=True))
        previous_pane = QAction(_("Previous pane"), self)
        previous_pane.setShortcut(QKeySequence("Shift+F6"))
        previous_pane.triggered.connect(lambda: self.cycle_panes(forward=False))
        self.menu_view.addAction(next_pane)
        self.menu_view.addAction(previous_pane)

        self.guide_action = QAction(_("&User guide"), self)
        self.guide_action.setShortcut(QKeySequence("F1"))
        self.guide_action.triggered.connect(self.show_guide)
        self.menu_help.addAction(self.guide_action)
        self.menu_help.addSeparator()
        about = QAction(_("&About Tryggapp"), self)
        about.triggered.connect(self.show_about)
        about_qt = QAction(_("About &Qt"), self)
        about_qt.triggered.connect(lambda: QMessageBox.aboutQt(self))
        self.menu_help.addAction(about)
        self.menu_help.addAction(about_qt)

    def _build_status_bar(self) -> None:
        self.path_label = QLabel()
        self.path_label.setToolTip(_("The database file"))
        self.statusBar().addPermanentWidget(self.path_label)
        self.read_only_label = QLabel(_("Read-only"))
        self.read_only_label.setStyleSheet("font-weight:600;color:#8A4B00")
        self.statusBar().addPermanentWidget(self.read_only_label)
        self.read_only_label.setVisible(False)

    # -- writing stopped / possible again --------------------------------------------------
    def _writable_changed(self, _writable: bool) -> None:
        """The database stopped being writable or may be written again (ui.safety): every
        section is built anew, so each one's own read-only handling applies throughout
        (fields, buttons, grids), and undo/redo follow."""
        read_only = self.ctx.db.read_only
        if read_only == self._sections_read_only:
            return  # heard twice
        self.setWindowTitle(self._title())
        self.read_only_label.setVisible(read_only)
        # The stack re-enables these only when it changes, and nothing enters it while
        # read-only (ServiceCommand refuses; an undo that slipped through is refused too).
        self.undo_action.setEnabled(not read_only and self.ctx.undo_stack.canUndo())
        self.redo_action.setEnabled(not read_only and self.ctx.undo_stack.canRedo())
        # Text typed and not stored cannot be saved now, and rebuilding would wipe it:
        # show it to copy instead (loud, never lost unseen).
        from tryggapp.ui.widgets import unsaved

        texts = unsaved.keep_unsaved_texts(self) if read_only else []
        self.rebuild_sections()
        if texts:
            lost = self.ctx.db.lost
            reason = lost.message if isinstance(lost, UserError) else _("Writing to the database stopped.")
            unsaved.show_unsaved_texts(self, texts, reason)

    def database_replaced(self) -> None:
        """Another file was opened in this window (ui.database_files): everything shown
        comes from the new file."""
        self.setWindowTitle(self._title())
        self.path_label.setText(str(self.ctx.db.path))
        self.read_only_label.setVisible(self.ctx.db.read_only)
        self.rebuild_sections()

    def rebuild_sections(self) -> None:
        """Replace every built section by a placeholder and build the current one again."""
        for key, section in list(self.sections.items()):
            placeholder = QWidget()
            self.stack.insertWidget(self.stack.indexOf(section), placeholder)
            self.stack.removeWidget(section)
            self._placeholders[key] = placeholder
            section.deleteLater()
        self.sections.clear()
        self._sections_read_only = self.ctx.db.read_only
        self._switch(self.sidebar.currentRow())

    # -- navigation --------------------------------------------------------------------
    def section(self, key: str) -> Section:
        """The section for `key`, built (and loaded from the database) on first use."""
        if key not in self.sections:
            section = self.section_types[key].load()(self.ctx)
            placeholder = self._placeholders.pop(key)
            index = self.stack.indexOf(placeholder)
            self.stack.insertWidget(index, section)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.sections[key] = section
            self._safely(section.reload)
        return self.sections[key]

    def _switch(self, row: int) -> None:
        if row < 0:
            return
        key = self.sidebar.item(row).data(Qt.ItemDataRole.UserRole)
        if self.ctx is None:  # the shell: the section is built once the database is open
            self.section_title.setText(self.section_types[key].title())
            return
        section = self.section(key)
        self.stack.setCurrentWidget(section)
        self.section_title.setText(type(section).title())

    def show_section(self, key: str, *, focus: bool = False) -> Section:
        """Show the section; with `focus` the keyboard goes to its main list (Ctrl+1…9,
        opening a record) instead of staying where it was."""
        row = list(self.section_types).index(key)
        if self.sidebar.currentRow() == row:
            # No row change, no signal: the row may be selected with its section not yet
            # built or shown (a window made with fill_later, before fill()).
            self._switch(row)
        else:
            self.sidebar.setCurrentRow(row)
        section = self.section(key)
        if focus:
            self.focus_section(section)
        return section

    def focus_section(self, section: Section | None = None) -> None:
        section = section or self.stack.currentWidget()  # type: ignore[assignment]
        if not isinstance(section, Section):
            return
        target = section.focus_target() or section
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- a narrow window (1366×768 at 125 %: about 1093 px) -------------------------------------

    # Below this width the sidebar shows its icons only: the sections' lists and forms
    # need the room more than the names (which stay in the tool tip and for screen readers).
    COMPACT_BELOW = 1240

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        self.set_sidebar_compact(self.width() < self.COMPACT_BELOW)

    def set_sidebar_compact(self, compact: bool) -> None:
        if compact == self._sidebar_compact:
            return
        self._sidebar_compact = compact
        for row, entry in enumerate(self.section_types.values()):
            item = self.sidebar.item(row)
            item.setText("" if compact else entry.title())
            item.setToolTip(entry.title() if compact else "")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, entry.title())
        icon_only = self.sidebar.iconSize().width() + 2 * self.sidebar.frameWidth() + 36
        self.sidebar.setFixedWidth(icon_only if compact else self._sidebar_width)

    def cycle_panes(self, *, forward: bool = True) -> None:
        """F6: the sidebar, then the current section's panes (ui.panes)."""
        section = self.stack.currentWidget()
        section_panes = section.panes() if isinstance(section, Section) else []
        panes.cycle([self.sidebar, *section_panes], forward)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if (obj is self.sidebar and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Right)):  # type: ignore[attr-defined]
            self.focus_section()
            return True
        return super().eventFilter(obj, event)

    def navigate(self, key: str, table: str | None = None, record_id: int | None = None) -> None:
        if key not in self.section_types:
            return
        section = self.show_section(key, focus=True)
        if table and record_id is not None:
            self._safely(lambda: section.open_record(table, record_id))

    def refresh_current(self) -> None:
        section = self.stack.currentWidget()
        if isinstance(section, Section):
            self._safely(section.refresh)

    def _safely(self, fn) -> None:  # noqa: ANN001
        try:
            fn()
        except UserError as exc:
            self.show_error(exc)

    # -- dialogs -----------------------------------------------------------------------
    def show_error(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            QMessageBox.warning(self, APP_NAME, exc.message)
        else:  # a bug: its traceback to the log, the user gets the log's path
            QMessageBox.critical(self, APP_NAME, crashlog.report(exc, "window"))

    def show_about(self) -> None:
        from tryggapp.ui.about import AboutDialog

        AboutDialog(self.ctx, self).exec()

    def show_guide(self) -> None:
        from tryggapp.ui.help import show_guide

        show_guide(self)

    def show_settings(self) -> None:
        from tryggapp.ui.settings_dialog import SettingsDialog

        SettingsDialog(self.ctx, self).exec()

    # -- state -------------------------------------------------------------------------
    def _restore_state(self) -> str:
        store = settings.store()
        geometry = settings.WINDOW_GEOMETRY.get(store)
        if geometry and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        fit_to_screen(self)  # the default and a size saved on a bigger screen alike
        state = settings.WINDOW_STATE.get(store)
        if state and not state.isEmpty():
            self.restoreState(state)
        last = settings.LAST_SECTION.get(store)
        first = last if last in self.section_types else "overview"
        # Selected without building it (fill() does): the sidebar and title show at once.
        with QSignalBlocker(self.sidebar):
            self.sidebar.setCurrentRow(list(self.section_types).index(first))
        self.section_title.setText(self.section_types[first].title())
        return first

    def fill(self) -> None:
        """Build and show the section the window opens on (once)."""
        if self._first is not None:
            self._first = None
            # The row selected now: the user may have picked another one meanwhile.
            self._switch(self.sidebar.currentRow())
            self.focus_section()
        if self._opening is not None:
            self.stack.removeWidget(self._opening)
            self._opening.deleteLater()
            self._opening = None

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        from tryggapp.ui.widgets import unsaved

        if self.ctx is None:  # the shell: the database was not opened (refused, cancelled)
            super().closeEvent(event)
            return
        # Text typed or not saved (a full disk) anywhere in the window: save it or ask.
        if not self.ctx.db.read_only and not unsaved.leave_ok(self, unsaved.forms_in(self),
                                                             unsaved.drafts_in(self)):
            event.ignore()
            return
        store = settings.store()
        settings.WINDOW_GEOMETRY.set(store, self.saveGeometry())
        settings.WINDOW_STATE.set(store, self.saveState())
        current = self.stack.currentWidget()
        if isinstance(current, Section):
            settings.LAST_SECTION.set(store, current.key)
        super().closeEvent(event)
