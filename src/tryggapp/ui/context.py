"""What every view gets passed in (no global 'main window' object to reach for)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

if TYPE_CHECKING:  # the window's shell imports this before the database stack (issue 16)
    from tryggapp.storage import Database


class Changes(QObject):
    """Broadcast of what changed, so views refresh only what they show.

    `changed` carries the table names touched (e.g. {"measure", "measure_note"})."""

    changed = Signal(object)
    # Whether the window's database may be written: False once writing stopped (the lock
    # was taken over, the file vanished or was replaced: Database.lost says why), True
    # when it was opened again. ui.safety shows its bar, the main window turns read-only.
    # Emitted by whoever notices first; receivers must not mind hearing it twice.
    writable_changed = Signal(bool)

    def emit_tables(self, *tables: str) -> None:
        self.changed.emit(set(tables))


@dataclass
class AppContext:
    db: Database
    undo_stack: QUndoStack
    changes: Changes
    today: Callable[[], dt.date] = dt.date.today
    # navigate(section_key, table_name, record_id): open a record wherever it lives.
    navigate: Callable[[str, str | None, int | None], None] = field(default=lambda *a: None)
    # run(fn, *args): run a service call; shows a Swedish message box on UserError and
    # returns None; the real one is set by the main window.
    report_error: Callable[[BaseException], None] = field(default=lambda exc: None)
    # The version each row had after this window's own last write of it ((table, id) ->
    # version; None once deleted): undo and redo expect exactly that, so a row someone
    # else saved since is a conflict, not overwritten (storage.versions). Only this
    # window's writes go here, never what a reload showed.
    versions: dict[tuple[str, str], int | None] = field(default_factory=dict)

    def give_to(self, owner: QObject) -> None:
        """Make the undo stack (with the commands on it) and the change broadcast children
        of `owner`, the window they serve, so Qt deletes them with it. Parentless, they
        were owned by Python and sat in reference cycles (every command's service lambdas
        refer to this context, which holds the stack), so the cyclic garbage collector
        deleted them, C++ objects and all, at whatever later moment it ran
        (docs/KNOWN_ISSUES.md)."""
        self.undo_stack.setParent(owner)
        self.changes.setParent(owner)
