"""Swedish dates and numbers through babel (sv_SE), used by every layer."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.numbers import format_decimal, format_percent

from tryggapp.i18n import _, babel_locale


def date_long(value: dt.date | None) -> str:
    """'24 november 2026'."""
    if value is None:
        return ""
    return _format_date(value, format="d MMMM y", locale=babel_locale())


def date_short(value: dt.date | None) -> str:
    """ISO-like '2026-11-24', the Swedish short form."""
    if value is None:
        return ""
    return _format_date(value, format="short", locale=babel_locale()) if babel_locale() != "sv_SE" else value.isoformat()


def datetime_short(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return _format_datetime(value, format="yyyy-MM-dd HH:mm", locale=babel_locale())


def month_name(month: int) -> str:
    return _format_date(dt.date(2000, month, 1), format="MMMM", locale=babel_locale())


def number(value: float | int | None, decimals: int = 1) -> str:
    """'1 234,5' (with a no-break space as thousands separator)."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return format_decimal(value, format="#,##0", locale=babel_locale())
    pattern = "#,##0." + "#" * max(decimals, 1)
    return format_decimal(value, format=pattern, locale=babel_locale())


def percent(fraction: float | None) -> str:
    """0.75 -> '75 %'."""
    if fraction is None:
        return "–"
    return format_percent(fraction, locale=babel_locale())


def date_range_long(start: dt.date, end: dt.date) -> str:
    """'1 maj – 31 augusti 2026' / '1 december 2025 – 31 januari 2026'."""
    if start.year == end.year:
        first = _format_date(start, format="d MMMM", locale=babel_locale())
        return f"{first} – {date_long(end)}"
    return f"{date_long(start)} – {date_long(end)}"


def os_reason(exc: BaseException) -> str:
    """Why the operating system refused, in the user's language: its own text (strerror)
    is English ("Permission denied") and never reaches the user."""
    import errno

    reasons = {
        errno.EACCES: _("you do not have permission to write there"),
        errno.EPERM: _("you do not have permission to write there"),
        errno.EROFS: _("the disk is read-only"),
        errno.ENOSPC: _("the disk is full"),
        errno.ENOENT: _("the folder does not exist"),
        errno.EISDIR: _("it is a folder, not a file"),
        errno.ENOTDIR: _("a file is in the way of the folder"),
        errno.EEXIST: _("a file of that name is in the way"),
        errno.ENAMETOOLONG: _("the name is too long"),
    }
    code = getattr(exc, "errno", None) or 0
    return reasons.get(code) or _("the system refused (error {code})").format(code=code)
