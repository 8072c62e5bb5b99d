"""The programme outline as a Qt item model: Programme → Directions → Focus areas → Goals.

Rebuilt from services.programme.tree() on every change (a programme has tens of nodes,
so a rebuild costs nothing and cannot drift from the database); the view keeps selection
and expansion by (kind, id)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QWidget

from tryggapp.domain.enums import GoalKind
from tryggapp.i18n import _
from tryggapp.services.programme import ProgrammeTree
from tryggapp.ui.widgets import style

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

PROGRAMME, DIRECTION, FOCUS_AREA, GOAL = "programme", "direction", "focus_area", "goal"

ICONS = {
    PROGRAMME: "mdi6.book-open-page-variant-outline",
    DIRECTION: "mdi6.folder-outline",
    FOCUS_AREA: "mdi6.flag-outline",
    GoalKind.IMPACT: "mdi6.bullseye-arrow",
    GoalKind.PERFORMANCE: "mdi6.format-list-checks",
}

Key = tuple[str, int]


def _item(kind: str, ident: int, text: str, icon: str, tooltip: str = "") -> QStandardItem:
    item = QStandardItem(style.icon(icon), text)
    item.setData(kind, KIND_ROLE)
    item.setData(ident, ID_ROLE)
    item.setEditable(False)
    item.setToolTip(tooltip or text)
    # What the icon says (a goal's kind) is read out too: never the icon alone.
    item.setData(tooltip or text, Qt.ItemDataRole.AccessibleTextRole)
    return item


def _short(text: str, limit: int = 70) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class ProgrammeTreeModel(QStandardItemModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._index: dict[Key, QStandardItem] = {}

    def rebuild(self, outline: ProgrammeTree | None) -> None:
        self.clear()
        self._index = {}
        if outline is None:
            return
        root = _item(PROGRAMME, outline.programme.id, outline.programme.title, ICONS[PROGRAMME])  # type: ignore[arg-type]
        bold = QFont(root.font())
        bold.setBold(True)
        root.setFont(bold)
        self._add(root)
        self.appendRow(root)
        for direction in outline.directions:
            dir_item = _item(DIRECTION, direction.id, direction.title, ICONS[DIRECTION])
            self._add(dir_item)
            root.appendRow(dir_item)
            for area in direction.focus_areas:
                archived_word = _("archived")
                text = area.label + (f"  ({archived_word})" if area.archived else "")
                area_item = _item(FOCUS_AREA, area.id, text, ICONS[FOCUS_AREA], area.label)
                if area.archived:
                    area_item.setForeground(style.qcolor(style.FAINT))
                    italic = QFont(area_item.font())
                    italic.setItalic(True)
                    area_item.setFont(italic)
                self._add(area_item)
                dir_item.appendRow(area_item)
                for goal in area.goals:
                    goal_item = _item(GOAL, goal.id, _short(goal.text), ICONS[goal.kind],
                                      f"{goal.kind.label}: {goal.text}")
                    self._add(goal_item)
                    area_item.appendRow(goal_item)

    def _add(self, item: QStandardItem) -> None:
        self._index[(item.data(KIND_ROLE), item.data(ID_ROLE))] = item

    def index_of(self, kind: str, ident: int) -> QModelIndex:
        item = self._index.get((kind, ident))
        return item.index() if item is not None else QModelIndex()

    def node_keys(self) -> list[Key]:
        return list(self._index)


def key_of(index: QModelIndex) -> Key | None:
    if not index.isValid():
        return None
    return index.data(KIND_ROLE), index.data(ID_ROLE)
