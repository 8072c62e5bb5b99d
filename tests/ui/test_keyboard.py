"""The window driven from the keyboard alone, as a coordinator who prefers it would:
Ctrl+1…9 and the sidebar's arrows and Enter, focus landing in each section's list,
Ctrl+F / Down / Escape in a searchable list, Enter and Delete in the action plan.

Keys are sent with qtbot.keyClick (ASCII only: keyClicks aborts on Swedish letters)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QMessageBox

from tryggapp.ui.app import build_context
from tryggapp.ui.main_window import MainWindow
from tryggapp.ui.table import TablePane
from tryggapp.ui.widgets.empty_state import EmptyState

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def make_window(qtbot, tmp_path, monkeypatch):
    from tryggapp.ui.widgets import unsaved

    # closing with unsaved text asks; never hang in that question at teardown
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda _parent, _captions: "discard")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    from tests.conftest import DEMO_TODAY

    def make(db):
        win = MainWindow(build_context(db, today=lambda: DEMO_TODAY))
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        win.activateWindow()
        qtbot.waitExposed(win)
        return win

    return make


@pytest.fixture
def window(make_window, demo_db):
    return make_window(demo_db)


def focused():
    return QApplication.focusWidget()


def test_title_names_the_municipality_and_the_file(window, demo_db):
    title = window.windowTitle()
    assert title.startswith("DEMO – Tryggviks kommun – ")  # the demo is marked (issue 11)
    assert demo_db.path.name in title and title.endswith("Tryggapp")


def test_ctrl_number_opens_a_section_with_focus_in_its_list(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    meetings = window.sections["meetings"]
    assert window.stack.currentWidget() is meetings
    qtbot.waitUntil(lambda: focused() is meetings.table.view)
    assert meetings.table.current_id() is not None  # a row is current: arrows and Enter work at once
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    plan = window.sections["plan"]
    qtbot.waitUntil(lambda: focused() is plan.table)


def test_sidebar_arrows_browse_and_enter_moves_into_the_section(window, qtbot):
    window.show_section("overview")
    window.sidebar.setFocus()
    qtbot.waitUntil(lambda: focused() is window.sidebar)
    for _ in range(4):
        qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)
    assert window.stack.currentWidget().key == "meetings"
    assert focused() is window.sidebar  # browsing does not pull the keyboard away
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Return)
    assert focused() is window.sections["meetings"].table.view


def test_search_field_keys(window, qtbot):
    window.show_section("meetings", focus=True)
    pane: TablePane = window.sections["meetings"].table
    total = pane.proxy.rowCount()
    qtbot.keyClick(pane.view, Qt.Key.Key_F, CTRL)
    assert focused() is pane.search
    qtbot.keyClicks(pane.search, "Analys")
    assert 0 < pane.proxy.rowCount() < total
    qtbot.keyClick(pane.search, Qt.Key.Key_Down)
    assert focused() is pane.view and pane.current_id() is not None
    qtbot.keyClick(pane.view, Qt.Key.Key_F, CTRL)
    qtbot.keyClick(pane.search, Qt.Key.Key_Escape)
    assert pane.search.text() == "" and pane.proxy.rowCount() == total


def test_plan_opens_with_its_first_measure_and_enter_edits_it(window, qtbot):
    plan = window.show_section("plan", focus=True)
    qtbot.waitUntil(lambda: focused() is plan.table)
    # Not an empty third of the window: the first measure is shown in the detail panel.
    assert plan.current_id() is not None
    assert plan.detail.measure_id == plan.current_id()
    assert not plan.detail.placeholder.isVisible()
    qtbot.keyClick(plan.table, Qt.Key.Key_Down)
    second = plan.current_id()
    assert plan.detail.measure_id == second
    qtbot.keyClick(plan.table, Qt.Key.Key_Return)
    assert focused() is plan.detail.f_title


def test_plan_delete_key_asks_first(window, qtbot, monkeypatch):
    plan = window.show_section("plan", focus=True)
    qtbot.waitUntil(lambda: focused() is plan.table)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Cancel)
    count = plan.model.rowCount()
    qtbot.keyClick(plan.table, Qt.Key.Key_Delete)
    assert len(asked) == 1 and plan.model.rowCount() == count


def test_report_form_has_mnemonics_with_buddies(window, qtbot):
    reports = window.show_section("reports", focus=True)
    qtbot.waitUntil(lambda: focused() is reports.kind)
    assert reports.number_label.buddy() is reports.number
    assert reports.from_label.buddy() is reports.date_from
    assert "&" in reports.make_button.text()


@pytest.mark.parametrize("key", ["organisation", "meetings", "walks", "situation", "plan", "audit"])
def test_headers_are_never_cut_off(window, key):
    from PySide6.QtWidgets import QTableView

    section = window.show_section(key)
    for view in section.findChildren(QTableView):
        header = view.horizontalHeader()
        for i in range(header.count()):
            if header.sectionResizeMode(i) == QHeaderView.ResizeMode.Interactive:
                assert header.sectionSize(i) >= header.sectionSizeFromContents(i).width(), \
                    (key, view.model().headerData(i, Qt.Orientation.Horizontal))


def test_empty_lists_show_an_empty_state(make_window, db, qtbot):
    win = make_window(db)
    walks = win.show_section("walks", focus=True)
    pane = walks.walks.list
    assert isinstance(pane.empty, EmptyState)
    assert pane.stack.currentWidget() is pane.empty
    assert pane.empty.title_label.text() == "Inga trygghetsvandringar ännu"
    qtbot.waitUntil(lambda: focused() is pane.search)  # nothing to list: the search field


def test_escape_closes_the_new_measure_dialog(window, qtbot):
    from PySide6.QtWidgets import QDialog

    from tryggapp.services import measures
    from tryggapp.ui.plan.dialogs import NewMeasureDialog

    plan = window.show_section("plan")
    dialog = NewMeasureDialog(measures.choices(window.ctx.db), plan.year, plan)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
