"""RecordList: a calm two-line list of records that opens the one activated.

Each row is a RecordItem (table, id, title, subtitle, trailing text, icon, tone). The
view emits `record_activated(table, id)` on double-click or Enter, which a section passes
to ctx.navigate. Tone adds colour to the icon and trailing text only; the words carry the
meaning, so the list reads the same in greyscale.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from tryggapp.ui.widgets import style

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class RecordItem:
    table: str
    id: int
    title: str
    subtitle: str = ""
    trailing: str = ""
    icon: str = ""  # qtawesome name
    tone: str = ""  # '', 'danger', 'warning', 'success', 'accent'


class RecordListModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[RecordItem] = []

    def set_items(self, items: list[RecordItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(x for x in (item.title, item.subtitle, item.trailing) if x)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(x for x in (item.title, item.subtitle, item.trailing) if x)
        if role == RECORD_ROLE:
            return item
        return None


class TwoLineDelegate(QStyledItemDelegate):
    """Title over a muted subtitle, an optional icon at the left and a trailing text at
    the right, elided to fit."""

    PAD = 8
    ICON = 20

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        fm = QFontMetrics(option.font)  # type: ignore[attr-defined]
        return QSize(200, fm.height() * 2 + fm.leading() + 2 * self.PAD + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        item: RecordItem = index.data(RECORD_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # type: ignore[attr-defined]
        widget = opt.widget  # type: ignore[attr-defined]
        widget_style = widget.style() if widget else None
        if widget_style:
            widget_style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        rect: QRect = opt.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)  # type: ignore[attr-defined]
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        painter.save()
        fm = QFontMetrics(opt.font)  # type: ignore[attr-defined]
        x = rect.left()
        if item.icon:
            color = style.tone_color(item.tone) if item.tone else style.FAINT
            pix = style.icon(item.icon, color).pixmap(self.ICON, self.ICON)
            painter.drawPixmap(x, rect.top() + (fm.height() - self.ICON) // 2 + 2, pix)
            x += self.ICON + self.PAD
        trailing_w = 0
        if item.trailing:
            trailing_w = min(fm.horizontalAdvance(item.trailing) + 4, rect.width() // 3)
            painter.setPen(style.qcolor(style.tone_color(item.tone) if item.tone and not selected
                                        else (style.MUTED if not selected else style.TEXT)))
            painter.drawText(QRect(rect.right() - trailing_w, rect.top(), trailing_w, fm.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(item.trailing, Qt.TextElideMode.ElideRight, trailing_w))
        text_w = rect.right() - x - trailing_w - self.PAD
        painter.setPen(style.qcolor(style.TEXT))
        painter.drawText(QRect(x, rect.top(), text_w, fm.height()), Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(item.title, Qt.TextElideMode.ElideRight, text_w))
        if item.subtitle:
            painter.setPen(style.qcolor(style.MUTED))
            width = rect.right() - x
            painter.drawText(QRect(x, rect.top() + fm.height() + fm.leading() + 2, width, fm.height()),
                             Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(item.subtitle, Qt.TextElideMode.ElideRight, width))
        painter.restore()


class RecordList(QListView):
    """A list of RecordItems; `record_activated(table, id)` on double-click or Enter.
    With `max_visible_rows` it grows with its rows up to that many, then scrolls."""

    record_activated = Signal(str, int)

    def __init__(self, parent: QWidget | None = None, *, max_visible_rows: int = 6) -> None:
        super().__init__(parent)
        self.model_ = RecordListModel(self)
        self.setModel(self.model_)
        self.setItemDelegate(TwoLineDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setUniformItemSizes(True)
        self.setMouseTracking(True)
        self.max_visible_rows = max_visible_rows
        self.activated.connect(self._activated)
        self.setStyleSheet(
            "QListView { background: transparent; outline: 0; }"
            f"QListView::item {{ border-bottom: 1px solid {style.BORDER}; }}"
            f"QListView::item:hover {{ background: {style.BACKGROUND}; }}"
            f"QListView::item:selected {{ background: {style.ACCENT_SOFT}; color: {style.TEXT}; }}"
            # A styled list view otherwise draws a stark default scroll bar.
            "QScrollBar:vertical { background: transparent; width: 10px; margin: 0; }"
            f"QScrollBar::handle:vertical {{ background: {style.BORDER}; border-radius: 4px; min-height: 24px; }}"
            f"QScrollBar::handle:vertical:hover {{ background: {style.FAINT}; }}"
            "QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }"
            "QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: none; }")

    def set_items(self, items: list[RecordItem]) -> None:
        self.model_.set_items(items)
        self._fit()

    def items(self) -> list[RecordItem]:
        return list(self.model_.items)

    def _row_height(self) -> int:
        if not self.model_.items:
            return 40
        return self.sizeHintForRow(0)

    def _fit(self) -> None:
        rows = min(len(self.model_.items), self.max_visible_rows)
        self.setFixedHeight(max(rows, 1) * self._row_height() + 2 * self.frameWidth())

    def _activated(self, index: QModelIndex) -> None:
        item: RecordItem | None = index.data(RECORD_ROLE)
        if item is not None:
            self.record_activated.emit(item.table, item.id)

    def activate_row(self, row: int) -> None:
        """Open the record in `row` as a double-click would (keyboard users, tests)."""
        self._activated(self.model_.index(row, 0))
