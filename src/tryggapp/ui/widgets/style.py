"""A small, calm palette and icon helper shared by the widgets in this package.

Colours are muted and always paired with an icon or a word where they carry meaning
(reports and screens must survive colour blindness and black-and-white printing)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import QWidget

from tryggapp.ui.icons import glyph_icon

# Every text colour here reads at least 4.5:1 on SURFACE, BACKGROUND and the soft tones,
# field borders at least 3:1 (WCAG 2.1, 1.4.3 and 1.4.11; tests/ui/test_accessibility.py).
TEXT = "#1f2933"
MUTED = "#5f6b7a"
FAINT = "#646e7c"  # secondary text: quieter than MUTED by size and weight, not by contrast
BORDER = "#dde2e8"  # card and divider lines (decoration: they identify no control)
FIELD_BORDER = "#7d8896"  # the frame of an input field: 3:1, so the field can be found
SURFACE = "#ffffff"
BACKGROUND = "#f4f6f8"
ACCENT = "#1F5A8A"  # the app accent (ui/style.py)
ACCENT_SOFT = "#e8f1f8"
DANGER = "#b3261e"
DANGER_SOFT = "#fbeceb"
WARNING = "#8a5a00"
WARNING_SOFT = "#fff6dd"
SUCCESS = "#276b43"
SUCCESS_SOFT = "#e9f5ee"

SPACING = 12


@cache
def icon(name: str, color: str = MUTED) -> QIcon:
    """One QIcon per name and colour for the whole session (callers only copy it into Qt).
    Each holds a Python icon engine that the QIcon owns in C++; a QIcon kept by a widget
    or model (the plan model's icon cache) went to the garbage collector with it, and
    shiboken 6.11 can delete such an engine twice if the collector reaches the engine
    before its QIcon (docs/KNOWN_ISSUES.md). Cached like ui.icons.icon, they never do."""
    return glyph_icon(name, color)


def tone_color(tone: str) -> str:
    """'danger' | 'warning' | 'success' | 'accent' | 'muted' -> foreground colour."""
    return {"danger": DANGER, "warning": WARNING, "success": SUCCESS, "accent": ACCENT}.get(tone, MUTED)


def set_point_size(widget: QWidget, delta: float, *, bold: bool = False, weight: QFont.Weight | None = None) -> None:
    """Relative font sizes, so the user's system font size is respected."""
    font = widget.font()
    font.setPointSizeF(max(6.0, font.pointSizeF() + delta))
    if weight is not None:
        font.setWeight(weight)
    elif bold:
        font.setBold(True)
    widget.setFont(font)


def qcolor(hex_color: str) -> QColor:
    return QColor(hex_color)


def chars(widget: QWidget, count: float) -> int:
    """The width of `count` characters in the widget's font: sizes given in text units
    grow with a larger system font instead of cutting text off, as fixed pixels would."""
    return round(count * widget.fontMetrics().horizontalAdvance("x"))


def text_lines(widget: QWidget, count: float) -> int:
    """The height of `count` lines of the widget's font."""
    return round(count * widget.fontMetrics().height())
