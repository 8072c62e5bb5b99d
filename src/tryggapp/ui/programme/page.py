"""The scrolling right-hand page every programme node is shown in, and small helpers the
pages share (banners, buttons, choices of people and organisations)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tryggapp import domain as d
from tryggapp.i18n import _
from tryggapp.services import crud
from tryggapp.ui.context import AppContext
from tryggapp.ui.widgets import PageHeader, style

# Forms read best at a line length people can follow; wider screens get margins.
MAX_WIDTH = 1040


class Page(QScrollArea):
    """A node's page: header, then cards, in a scroll area. Subclasses implement load()."""

    # ask the section to select another node (kind, id), e.g. from a list on the page
    open_node = Signal(str, int)
    # a node was created from this page; the section selects it and focuses its title
    created = Signal(str, int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ident: int | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Tab from the outline goes straight to the page's first field (the page still
        # scrolls to whichever field has focus).
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer = QWidget(self)
        outer.setObjectName("PageCanvas")
        outer.setStyleSheet(f"#PageCanvas {{ background: {style.BACKGROUND}; }}")
        row = QHBoxLayout(outer)
        row.setContentsMargins(20, 16, 20, 20)
        content = QWidget(outer)
        content.setMaximumWidth(MAX_WIDTH)
        row.addWidget(content, 1)
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(14)
        self.header = PageHeader("", "", content)
        self.body.addWidget(self.header)
        self.setWidget(outer)
        self.read_only = ctx.db.read_only

    def finish_body(self) -> None:
        self.body.addStretch(1)

    def load(self, ident: int) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        if self.ident is not None:
            self.load(self.ident)

    def title_field(self) -> QWidget | None:
        """The field to focus after the node was created."""
        return None


class Banner(QFrame):
    """A calm notice across a page (icon + sentence + optional action)."""

    action_triggered = Signal()

    def __init__(self, icon: str, text: str = "", action: str = "", parent: QWidget | None = None,
                 *, tone: str = "warning") -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        soft = {"warning": style.WARNING_SOFT, "danger": style.DANGER_SOFT, "accent": style.ACCENT_SOFT}[tone]
        self.setStyleSheet(f"#Banner {{ background: {soft}; border-radius: 6px; }}")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        pic = QLabel(self)
        pic.setPixmap(style.icon(icon, style.tone_color(tone)).pixmap(20, 20))
        self.text = QLabel(text, self)
        self.text.setWordWrap(True)
        self.button = QPushButton(action, self)
        self.button.setVisible(bool(action))
        self.button.clicked.connect(self.action_triggered)
        row.addWidget(pic, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)


def tool_button(text: str, icon: str, parent: QWidget | None = None) -> QPushButton:
    """A quiet button with an icon, for card headers."""
    button = QPushButton(style.icon(icon, style.ACCENT), text, parent)
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setStyleSheet(f"QPushButton {{ color: {style.ACCENT}; padding: 3px 8px; }}"
                         f"QPushButton:hover {{ background: {style.ACCENT_SOFT}; border-radius: 4px; }}"
                         f"QPushButton:disabled {{ color: {style.FAINT}; }}")
    return button


def people_choices(ctx: AppContext, current: int | None = None) -> list[tuple[str, int | None]]:
    """Active people (and the current one even if archived), '—' for none."""
    people = crud.list_all(ctx.db, d.Person, order_by=d.Person.name)
    return [("—", None)] + [(p.name + (f", {p.title}" if p.title else ""), p.id)  # type: ignore[misc]
                            for p in people if not p.archived or p.id == current]


def organisation_choices(ctx: AppContext, current: int | None = None) -> list[tuple[str, int | None]]:
    orgs = crud.list_all(ctx.db, d.Organisation, order_by=d.Organisation.name)
    return [("—", None)] + [(o.name, o.id) for o in orgs if not o.archived or o.id == current]  # type: ignore[misc]


def muted_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {style.MUTED};")
    return label


def no_data_text() -> str:
    return _("No value")
