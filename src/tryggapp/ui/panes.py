"""F6 / Shift+F6: move the keyboard between the window's panes (the sidebar, then each
pane of the current section: its list, its detail), as Windows programs do. Tab moves
within and between controls; F6 jumps over a long form or list at once.

A section's panes are `Section.panes()`: by default the parts of its main splitter
(list | detail), or the whole section."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSplitter, QWidget

from tryggapp.ui.widgets.accessible import takes_tab


def section_panes(section: QWidget) -> list[QWidget]:
    splitter = section.findChild(QSplitter)
    if splitter is None:
        return [section]
    parts = [splitter.widget(i) for i in range(splitter.count())]
    return [p for p in parts if p.isVisible()] or [section]


def first_control(pane: QWidget) -> QWidget | None:
    """Where the keyboard lands in `pane`: its focus target if it names one, else the
    first control in Tab order inside it."""
    target = getattr(pane, "focus_target", None)
    if callable(target) and (found := target()) is not None and takes_tab(found):
        return found
    if takes_tab(pane) and pane.focusProxy() is None:
        return pane
    w = pane.nextInFocusChain()
    seen = 0
    while w is not None and w is not pane and seen < 2000:
        if takes_tab(w) and pane.isAncestorOf(w):
            return w
        w = w.nextInFocusChain()
        seen += 1
    return None


def cycle(panes: list[QWidget], forward: bool = True) -> QWidget | None:
    """Focus the first control of the pane after (before) the one holding the focus."""
    panes = [p for p in panes if first_control(p) is not None]
    if not panes:
        return None
    focus = QApplication.focusWidget()
    here = next((i for i, p in enumerate(panes) if focus is not None and (p is focus or p.isAncestorOf(focus))),
                -1 if forward else 0)
    pane = panes[(here + (1 if forward else -1)) % len(panes)]
    control = first_control(pane)
    if control is not None:
        control.setFocus(Qt.FocusReason.OtherFocusReason)
    return control
