"""Small helpers for read-only detail panes (HTML in a QTextBrowser)."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtWidgets import QTextBrowser, QWidget

from tryggapp.i18n import _


def browser(parent: QWidget | None = None, name: str = "") -> QTextBrowser:
    """`name`: what the pane shows, for a screen reader ("Vald grupp")."""
    view = QTextBrowser(parent)
    view.setOpenLinks(False)
    view.setObjectName("detailPane")
    view.setAccessibleName(name or _("Details of the selected row"))
    return view


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text)).replace("\n", "<br>")


def heading(text: str) -> str:
    return f"<h2>{esc(text)}</h2>"


def facts(pairs: Iterable[tuple[str, object]]) -> str:
    rows = "".join(
        f"<tr><td style='color:#555;padding-right:12px;vertical-align:top'>{esc(k)}</td><td>{esc(v)}</td></tr>"
        for k, v in pairs if v not in (None, "")
    )
    return f"<table cellspacing='2'>{rows}</table>"


def paragraph(title: str, text: str) -> str:
    if not text:
        return ""
    return f"<h3>{esc(title)}</h3><p>{esc(text)}</p>"
