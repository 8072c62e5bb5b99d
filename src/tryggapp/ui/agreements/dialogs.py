"""The forms of medborgarlöften and samverkansöverenskommelser: the agreement (period,
parties, description), an undertaking (what, who, the measures that carry it out) and a
follow-up (date, status, what was done).

They are walks.dialogs' FormDialog: OK checks and saves (`save(values, form)`), a refused
value is shown in Swedish under its field and the dialog stays open, nothing lost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from tryggapp.domain.enums import CommitmentStatus, UndertakingStatus
from tryggapp.i18n import _
from tryggapp.services import agreements as svc
from tryggapp.ui.walks.dialogs import FormDialog
from tryggapp.ui.widgets.fields import ChoiceField, DateField, MultilineField, TextField
from tryggapp.ui.widgets.form import FormSection

Save = Callable[[dict[str, Any], FormSection], Any]


class CheckList(QWidget):
    """Pick several of a list (parties, measures): ticks, with a filter line for long lists.
    `value()` is the ticked ids in list order."""

    committed = Signal(object)  # never emitted: a dialog reads value() on OK

    def __init__(self, choices: Iterable[tuple[int, str]], *, filterable: bool = False, rows: int = 6,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = ""
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(_("Filter…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setVisible(filterable)
        self.filter.textChanged.connect(self._filter)
        self.list = QListWidget(self)
        self.list.setTabKeyNavigation(False)
        self.list.setUniformItemSizes(True)
        for ident, text in choices:
            item = QListWidgetItem(text, self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, ident)
        self.list.setMinimumHeight(self.list.sizeHintForRow(0) * rows + 4 if self.list.count() else 60)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self.setFocusProxy(self.filter if filterable else self.list)

    def setAccessibleName(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setAccessibleName(text)
        self.list.setAccessibleName(text)
        self.filter.setAccessibleName(_("Filter {what}").format(what=text.lower()))

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for item in self._items():
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())

    def set_value(self, ids: Iterable[int]) -> None:
        chosen = set(ids)
        for item in self._items():
            ticked = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def value(self) -> list[int]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self._items()
                if item.checkState() == Qt.CheckState.Checked]


def agreement_dialog(table: str, save: Save, organisations: Sequence[tuple[int, str]],
                     row: svc.AgreementRow | None = None, today: dt.date | None = None,
                     parent: QWidget | None = None) -> FormDialog:
    """New or edit: a citizen promise or a cooperation agreement."""
    promise = table == svc.PROMISE
    if row is None:
        title = _("New citizen promise") if promise else _("New cooperation agreement")
    else:
        title = _("Edit citizen promise") if promise else _("Edit cooperation agreement")
    intro = (_("A citizen promise is what the municipality and the police promise the residents for a period, "
               "drawn from the situation picture and the dialogue with the residents.") if promise else
             _("A cooperation agreement sets out how the municipality and the police work together for a "
               "period, often several years."))
    dialog = FormDialog(title, intro + " " + _("The undertakings are added after it is saved."), save, parent)
    dialog.add("title", _("Title"), TextField(placeholder=_("e.g. Safe evenings in the town centre")), span=True)
    dialog.add("period_from", _("From"), DateField(), span=True)
    dialog.add("period_to", _("To"), DateField(), span=True)
    dialog.add("status", _("Status"), ChoiceField([(s.label, s) for s in CommitmentStatus]), span=True)
    dialog.add("signed_on", _("Signed"), DateField(), span=True)
    dialog.add("police_area", _("Local police area"), TextField(placeholder=_("e.g. Local police area Tryggvik")),
               span=True)
    dialog.add("parties", _("Parties"), CheckList(organisations, rows=5), span=True,
               hint=_("The organisations that have signed: the municipality's departments, the police, the "
                      "housing company."))
    dialog.add("description", _("Description"), MultilineField(lines=4), span=True)
    dialog.add("follow_up", _("How it is followed up"), MultilineField(lines=2), span=True)
    f = dialog.form.fields
    if row is not None:
        for name in ("title", "period_from", "period_to", "status", "signed_on", "police_area", "description",
                     "follow_up"):
            f[name].set_value(getattr(row, name))  # type: ignore[attr-defined]
        f["parties"].set_value([ident for ident, _name in row.parties])  # type: ignore[attr-defined]
    else:
        year = (today or dt.date.today()).year
        f["period_from"].set_value(dt.date(year, 1, 1))  # type: ignore[attr-defined]
        f["period_to"].set_value(dt.date(year, 12, 31) if promise else dt.date(year + 2, 12, 31))  # type: ignore[attr-defined]
        f["status"].set_value(CommitmentStatus.ACTIVE)  # type: ignore[attr-defined]
    return dialog


def undertaking_dialog(save: Save, parties: Sequence[tuple[int, str]], organisations: Sequence[tuple[int, str]],
                       measures: Sequence[tuple[int, str]], row: svc.UndertakingRow | None = None,
                       parent: QWidget | None = None, *, today: dt.date | None = None) -> FormDialog:
    """An undertaking: what is promised, who does it (the parties first, or all of them
    together) and the measures of the action plan that carry it out."""
    title = _("New undertaking") if row is None else _("Edit undertaking {number}").format(number=row.number)
    dialog = FormDialog(title, _("What one party, or all of them together, undertakes to do. Link the measures "
                                 "of the action plan that carry it out: their status shows how far it has come."),
                        save, parent)
    dialog.add("text", _("Undertaking"), MultilineField(lines=3), span=True)
    party_ids = {ident for ident, _name in parties}
    who = [(svc.joint_label(), None), *[(name, ident) for ident, name in parties],
           *[(name, ident) for ident, name in organisations if ident not in party_ids]]
    dialog.add("organisation_id", _("Who"), ChoiceField(who), span=True)
    dialog.add("measures", _("Measures"), CheckList(measures, filterable=True, rows=7), span=True,
               hint=_("Measures of the action plan that carry out the undertaking."))
    # Reports for periods over before this day leave the undertaking out: an agreement typed
    # in afterwards needs the day it was signed here, not the day it was typed.
    created = dialog.add("created", _("Applies from"), DateField(), span=True,
                         hint=_("The day the undertaking began to apply. For an agreement entered afterwards, "
                                "give the day it was signed, so that reports for earlier periods include it."))
    created.set_value(row.created if row is not None and row.created else today or dt.date.today())  # type: ignore[attr-defined]
    if row is not None:
        f = dialog.form.fields
        f["text"].set_value(row.text)  # type: ignore[attr-defined]
        f["organisation_id"].set_value(row.organisation_id)  # type: ignore[attr-defined]
        f["measures"].set_value(row.linked_ids)  # type: ignore[attr-defined]
    dialog.setMinimumHeight(560)
    return dialog


def note_dialog(save: Save, number: int, status: UndertakingStatus, today: dt.date, author: str = "",
                parent: QWidget | None = None) -> FormDialog:
    """A follow-up of an undertaking: the day, what was done, and its status after it."""
    dialog = FormDialog(_("Follow up undertaking {number}").format(number=number),
                        _("Write what has been done and give the undertaking's status after it. The latest "
                          "follow-up gives the status shown and printed in the follow-up report."), save, parent)
    dialog.add("noted_on", _("Date"), DateField(), span=True)
    dialog.add("status", _("Status"), ChoiceField([(s.label, s) for s in UndertakingStatus]), span=True)
    dialog.add("text", _("Note"), MultilineField(lines=4), span=True)
    dialog.add("author", _("By"), TextField(), span=True)
    f = dialog.form.fields
    f["noted_on"].set_value(today)  # type: ignore[attr-defined]
    # A first follow-up usually says the work has begun.
    f["status"].set_value(UndertakingStatus.ONGOING if status is UndertakingStatus.NOT_STARTED else status)  # type: ignore[attr-defined]
    f["author"].set_value(author)  # type: ignore[attr-defined]
    return dialog
