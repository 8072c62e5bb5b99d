"""Every setting the window keeps, declared once with its type and default (after Picard's
options.py). Nothing else reads QSettings with free-form keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from tryggapp import APP_NAME, ORG_NAME

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T
    kind: type

    def get(self, store: QSettings) -> T:
        value: Any = store.value(self.key, self.default)
        if value is None:
            return self.default
        if self.kind is bool and isinstance(value, str):
            return value.lower() == "true"  # type: ignore[return-value]
        try:
            return self.kind(value)
        except (TypeError, ValueError):
            return self.default

    def set(self, store: QSettings, value: T) -> None:
        store.setValue(self.key, value)


WINDOW_GEOMETRY = Option("window/geometry", QByteArray(), QByteArray)
WINDOW_STATE = Option("window/state", QByteArray(), QByteArray)
LAST_SECTION = Option("window/lastSection", "overview", str)
LAST_DATABASE = Option("database/last", "", str)
# The language of the window and the reports ("sv" or "en"), applied at the next start;
# $TRYGGAPP_LANG wins (tests, support).
LANGUAGE = Option("ui/language", "sv", str)
# Recently opened database files, newest first, one path per line (Arkiv → Senaste databaser).
RECENT_DATABASES = Option("database/recent", "", str)


def store() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG_NAME, APP_NAME)
