"""What the conflict dialog shows when an edit was refused because someone else saved
the record meanwhile (storage.versions.StaleEdit): field by field, the value the user
saw, the one saved now (theirs) and the user's own, in words ('Anna Berg', 'Pågående',
'2026-06-01'), only for the fields that differ."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tryggapp.services.labels import (
    display_value,
    field_label,
    reference_labels,
    references,
    table_label,
)
from tryggapp.storage import Database
from tryggapp.storage.audit import jsonable
from tryggapp.storage.versions import VERSION, StaleEdit

# Never shown as a field of their change: bookkeeping the user does not edit.
_HIDDEN = frozenset({"id", VERSION})


@dataclass(frozen=True)
class ConflictField:
    """One field: its label, the value the user's window showed (`before`), the value
    saved now (`theirs`) and the user's own (`mine`; None when the user did not change it)."""

    name: str
    label: str
    before: str
    theirs: str
    mine: str | None

    @property
    def theirs_changed(self) -> bool:
        return self.before != self.theirs


@dataclass(frozen=True)
class Conflict:
    kind: str  # 'Åtgärd'
    who: str  # 'anna, 29 nov. 2026 kl. 00:41' or ''
    deleted: bool
    fields: tuple[ConflictField, ...]


def describe(db: Database, stale: StaleEdit, mine: Mapping[str, Any],
             before: Mapping[str, Any] | None = None, labels: Mapping[str, str] | None = None) -> Conflict:
    """The conflict in words. `mine` are the user's changes, `before` the values the
    window had loaded (None when unknown: then only the user's fields are shown);
    `labels` the form's own captions, which win over the change log's field names."""
    captions = dict(labels or {})
    table = stale.table
    theirs = stale.current or {}
    before = dict(before or {})
    candidates = [n for n in mine if n not in _HIDDEN]
    candidates += [n for n in before if n not in _HIDDEN and n not in mine and n in theirs]
    stored = {
        "before": {n: jsonable(before.get(n, theirs.get(n))) for n in candidates},
        "theirs": {n: jsonable(theirs.get(n)) for n in candidates},
        "mine": {n: jsonable(mine[n]) for n in candidates if n in mine},
    }
    wanted = set().union(*(references(table, values) for values in stored.values()))
    with db.session() as s:
        names_of = reference_labels(s, wanted)
    fields = []
    for n in candidates:
        shown = {k: display_value(table, n, v.get(n), names_of) for k, v in stored.items()}
        if n not in mine and shown["before"] == shown["theirs"]:
            continue  # compared as shown: a form's '18:00' is the stored 18:00:00
        fields.append(ConflictField(n, captions.get(n) or field_label(table, n), shown["before"], shown["theirs"],
                                    shown["mine"] if n in mine else None))
    return Conflict(table_label(table) if table else "", stale.by_whom(), stale.deleted, tuple(fields))
