"""Leaving a record, or closing the window, with text that is not saved: ask first.

Fields save when they are left (widgets.fields); what can still be unsaved is a text
being typed when the view switches by other means (a link, a menu, closing), or a save
that failed (disk full). `leave_ok(parent, forms)` first saves what is still being typed,
then, if anything is left, asks Spara / Släng / Avbryt:

- Spara tries the failed saves again; if one still fails the user stays (nothing lost);
- Släng puts the stored values back;
- Avbryt stays on the record with the text as it is.

The question is `ask_unsaved` (a module function, so a test can answer it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

from tryggapp.i18n import _, ngettext
from tryggapp.ui.widgets.form import FormSection

Answer = Literal["save", "discard", "cancel"]


def ask_unsaved(parent: QWidget | None, captions: list[str]) -> Answer:
    fields = ", ".join(f"”{c}”" for c in captions)
    box = QMessageBox(QMessageBox.Icon.Warning, _("Unsaved changes"),
                      ngettext("The change in {fields} is not saved.", "The changes in {fields} are not saved.",
                               len(captions)).format(fields=fields), parent=parent)
    box.setInformativeText(_("Save tries to save it again, Discard throws away what you typed, "
                             "Cancel takes you back to it."))
    save = box.addButton(_("Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return "save"
    if clicked is discard:
        return "discard"
    return "cancel"


def forms_in(widget: QWidget) -> list[FormSection]:
    found = widget.findChildren(FormSection)
    return ([widget] if isinstance(widget, FormSection) else []) + list(found)


def pending(forms: Iterable[FormSection]) -> list[tuple[FormSection, str]]:
    return [(f, name) for f in forms for name in f.unsaved_fields()]


def leave_ok(parent: QWidget | None, forms: Iterable[FormSection]) -> bool:
    """True when the user may leave: nothing unsaved, saved now, or thrown away."""
    forms = list(forms)
    for form in forms:
        form.commit_pending(failed_too=False)  # still being typed: save it as leaving would
    left = pending(forms)
    if not left:
        return True
    answer = ask_unsaved(parent, [form.caption(name) for form, name in left])
    if answer == "save":
        for form in forms:
            form.commit_pending()
        return not pending(forms)  # a save that fails again keeps the user here
    if answer == "discard":
        for form in forms:
            form.discard_unsaved()
        return True
    return False
