"""Leaving a record, or closing the window, with text that is not saved: ask first.

Fields save when they are left (widgets.fields); what can still be unsaved is a text
being typed when the view switches by other means (a link, a menu, closing), or a save
that failed (disk full). `leave_ok(parent, forms)` first saves what is still being typed,
then, if anything is left, asks Spara / Släng / Avbryt:

- Spara tries the failed saves again; if one still fails the user stays (nothing lost);
- Släng puts the stored values back;
- Avbryt stays on the record with the text as it is.

Text typed outside a form (a progress note not yet added) is a `Draft`: a view lists its
drafts with a `drafts()` method and `leave_ok` asks about them the same way (Spara adds
the note). When the database stops being writable (lock lost, file gone), nothing can be
saved: `keep_unsaved_texts` collects every unsaved text of a window before its sections
are rebuilt, and `show_unsaved_texts` shows them, copyable, so nothing vanishes unseen.

The question is `ask_unsaved` (a module function, so a test can answer it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from tryggapp.i18n import _, ngettext
from tryggapp.ui.widgets.dialog import Dialog
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


@dataclass
class Draft:
    """Text typed outside a form that an explicit action would store (a progress note
    before "Lägg till anteckning"). `commit()` stores it and says whether it went in."""

    caption: str
    text: Callable[[], str]
    commit: Callable[[], bool]
    discard: Callable[[], None]

    def has_text(self) -> bool:
        return bool(self.text().strip())


def forms_in(widget: QWidget) -> list[FormSection]:
    found = widget.findChildren(FormSection)
    return ([widget] if isinstance(widget, FormSection) else []) + list(found)


def drafts_in(widget: QWidget) -> list[Draft]:
    """The drafts of `widget` and its children: every widget with a `drafts()` method."""
    found: list[Draft] = []
    for w in [widget, *widget.findChildren(QWidget)]:
        get = getattr(type(w), "drafts", None)
        if callable(get):
            found.extend(get(w))
    return found


def pending(forms: Iterable[FormSection], ignore: Iterable[str] = ()) -> list[tuple[FormSection, str]]:
    skip = set(ignore)
    return [(f, name) for f in forms for name in f.unsaved_fields() if name not in skip]


def leave_ok(parent: QWidget | None, forms: Iterable[FormSection], drafts: Iterable[Draft] = (),
             *, ignore: Iterable[str] = ()) -> bool:
    """True when the user may leave: nothing unsaved, saved now, or thrown away.
    `ignore`: form fields that are not to be asked about (the field whose change is the
    leaving, such as a period chooser)."""
    forms, skip = list(forms), set(ignore)
    for form in forms:
        form.commit_pending(failed_too=False, ignore=skip)  # still being typed: save it as leaving would
    waiting = [d for d in drafts if d.has_text()]
    left = pending(forms, skip)
    if not left and not waiting:
        return True
    captions = [form.caption(name) for form, name in left] + [d.caption for d in waiting]
    answer = ask_unsaved(parent, captions)
    if answer == "save":
        for form in forms:
            form.commit_pending(ignore=skip)
        stored = [d.commit() for d in waiting]  # each one tried, even after a failure
        return not pending(forms, skip) and all(stored)  # a save that fails again keeps the user here
    if answer == "discard":
        for form in forms:
            form.discard_unsaved(ignore=skip)
        for d in waiting:
            d.discard()
        return True
    return False


# -- when nothing can be saved any more ------------------------------------------------------

def shown_text(widget: Any) -> str:
    """What a field shows, as the user would copy it."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QCheckBox):
        return _("yes") if widget.isChecked() else _("no")
    line = widget.findChild(QLineEdit) if isinstance(widget, QWidget) else None
    return line.text() if line is not None else ""


def keep_unsaved_texts(window: QWidget) -> list[tuple[str, str]]:
    """(caption, text) of every field and draft in `window` that holds text not stored."""
    texts = [(form.caption(name), shown_text(form.fields[name])) for form, name in pending(forms_in(window))]
    texts += [(d.caption, d.text()) for d in drafts_in(window) if d.has_text()]
    return [(caption, text) for caption, text in texts if text.strip()]


class UnsavedTextDialog(Dialog):
    """The texts that could not be saved because writing stopped, to copy elsewhere."""

    def __init__(self, texts: list[tuple[str, str]], reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Text that was not saved"))
        layout = QVBoxLayout(self)
        intro = QLabel(_("{reason} What you had typed and not saved is below. Copy it, and "
                         "enter it again when the database can be written.").format(reason=reason), self)
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(_("Text that was not saved"))
        self.text.setPlainText("\n\n".join(f"{caption}:\n{text}" for caption, text in texts))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton(_("Copy all"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(520, 360)


def show_unsaved_texts(parent: QWidget, texts: list[tuple[str, str]], reason: str) -> UnsavedTextDialog:
    dialog = UnsavedTextDialog(texts, reason, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()  # window-modal, does not block the slot that rebuilds the sections
    return dialog
