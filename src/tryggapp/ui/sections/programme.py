"""Handlingsprogram: the programme's outline at the left (Programme → Directions → Focus
areas → Goals), the selected node's page at the right. Every edit is an undoable command
saved at once; the view rebuilds from the database when its tables change."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from tryggapp import domain as d
from tryggapp.domain.enums import GoalKind
from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.services import crud
from tryggapp.services import programme as svc
from tryggapp.ui.context import AppContext
from tryggapp.ui.programme import ops
from tryggapp.ui.programme.goal_page import GoalPage
from tryggapp.ui.programme.page import Page
from tryggapp.ui.programme.pages import DirectionPage, FocusAreaPage, ProgrammePage
from tryggapp.ui.programme.tree import (
    DIRECTION,
    FOCUS_AREA,
    GOAL,
    PROGRAMME,
    Key,
    ProgrammeTreeModel,
    key_of,
)
from tryggapp.ui.sections.base import Section
from tryggapp.ui.widgets import EmptyState, style, unsaved

# Tables whose change can alter what this view shows (people and organisations appear as
# focus-area owners).
WATCHED = ops.ALL_TABLES | {"person", "organisation"}


class ProgrammeSection(Section):
    key = "programme"
    icon = "mdi6.book-open-page-variant-outline"

    @classmethod
    def title(cls) -> str:
        return _("Action programme")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._dirty = True
        self._outline: svc.ProgrammeTree | None = None
        self._collapsed: set[Key] = set()
        self.read_only = ctx.db.read_only

        self.stack = QStackedWidget(self)
        self.empty = EmptyState(
            "mdi6.book-open-page-variant-outline", _("No action programme yet"),
            _("The action programme holds the directions, numbered focus areas and goals that the "
              "action plan's measures work towards. Create it and fill in the details of the adopted document."),
            _("Create action programme"))
        self.empty.action_triggered.connect(self.create_programme)
        self.empty.button.setEnabled(not self.read_only)
        self.stack.addWidget(self.empty)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_outline())
        self.pages = QStackedWidget(self)
        self.page_for: dict[str, Page] = {
            PROGRAMME: ProgrammePage(ctx), DIRECTION: DirectionPage(ctx),
            FOCUS_AREA: FocusAreaPage(ctx), GOAL: GoalPage(ctx)}
        for page in self.page_for.values():
            self.pages.addWidget(page)
            page.open_node.connect(self.select)
            page.created.connect(self._created)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        # The outline's width in characters of its font (goal texts are long; they elide,
        # with the whole text as tooltip); the page takes the rest.
        self.splitter.setSizes([style.chars(self, 56), style.chars(self, 130)])
        self.stack.addWidget(self.splitter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        ctx.changes.changed.connect(self._on_changed)

    # -- building ----------------------------------------------------------------------

    def _build_outline(self) -> QWidget:
        panel = QWidget(self)
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(6)
        bar = QHBoxLayout()
        bar.setSpacing(2)
        self.add_button = QToolButton(panel)
        self.add_button.setText(_("Add"))
        self.add_button.setIcon(style.icon("mdi6.plus", style.ACCENT))
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        self.add_direction_action = menu.addAction(style.icon("mdi6.folder-outline"), _("Direction"),
                                                   self.add_direction)
        self.add_area_action = menu.addAction(style.icon("mdi6.flag-outline"), _("Focus area"), self.add_focus_area)
        menu.addSeparator()
        self.add_impact_action = menu.addAction(style.icon("mdi6.bullseye-arrow"), _("Impact goal"),
                                                lambda: self.add_goal(GoalKind.IMPACT))
        self.add_performance_action = menu.addAction(style.icon("mdi6.format-list-checks"), _("Performance goal"),
                                                     lambda: self.add_goal(GoalKind.PERFORMANCE))
        self.add_button.setMenu(menu)
        self.up_button = self._icon_button(panel, "mdi6.arrow-up", _("Move up (Alt+Up)"), lambda: self.move(-1))
        self.down_button = self._icon_button(panel, "mdi6.arrow-down", _("Move down (Alt+Down)"),
                                             lambda: self.move(1))
        self.remove_button = self._icon_button(panel, "mdi6.delete-outline", _("Remove (Delete)"),
                                               self.remove_selected)
        bar.addWidget(self.add_button)
        bar.addStretch(1)
        bar.addWidget(self.up_button)
        bar.addWidget(self.down_button)
        bar.addWidget(self.remove_button)
        column.addLayout(bar)

        self.model = ProgrammeTreeModel(self)
        self.tree = QTreeView(panel)
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(_("Outline of the action programme"))
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setIndentation(16)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setStyleSheet(
            f"QTreeView {{ border: 1px solid {style.BORDER}; border-radius: 6px; background: {style.SURFACE};"
            " padding: 4px; }"
            "QTreeView::item { padding: 4px 2px; }"
            f"QTreeView::item:selected {{ background: {style.ACCENT_SOFT}; color: {style.TEXT}; }}")
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.collapsed.connect(lambda index: self._collapsed.add(key_of(index)))  # type: ignore[arg-type]
        self.tree.expanded.connect(lambda index: self._collapsed.discard(key_of(index)))  # type: ignore[arg-type]
        column.addWidget(self.tree, 1)
        for keys, slot in ((QKeySequence("Alt+Up"), lambda: self.move(-1)),
                           (QKeySequence("Alt+Down"), lambda: self.move(1)),
                           (QKeySequence(QKeySequence.StandardKey.Delete), self.remove_selected)):
            shortcut = QShortcut(keys, self.tree)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        return panel

    @staticmethod
    def _icon_button(parent: QWidget, icon: str, tip: str, slot) -> QToolButton:  # noqa: ANN001
        button = QToolButton(parent)
        button.setIcon(style.icon(icon))
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # -- loading -----------------------------------------------------------------------

    def refresh(self) -> None:
        self._dirty = False
        programme = svc.current_programme(self.ctx.db)
        if programme is None:
            self._outline = None
            self.model.rebuild(None)
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.splitter)
        keep = self.current_key()
        self._outline = svc.tree(self.ctx.db, programme.id)
        self.tree.selectionModel().blockSignals(True)
        self.model.rebuild(self._outline)
        for key in self.model.node_keys():
            if key not in self._collapsed:
                self.tree.expand(self.model.index_of(*key))
        self.tree.selectionModel().blockSignals(False)
        key = keep if keep and self.model.index_of(*keep).isValid() else (PROGRAMME, programme.id)
        # A reload after a save: no leaving, no focus change (the user goes on typing in
        # the grid or field they are in).
        self._select_node(*key)

    def _on_changed(self, tables: set[str]) -> None:
        if not tables & WATCHED:
            return
        # Once loaded, stay current even while hidden (a rebuild is a few small queries),
        # so navigation into this view never sees a stale outline.
        if self.isVisible() or self._outline is not None:
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def current_key(self) -> Key | None:
        return key_of(self.tree.currentIndex())

    def current_page(self) -> Page:
        return self.pages.currentWidget()  # type: ignore[return-value]

    def select(self, kind: str, ident: int) -> bool:
        """Select a node in the tree and show its page (reloaded). Text still unsaved in
        the page is saved first, or the user is asked (False: they stayed)."""
        if not self.model.index_of(kind, ident).isValid():
            return False
        # Saving may rebuild the tree, so the index is looked up afterwards.
        if (kind, ident) != self.current_key() and not self.leave_ok():
            return False
        return self._select_node(kind, ident)

    def leave_ok(self) -> bool:
        """Save what the page still holds, or ask Spara / Släng / Avbryt."""
        return unsaved.leave_ok(self, unsaved.forms_in(self.current_page()))

    def _select_node(self, kind: str, ident: int) -> bool:
        index = self.model.index_of(kind, ident)
        if not index.isValid():
            return False
        self.tree.selectionModel().blockSignals(True)
        self.tree.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.tree.selectionModel().blockSignals(False)
        self.tree.scrollTo(index)
        self._show(kind, ident)
        return True

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        key = key_of(current)
        if key is None:
            return
        if previous.isValid() and not self.leave_ok():
            # Avbryt (or a save that failed again): back to the node with the text
            back = key_of(previous)
            if back is not None:
                self.tree.selectionModel().blockSignals(True)
                self.tree.selectionModel().setCurrentIndex(
                    self.model.index_of(*back), QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.tree.selectionModel().blockSignals(False)
            return
        key = key_of(self.tree.currentIndex()) or key  # saving may have rebuilt the tree
        self._show(*key)

    def _show(self, kind: str, ident: int) -> None:
        page = self.page_for[kind]
        if page.ident != ident:
            page.verticalScrollBar().setValue(0)  # another node starts at its top
        try:
            page.load(ident)
        except UserError as exc:  # deleted meanwhile: show the programme instead
            self.ctx.report_error(exc)
            return
        self.pages.setCurrentWidget(page)
        self._update_actions()

    def focus_target(self) -> QWidget | None:
        return self.tree if self.stack.currentWidget() is self.splitter else self.empty.button

    def open_record(self, table: str, record_id: int) -> bool:
        if self._dirty or self._outline is None:
            self.refresh()
        if table in ("measurement", "goal_assessment"):
            model = d.Measurement if table == "measurement" else d.GoalAssessment
            try:
                table, record_id = GOAL, crud.get(self.ctx.db, model, record_id).goal_id
            except crud.NotFound:
                return False
        if table in ("indicator_category", "category_measurement"):  # the goal whose indicator it is
            try:
                if table == "category_measurement":
                    record_id = crud.get(self.ctx.db, d.CategoryMeasurement, record_id).category_id
                table, record_id = GOAL, crud.get(self.ctx.db, d.IndicatorCategory, record_id).goal_id
            except crud.NotFound:
                return False
        if table not in (PROGRAMME, DIRECTION, FOCUS_AREA, GOAL):
            return False
        index = self.model.index_of(table, record_id)
        if index.isValid():
            self.tree.expand(index.parent())
        return self.select(table, record_id)

    # -- actions -----------------------------------------------------------------------

    def _context(self) -> tuple[int | None, int | None]:
        """(direction, focus area) the selection lies in, for adding below it."""
        key = self.current_key()
        if key is None or self._outline is None:
            return None, None
        kind, ident = key
        for direction in self._outline.directions:
            if kind == DIRECTION and direction.id == ident:
                return direction.id, None
            for area in direction.focus_areas:
                if kind == FOCUS_AREA and area.id == ident:
                    return direction.id, area.id
                if kind == GOAL and any(g.id == ident for g in area.goals):
                    return direction.id, area.id
        last = self._outline.directions[-1].id if self._outline.directions else None
        return last, None

    def _siblings(self, key: Key) -> list[int]:
        """Ids among which `key` can move, in order."""
        kind, ident = key
        outline = self._outline
        if outline is None:
            return []
        if kind == DIRECTION:
            return [x.id for x in outline.directions]
        for direction in outline.directions:
            for area in direction.focus_areas:
                if kind == FOCUS_AREA and area.id == ident:
                    return [a.id for a in direction.focus_areas if a.archived == area.archived]
                goal = next((g for g in area.goals if g.id == ident), None)
                if kind == GOAL and goal is not None:
                    return [g.id for g in area.goals if g.kind == goal.kind]
        return []

    def _update_actions(self) -> None:
        key = self.current_key()
        direction, area = self._context()
        writable = not self.read_only
        self.add_direction_action.setEnabled(writable)
        self.add_area_action.setEnabled(writable and direction is not None)
        self.add_impact_action.setEnabled(writable and area is not None)
        self.add_performance_action.setEnabled(writable and area is not None)
        siblings = self._siblings(key) if key else []
        position = siblings.index(key[1]) if key and key[1] in siblings else -1
        self.up_button.setEnabled(writable and position > 0)
        self.down_button.setEnabled(writable and 0 <= position < len(siblings) - 1)
        removable = key is not None and key[0] != PROGRAMME
        if key is not None and key[0] == DIRECTION and self._outline is not None:
            node = next(x for x in self._outline.directions if x.id == key[1])
            removable = not node.focus_areas
            self.remove_button.setToolTip(_("Remove (Delete)") if removable else
                                          _("Move or remove the direction's focus areas first"))
        else:
            self.remove_button.setToolTip(_("Remove (Delete)"))
        self.remove_button.setEnabled(writable and removable)

    def create_programme(self) -> None:
        programme = ops.create_programme(self.ctx)
        if programme is not None:
            self.refresh()
            self._focus_title()

    def add_direction(self) -> int | None:
        if self._outline is None:
            return None
        direction = ops.add_direction(self.ctx, self._outline.programme.id, _("New direction"))  # type: ignore[arg-type]
        if direction is None:
            return None
        self._created(DIRECTION, direction.id)  # type: ignore[arg-type]
        return direction.id

    def add_focus_area(self, direction_id: int | None = None) -> int | None:
        direction_id = direction_id or self._context()[0]
        if direction_id is None:
            return None
        area = ops.add_focus_area(self.ctx, direction_id, _("New focus area"))
        if area is None:
            return None
        self._created(FOCUS_AREA, area.id)  # type: ignore[arg-type]
        return area.id

    def add_goal(self, kind: GoalKind, area_id: int | None = None) -> int | None:
        area_id = area_id or self._context()[1]
        if area_id is None:
            return None
        text = _("New impact goal") if kind is GoalKind.IMPACT else _("New performance goal")
        goal = ops.add_goal(self.ctx, area_id, kind, text)
        if goal is None:
            return None
        self._created(GOAL, goal.id)  # type: ignore[arg-type]
        return goal.id

    def _created(self, kind: str, ident: int) -> None:
        """Select the new node and put the cursor in its title, ready to be typed over."""
        if self._dirty:
            self.refresh()
        self.open_record(kind, ident)
        self._focus_title()

    def _focus_title(self) -> None:
        field = self.current_page().title_field()
        if field is None:
            return
        field.setFocus()
        if hasattr(field, "selectAll"):
            field.selectAll()

    def move(self, delta: int) -> None:
        key = self.current_key()
        if key is None or not self.up_button.isEnabled() and delta < 0 or not self.down_button.isEnabled() and delta > 0:
            return
        kind, ident = key
        if kind == DIRECTION:
            ops.move_direction(self.ctx, ident, delta)
        elif kind == FOCUS_AREA:
            ops.move_focus_area(self.ctx, ident, delta)
        elif kind == GOAL:
            ops.move_goal(self.ctx, ident, delta)
        self.select(kind, ident)
        self.tree.setFocus()

    def remove_selected(self) -> None:
        key = self.current_key()
        if key is None or not self.remove_button.isEnabled():
            return
        kind, ident = key
        parent = key_of(self.tree.currentIndex().parent())
        if kind == DIRECTION:
            done = ops.delete_direction(self.ctx, ident)
        elif kind == FOCUS_AREA:
            removal = ops.remove_focus_area(self.ctx, ident)
            done = removal is not None
            if removal is not None and removal.archived:
                self.select(FOCUS_AREA, ident)  # still there, now marked archived
                return
        elif kind == GOAL:
            done = ops.remove_goal(self.ctx, ident)
        else:
            return
        if done and parent is not None:
            self.select(*parent)
