"""EmptyState: what to show instead of an empty list or page — an icon, one sentence of
what is missing, one of what to do, and the button that does it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from tryggapp.ui.widgets import style


class EmptyState(QWidget):
    action_triggered = Signal()

    def __init__(self, icon: str, title: str, text: str = "", action: str = "",
                 parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        if not compact:
            layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.setContentsMargins(16, 12 if compact else 32, 16, 12 if compact else 32)
        layout.setSpacing(6 if compact else 10)
        size = 32 if compact else 64
        self.icon_label = QLabel(self)
        self.icon_label.setPixmap(style.icon(icon, style.FAINT).pixmap(size, size))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label = QLabel(title, self)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label.setWordWrap(True)
        style.set_point_size(self.title_label, 0.5 if compact else 3, bold=not compact)
        self.text_label = QLabel(text, self)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label.setWordWrap(True)
        self.text_label.setStyleSheet(f"color: {style.MUTED};")
        self.text_label.setVisible(bool(text))
        if not compact:
            # A word-wrapped label in a centred layout shrinks to a narrow column; give
            # the sentences a readable measure instead.
            for label in (self.title_label, self.text_label):
                label.setMinimumWidth(440)
                label.setMaximumWidth(560)
        self.button = QPushButton(action, self)
        self.button.setVisible(bool(action))
        self.button.setDefault(True)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        if not compact:  # the one thing to do on an empty page: make it the obvious button
            self.button.setStyleSheet(
                f"QPushButton {{ background: {style.ACCENT}; color: white; border: none; border-radius: 6px;"
                " padding: 7px 18px; font-weight: 600; }"
                "QPushButton:hover { background: #174a73; }"
                f"QPushButton:disabled {{ background: {style.BORDER}; color: {style.MUTED}; }}")
        else:  # inside a card: a quiet link-like button
            self.button.setFlat(True)
            self.button.setStyleSheet(
                f"QPushButton {{ color: {style.ACCENT}; border: 1px solid {style.BORDER}; border-radius: 5px;"
                " padding: 3px 12px; }"
                f"QPushButton:hover {{ background: {style.ACCENT_SOFT}; }}"
                f"QPushButton:disabled {{ color: {style.FAINT}; }}")
        self.button.clicked.connect(self.action_triggered)
        layout.addWidget(self.icon_label)
        if compact:
            # full width: a wrapped label keeps its height-for-width only without an
            # alignment in the layout, and a card is narrow anyway
            layout.addWidget(self.title_label)
            layout.addWidget(self.text_label)
        else:
            layout.addWidget(self.title_label, 0, Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(self.text_label, 0, Qt.AlignmentFlag.AlignHCenter)
        if not compact:
            layout.addSpacing(6)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)

    def set_text(self, title: str, text: str = "") -> None:
        self.title_label.setText(title)
        self.text_label.setText(text)
        self.text_label.setVisible(bool(text))

    def set_action(self, text: str) -> None:
        self.button.setText(text)
        self.button.setVisible(bool(text))
