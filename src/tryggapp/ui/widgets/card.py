"""Card: a white panel with an icon, a title, a count and a body; PageHeader: a view's
title with a muted subtitle. Building blocks for dashboards and detail pages."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tryggapp.ui.widgets import style


class Card(QFrame):
    def __init__(self, title: str, icon: str = "", parent: QWidget | None = None, *,
                 tone: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        # A card is as tall as its content; spare height goes to the page, not into
        # empty space inside the card.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setStyleSheet(
            f"#Card {{ background: {style.SURFACE}; border: 1px solid {style.BORDER}; border-radius: 8px; }}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(6)
        header = QHBoxLayout()
        header.setSpacing(8)
        self.icon_label = QLabel(self)
        if icon:
            self.icon_label.setPixmap(style.icon(icon, style.tone_color(tone) if tone else style.MUTED).pixmap(20, 20))
        self.icon_label.setVisible(bool(icon))
        self.title_label = QLabel(title, self)
        style.set_point_size(self.title_label, 1, bold=True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("CountBadge")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count_label.setMinimumWidth(24)
        self.count_label.hide()
        header.addWidget(self.icon_label)
        header.addWidget(self.title_label)
        header.addWidget(self.count_label)
        header.addStretch(1)
        self.header = header
        outer.addLayout(header)
        self.body = QVBoxLayout()
        self.body.setSpacing(4)
        outer.addLayout(self.body)
        self._tone = tone

    def set_count(self, count: int | None, *, emphasise: bool = False) -> None:
        """A small rounded count next to the title; tinted only when `emphasise`."""
        if count is None:
            self.count_label.hide()
            return
        fg, bg = (style.tone_color(self._tone), _soft(self._tone)) if emphasise and self._tone else \
            (style.MUTED, style.BACKGROUND)
        self.count_label.setStyleSheet(
            f"#CountBadge {{ color: {fg}; background: {bg}; border-radius: 9px; padding: 1px 8px; font-weight: 600; }}")
        self.count_label.setText(str(count))
        self.count_label.show()

    def add_widget(self, widget: QWidget, stretch: int = 0) -> None:
        self.body.addWidget(widget, stretch)

    def add_header_widget(self, widget: QWidget) -> None:
        self.header.addWidget(widget)


def _soft(tone: str) -> str:
    return {"danger": style.DANGER_SOFT, "warning": style.WARNING_SOFT, "success": style.SUCCESS_SOFT,
            "accent": style.ACCENT_SOFT}.get(tone, style.BACKGROUND)


class PageHeader(QWidget):
    """A page title with an optional muted line under it and room for actions at the right."""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        column = QVBoxLayout()
        column.setSpacing(2)
        self.title_label = QLabel(title, self)
        self.title_label.setWordWrap(True)
        style.set_point_size(self.title_label, 6, bold=True)
        self.subtitle_label = QLabel(subtitle, self)
        self.subtitle_label.setStyleSheet(f"color: {style.MUTED};")
        self.subtitle_label.setWordWrap(True)
        self.subtitle_label.setVisible(bool(subtitle))
        column.addWidget(self.title_label)
        column.addWidget(self.subtitle_label)
        row.addLayout(column, 1)
        self.actions = QHBoxLayout()
        self.actions.setSpacing(6)
        row.addLayout(self.actions)

    def set_text(self, title: str, subtitle: str = "") -> None:
        self.title_label.setText(title)
        self.subtitle_label.setText(subtitle)
        self.subtitle_label.setVisible(bool(subtitle))

    def add_action(self, widget: QWidget) -> None:
        self.actions.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)


class StatTile(QPushButton):
    """A headline figure: a large number with its label and icon. A button (so a screen
    reader announces it as one, named with its number); `clicked` opens the list behind
    the number. Enter and Space press it."""

    def __init__(self, label: str, icon: str = "", parent: QWidget | None = None, *, tone: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("StatTile")
        self.setAutoDefault(False)
        self._tone = tone
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 10, 14, 10)
        column.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(6)
        self.icon_label = QLabel(self)
        if icon:
            self.icon_label.setPixmap(style.icon(icon, style.tone_color(tone) if tone else style.MUTED).pixmap(18, 18))
        self.label = QLabel(label, self)
        self.label.setStyleSheet(f"color: {style.MUTED};")
        top.addWidget(self.icon_label)
        top.addWidget(self.label, 1)
        self.value_label = QLabel("–", self)
        style.set_point_size(self.value_label, 9, bold=True)
        column.addLayout(top)
        column.addWidget(self.value_label)
        self.set_emphasis(False)

    def set_value(self, value: int | str, *, emphasise: bool | None = None) -> None:
        self.value_label.setText(str(value))
        self.setAccessibleName(f"{self.label.text()}: {value}")
        if emphasise is not None:
            self.set_emphasis(emphasise)

    def set_emphasis(self, on: bool) -> None:
        """Tint the tile (for a figure that needs action, e.g. late measures > 0)."""
        bg = _soft(self._tone) if on and self._tone else style.SURFACE
        fg = style.tone_color(self._tone) if on and self._tone else style.TEXT
        self.setStyleSheet(f"#StatTile {{ background: {bg}; border: 1px solid {style.BORDER}; border-radius: 8px; }}"
                           f"#StatTile:focus {{ border: 2px solid {style.ACCENT}; }}")
        self.value_label.setStyleSheet(f"color: {fg};")

    def sizeHint(self) -> QSize:  # noqa: N802 - the labels' size, not a push button's
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.layout().minimumSize()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Space is the button's own
            self.click()
            return
        super().keyPressEvent(event)
