"""Reusable widgets for every section: forms with inline errors, empty states, cards,
two-line record lists and commit-on-finish field editors."""

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

__all__ = [
    "Card", "CheckField", "ChoiceField", "DateField", "EmptyState", "ErrorLabel", "FormSection",
    "MultilineField", "NumberField", "PageHeader", "RecordItem", "RecordList", "StatTile", "TextField",
]
