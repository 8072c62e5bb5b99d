"""Goal follow-up: for a chosen period, the bedömning and its comment, the indicator's
trend up to that period (in words and an arrow), and the earlier assessments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from tryggapp import domain as d
from tryggapp.domain import periods, rules
from tryggapp.domain.enums import Assessment, PeriodKind, Trend
from tryggapp.formatting import number
from tryggapp.i18n import _
from tryggapp.services import programme as svc
from tryggapp.ui.programme.trend import arrow_icon, trend_tone
from tryggapp.ui.widgets import (
    ChoiceField,
    FormSection,
    MultilineField,
    RecordItem,
    RecordList,
    style,
    unsaved,
)

ASSESSMENT_ICONS = {
    Assessment.ACHIEVABLE: ("mdi6.check-circle-outline", "success"),
    Assessment.PARTLY: ("mdi6.alert-circle-outline", "warning"),
    Assessment.DIFFICULT: ("mdi6.close-circle-outline", "danger"),
    Assessment.ACHIEVED: ("mdi6.check-decagram-outline", "success"),
    Assessment.NOT_ACHIEVED: ("mdi6.close-circle-outline", "danger"),
    Assessment.MISSING: ("mdi6.help-circle-outline", ""),
}

# The order a coordinator thinks in: the usual in-period judgements first, the end-of-
# period verdicts (Jönköping) after, "missing" last.
ASSESSMENT_ORDER = [Assessment.ACHIEVABLE, Assessment.PARTLY, Assessment.DIFFICULT, Assessment.ACHIEVED,
                    Assessment.NOT_ACHIEVED, Assessment.MISSING]


def follow_up_periods(kind: PeriodKind, years: Sequence[int], today: dt.date,
                      assessed: Sequence[d.GoalAssessment]) -> list[periods.Period]:
    """Periods that can be assessed, newest first: every period of `kind` in `years`
    that has started, the whole of each such year (the yearly evaluation, issue 11), plus
    any period that already has an assessment."""
    found = {p.code: p for y in years for p in (periods.of_kind(kind, y, n)
                                                for n in range(1, svc.PERIODS_PER_YEAR[kind] + 1))
             if p.start <= today}
    for y in years:
        whole = periods.of_kind(PeriodKind.YEAR, y, 1)
        if whole.start <= today:
            found.setdefault(whole.code, whole)
    for a in assessed:
        p = periods.of_kind(a.period_kind, a.year, a.period_no)
        found.setdefault(p.code, p)
    return sorted(found.values(), key=lambda p: (p.end, p.start), reverse=True)


class FollowUpPanel(QWidget):
    """Saves through `on_assess(period, assessment, comment) -> bool`, with None for what
    did not change (the page sets it; False keeps the field marked unsaved)."""

    period_chosen = Signal(str)  # the period code, so the page can keep it across reloads

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.form = FormSection(framed=False, columns=2)
        self.period = ChoiceField()
        self.assessment = ChoiceField([(a.label, a) for a in ASSESSMENT_ORDER])
        self.comment = MultilineField(lines=3, placeholder=_("Why this assessment: what has been done, "
                                                              "what stands in the way"))
        self.form.add_field("period", _("Period"), self.period)
        self.form.add_field("assessment", _("Assessment"), self.assessment)
        self.form.add_field("comment", _("Comment"), self.comment, span=True)
        self.form.set_saver(self._edited)
        self.on_assess: Callable[[periods.Period, Assessment | None, str | None], bool] = lambda *_a: False

        trend_row = QHBoxLayout()
        trend_row.setSpacing(8)
        self.trend_icon = QLabel(self)
        self.trend_title = QLabel(self)
        style.set_point_size(self.trend_title, 0, bold=True)
        self.trend_text = QLabel(self)
        self.trend_text.setWordWrap(True)
        self.trend_text.setStyleSheet(f"color: {style.MUTED};")
        trend_row.addWidget(self.trend_icon, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout()
        box.setSpacing(0)
        box.addWidget(self.trend_title)
        box.addWidget(self.trend_text)
        trend_row.addLayout(box, 1)
        self.trend_box = QWidget(self)
        self.trend_box.setObjectName("TrendBox")
        self.trend_box.setStyleSheet(f"#TrendBox {{ background: {style.BACKGROUND}; border-radius: 6px; }}")
        self.trend_box.setLayout(trend_row)
        trend_row.setContentsMargins(10, 8, 10, 8)

        self.history_title = QLabel(_("Assessment history"), self)
        self.history_title.setStyleSheet(f"color: {style.MUTED};")
        self.history = RecordList(max_visible_rows=5)
        self.history.record_activated.connect(self._history_activated)

        layout.addWidget(self.trend_box)
        layout.addWidget(self.form)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history)
        self._periods: dict[str, periods.Period] = {}
        self._assessments: list[d.GoalAssessment] = []
        # The period whose assessment and comment are shown: edits are saved to it, also
        # while the chooser already shows the next one and the user is asked about them.
        self._shown_code: str | None = None

    # -- loading

    def load(self, goal: d.Goal, rows: Sequence[d.Measurement], assessed: Sequence[d.GoalAssessment],
             choices: Sequence[periods.Period], selected: str | None) -> str | None:
        """Show the follow-up of `goal`. `rows`: its values of one period kind in time
        order (the trend's series). Returns the period code shown."""
        self._goal, self._rows, self._assessments = goal, list(rows), list(assessed)
        self._periods = {p.code: p for p in choices}
        self.period.set_choices([(p.words().capitalize(), p.code) for p in choices])
        code = selected if selected in self._periods else (choices[0].code if choices else None)
        self.period.set_value(code)
        self._show_period(code)
        items = []
        for a in assessed:
            p = periods.of_kind(a.period_kind, a.year, a.period_no)
            icon, tone = ASSESSMENT_ICONS[a.assessment]
            items.append(RecordItem("goal_assessment", a.id, p.words().capitalize(),  # type: ignore[arg-type]
                                    " ".join(a.comment.split()), a.assessment.label, icon, tone))
        self.history.set_items(items)
        self.history.setVisible(bool(items))
        self.history_title.setVisible(bool(items))
        return code

    def _show_period(self, code: str | None) -> None:
        self._shown_code = code
        period = self._periods.get(code or "")
        current = next((a for a in self._assessments if period is not None and a.year == period.year
                        and a.period_kind == period.kind and a.period_no == period.number), None)
        self.form.set_values({"assessment": current.assessment if current else Assessment.MISSING,
                              "comment": current.comment if current else ""},
                             record=(self._goal.id, code or ""))
        enabled = period is not None
        self.assessment.setEnabled(enabled)
        self.comment.setEnabled(enabled)
        self._show_trend(period)

    def _show_trend(self, period: periods.Period | None) -> None:
        # _rows are the goal's values of the grid's kind in time order (see load)
        values = svc.trend_values(self._rows, period)
        trend = rules.trend(values, higher_is_better=self._goal.higher_is_better)
        cut = [m for m in self._rows
               if period is None or periods.of_kind(m.period_kind, m.year, m.period_no).end <= period.end]
        delta = values[-1] - values[-2] if len(values) >= 2 else None
        tone = trend_tone(trend)
        self.trend_icon.setPixmap(style.icon(arrow_icon(delta), style.tone_color(tone) if tone else style.MUTED)
                                  .pixmap(28, 28))
        self.trend_title.setText(_("Trend: {trend}").format(trend=trend.label))
        if trend is Trend.NO_DATA:
            self.trend_text.setText(_("At least two values up to this period are needed for a trend."))
            return
        unit = self._goal.unit
        last, before = cut[-1], cut[-2]
        self.trend_text.setText(_("{value} in {period}, against {previous} in {previous_period}").format(
            value=_value(last.value, unit),
            period=periods.of_kind(last.period_kind, last.year, last.period_no).words(),
            previous=_value(before.value, unit),
            previous_period=periods.of_kind(before.period_kind, before.year, before.period_no).words()))

    def current_period(self) -> periods.Period | None:
        return self._periods.get(self._shown_code or "")

    def leave_ok(self) -> bool:
        """Before another period is shown: save what is still typed, or ask (Avbryt stays)."""
        return unsaved.leave_ok(self, [self.form], ignore={"period"})

    # -- edits

    def _edited(self, name: str, value: object) -> bool:
        if name == "period":
            if value != self._shown_code and not self.leave_ok():
                self.period.set_value(self._shown_code)  # back to the text not saved
                return True
            self._show_period(value)  # type: ignore[arg-type]
            self.period_chosen.emit(value)
            return True
        period = self.current_period()
        if period is None:
            return True
        if name == "assessment":
            return self.on_assess(period, value, None)  # type: ignore[arg-type]
        return self.on_assess(period, None, value)  # type: ignore[arg-type]

    def select_period(self, code: str) -> None:
        if code != self._shown_code and not self.leave_ok():
            return
        self.period.set_value(code)
        self._show_period(code)
        self.period_chosen.emit(code)

    def _history_activated(self, _table: str, ident: int) -> None:
        a = next((x for x in self._assessments if x.id == ident), None)
        if a is not None:
            self.select_period(periods.of_kind(a.period_kind, a.year, a.period_no).code)


def _value(value: float, unit: str) -> str:
    text = number(value, decimals=3)
    return f"{text} {unit}".strip() if unit else text
