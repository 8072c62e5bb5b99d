"""Reusable widgets for every section: forms with inline errors, empty states, cards,
two-line record lists and commit-on-finish field editors.

The names below are imported when first asked for (PEP 562), not with the package: the
window's shell imports `widgets.accessible` and `widgets.unsaved` before the database
opens, and `widgets.fields` brings the services and SQLModel with it (issue 16)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "Card": "card", "PageHeader": "card", "StatTile": "card",
    "EmptyState": "empty_state",
    "CheckField": "fields", "ChoiceField": "fields", "DateField": "fields",
    "MultilineField": "fields", "NumberField": "fields", "TextField": "fields",
    "ErrorLabel": "form", "FormSection": "form",
    "RecordItem": "record_list", "RecordList": "record_list",
}

__all__ = [
    "Card", "CheckField", "ChoiceField", "DateField", "EmptyState", "ErrorLabel", "FormSection",
    "MultilineField", "NumberField", "PageHeader", "RecordItem", "RecordList", "StatTile", "TextField",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value  # once
    return value


if TYPE_CHECKING:
    from tryggapp.ui.widgets.card import Card, PageHeader, StatTile
    from tryggapp.ui.widgets.empty_state import EmptyState
    from tryggapp.ui.widgets.fields import (
        CheckField,
        ChoiceField,
        DateField,
        MultilineField,
        NumberField,
        TextField,
    )
    from tryggapp.ui.widgets.form import ErrorLabel, FormSection
    from tryggapp.ui.widgets.record_list import RecordItem, RecordList
