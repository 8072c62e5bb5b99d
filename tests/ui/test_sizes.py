"""Sizes follow the font: with larger text (Windows at 125-150 % text size, or another
system font) the action plan's columns, rows and date fields grow instead of cutting
text off, and the programme page gives long values a whole row."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from tests.plan.conftest import seed_plan

from tryggapp.ui.app import build_context
from tryggapp.ui.sections.plan import PlanSection
from tryggapp.ui.widgets import style


def _plan(qtbot, db) -> PlanSection:
    ctx = build_context(db)
    view = PlanSection(ctx)
    ctx.give_to(view)  # as the window: Qt deletes the stack with it (docs/KNOWN_ISSUES.md)
    qtbot.addWidget(view)
    return view


def test_plan_sizes_grow_with_the_font(qtbot, db):
    seed_plan(db)
    app = QApplication.instance()
    normal = app.font()
    small = _plan(qtbot, db)
    bigger = normal.__class__(normal)
    bigger.setPointSizeF(normal.pointSizeF() * 1.5)
    app.setFont(bigger)
    try:
        large = _plan(qtbot, db)
    finally:
        app.setFont(normal)
    fm = QFontMetrics(large.table.font())
    assert large.table.verticalHeader().defaultSectionSize() == 2 * fm.height()
    assert large.table.verticalHeader().defaultSectionSize() > small.table.verticalHeader().defaultSectionSize()
    for col in (1, 2, 3):
        assert large.table.columnWidth(col) > small.table.columnWidth(col)
    date = large.detail.f_deadline
    assert date.maximumWidth() > small.detail.f_deadline.maximumWidth()
    # The widest date still fits its field's text part.
    assert date.maximumWidth() > QFontMetrics(date.line.font()).horizontalAdvance("0000-00-00") + 40


def test_chars_is_in_font_units(qtbot):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    assert style.chars(label, 10) == 10 * label.fontMetrics().horizontalAdvance("x")
    assert style.text_lines(label, 2) == 2 * label.fontMetrics().height()


def test_long_programme_values_get_a_whole_row(qtbot, db):
    from tryggapp.ui.programme.goal_page import GoalPage
    from tryggapp.ui.programme.pages import FocusAreaPage, ProgrammePage

    ctx = build_context(db)
    for page, names in ((ProgrammePage(ctx), ("adopted_by", "document_owner")),
                        (FocusAreaPage(ctx), ("direction_id", "owner_person_id", "owner_organisation_id")),
                        (GoalPage(ctx), ("indicator",))):
        qtbot.addWidget(page)
        form = page.form
        for name in names:
            _row, _col, _rows, cols = form.grid.getItemPosition(form.grid.indexOf(form.fields[name]))
            assert cols == 2 * form.columns - 1, name
