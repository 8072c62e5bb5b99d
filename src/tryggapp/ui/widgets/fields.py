"""Editors that save when the user is done with them.

Each field emits `committed(value)` once the user finishes an edit that changed the value
(Enter or leaving the field for text; choosing for combos), never when the program sets
the value with `set_value()`. A field that cannot parse its text emits
`invalid(message)` instead, with a Swedish sentence naming the field, so a FormSection
can show it inline. That makes "saved at once" safe: programmatic refreshes never echo
back as edits.

Saved or not is one state every field shares (`_Pending`): a field inside a FormSection
counts its text as saved only when the form says the save went through (`mark_saved`).
A save that fails leaves the field marked unsaved (`mark_unsaved`: a coloured frame and
a tooltip), and the next Enter or leaving the field tries again; nothing the user typed
is overwritten by a reload while it is unsaved (`set_value(..., keep_text=True)`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QTextEdit,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from tryggapp.formatting import number
from tryggapp.i18n import _
from tryggapp.services.programme import parse_number
from tryggapp.services.validation import FieldError, ValidationError
from tryggapp.ui.widgets import style

# Focus leaving for one of these reasons is the user moving on, so a failed save is tried
# again. A message box or a popup taking focus for a moment (ActiveWindow, Popup) is not:
# retrying then would open the same error box again and again.
_LEAVING = {Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason, Qt.FocusReason.MouseFocusReason,
            Qt.FocusReason.ShortcutFocusReason, Qt.FocusReason.OtherFocusReason}


class _Pending:
    """Saved-or-not for one field. `_saved` is the last value known to be stored (in the
    form `_current()` returns); the field is dirty while what it shows differs from it or
    its last save failed."""

    _managed = False  # True inside a FormSection: the form confirms each save
    _failed = False
    _plain_tip: str | None = None
    _saved: Any

    def _current(self) -> Any:
        raise NotImplementedError

    def _marker(self) -> QWidget:
        return self  # type: ignore[return-value]

    def is_dirty(self) -> bool:
        return self._failed or self._current() != self._saved

    def is_failed(self) -> bool:
        return self._failed

    def mark_saved(self) -> None:
        """What the field shows is stored now."""
        self._saved = self._current()
        self._show_failed(False)

    def mark_unsaved(self, message: str = "") -> None:
        """The save failed: keep the text, show that it is not stored, try again later."""
        self._show_failed(True, message)

    def _show_failed(self, failed: bool, message: str = "") -> None:
        was = self._failed
        self._failed = failed
        target = self._marker()
        if failed:
            if not was:
                self._plain_tip = target.toolTip()
            kind = next(c.__name__ for c in type(target).__mro__ if c.__module__.startswith("PySide6"))
            target.setStyleSheet(f"{kind} {{ border: 2px solid {style.WARNING}; background: {style.WARNING_SOFT}; }}")
            target.setToolTip(message or _("Not saved yet.") + " " + _("Press Enter or leave the field to try again."))
            target.setProperty("unsaved", True)
        elif was:
            target.setStyleSheet("")
            target.setToolTip(self._plain_tip or "")
            target.setProperty("unsaved", False)

    def _emit_commit(self, value: Any) -> None:
        if not self._managed:
            self.mark_saved()  # no form to confirm the save: as soon as it is handed on
        self.committed.emit(value)  # type: ignore[attr-defined]

    def _left(self, reason: Qt.FocusReason) -> None:
        """Focus went elsewhere: a text still not stored is saved (again) now."""
        if reason in _LEAVING and self.is_dirty():
            self.finish()  # type: ignore[attr-defined]

class TextField(_Pending, QLineEdit):
    """A one-line text that commits on Enter or when focus leaves."""

    committed = Signal(object)
    invalid = Signal(str)
    _finished = False

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "") -> None:
        super().__init__(parent)
        self._saved = ""
        self.label = ""
        if placeholder:
            self.setPlaceholderText(placeholder)
        self.editingFinished.connect(self._finish)

    def _current(self) -> str:
        return self.text()

    def set_value(self, value: str | None, *, keep_text: bool = False) -> None:
        """Show `value` as stored. With `keep_text`, a text not yet saved stays as typed
        (only what counts as stored changes)."""
        # dirty against what was stored before: an undo of this very field must show
        # the restored value, a failed or typed text must stay
        dirty = keep_text and self.is_dirty()
        self._saved = value or ""
        if dirty:
            return
        self._show_failed(False)
        if self.text() != self._saved:
            self.setText(self._saved)
            if not self.hasFocus():
                self.setCursorPosition(0)  # show the start of a long text, not its end

    def value(self) -> Any:
        return self.text().strip()

    def _finish(self) -> None:
        self._finished = True
        self.finish()

    def finish(self) -> None:
        """Commit now if what the field shows is not stored."""
        if not self.is_dirty():
            return
        try:
            value = self.value()
        except ValidationError as exc:
            self.invalid.emit(exc.message)
            return
        self._emit_commit(value)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        # QLineEdit emits editingFinished on leaving only when the text changed since it
        # last did: after a failed save, leaving again must still try.
        self._finished = False
        super().focusOutEvent(event)
        if not self._finished:
            self._left(event.reason())

    def revert(self) -> None:
        """Back to the last saved value (discarding what was typed)."""
        self._show_failed(False)
        self.setText(self._saved)


class NumberField(TextField):
    """A decimal number typed the Swedish way ('12,5', '1 234'); empty is None."""

    def __init__(self, parent: QWidget | None = None, *, integer: bool = False, placeholder: str = "") -> None:
        super().__init__(parent, placeholder=placeholder)
        self.integer = integer
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def set_value(self, value: float | int | None, *, keep_text: bool = False) -> None:  # type: ignore[override]
        if value is None:
            text = ""
        elif self.integer:
            text = str(int(value))
        else:
            text = number(value, decimals=4).replace("\u00a0", " ")
        super().set_value(text, keep_text=keep_text)

    def value(self) -> float | int | None:
        parsed = parse_number(self.text(), label=self.label or None)
        if parsed is not None and self.integer:
            if not float(parsed).is_integer():
                label = self.label or _("Value")
                raise ValidationError([_error(label, _("“{field}” must be a whole number.").format(field=label))])
            return int(parsed)
        return parsed


def _error(label: str, message: str) -> FieldError:
    return FieldError("", label, message)


class MultilineField(_Pending, QTextEdit):
    """Plain multi-line text that commits when focus leaves (Enter makes a new line). It
    grows with its text from `lines` up to `max_lines`, then scrolls."""

    committed = Signal(object)
    invalid = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, lines: int = 3, max_lines: int = 10,
                 placeholder: str = "") -> None:
        super().__init__(parent)
        self._saved = ""
        self.label = ""
        self.min_lines, self.max_lines = lines, max(lines, max_lines)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)  # Tab moves on, as in every other field of the form
        if placeholder:
            self.setPlaceholderText(placeholder)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._fit())
        self._fit()

    def _fit(self) -> None:
        line = self.fontMetrics().lineSpacing()
        chrome = 2 * self.frameWidth() + int(2 * self.document().documentMargin())
        content = int(self.document().size().height()) - int(2 * self.document().documentMargin())
        lines = max(self.min_lines, min(self.max_lines, -(-content // line)))
        self.setFixedHeight(lines * line + chrome + 2)

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - width changes re-wrap the text
        super().resizeEvent(event)
        self._fit()

    def _current(self) -> str:
        return self.toPlainText()

    def set_value(self, value: str | None, *, keep_text: bool = False) -> None:
        dirty = keep_text and self.is_dirty()
        self._saved = value or ""
        if dirty:
            return
        self._show_failed(False)
        if self.toPlainText() != self._saved:
            self.setPlainText(self._saved)

    def value(self) -> str:
        return self.toPlainText().strip()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._left(event.reason())

    def finish(self) -> None:
        """Commit now if what the field shows is not stored (also called by tests)."""
        if self.is_dirty():
            self._emit_commit(self.value())

    def revert(self) -> None:
        self._show_failed(False)
        self.setPlainText(self._saved)


class ChoiceField(_Pending, QComboBox):
    """A fixed list of (label, value); commits when the user picks another entry."""

    committed = Signal(object)
    invalid = Signal(str)

    def __init__(self, choices: Iterable[tuple[str, Any]] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = ""
        self._saved: Any = None
        # Long entries (a person with a title) must not force the form wider than the
        # window; the popup still shows them in full.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        self.set_choices(choices)
        self.activated.connect(self._picked)

    def set_choices(self, choices: Iterable[tuple[str, Any]]) -> None:
        self.blockSignals(True)
        self.clear()
        for text, value in choices:
            self.addItem(text, value)
        self.blockSignals(False)
        pending = self.currentData() if self._failed else None
        self.set_value(self._saved)
        if pending is not None:  # a pick not yet saved stays picked
            self.blockSignals(True)
            self.setCurrentIndex(max(self.findData(pending), 0))
            self.blockSignals(False)

    def _current(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any, *, keep_text: bool = False) -> None:
        dirty = keep_text and self.is_dirty()
        self._saved = value
        if dirty:
            return
        self._show_failed(False)
        index = self.findData(value)
        self.blockSignals(True)
        self.setCurrentIndex(max(index, 0) if self.count() else -1)
        self.blockSignals(False)

    def value(self) -> Any:
        return self.currentData()

    def _picked(self, _index: int) -> None:
        self.finish()

    def finish(self) -> None:
        if self.is_dirty():
            self._emit_commit(self.currentData())

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._left(event.reason())

    def revert(self) -> None:
        self.set_value(self._saved)


class CheckField(_Pending, QCheckBox):
    committed = Signal(object)
    invalid = Signal(str)

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.label = text
        self._saved = False
        self.clicked.connect(lambda _checked: self.finish())

    def _current(self) -> bool:
        return self.isChecked()

    def set_value(self, value: bool | None, *, keep_text: bool = False) -> None:
        dirty = keep_text and self.is_dirty()
        self._saved = bool(value)
        if dirty:
            return
        self._show_failed(False)
        self.blockSignals(True)
        self.setChecked(bool(value))
        self.blockSignals(False)

    def value(self) -> bool:
        return self.isChecked()

    def finish(self) -> None:
        if self.is_dirty():
            self._emit_commit(self.isChecked())

    def revert(self) -> None:
        self.set_value(self._saved)


class _DateLine(QLineEdit):
    """Arrow keys step the date by a day, as in a spin box."""

    step = Signal(int)
    left = Signal(object)  # the focus reason, when leaving did not already commit
    finished_during = False

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        # As TextField: editingFinished comes on leaving only after a change.
        self.finished_during = False
        super().focusOutEvent(event)
        if not self.finished_during:
            self.left.emit(event.reason())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers():
            self.step.emit(1 if event.key() == Qt.Key.Key_Up else -1)
            return
        super().keyPressEvent(event)


class DateField(_Pending, QWidget):
    """An optional date: typed as YYYY-MM-DD (the Swedish short form) or picked from a
    calendar. Empty means no date, which QDateEdit cannot express."""

    committed = Signal(object)
    invalid = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = ""
        self._saved: dt.date | None = None
        self.line = _DateLine(self)
        self.line.setPlaceholderText(_("YYYY-MM-DD"))
        self.line.setMaxLength(10)
        self.line.editingFinished.connect(self._finish)
        self.line.step.connect(self._step)
        self.line.left.connect(self._left)
        self.button = QToolButton(self)
        self.button.setIcon(style.icon("mdi6.calendar-month-outline"))
        self.button.setToolTip(_("Pick a date"))
        self.button.setAutoRaise(True)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        menu = QMenu(self.button)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(False)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.calendar.clicked.connect(lambda qd: (menu.close(), self._picked(qd)))
        self.button.setMenu(menu)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)
        self.setFocusProxy(self.line)

    def _current(self) -> Any:
        try:
            return self.value()
        except ValidationError:
            return self.line.text()  # not a date: differs from any stored value

    def _marker(self) -> QWidget:
        return self.line

    def set_value(self, value: dt.date | None, *, keep_text: bool = False) -> None:
        dirty = keep_text and self.is_dirty()
        self._saved = value
        if dirty:
            return
        self._show_failed(False)
        text = value.isoformat() if value else ""
        if self.line.text() != text:
            self.line.setText(text)

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - the Qt name FormSection calls
        """Read-only looks like the other read-only fields: text kept, picker hidden."""
        self.line.setReadOnly(read_only)
        self.button.setVisible(not read_only)

    def value(self) -> dt.date | None:
        text = self.line.text().strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            label = self.label or _("Date")
            raise ValidationError([_error(label, _("“{field}” is not a valid date: “{value}”. Write it as YYYY-MM-DD.")
                                          .format(field=label, value=text))]) from None

    def revert(self) -> None:
        self.set_value(self._saved)

    def _finish(self) -> None:
        self.line.finished_during = True
        self.finish()

    def finish(self) -> None:
        try:
            value = self.value()
        except ValidationError as exc:
            self.invalid.emit(exc.message)
            return
        if self.is_dirty():
            self.line.setText(value.isoformat() if value else "")
            self._emit_commit(value)

    def _picked(self, qdate: QDate) -> None:
        self.line.setText(qdate.toPython().isoformat())  # type: ignore[union-attr]
        self._finish()

    def _step(self, days: int) -> None:
        try:
            current = self.value()
        except ValidationError:
            return
        if current is not None:
            self.line.setText((current + dt.timedelta(days=days)).isoformat())

    def _prepare_calendar(self) -> None:
        try:
            current = self.value() or dt.date.today()
        except ValidationError:
            current = dt.date.today()
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
