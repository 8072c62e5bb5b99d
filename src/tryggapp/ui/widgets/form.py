"""FormSection: labelled fields in a calm card, each with an inline error line.

    form = FormSection(_("Programme"), columns=2)
    form.add_field("title", _("Title"), TextField(), span=True)
    form.add_field("decided_on", _("Decision date"), DateField())
    form.edited.connect(lambda name, value: save(name, value))
    ...
    except ValidationError as exc:
        form.show_errors(exc)   # each message under its field; returns the ones it had no field for

Each label gets an Alt+letter mnemonic for its field (widgets.mnemonics): a free letter
per form, never one of the menu bar's. A form shown next to other mnemonics (a toolbar,
a second form) is told their letters with `reserved=` or `reserve()`.

Fields are any widget with `committed(value)` / `invalid(message)` signals and
`set_value()` / `revert()` (see widgets.fields). The error line carries an icon as well as
colour, so it does not rely on colour alone.

Saving is one mechanism for every form: `form.set_saver(fn)` with `fn(name, value) ->
bool` (or `edited` handlers that call `form.mark_unsaved(name)` on refusal). A field
counts as saved only when the save went through; a refused or failed save keeps the
text, marks the field unsaved with the reason under it, and the next Enter or leaving
the field tries again. `unsaved_fields()` / `commit_pending()` / `discard_unsaved()` let
a view ask before the user leaves the record (widgets.unsaved).

Several writers: a form showing a versioned record is told its table and version
(`set_values(..., table=, version=)`); ui.commands.push then bases each save on that
version, so a save someone else's overtook asks whose change stays (ui.conflict). A reload
that changes the stored value under a field the user is still typing in keeps that
field's save based on the version the user started from (`expected_versions`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from tryggapp.i18n import _
from tryggapp.services.validation import FieldError, ValidationError
from tryggapp.ui.widgets import accessible, style
from tryggapp.ui.widgets.mnemonics import assign, menu_letters, mnemonic, strip_mnemonic


class ErrorLabel(QWidget):
    """An alert icon and a sentence; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 0)
        row.setSpacing(4)
        self.icon = QLabel(self)
        self.icon.setPixmap(style.icon("mdi6.alert-circle-outline", style.DANGER).pixmap(14, 14))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setStyleSheet(f"color: {style.DANGER};")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        self.hide()

    def set_message(self, message: str) -> None:
        self.text.setText(message)
        self.setVisible(bool(message))

    def message(self) -> str:
        # isHidden, not isVisible: a form on a page not shown right now still has its message
        return "" if self.isHidden() else self.text.text()


