"""Follow-up periods: a year ('2026'), a tertial ('2026-T2'), a quarter ('2026-Q3') or any
from–to, and their names in Swedish ('andra tertialet 2026')."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from tryggapp.domain.enums import PeriodKind
from tryggapp.errors import UserError
from tryggapp.formatting import date_range_long
from tryggapp.i18n import N_, _

_TERTIAL_WORDS = {
    1: N_("the first tertial of {year}"),
    2: N_("the second tertial of {year}"),
    3: N_("the third tertial of {year}"),
}
_QUARTER_WORDS = {
    1: N_("the first quarter of {year}"),
    2: N_("the second quarter of {year}"),
    3: N_("the third quarter of {year}"),
    4: N_("the fourth quarter of {year}"),
}


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date
    kind: PeriodKind | None = None  # None: a free from–to range
    year: int | None = None
    number: int = 1

    @property
    def code(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return f"{self.year}"
        if self.kind is PeriodKind.TERTIAL:
            return f"{self.year}-T{self.number}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.number}"
        return f"{self.start.isoformat()}--{self.end.isoformat()}"

    def words(self) -> str:
        """The period written out: 'året 2026', 'andra tertialet 2026', 'tredje kvartalet 2026',
        '1 maj – 31 augusti 2026'."""
        if self.kind is PeriodKind.YEAR:
            return _("the year {year}").format(year=self.year)
        if self.kind is PeriodKind.TERTIAL:
            return _(_TERTIAL_WORDS[self.number]).format(year=self.year)
        if self.kind is PeriodKind.QUARTER:
            return _(_QUARTER_WORDS[self.number]).format(year=self.year)
        return date_range_long(self.start, self.end)

    def range_words(self) -> str:
        return date_range_long(self.start, self.end)

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def next(self) -> Period:
        """The period of the same length that follows (for 'Kommande')."""
        if self.kind is PeriodKind.YEAR:
            return year(self.year + 1)
        if self.kind is PeriodKind.TERTIAL:
            return tertial(self.year + (self.number == 3), self.number % 3 + 1)
        if self.kind is PeriodKind.QUARTER:
            return quarter(self.year + (self.number == 4), self.number % 4 + 1)
        length = self.end - self.start
        return Period(self.end + dt.timedelta(days=1), self.end + dt.timedelta(days=1) + length)

    def sub_periods(self, kind: PeriodKind) -> list[Period]:
        """The quarters/tertials/years that overlap this period."""
        out: list[Period] = []
        for y in range(self.start.year, self.end.year + 1):
            if kind is PeriodKind.YEAR:
                candidates = [year(y)]
            elif kind is PeriodKind.TERTIAL:
                candidates = [tertial(y, n) for n in (1, 2, 3)]
            else:
                candidates = [quarter(y, n) for n in (1, 2, 3, 4)]
            out += [p for p in candidates if p.end >= self.start and p.start <= self.end]
        return out


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def year(y: int) -> Period:
    return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), PeriodKind.YEAR, y, 1)


def tertial(y: int, n: int) -> Period:
    first = 1 + 4 * (n - 1)
    return Period(dt.date(y, first, 1), _month_end(y, first + 3), PeriodKind.TERTIAL, y, n)


def quarter(y: int, n: int) -> Period:
    first = 1 + 3 * (n - 1)
    return Period(dt.date(y, first, 1), _month_end(y, first + 2), PeriodKind.QUARTER, y, n)


def of_kind(kind: PeriodKind, y: int, n: int = 1) -> Period:
    return {PeriodKind.YEAR: lambda: year(y), PeriodKind.TERTIAL: lambda: tertial(y, n),
            PeriodKind.QUARTER: lambda: quarter(y, n)}[kind]()


def containing(day: dt.date, kind: PeriodKind) -> Period:
    if kind is PeriodKind.YEAR:
        return year(day.year)
    if kind is PeriodKind.TERTIAL:
        return tertial(day.year, (day.month - 1) // 4 + 1)
    return quarter(day.year, (day.month - 1) // 3 + 1)


_CODE = re.compile(r"^\s*(\d{4})(?:-([TtQqKk])([1-4]))?\s*$")


def parse(code: str) -> Period:
    """Parse '2026', '2026-T2', '2026-Q3' (also '2026-K3', kvartal). Raises UserError."""
    m = _CODE.match(code or "")
    if not m:
        raise UserError(
            _("Invalid period “{code}”. Use a year (2026), a tertial (2026-T2) or a quarter (2026-Q3).").format(code=code)
        )
    y = int(m.group(1))
    if not 1900 <= y <= 2200:
        raise UserError(_("Invalid period “{code}”: the year is out of range.").format(code=code))
    letter, num = m.group(2), m.group(3)
    if letter is None:
        return year(y)
    n = int(num)
    if letter.upper() == "T":
        if n > 3:
            raise UserError(_("Invalid period “{code}”: a year has three tertials.").format(code=code))
        return tertial(y, n)
    return quarter(y, n)


def between(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise UserError(_("The period ends ({end}) before it starts ({start}).").format(end=end.isoformat(), start=start.isoformat()))
    return Period(start, end)
