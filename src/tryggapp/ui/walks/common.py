"""Helpers shared by the walk and visit pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QPushButton

from tryggapp.domain.enums import LightCondition, ObservationCategory, Priority
from tryggapp.i18n import _
from tryggapp.ui.table import TablePane
from tryggapp.ui.widgets import style
from tryggapp.ui.widgets.form import FormSection


def name_fields(form: FormSection) -> None:
    """Every field's accessible name is its label (a screen reader says what it is)."""
    for name, widget in form.fields.items():
        widget.setAccessibleName(form.caption(name))


def button(icon: str, text: str, accessible: str = "") -> QPushButton:
    b = QPushButton(style.icon(icon), text)
    b.setAccessibleName(accessible or text.replace("&", "").rstrip("…"))
    return b


def table_leaves_on_tab(pane: TablePane, accessible: str) -> None:
    """Rows are picked with the arrows; Tab leaves the table for what follows it instead
    of walking through every cell."""
    pane.view.setTabKeyNavigation(False)
    pane.view.setAccessibleName(accessible)
    pane.search.setAccessibleName(_("Search in {what}").format(what=accessible.lower()))
    pane.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)


def light_choices() -> list[tuple[str, Any]]:
    return [(_("(not given)"), None), *[(c.label, c) for c in LightCondition]]


def category_choices() -> list[tuple[str, Any]]:
    return [(c.label, c) for c in ObservationCategory]


def priority_choices() -> list[tuple[str, Any]]:
    return [(p.label, p) for p in Priority]


def parse_time(text: str) -> dt.time | None:
    """'19', '19:00', '19.00' or '1900' → 19:00; '' → None; ValueError otherwise."""
    text = text.strip().replace(".", ":")
    if not text:
        return None
    if ":" not in text:
        text = f"{text[:-2]}:{text[-2:]}" if len(text) > 2 else f"{text}:00"
    hours, minutes = text.split(":", 1)
    return dt.time(int(hours), int(minutes))
