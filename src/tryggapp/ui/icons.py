"""Icons: Material Design Icons glyphs (the font and its name map shipped in the qtawesome
wheel, SIL OFL / Apache licensed), painted in one calm colour.

The glyphs are drawn here as qtawesome draws them (the glyph at 7/8 of the icon's height,
centred), without importing qtawesome itself: its import pulls in qtpy, which star-imports
QtCore, QtGui, QtWidgets and QtOpenGL and cost more than Qt's own start (0.4-0.9 s,
issue 16). Names with another prefix than `mdi6.` still go through qtawesome."""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QApplication

COLOR = "#3A4A5A"
PREFIX = "mdi6"
_FONT_GLOB = "materialdesignicons6-webfont-*.ttf"


@cache
def _font() -> tuple[str, dict[str, str]] | None:
    """(font family, name -> glyph) of the MDI 6 font, loaded once; None if missing."""
    spec = importlib.util.find_spec("qtawesome")  # locates the package without running it
    if spec is None or not spec.submodule_search_locations:
        return None
    fonts = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    ttf = next(iter(sorted(fonts.glob(_FONT_GLOB))), None)
    if ttf is None:
        return None
    charmap = ttf.with_name(ttf.name.replace("-webfont-", "-webfont-charmap-")).with_suffix(".json")
    font_id = QFontDatabase.addApplicationFont(str(ttf))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families or not charmap.exists():
        return None
    names = json.loads(charmap.read_text(encoding="utf-8"))
    return families[0], {name: chr(int(code, 16)) for name, code in names.items()}


class GlyphIconEngine(QIconEngine):
    """One font glyph in a colour per icon mode (normal, active, selected, disabled)."""

    def __init__(self, family: str, char: str, colors: dict[QIcon.Mode, QColor]) -> None:
        super().__init__()
        self.family, self.char, self.colors = family, char, colors

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        color = self.colors.get(mode)
        if color is None:  # disabled: the palette's disabled text, as qtawesome does
            app = QApplication.instance()
            color = (app.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
                     if isinstance(app, QApplication) else QColor(150, 150, 150))
        painter.setPen(color)
        font = QFont(self.family)
        font.setPixelSize(max(1, round(0.875 * rect.height())))
        painter.setFont(font)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pm = QPixmap(size)
        pm.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pm)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pm

    def clone(self) -> QIconEngine:
        return GlyphIconEngine(self.family, self.char, dict(self.colors))


def glyph_icon(name: str, color: str, *, active: str | None = None, selected: str | None = None) -> QIcon:
    """The icon `name` ('mdi6.history'); an unknown name gives an empty icon."""
    prefix, _dot, glyph = name.partition(".")
    font = _font() if prefix == PREFIX else None
    if font is None:
        return _qtawesome_icon(name, color, active, selected)
    family, chars = font
    char = chars.get(glyph)
    if char is None:
        return QIcon()
    colors = {QIcon.Mode.Normal: QColor(color), QIcon.Mode.Active: QColor(active or color),
              QIcon.Mode.Selected: QColor(selected or color)}
    return QIcon(GlyphIconEngine(family, char, colors))


def _qtawesome_icon(name: str, color: str, active: str | None, selected: str | None) -> QIcon:
    import qtawesome as qta

    try:
        return qta.icon(name, color=color, color_active=active or color, color_selected=selected or color)
    except Exception:  # an unknown name must not take the window down
        return QIcon()


@cache
def icon(name: str, color: str = COLOR) -> QIcon:
    """The sidebar's and menus' icons: white on the accent of a selected or hovered row."""
    return glyph_icon(name, color, active="white", selected="white")
