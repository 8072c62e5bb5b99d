"""The lägesbild's dialogs: a new situation picture, a source, a finding (with the focus
areas it prioritises, the measures that answer it and the EST reports it rests on).
Each checks and saves itself on OK (ui.walks.dialogs.FormDialog): a refused value is
shown under its field in Swedish and the dialog stays open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from tryggapp.domain.enums import Priority
from tryggapp.domain.situation import SourceKind
from tryggapp.i18n import _
from tryggapp.ui.walks.dialogs import FormDialog
from tryggapp.ui.widgets.fields import ChoiceField, DateField, MultilineField, TextField
from tryggapp.ui.widgets.form import FormSection

Save = Callable[[dict[str, Any], FormSection], Any]


class CheckList(QListWidget):
    """Pick any number of records by ticking them (space toggles the current one); the
    value is the list of the ticked ids, in list order."""

    def __init__(self, choices: Iterable[tuple[str, Any]] = (), lines: int = 5, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.setMinimumHeight(int(self.fontMetrics().height() * 1.5 * lines) + 8)
        self.set_choices(choices)

    def set_choices(self, choices: Iterable[tuple[str, Any]]) -> None:
        ticked = set(self.value())
        self.clear()
        for label, ident in choices:
            item = QListWidgetItem(label, self)
            item.setData(Qt.ItemDataRole.UserRole, ident)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if ident in ticked else Qt.CheckState.Unchecked)

    def value(self) -> list[Any]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_value(self, ids: Iterable[Any]) -> None:
        wanted = set(ids or ())
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)


def _set(dialog: FormDialog, name: str, value: Any) -> None:
    dialog.form.fields[name].set_value(value)  # type: ignore[attr-defined]


def picture_dialog(save: Save, today: dt.date, parent: QWidget | None = None) -> FormDialog:
    """A new lägesbild: its title and period (the law asks for one at least every other
    year, so the proposal is this year and the next)."""
    dialog = FormDialog(_("New situation picture"), _(
        "The period the situation picture covers, usually two years. Sources, findings and the analysis are "
        "added afterwards."), save, parent)
    dialog.add("title", _("Title"), TextField(placeholder=_("e.g. Situation picture crime and safety 2025–2026")))
    dialog.add("period_from", _("Period from"), DateField())
    dialog.add("period_to", _("Period to"), DateField())
    dialog.add("decided_on", _("Decided"), DateField(), hint=_("When it was decided or presented. Optional."))
    _set(dialog, "title", _("Situation picture {start}–{end}").format(start=today.year, end=today.year + 1))
    _set(dialog, "period_from", dt.date(today.year, 1, 1))
    _set(dialog, "period_to", dt.date(today.year + 1, 12, 31))
    return dialog


def source_dialog(save: Save, parent: QWidget | None = None, *, title: str | None = None,
                  values: dict[str, Any] | None = None) -> FormDialog:
    dialog = FormDialog(title or _("New source"), _(
        "What the situation picture is built from: reported crime, the police's picture, the safety survey, "
        "EST reports, citizen dialogues."), save, parent)
    dialog.add("kind", _("Kind of source"), ChoiceField([(k.label, k) for k in SourceKind]))
    dialog.add("owner", _("Owner"), TextField(placeholder=_("e.g. The police, local police area Tryggvik")))
    dialog.add("dated", _("Date of the source"), DateField())
    dialog.add("note", _("Note"), MultilineField(lines=3), span=True)
    for name, value in (values or {}).items():
        _set(dialog, name, value)
    return dialog


def finding_dialog(save: Save, *, focus_areas: Sequence[tuple[int, str]], measures: Sequence[tuple[int, str]],
                   est: Sequence[tuple[int, str]], parent: QWidget | None = None, title: str | None = None,
                   values: dict[str, Any] | None = None) -> FormDialog:
    dialog = FormDialog(title or _("New finding"), _(
        "A problem the situation picture shows: how serious it is, where in the municipality, which focus areas "
        "it makes a priority and which measures of the action plan answer it."), save, parent)
    dialog.add("title", _("Finding"), TextField(), span=True)
    dialog.add("priority", _("Severity"), ChoiceField([(p.label, p) for p in Priority]), span=True)
    dialog.add("area", _("Area of the municipality"), TextField(placeholder=_("e.g. Norrby, the station area")),
               span=True)
    dialog.add("description", _("Description"), MultilineField(lines=3), span=True)
    dialog.add("focus_area_ids", _("Prioritised focus areas"), CheckList([(label, i) for i, label in focus_areas],
                                                                          lines=3), span=True)
    dialog.add("measure_ids", _("Answering measures"), CheckList([(label, i) for i, label in measures], lines=4),
               span=True, hint=_("A measure that has this finding as its origin answers it anyway."))
    dialog.add("est_ids", _("EST reports"), CheckList([(label, i) for i, label in est], lines=3), span=True,
               hint=_("The EST reports of the period this finding rests on."))
    _set(dialog, "priority", Priority.MEDIUM)
    for name, value in (values or {}).items():
        _set(dialog, name, value)
    return dialog
