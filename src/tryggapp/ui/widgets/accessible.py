"""Names for assistive technology, in one place, so every screen is born named.

A screen reader announces a control by its accessible name. Qt finds one for a button
with text and for a field with a buddy label; it finds none for an icon-only button, a
search field with only a placeholder, a table, or the line edit inside a composite
field (a date field, a spin box), where the keyboard focus actually lands. `name()`
names a control and the inner widget that takes its focus; `complete()` is the safety
net a section or dialog runs once it is built: an icon-only button is named by its tool
tip, a search field by its placeholder. `unnamed()` is what the accessibility test
asserts empty, read the way a screen reader reads it (QAccessible's Name).

Also here: the contrast ratio of two colours (WCAG 2.1), used by the style and its test.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from tryggapp.i18n import _
from tryggapp.ui.widgets.mnemonics import strip_mnemonic


def name(widget: QWidget, text: str, description: str = "") -> None:
    """Name `widget` and the widgets inside it that take its keyboard focus."""
    text = strip_mnemonic(text).rstrip(":")
    for w in (widget, *_focus_takers(widget)):
        w.setAccessibleName(text)
        if description:
            w.setAccessibleDescription(description)


def _focus_takers(widget: QWidget) -> list[QWidget]:
    found = [w for w in widget.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus
             and not w.accessibleName()]
    proxy = widget.focusProxy()
    if proxy is not None and proxy not in found and not proxy.accessibleName():
        found.append(proxy)
    return found


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader announces (Qt's accessibility interface)."""
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name).strip() if iface is not None and iface.isValid() else ""


def _placeholder_name(edit: QLineEdit) -> str:
    # "Sök åtgärd, ansvarig… (Ctrl+F)": the shortcut is announced separately.
    return re.sub(r"\s*\([^)]*\)\s*$", "", edit.placeholderText()).rstrip("…. ")


def complete(root: QWidget) -> None:
    """Name what has a visible hint but no name: icon-only buttons by their tool tip,
    line edits by their placeholder, composite fields' inner line edits by the field."""
    for w in (root, *root.findChildren(QWidget)):
        if w.accessibleName():
            continue
        if isinstance(w, QTabWidget):
            tabs = ", ".join(strip_mnemonic(w.tabText(i)) for i in range(w.count()))
            w.setAccessibleName(_("Tabs: {tabs}").format(tabs=tabs))
            continue
        if isinstance(w, QAbstractButton) and not strip_mnemonic(w.text()).strip() and w.toolTip():
            w.setAccessibleName(_plain(w.toolTip()))
        elif isinstance(w, QLineEdit) and not spoken_name(w):
            owner = w.parentWidget()
            inner = isinstance(owner, QAbstractSpinBox) or (owner is not None and owner.focusProxy() is w)
            if inner and spoken_name(owner):
                w.setAccessibleName(spoken_name(owner))
                continue
            if w.placeholderText():
                w.setAccessibleName(_placeholder_name(w))


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).strip()


def takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isVisible() and widget.isEnabled()


def unnamed(root: QWidget) -> list[QWidget]:
    """Visible controls the Tab key reaches that a screen reader could not name. A scroll
    area is a container (its viewport is not a control); a line edit inside a spin box is
    named through the spin box."""
    out = []
    for w in root.findChildren(QWidget):
        if not takes_tab(w) or spoken_name(w):
            continue
        if type(w) is QAbstractScrollArea or w.metaObject().className() == "QScrollArea":
            continue
        out.append(w)
    return out


# -- contrast (WCAG 2.1, 1.4.3 and 1.4.11) -----------------------------------------------------

def _channel(c: float) -> float:
    c /= 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str | QColor) -> float:
    q = QColor(color)
    return 0.2126 * _channel(q.red()) + 0.7152 * _channel(q.green()) + 0.0722 * _channel(q.blue())


def contrast(a: str | QColor, b: str | QColor) -> float:
    """The contrast ratio of two colours, 1–21 (WCAG): text needs 4.5 (large text 3),
    borders and focus indicators 3."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
