"""The base of the app's dialogs: named for a screen reader when first shown."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog

from tryggapp.ui.widgets import accessible


class Dialog(QDialog):
    """A QDialog whose icon-only buttons, search fields and tab sets get their accessible
    names when it is first shown (widgets.accessible.complete), like the sections."""

    _named = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if not self._named:
            self._named = True
            accessible.complete(self)
        super().showEvent(event)
