"""Tab walks the forms top-to-bottom and, within a row, left-to-right; Tab leaves the
action plan's table for the detail panel's first field (no stop on the panel itself, no
walk through every cell). Keys are ASCII only (keyClicks aborts on Swedish letters)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


def _walk(qtbot, start: QWidget, steps: int) -> list[QWidget]:
    """The widgets that have focus after each of `steps` Tabs from `start`."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and (
        QApplication.focusWidget() is start or start.isAncestorOf(QApplication.focusWidget())))
    seen = []
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def _names(form, widgets: list[QWidget]) -> list[str]:
    def name(w: QWidget) -> str:
        for key, field in form.fields.items():
            if w is field or field.isAncestorOf(w):
                return key
        return type(w).__name__

    return [name(w) for w in widgets]


def test_plan_detail_tab_goes_down_the_fields(window, qtbot):
    plan = window.show_section("plan")
    form = plan.detail.form
    assert _names(form, _walk(qtbot, form.fields["number"], 10)) == [
        "status", "title", "cancel_reason", "focus_area_id", "responsible_person_id",
        "responsible_organisation_id", "start_date", "deadline", "description", "expected_effect"]


def test_tab_from_the_plan_table_reaches_the_first_field(window, qtbot):
    plan = window.show_section("plan")
    assert plan.current_id() is not None
    after = _walk(qtbot, plan.table, 2)
    assert after == [plan.detail.f_number, plan.detail.f_status]


def test_programme_form_tab_goes_row_by_row(window, qtbot):
    section = window.show_section("programme")
    form = section.current_page().form
    assert _names(form, _walk(qtbot, form.fields["title"], 8)) == [
        "reference_number", "decided_on", "valid_from", "valid_to", "adopted_by", "document_owner",
        "follow_up", "description"]


def test_tab_from_the_outline_reaches_the_page_title(window, qtbot):
    section = window.show_section("programme")
    after = _walk(qtbot, section.tree, 1)
    assert after == [section.current_page().form.fields["title"]]


def test_focus_area_and_goal_forms_tab_row_by_row(window, qtbot):
    section = window.show_section("programme")
    area = next(k for k in section.model.node_keys() if k[0] == "focus_area")
    section.select(*area)
    form = section.current_page().form
    assert _names(form, _walk(qtbot, form.fields["title"], 4)) == [
        "direction_id", "owner_person_id", "owner_organisation_id", "description"]
    goal = next(k for k in section.model.node_keys() if k[0] == "goal")
    section.select(*goal)
    form = section.current_page().form
    assert _names(form, _walk(qtbot, form.fields["text"], 9)) == [
        "kind", "higher_is_better", "indicator", "unit", "baseline", "baseline_year", "target", "due", "source"]
