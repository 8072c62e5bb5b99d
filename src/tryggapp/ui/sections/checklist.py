"""Kom igång: the checklist Översikt shows while a new database still lacks the basics
(services.getting_started). One row per open step, each with a button that goes where the
step is done; a step done disappears, and the card with the last one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from tryggapp.i18n import _
from tryggapp.services.getting_started import STEPS, Progress
from tryggapp.ui.plan import PLAN_IMPORT
from tryggapp.ui.widgets import Card, style


def _texts() -> dict[str, tuple[str, str, str]]:
    """Per step: what to do, why, the button."""
    return {
        "programme": (_("Enter the action programme"),
                      _("The programme the council decided: title, diarienummer, valid from and to."),
                      _("Open the programme")),
        "focus_areas": (_("Add the focus areas"),
                        _("The programme's focus areas with their goals: every measure belongs to one."),
                        _("Open the programme")),
        "people": (_("Add people and organisations"),
                   _("Who answers for the measures: the municipality's departments, the police, the housing "
                     "company and their contact people."),
                   _("Open the organisation")),
        "plan": (_("Make this year's action plan"),
                 _("Add the measures one by one, or import the plan you already have in Excel."),
                 _("Open the action plan")),
    }


# Where each step's button leads: (section, table, record id) for ctx.navigate.
TARGETS: dict[str, tuple[str, str | None, int | None]] = {
    "programme": ("programme", None, None),
    "focus_areas": ("programme", None, None),
    "people": ("organisation", None, None),
    "plan": ("plan", None, None),
}


class ChecklistCard(Card):
    def __init__(self, navigate: Callable[[str, str | None, int | None], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Getting started"), "mdi6.flag-checkered", parent, tone="accent")
        self.setAccessibleName(_("Getting started"))
        self.navigate = navigate
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(f"color: {style.MUTED};")
        self.add_widget(self.intro)
        grid_host = QWidget()
        self.grid = QGridLayout(grid_host)
        self.grid.setContentsMargins(0, 4, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(0, 1)
        self.add_widget(grid_host)
        self.rows: dict[str, tuple[QLabel, QPushButton]] = {}
        for row, key in enumerate(STEPS):
            heading, why, action = _texts()[key]
            label = QLabel(f"<b>{heading}</b><br><span style='color:{style.MUTED}'>{why}</span>")
            label.setWordWrap(True)
            button = QPushButton(action)
            button.setAccessibleName(heading)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _checked=False, k=key: self.navigate(*TARGETS[k]))
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(button, row, 1, Qt.AlignmentFlag.AlignTop)
            self.rows[key] = (label, button)
        # Excel beside the plan: a coordinator with a plan in a workbook starts there.
        self.import_button = QPushButton(_("Import from Excel…"))
        self.import_button.setAccessibleName(_("Import the action plan from Excel"))
        self.import_button.clicked.connect(lambda: self.navigate("plan", PLAN_IMPORT, 0))
        self.grid.addWidget(self.import_button, len(STEPS), 1)

    def set_progress(self, progress: Progress) -> None:
        open_steps = progress.open_steps
        self.setVisible(bool(open_steps))
        done = len(STEPS) - len(open_steps)
        self.intro.setText(_("A new database: {done} of {total} steps done. Each step is done as soon as "
                             "there is one of its kind; this list goes away when all are done.").format(
            done=done, total=len(STEPS)))
        self.set_count(len(open_steps), emphasise=True)
        for key, (label, button) in self.rows.items():
            label.setVisible(key in open_steps)
            button.setVisible(key in open_steps)
        self.import_button.setVisible("plan" in open_steps)

    def visible_steps(self) -> list[str]:
        return [key for key, (label, _button) in self.rows.items() if not label.isHidden()]
