"""Dialogs of the Möten section: booking a meeting, adding a guest, the reason asked for
when approved minutes are reopened."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from tryggapp.i18n import _
from tryggapp.services.validation import ValidationError
from tryggapp.ui.widgets import style
from tryggapp.ui.widgets.dialog import Dialog
from tryggapp.ui.widgets.fields import ChoiceField, DateField, TextField
from tryggapp.ui.widgets.form import FormSection


def parse_time(text: str) -> dt.time | None:
    """"9", "9.30", "09:30", "0930" → a time; "" → None; anything else raises ValueError."""
    text = (text or "").strip().replace(".", ":").replace(" ", "")
    if not text:
        return None
    if ":" not in text:
        text = f"{text}:00" if len(text) <= 2 else f"{text[:-2]}:{text[-2:]}"
    hours, minutes = text.split(":", 1)
    return dt.time(int(hours), int(minutes))


def time_text(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def bad_time(label: str) -> str:
    return _("“{field}”: write the time as HH:MM, e.g. 09:30.").format(field=label)


def named(widget: QWidget, name: str) -> QWidget:
    widget.setAccessibleName(name)
    return widget


class BookMeetingDialog(Dialog):
    """Group, date, start and end, place. The agenda starts from the usual items."""

    def __init__(self, groups: list[tuple[int, str]], parent: QWidget | None = None, *,
                 group_id: int | None = None, day: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Book a meeting"))
        self.setMinimumWidth(style.chars(self, 60))
        self.form = FormSection(framed=False)
        self.group = self.form.add_field("group_id", _("&Group"), ChoiceField([(n, i) for i, n in groups]))
        self.date = self.form.add_field("date", _("&Date"), DateField())
        self.start = self.form.add_field("start_time", _("&Starts"), TextField(placeholder="09:00"))
        self.end = self.form.add_field("end_time", _("&Ends"), TextField(placeholder="11:00"))
        self.place = self.form.add_field("place", _("&Place"), TextField(placeholder=_("Room, address or link")))
        for name, widget in self.form.fields.items():
            named(widget, self.form.caption(name))
        if group_id is not None:
            self.group.set_value(group_id)
        self.date.set_value(day)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Book meeting"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.values: dict[str, Any] = {}

    def accept(self) -> None:
        self.form.clear_errors()
        values: dict[str, Any] = {"group_id": self.group.value(), "place": self.place.text().strip()}
        ok = True
        if values["group_id"] is None:
            self.form.show_error("group_id", _("Choose the group that meets."))
            ok = False
        try:
            values["date"] = self.date.value()
            if values["date"] is None:
                self.form.show_error("date", _("Give the date of the meeting."))
                ok = False
        except ValidationError as exc:
            self.form.show_error("date", exc.message)
            ok = False
        for key, widget in (("start_time", self.start), ("end_time", self.end)):
            try:
                values[key] = parse_time(widget.text())
            except ValueError:
                self.form.show_error(key, bad_time(self.form.caption(key)))
                ok = False
        if ok and values["start_time"] and values["end_time"] and values["end_time"] <= values["start_time"]:
            self.form.show_error("end_time", _("The meeting must end after it starts."))
            ok = False
        if not ok:
            return
        self.values = values
        super().accept()


class GuestDialog(Dialog):
    """Pick a person who is not a member (adjungerad or other present)."""

    def __init__(self, people: list[tuple[int, str]], kinds: list[tuple[str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add a guest"))
        self.form = FormSection(framed=False)
        self.person = self.form.add_field("person_id", _("&Person"), ChoiceField([(n, i) for i, n in people]))
        self.kind = self.form.add_field("attendance", _("&Attends as"), ChoiceField(kinds))
        for name, widget in self.form.fields.items():
            named(widget, self.form.caption(name))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Add guest"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)


def ask_reopen_reason(parent: QWidget | None) -> str | None:
    """Why approved minutes are reopened (kept in their history). None if the user backs out."""
    while True:
        text, ok = QInputDialog.getText(
            parent, _("Reopen approved minutes"),
            _("Why are the approved minutes reopened? The reason is kept in their history, and the minutes "
              "must be approved again."), QLineEdit.EchoMode.Normal, "")
        if not ok:
            return None
        if text.strip():
            return text.strip()
        QMessageBox.information(parent, _("Reason needed"), _("Reopening approved minutes needs a reason."))
