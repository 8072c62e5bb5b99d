"""Small dialogs of the walk section: a new walk, a new safety visit, and "Skapa åtgärd"
(a measure in the action plan from an observation or a visit).

Each dialog checks and saves itself when OK is pressed (`submit`): a refused value is
shown under its field and the dialog stays open, nothing lost. `run` is a module
function, so tests can fill a dialog and press OK without a modal loop."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from tryggapp.i18n import _
from tryggapp.services import measures
from tryggapp.services.validation import ValidationError
from tryggapp.ui.plan import choices as pick
from tryggapp.ui.widgets import style
from tryggapp.ui.widgets.dialog import Dialog
from tryggapp.ui.widgets.fields import (
    ChoiceField,
    DateField,
    MultilineField,
    NumberField,
    TextField,
)
from tryggapp.ui.widgets.form import FormSection


def run(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


class FormDialog(Dialog):
    """A form and OK/Cancel; OK calls `save(values, form)`, which returns the new record
    (or None when refused: the form then shows why)."""

    def __init__(self, title: str, intro: str, save: Callable[[dict[str, Any], FormSection], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self.result_record: Any = None
        self.form = FormSection(framed=False)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(f"color: {style.MUTED};")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(style.chars(self, 90))

    def add(self, name: str, label: str, widget: QWidget, **kw: Any) -> QWidget:
        self.form.add_field(name, label, widget, **kw)
        widget.setAccessibleName(label.replace("&", ""))
        return widget

    def values(self) -> dict[str, Any] | None:
        """Every field's value, or None when one cannot be read (shown under it)."""
        out: dict[str, Any] = {}
        bad = False
        self.form.clear_errors()
        for name, widget in self.form.fields.items():
            try:
                out[name] = widget.value()  # type: ignore[attr-defined]
            except ValidationError as exc:
                self.form.show_error(name, exc.message)
                bad = True
        return None if bad else out

    def submit(self) -> None:
        values = self.values()
        if values is None:
            return
        made = self._save(values, self.form)
        if made is not None:
            self.result_record = made
            self.accept()


def new_walk_dialog(save: Callable[[dict[str, Any], FormSection], Any], today: dt.date,
                    parent: QWidget | None = None) -> FormDialog:
    dialog = FormDialog(_("New safety walk"), _("Which area is walked, and when? Everything else — the pre-meeting, "
                                                "route, participants and observations — is filled in afterwards."),
                        save, parent)
    dialog.add("area", _("Area"), TextField(placeholder=_("e.g. Norrby centrum")))
    date = dialog.add("date", _("Date"), DateField())
    date.set_value(today)  # type: ignore[attr-defined]
    return dialog


def new_visit_dialog(save: Callable[[dict[str, Any], FormSection], Any], today: dt.date,
                     parent: QWidget | None = None) -> FormDialog:
    dialog = FormDialog(_("New safety visit"), _("A safety visit is an internal visit after an incident at a "
                                                 "municipal workplace. Give the workplace and the date; the rest is "
                                                 "filled in afterwards."), save, parent)
    dialog.add("workplace", _("Workplace"), TextField(placeholder=_("e.g. Västerbyskolan")))
    date = dialog.add("date", _("Date"), DateField())
    date.set_value(today)  # type: ignore[attr-defined]
    return dialog


def measure_dialog(db: Any, save: Callable[[dict[str, Any], FormSection], Any], *, title: str, description: str,
                   year: int, deadline: dt.date | None, organisation_id: int | None, intro: str,
                   parent: QWidget | None = None) -> FormDialog:
    """"Skapa åtgärd": the measure's title, focus area, who is responsible, deadline and
    the plan year; the link to its origin is made by `save`."""
    choices = measures.choices(db)
    dialog = FormDialog(_("Create measure"), intro, save, parent)
    dialog.add("title", _("Measure"), TextField(), span=True)
    dialog.add("focus_area_id", _("Focus area"), ChoiceField(pick.focus_areas(choices)), span=True)
    dialog.add("responsible_person_id", _("Responsible person"), ChoiceField(pick.people(choices)), span=True)
    dialog.add("responsible_organisation_id", _("Responsible organisation"),
               ChoiceField(pick.organisations(choices)), span=True)
    dialog.add("deadline", _("Deadline"), DateField(), span=True)
    dialog.add("year", _("Action plan year"), NumberField(integer=True), span=True)
    dialog.add("description", _("Description"), MultilineField(lines=4), span=True)
    f = dialog.form.fields
    f["title"].set_value(title)  # type: ignore[attr-defined]
    f["description"].set_value(description)  # type: ignore[attr-defined]
    f["year"].set_value(year)  # type: ignore[attr-defined]
    f["deadline"].set_value(deadline)  # type: ignore[attr-defined]
    f["responsible_organisation_id"].set_value(organisation_id)  # type: ignore[attr-defined]
    return dialog
