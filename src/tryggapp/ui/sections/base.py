"""The contract of a navigation section (one entry in the sidebar)."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from tryggapp.ui.context import AppContext
from tryggapp.ui.widgets import accessible


class Section(QWidget):
    """Subclasses set `key` and `icon` (a qtawesome name, e.g. 'mdi6.view-dashboard-outline')
    and implement `title()`, `refresh()` and, if they hold records, `open_record()`."""

    key: str = ""
    icon: str = "mdi6.circle-outline"
    # Tables whose changes this section shows. When one changes, a visible section
    # reloads at once and a hidden one the next time it is shown (see reload_on_change).
    watched: frozenset[str] = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # True when the data shown is out of date: the next show reloads it. The main
        # window loads a section when it builds it (reload()); a section that must load on
        # its first show by itself calls mark_stale() in its constructor.
        self._stale = False
        self._named = False

    def mark_stale(self) -> None:
        self._stale = True

    def reload(self) -> None:
        """refresh(), and note that the section is current."""
        self._stale = False
        self.refresh()

    def reload_on_change(self) -> None:
        """Subscribe to ctx.changes for the tables in `watched`."""
        self.ctx.changes.changed.connect(self._tables_changed)

    def _tables_changed(self, tables: set[str]) -> None:
        if not tables & self.watched:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._named:
            # Once built: name what only shows a hint (icon buttons, search fields), so a
            # new screen is never silent to a screen reader (widgets.accessible).
            self._named = True
            accessible.complete(self)
        if self._stale:
            self.reload()

    @classmethod
    def title(cls) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload from the database (called when shown and when its tables change)."""

    def focus_target(self) -> QWidget | None:
        """Where the keyboard lands when the section is opened: its main list, so the
        arrow keys, Enter and Ctrl+F work at once. Default: the first table pane's table."""
        from tryggapp.ui.table import TablePane

        pane = self.findChild(TablePane)
        return pane.focus_target() if pane is not None else None

    def panes(self) -> list[QWidget]:
        """The parts F6 moves between (ui.panes): by default the main splitter's."""
        from tryggapp.ui.panes import section_panes

        return section_panes(self)

    def open_record(self, table: str, record_id: int) -> bool:
        """Show the record; return False if this section does not hold that table."""
        return False
