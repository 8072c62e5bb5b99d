"""The open window shows what others changed: every few seconds, while the window is the
active one, it asks the change log which tables changed since it last looked
(services.audit.changes_since) and broadcasts them on ctx.changes, as its own edits do;
the sections that watch those tables reload (ui.sections.base), a hidden one when it is
next shown.

Why polling: it works the same for a SQLite file on a share and a PostgreSQL server, needs
no extra connection or server feature, and the question is one indexed read of the log's
newest rows. LISTEN/NOTIFY (PostgreSQL only) could replace the timer later behind the
same signal. The window's own changes come back once more from the log: a reload of what
it already shows, harmless (text being typed is kept, widgets.form)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget
from sqlalchemy.exc import SQLAlchemyError

from tryggapp.errors import UserError
from tryggapp.services import audit
from tryggapp.ui.context import AppContext

INTERVAL_MS = 3000


class ChangePoller(QObject):
    """Polls for `window` (only while it is the active window, and once more when it
    becomes active again)."""

    def __init__(self, ctx: AppContext, window: QWidget, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self._db = None
        self._cursor: audit.ChangeCursor | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        window.installEventFilter(self)
        self._start()

    def _start(self) -> None:
        """Begin at the log as it is: what the window loads now is current."""
        self._db = self.ctx.db
        try:
            self._cursor = audit.change_cursor(self.ctx.db)
        except (UserError, SQLAlchemyError):
            self._cursor = None  # an unreadable file: the next poll tries again

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window and event.type() == QEvent.Type.WindowActivate:
            QTimer.singleShot(0, self, self.poll)  # dropped if the window is gone by then
        return False

    def poll(self, *, force: bool = False) -> set[str]:
        """Broadcast the tables others changed; returns them (empty when none or when the
        window is not active)."""
        if not (force or self.window.isActiveWindow()):
            return set()
        if self.ctx.db is not self._db or self._cursor is None:
            self._start()  # another file was opened: its sections were loaded afresh
            return set()
        try:
            self._cursor, tables = audit.changes_since(self.ctx.db, self._cursor)
        except (UserError, SQLAlchemyError):
            return set()  # busy or gone for a moment: ui.safety says so if it lasts
        if tables:
            self.ctx.changes.emit_tables(*tables)
        return tables