class FormSection(QFrame):
    """A titled group of fields laid out in `columns` label/field pairs per row."""

    edited = Signal(str, object)  # field name, parsed value

    def __init__(self, title: str = "", parent: QWidget | None = None, *, columns: int = 1,
                 description: str = "", framed: bool = True, reserved: Iterable[str] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("FormSection")
        if framed:
            self.setStyleSheet(
                f"#FormSection {{ background: {style.SURFACE}; border: 1px solid {style.BORDER};"
                " border-radius: 8px; }")
        self.columns = max(1, columns)
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self._captions: dict[str, str] = {}  # the label texts as given, without '&'
        self.saver: Callable[[str, Any], bool | None] | None = None
        self._refused: set[str] = set()  # fields whose save failed during this commit
        self._saving: set[str] = set()
        self._record: Any = None  # what set_values last loaded (see set_values)
        # The versioned row shown: (table, version) and the values loaded with it, and
        # per field being typed in whose stored value a reload changed, the version the
        # typing started from (see expected_versions).
        self._row: tuple[str, int] | None = None
        self._row_id: Any = None
        self._loaded: dict[str, Any] = {}
        self._overtaken: dict[str, int] = {}
        self._being_saved: dict[str, Any] = {}  # field -> the value its saver is storing
        self._reserved = {letter.lower() for letter in reserved}
        outer = QVBoxLayout(self)
        margin = 16 if framed else 0
        outer.setContentsMargins(margin, margin - 2 if framed else 0, margin, margin)
        outer.setSpacing(8)
        self.header = QHBoxLayout()
        self.header.setSpacing(8)
        self.title_label = QLabel(title, self)
        style.set_point_size(self.title_label, 1.5, bold=True)
        self.title_label.setVisible(bool(title))
        self.header.addWidget(self.title_label)
        self.header.addStretch(1)
        outer.addLayout(self.header)
        self.description = QLabel(description, self)
        self.description.setWordWrap(True)
        self.description.setStyleSheet(f"color: {style.MUTED};")
        self.description.setVisible(bool(description))
        outer.addWidget(self.description)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(6)
        for c in range(self.columns):
            self.grid.setColumnStretch(2 * c + 1, 1)
        outer.addLayout(self.grid)
        self._row = 0
        self._col = 0

    # -- building

    def add_field(self, name: str, label: str, widget: QWidget, *, span: bool = False,
                  hint: str = "") -> QWidget:
        """Add a labelled field; `span` makes it take a whole row (long texts)."""
        if span and self._col:
            self._next_row()
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        caption.setStyleSheet(f"color: {style.MUTED};")
        top = Qt.AlignmentFlag.AlignTop if not _is_single_line(widget) else Qt.AlignmentFlag.AlignVCenter
        caption.setAlignment(Qt.AlignmentFlag.AlignLeft | top)
        if hasattr(widget, "label"):
            widget.label = strip_mnemonic(label)  # so parse errors name the field
        if hasattr(widget, "mark_saved"):
            widget._managed = True  # type: ignore[attr-defined]  # saved only when the save went through
        if hint:
            widget.setToolTip(hint)
        # Named by its caption, also the line edit inside a date field where focus lands.
        accessible.name(widget, label, hint)
        error = ErrorLabel(self)
        col = 0 if span else 2 * self._col
        width = 2 * self.columns - 1 if span else 1
        self.grid.addWidget(caption, 2 * self._row, col)
        self.grid.addWidget(widget, 2 * self._row, col + 1, 1, width)
        self.grid.addWidget(error, 2 * self._row + 1, col + 1, 1, width)
        self.fields[name] = widget
        self.labels[name] = caption
        self._captions[name] = label
        self._set_mnemonics()
        self.errors[name] = error
        if hasattr(widget, "committed"):
            widget.committed.connect(lambda value, n=name: self._committed(n, value))
        if hasattr(widget, "invalid"):
            widget.invalid.connect(lambda message, n=name: self.show_error(n, message))
        if span:
            self._next_row()
        else:
            self._col += 1
            if self._col >= self.columns:
                self._next_row()
        return widget

    def mnemonics(self) -> set[str]:
        """The Alt letters this form's labels use."""
        return {m for m in (mnemonic(label.text()) for label in self.labels.values()) if m}

    def reserve(self, letters: Iterable[str]) -> None:
        """Keep off `letters` (used by widgets shown next to this form): the labels are
        given their letters again, in field order."""
        self._reserved |= {letter.lower() for letter in letters if letter}
        self._set_mnemonics()

    def _set_mnemonics(self) -> None:
        texts = assign(list(self._captions.values()), menu_letters() | self._reserved)
        for name, text in zip(self._captions, texts, strict=True):
            self.labels[name].setText(text)

    def new_row(self) -> None:
        """Start the next field on a new row (leaving the rest of this one empty)."""
        if self._col:
            self._next_row()

    def add_widget(self, widget: QWidget) -> None:
        """A full-width row without a label (a table, a note)."""
        if self._col:
            self._next_row()
        self.grid.addWidget(widget, 2 * self._row, 0, 1, 2 * self.columns)
        self._next_row()

    def add_header_widget(self, widget: QWidget) -> None:
        """A button or badge at the right of the title."""
        self.header.addWidget(widget)

    def set_title(self, title: str) -> None:
        self.title_label.setText(title)
        self.title_label.setVisible(bool(title))

    def _next_row(self) -> None:
        self._row += 1
        self._col = 0

    # -- values

    def set_values(self, values: dict[str, Any], *, record: Any = None, table: str | None = None,
                   version: int | None = None, row_id: Any = None) -> None:
        """Load values (no `edited` is emitted) and clear old errors. `record` names what
        is shown (an id): reloading the same record keeps any text not saved yet, with its
        mark and message (a reload after another field's save must not wipe it); another
        record starts clean (leaving was asked about first, widgets.unsaved). `table` and
        `version`: the row's version, which saves are based on (ui.commands.push); `row_id`
        the row's id when `record` names something else (the meeting of its minutes)."""
        same = record is None or record == self._record
        if record is not None:
            self._record = record
        if not same:
            self._overtaken.clear()
            self._row = None
        if table is None or version is None:
            self._row, self._loaded = None, {}
        else:
            if same and self._row is not None and self._row[1] != version:
                for name, value in values.items():
                    if self._is_dirty(name) and name in self._loaded and self._loaded[name] != value:
                        # Someone else saved this field while the user types in it: the
                        # save must still be checked against where the typing started.
                        self._overtaken.setdefault(name, self._row[1])
            self._row = (table, version)
            self._row_id = record if row_id is None else row_id
            self._loaded = dict(values)
        for name, value in values.items():
            widget = self.fields.get(name)
            if widget is None:
                continue
            if hasattr(widget, "is_dirty"):
                widget.set_value(value, keep_text=same)  # type: ignore[attr-defined]
            else:
                widget.set_value(value)  # type: ignore[attr-defined]
        for name, label in self.errors.items():
            if not (same and self._is_dirty(name)):
                label.set_message("")

    def expected_versions(self, name: str | None = None) -> dict[tuple[str, str], int]:
        """The version a save of field `name` is based on, as storage.versions wants it
        ({(table, id): version}); empty for a form without a versioned record."""
        if self._row is None or self._row_id is None:
            return {}
        table, version = self._row
        if name is not None and name in self._overtaken and self._is_dirty(name):
            version = self._overtaken[name]
        return {(table, str(self._row_id)): version}

    def overtaken(self, name: str | None) -> bool:
        """Field `name` is being typed in and someone else saved it since the typing began."""
        return name is not None and name in self._overtaken and self._is_dirty(name)

    def value_being_saved(self, name: str | None) -> dict[str, Any]:
        """{name: value} while field `name` is being saved (for a conflict dialog)."""
        return {name: self._being_saved[name]} if name in self._being_saved else {}

    def loaded_values(self) -> dict[str, Any] | None:
        """The values loaded with the versioned record (what the user saw)."""
        return dict(self._loaded) if self._row is not None else None

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.fields.values():
            if hasattr(widget, "setReadOnly"):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)

    # -- errors

    def show_error(self, name: str, message: str) -> None:
        label = self.errors.get(name)
        if label is not None:
            label.set_message(message)
        widget = self.fields.get(name)
        if widget is not None:  # a screen reader hears the error with the field, not just the red line
            for w in (widget, *widget.findChildren(QWidget)):
                if w.accessibleName():
                    w.setAccessibleDescription(message or w.toolTip())

    def show_errors(self, error: ValidationError) -> list[FieldError]:
        """Show each message under its field; return those this form has no field for."""
        unhandled = []
        for item in error.errors:
            if item.field in self.errors:
                self.show_error(item.field, item.message)
            else:
                unhandled.append(item)
        return unhandled

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.set_message("")

    def error_text(self, name: str) -> str:
        return self.errors[name].message() if name in self.errors else ""

    def set_saver(self, saver: Callable[[str, Any], bool | None]) -> None:
        """`saver(name, value)` stores one edited field; False means it was not stored."""
        self.saver = saver

    def mark_unsaved(self, name: str, message: str = "") -> None:
        """The save of `name` was refused or failed: keep its text, mark it, show why;
        its next finish commits again (even if the user only puts the old text back)."""
        self._refused.add(name)
        if message:
            self.show_error(name, message)
        widget = self.fields.get(name)
        if widget is not None and hasattr(widget, "mark_unsaved"):
            widget.mark_unsaved(message or self.error_text(name))

    def revert(self, name: str) -> None:
        self._overtaken.pop(name, None)
        widget = self.fields.get(name)
        if widget is not None and hasattr(widget, "revert"):
            widget.revert()

    # -- leaving a record with text not saved

    def _is_dirty(self, name: str) -> bool:
        widget = self.fields.get(name)
        return bool(widget is not None and hasattr(widget, "is_dirty") and widget.is_dirty())

    def unsaved_fields(self) -> list[str]:
        """Fields showing something that is not stored (typed, or a save that failed)."""
        return [name for name in self.fields if self._is_dirty(name)]

    def caption(self, name: str) -> str:
        return strip_mnemonic(self._captions.get(name, name))

    def commit_pending(self, *, failed_too: bool = True, ignore: Iterable[str] = ()) -> bool:
        """Save every field with text not stored yet (a field still being typed in, and
        with `failed_too` those whose save failed), except those in `ignore`. True when
        nothing is left unsaved."""
        skip = set(ignore)
        for name in self.unsaved_fields():
            if name in skip:
                continue
            widget = self.fields[name]
            if failed_too or not widget.is_failed():  # type: ignore[attr-defined]
                widget.finish()  # type: ignore[attr-defined]
        return not [name for name in self.unsaved_fields() if name not in skip]

    def discard_unsaved(self, *, ignore: Iterable[str] = ()) -> None:
        """Throw away what was typed and not stored: back to the stored values."""
        skip = set(ignore)
        for name in self.unsaved_fields():
            if name in skip:
                continue
            self.revert(name)
            self.show_error(name, "")

    def _committed(self, name: str, value: Any) -> None:
        if name in self._saving:
            return  # a message box of this very save moved the focus: not a new edit
        widget = self.fields[name]
        self._saving.add(name)
        self._refused.discard(name)
        self.show_error(name, "")
        self._being_saved[name] = value
        try:
            if self.saver is not None:
                ok = self.saver(name, value) is not False
            else:
                self.edited.emit(name, value)
                ok = True
        finally:
            self._saving.discard(name)
            self._being_saved.pop(name, None)
        if ok and name not in self._refused:
            self._overtaken.pop(name, None)
            if hasattr(widget, "mark_saved"):
                widget.mark_saved()
            return
        message = self.error_text(name)
        if not message:
            message = _("Not saved. Press Enter or leave the field to try again.")
            self.show_error(name, message)
        if hasattr(widget, "mark_unsaved"):
            widget.mark_unsaved(message)


def _is_single_line(widget: QWidget) -> bool:
    from PySide6.QtWidgets import QAbstractScrollArea

    return not isinstance(widget, QAbstractScrollArea)
