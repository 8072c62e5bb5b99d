"""Editors that save when the user is done with them.

Each field emits `committed(value)` once the user finishes an edit that changed the value
(Enter or leaving the field for text; choosing for combos), never when the program sets
the value with `set_value()`. A field that cannot parse its text emits
`invalid(message)` instead, with a Swedish sentence naming the field, so a FormSection
can show it inline. That makes "saved at once" safe: programmatic refreshes never echo
back as edits.
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

# Stands for "the shown value is not what is stored" after a refused edit, so the next
# finish commits whatever the field holds (even a return to the old text).
_UNSAVED: Any = object()


class _Unsaved:
    def mark_unsaved(self) -> None:
        self._saved = _UNSAVED


class TextField(_Unsaved, QLineEdit):
    """A one-line text that commits on Enter or when focus leaves."""

    committed = Signal(object)
    invalid = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "") -> None:
        super().__init__(parent)
        self._saved = ""
        self.label = ""
        if placeholder:
            self.setPlaceholderText(placeholder)
        self.editingFinished.connect(self._finish)

    def set_value(self, value: str | None) -> None:
        self._saved = value or ""
        if self.text() != self._saved:
            self.setText(self._saved)
            if not self.hasFocus():
                self.setCursorPosition(0)  # show the start of a long text, not its end

    def value(self) -> Any:
        return self.text().strip()

    def _finish(self) -> None:
        if self.text() == self._saved:
            return
        try:
            value = self.value()
        except ValidationError as exc:
            self.invalid.emit(exc.message)
            return
        self._saved = self.text()
        self.committed.emit(value)

    def revert(self) -> None:
        """Back to the last saved value (after a refused edit)."""
        if self._saved is not _UNSAVED:
            self.setText(self._saved)


class NumberField(TextField):
    """A decimal number typed the Swedish way ('12,5', '1 234'); empty is None."""

    def __init__(self, parent: QWidget | None = None, *, integer: bool = False, placeholder: str = "") -> None:
        super().__init__(parent, placeholder=placeholder)
        self.integer = integer
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def set_value(self, value: float | int | None) -> None:  # type: ignore[override]
        if value is None:
            text = ""
        elif self.integer:
            text = str(int(value))
        else:
            text = number(value, decimals=4).replace("\u00a0", " ")
        super().set_value(text)

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


class MultilineField(_Unsaved, QTextEdit):
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

    def set_value(self, value: str | None) -> None:
        self._saved = value or ""
        if self.toPlainText() != self._saved:
            self.setPlainText(self._saved)

    def value(self) -> str:
        return self.toPlainText().strip()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.finish()

    def finish(self) -> None:
        """Commit now if changed (also called by tests and before the view switches)."""
        if self.toPlainText() == self._saved:
            return
        self._saved = self.toPlainText()
        self.committed.emit(self.value())

    def revert(self) -> None:
        if self._saved is not _UNSAVED:
            self.setPlainText(self._saved)


class ChoiceField(_Unsaved, QComboBox):
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
        self.set_value(self._saved)

    def set_value(self, value: Any) -> None:
        self._saved = value
        index = self.findData(value)
        self.blockSignals(True)
        self.setCurrentIndex(max(index, 0) if self.count() else -1)
        self.blockSignals(False)

    def value(self) -> Any:
        return self.currentData()

    def _picked(self, _index: int) -> None:
        value = self.currentData()
        if value != self._saved:
            self._saved = value
            self.committed.emit(value)

    def revert(self) -> None:
        self.set_value(self._saved)


class CheckField(QCheckBox):
    committed = Signal(object)
    invalid = Signal(str)

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.label = text
        self.clicked.connect(lambda checked: self.committed.emit(bool(checked)))

    def set_value(self, value: bool | None) -> None:
        self.blockSignals(True)
        self.setChecked(bool(value))
        self.blockSignals(False)

    def value(self) -> bool:
        return self.isChecked()

    def revert(self) -> None:
        self.setChecked(not self.isChecked())


class _DateLine(QLineEdit):
    """Arrow keys step the date by a day, as in a spin box."""

    step = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers():
            self.step.emit(1 if event.key() == Qt.Key.Key_Up else -1)
            return
        super().keyPressEvent(event)


class DateField(_Unsaved, QWidget):
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

    def set_value(self, value: dt.date | None) -> None:
        self._saved = value
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
        if self._saved is not _UNSAVED:
            self.set_value(self._saved)

    def _finish(self) -> None:
        try:
            value = self.value()
        except ValidationError as exc:
            self.invalid.emit(exc.message)
            return
        if value != self._saved:
            self._saved = value
            self.line.setText(value.isoformat() if value else "")
            self.committed.emit(value)

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
