"""The start page's Försenad tile opens the action plan it counts, filtered on its late
measures: the number on the tile and the rows the plan then shows are the same measures."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tryggapp.domain import rules
from tryggapp.domain.enums import MeasureStatus


def test_late_tile_opens_the_plan_filtered_on_late_measures(window, qtbot, tmp_path):
    plan = window.show_section("plan")
    # The coordinator was elsewhere in the plan: another year, another filter.
    plan.set_year(2025)
    plan.status_filter.setCurrentIndex(plan.status_filter.findData(MeasureStatus.DONE))
    plan.search.setText("trygg")

    overview = window.show_section("overview")
    overview.refresh()
    late = overview.data.late_count
    assert late > 0 and overview.late_tile.value_label.text() == str(late)
    qtbot.mouseClick(overview.late_tile, Qt.MouseButton.LeftButton)

    assert window.stack.currentWidget() is plan
    assert plan.year == overview.data.plan_year
    assert plan.status_filter.currentData() == rules.LATE
    assert plan.search.text() == ""
    shown = [plan.proxy.mapToSource(plan.proxy.index(i, 0)).row() for i in range(plan.proxy.rowCount())]
    rows = [plan.model.rows[i] for i in shown]
    assert len(rows) == late
    assert all(r.late for r in rows)
    assert {r.id for r in rows} == {r.id for r in overview.data.late}
    assert window.grab().save(str(tmp_path / "plan_after_late_tile.png"))  # to look at by hand


def test_a_status_tile_opens_the_counted_plan_unfiltered(window, qtbot):
    plan = window.show_section("plan")
    plan.set_year(2025)
    plan.status_filter.setCurrentIndex(plan.status_filter.findData(rules.LATE))
    overview = window.show_section("overview")
    overview.refresh()
    qtbot.mouseClick(overview.status_tiles[MeasureStatus.DONE], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is plan
    assert plan.year == overview.data.plan_year
    assert plan.status_filter.currentData() is None
    assert plan.proxy.rowCount() == overview.data.measure_total
