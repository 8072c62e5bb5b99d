"""Validation with Swedish messages that name the field.

Services collect every problem of an edit in a `ValidationError` (so a form can mark
each field at once) and raise it before anything is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tryggapp.domain.base import TEXT_MAX, TITLE_MAX
from tryggapp.errors import UserError
from tryggapp.formatting import number
from tryggapp.i18n import _


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str  # attribute name in code, for the form to find its widget
    label: str  # the field's name as the user sees it
    message: str  # the full sentence, naming the field

    def __str__(self) -> str:
        return self.message


class ValidationError(UserError):
    exit_code = 2

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(e.message for e in self.errors))

    def for_field(self, field: str) -> list[FieldError]:
        return [e for e in self.errors if e.field == field]


class Checker:
    """Collects field errors; `raise_if_any()` at the end."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str, label: str, message: str) -> None:
        self.errors.append(FieldError(field, label, message))

    def required(self, field: str, label: str, value: object) -> bool:
        if value is None or (isinstance(value, str) and not value.strip()):
            self.add(field, label, _("“{field}” must be filled in.").format(field=label))
            return False
        return True

    def text(self, field: str, label: str, value: str | None, *, required: bool = False,
             max_length: int = TEXT_MAX) -> None:
        if required and not self.required(field, label, value):
            return
        if value is not None and len(value) > max_length:
            self.add(field, label, _("“{field}” is too long: {length} characters, at most {max} allowed.").format(
                field=label, length=number(len(value)), max=number(max_length)))

    def title(self, field: str, label: str, value: str | None, *, required: bool = True) -> None:
        self.text(field, label, value, required=required, max_length=TITLE_MAX)

    def date_order(self, start_field: str, start_label: str, start: dt.date | None,
                   end_field: str, end_label: str, end: dt.date | None) -> None:
        if start is not None and end is not None and end < start:
            self.add(end_field, end_label, _("“{end}” ({end_value}) cannot be before “{start}” ({start_value}).").format(
                end=end_label, end_value=end.isoformat(), start=start_label, start_value=start.isoformat()))

    def in_range(self, field: str, label: str, value: float | int | None, lo: float, hi: float) -> None:
        if value is not None and not lo <= value <= hi:
            self.add(field, label, _("“{field}” must be between {lo} and {hi}.").format(
                field=label, lo=number(lo), hi=number(hi)))

    def for_field(self, field: str) -> list[FieldError]:
        return [e for e in self.errors if e.field == field]

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def parse_date(field: str, label: str, text: str | dt.date | dt.datetime | None,
               checker: Checker) -> dt.date | None:
    """Accept a date, a datetime or 'YYYY-MM-DD'; record an error otherwise."""
    if text is None or text == "":
        return None
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        checker.add(field, label, _("“{field}” is not a valid date: “{value}”. Write it as YYYY-MM-DD.").format(
            field=label, value=text))
        return None
