"""Picker contents shared by the plan's filter bar, detail panel and dialogs."""

from __future__ import annotations

from typing import Any

from tryggapp.domain import rules
from tryggapp.i18n import _
from tryggapp.services.measures import Choices


def none_item() -> tuple[str, Any]:
    return (_("(none)"), None)


def focus_areas(choices: Choices, *, blank: str | None = None) -> list[tuple[str, Any]]:
    return [(blank or none_item()[0], None), *[(label, ident) for ident, label in choices.focus_areas]]


def people(choices: Choices, *, blank: str | None = None) -> list[tuple[str, Any]]:
    return [(blank or none_item()[0], None), *[(name, ident) for ident, name, _org in choices.persons]]


def organisations(choices: Choices, *, blank: str | None = None) -> list[tuple[str, Any]]:
    return [(blank or none_item()[0], None), *[(name, ident) for ident, name in choices.organisations]]


def statuses() -> list[tuple[str, Any]]:
    return [(s.label, s) for s in rules.STORED_STATUS_ORDER]


def person_organisation(choices: Choices, person_id: int | None) -> int | None:
    for ident, _name, org in choices.persons:
        if ident == person_id:
            return org
    return None


def with_current(items: list[tuple[str, Any]], value: Any, label: str) -> list[tuple[str, Any]]:
    """Keep an archived record the measure still points at selectable (and visible)."""
    if value is None or any(v == value for _t, v in items):
        return items
    return [*items, (_("{name} (archived)").format(name=label or value), value)]
