"""Icons from qtawesome (Material Design Icons, SIL OFL / Apache licensed fonts, shipped
in the wheel) with one calm colour."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

COLOR = "#3A4A5A"


@cache
def icon(name: str, color: str = COLOR) -> QIcon:
    import qtawesome as qta

    try:
        return qta.icon(name, color=color, color_active="white", color_selected="white")
    except Exception:  # an unknown name must not take the window down
        return QIcon()
