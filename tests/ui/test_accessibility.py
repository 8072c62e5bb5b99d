"""Every section and dialog, walked as a keyboard and screen-reader user would (issue 17,
EN 301 549 ch. 11 / WCAG 2.1 AA): no control the Tab key reaches is nameless to a
screen reader (read through Qt's accessibility interface), Tab leaves every list and
table, Tab and F6 reach the sidebar again, and the app's colour pairs have the contrast
WCAG asks for. No exceptions are listed here: a new screen must pass as it is."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QWidget

from tryggapp.ui import style as app_style
from tryggapp.ui.widgets import accessible
from tryggapp.ui.widgets import style as palette

SECTIONS = ["overview", "programme", "plan", "organisation", "meetings", "walks", "situation",
            "reports", "audit"]


def describe(widgets: list[QWidget]) -> list[str]:
    return [f"{type(w).__name__} {w.objectName()!r} tooltip={w.toolTip()[:30]!r}" for w in widgets]


def press_tab(qtbot, times: int = 1, backwards: bool = False) -> None:  # noqa: ANN001
    for _ in range(times):
        widget = QApplication.focusWidget()
        key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
        qtbot.keyClick(widget, key, Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier)


def test_all_sections_are_listed_here(window):
    assert set(window.section_types) == set(SECTIONS), "a new section must be added to this test"


@pytest.mark.parametrize("key", SECTIONS)
def test_every_control_of_the_section_has_a_name(window, key):
    section = window.show_section(key, focus=True)
    QApplication.processEvents()
    assert describe(accessible.unnamed(section)) == []
    assert describe(accessible.unnamed(window.sidebar.parentWidget())) == []


@pytest.mark.parametrize("key", SECTIONS)
def test_tab_leaves_every_list_and_table(window, qtbot, key):
    section = window.show_section(key, focus=True)
    QApplication.processEvents()
    views = [v for v in section.findChildren(QAbstractItemView) if accessible.takes_tab(v)]
    for view in views:
        view.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(view.hasFocus)
        press_tab(qtbot)
        after = QApplication.focusWidget()
        assert after is not view and not view.isAncestorOf(after), accessible.spoken_name(view)


@pytest.mark.parametrize("key", SECTIONS)
def test_tab_goes_round_the_window_back_to_the_sidebar(window, qtbot, key):
    section = window.show_section(key, focus=True)
    QApplication.processEvents()
    start = QApplication.focusWidget()
    seen = []
    for _ in range(300):  # once round the window, back to where it started
        press_tab(qtbot)
        focus = QApplication.focusWidget()
        seen.append(focus)
        if focus is start:
            break
    assert seen[-1] is start, [accessible.spoken_name(w) for w in seen[-5:]]
    assert window.sidebar in seen
    # and every pane of the section is on the way
    for pane in section.panes():
        assert any(pane is w or pane.isAncestorOf(w) for w in seen), accessible.spoken_name(pane)


@pytest.mark.parametrize("key", SECTIONS)
def test_f6_moves_between_the_sidebar_and_the_panes(window, qtbot, key):
    section = window.show_section(key, focus=True)
    window.sidebar.setFocus()
    stops = []
    for _ in range(len(section.panes()) + 1):
        window.cycle_panes(forward=True)
        stops.append(QApplication.focusWidget())
    assert stops[-1] is window.sidebar
    assert all(w is not window.sidebar for w in stops[:-1])
    window.cycle_panes(forward=False)
    last_pane = section.panes()[-1]
    assert last_pane.isAncestorOf(QApplication.focusWidget()) or last_pane is QApplication.focusWidget()


def test_overview_tab_order_follows_the_page_tiles_first(window, qtbot):
    section = window.show_section("overview")
    tiles = [section.late_tile, *section.status_tiles.values()]
    lists = [card.list for card in section.cards() if card.list.isVisible()]
    window.sidebar.setFocus()
    order = []
    for _ in range(60):
        press_tab(qtbot)
        focus = QApplication.focusWidget()
        if focus is window.sidebar:
            break
        order.append(focus)
    positions = [order.index(w) for w in tiles + lists]
    assert max(order.index(t) for t in tiles) < min(order.index(li) for li in lists), positions


def test_a_future_period_in_the_grid_is_italic_and_said_not_only_grey(qtbot):
    import datetime as dt

    from tryggapp.domain.enums import PeriodKind
    from tryggapp.services.programme import MeasurementGrid
    from tryggapp.ui.programme.grid import MeasurementGridModel

    model = MeasurementGridModel(lambda *_a: True, lambda _m: None)
    model.set_grid(MeasurementGrid(goal_id=1, kind=PeriodKind.TERTIAL, years=[2026], values={}, other_kinds=0),
                   today=dt.date(2026, 6, 1))
    past, future = model.index(0, 0), model.index(0, 2)
    assert not past.data(Qt.ItemDataRole.FontRole) or not past.data(Qt.ItemDataRole.FontRole).italic()
    assert future.data(Qt.ItemDataRole.FontRole).italic()
    assert "inte börjat" in future.data(Qt.ItemDataRole.AccessibleTextRole)


def test_status_tiles_are_buttons_named_with_their_number(window):
    section = window.show_section("overview")
    tile = section.late_tile
    iface = QAccessible.queryAccessibleInterface(tile)
    assert iface.role() == QAccessible.Role.Button
    assert re.fullmatch(r"Försenade?: \d+", iface.text(QAccessible.Text.Name)), iface.text(QAccessible.Text.Name)


def test_a_date_field_is_named_by_its_caption_where_the_focus_lands(window):
    section = window.show_section("plan")
    deadline = section.detail.form.fields["deadline"]
    start = section.detail.form.fields["start_date"]
    inner = [w for w in (deadline.focusProxy(), *deadline.findChildren(QWidget)) if w is not None
             and accessible.takes_tab(w)]
    assert inner and all(accessible.spoken_name(w) == "Deadline" for w in inner)
    assert {accessible.spoken_name(w) for w in start.findChildren(QWidget) if accessible.takes_tab(w)} == {"Start"}


def test_a_field_error_is_read_with_the_field(window):
    form = window.show_section("plan").detail.form
    form.show_error("title", "Skriv vad som ska göras.")
    assert QAccessible.queryAccessibleInterface(form.fields["title"]).text(
        QAccessible.Text.Description) == "Skriv vad som ska göras."


# -- dialogs ------------------------------------------------------------------------------------

def _dialogs(window) -> list[QDialog]:  # noqa: ANN001
    """One of each kind of dialog the sections open (the editors of issues 11–13 too)."""
    import datetime as dt

    from tryggapp.domain.enums import PeriodKind
    from tryggapp.domain.periods import of_kind
    from tryggapp.services.conflicts import Conflict, ConflictField
    from tryggapp.ui.about import AboutDialog
    from tryggapp.ui.conflict import ConflictDialog
    from tryggapp.ui.first_start import MunicipalityDialog
    from tryggapp.ui.help import GuideWindow
    from tryggapp.ui.meetings.dialogs import BookMeetingDialog, GuestDialog
    from tryggapp.ui.organisation import dialogs as org
    from tryggapp.ui.plan.dialogs import BulkEditDialog, NewMeasureDialog
    from tryggapp.ui.plan.new_contact import NewOrganisationDialog, NewPersonDialog
    from tryggapp.ui.sections.report_words import WordsDialog
    from tryggapp.ui.settings_dialog import SettingsDialog
    from tryggapp.ui.situation import dialogs as situation
    from tryggapp.ui.walks import dialogs as walk

    plan = window.show_section("plan")
    ctx, day = window.ctx, dt.date(2026, 11, 28)
    people = [(n, i) for i, n, _org in plan.choices.persons]
    orgs = [(n, i) for i, n in plan.choices.organisations]
    submit = lambda *_a: None  # noqa: E731 - never pressed here
    return [
        NewMeasureDialog(plan.choices, 2026, window), BulkEditDialog(plan.choices, 3, window),
        WordsDialog(ctx, of_kind(PeriodKind.TERTIAL, 2026, 2), window),
        NewPersonDialog(plan.choices.organisations, None, window), NewOrganisationDialog(window),
        BookMeetingDialog([(1, "Samordningsgruppen")], window),
        GuestDialog([(i, n) for n, i in people], [("Adjungerad", 1)], window),
        org.OrganisationDialog(submit, window), org.PersonDialog(submit, orgs, window),
        org.GroupDialog(submit, [], day, window), org.MembershipDialog(submit, people, "Gruppen", window),
        org.EndMembershipDialog(submit, "Anna", "Gruppen", day, window),
        org.CloseGroupDialog(submit, "Gruppen", day, window),
        walk.new_walk_dialog(submit, day, window), walk.new_visit_dialog(submit, day, window),
        walk.measure_dialog(ctx.db, submit, title="Belysning", description="", year=2026, deadline=None,
                            organisation_id=None, intro="", parent=window),
        SettingsDialog(ctx, window), GuideWindow(window), AboutDialog(ctx, window), MunicipalityDialog(window),
        situation.picture_dialog(submit, day, window), situation.source_dialog(submit, window),
        situation.finding_dialog(submit, focus_areas=plan.choices.focus_areas, measures=[(1, "2026:1 Belysning")],
                                 est=[(1, "2026-03-02 Klotter, Torget")], parent=window),
        ConflictDialog(window, Conflict("Åtgärd", "anna", False, (ConflictField("title", "Åtgärd", "a", "b", "c"),))),
    ]


def test_every_control_of_the_dialogs_has_a_name_and_tab_leaves_lists(window, qtbot):
    for dialog in _dialogs(window):
        dialog.show()
        qtbot.waitExposed(dialog)
        assert describe(accessible.unnamed(dialog)) == [], dialog.windowTitle()
        for view in [v for v in dialog.findChildren(QAbstractItemView) if accessible.takes_tab(v)]:
            assert not view.tabKeyNavigation(), accessible.spoken_name(view)
        dialog.reject()


# -- contrast ----------------------------------------------------------------------------------

TEXT_COLOURS = ["TEXT", "MUTED", "FAINT", "ACCENT", "DANGER", "WARNING", "SUCCESS"]
BACKGROUNDS = ["SURFACE", "BACKGROUND", "DANGER_SOFT", "WARNING_SOFT", "SUCCESS_SOFT", "ACCENT_SOFT"]


@pytest.mark.parametrize("fg", TEXT_COLOURS)
def test_text_colours_read_at_4_5_to_1_on_every_background(fg):
    low = {bg: round(accessible.contrast(getattr(palette, fg), getattr(palette, bg)), 2) for bg in BACKGROUNDS}
    assert all(v >= 4.5 for v in low.values()), (fg, low)


def test_palette_and_style_sheet_text_pairs():
    pairs = [*app_style.PALETTE_TEXT_PAIRS,
             ("#1E2A36", "#F3F5F8"), ("white", app_style.ACCENT),  # sidebar, its selected row
             ("#5A6672", "#F3F5F8"), ("#111", "#CFE0F1"),  # empty state, table selection
             ("#555", "white")]  # labels in the detail panes
    low = [(fg, bg, round(accessible.contrast(fg, bg), 2)) for fg, bg in pairs if accessible.contrast(fg, bg) < 4.5]
    assert low == []


def test_field_borders_and_focus_read_at_3_to_1():
    for bg in ("white", palette.BACKGROUND, "#F3F5F8"):
        assert accessible.contrast(palette.FIELD_BORDER, bg) >= 3, bg
        assert accessible.contrast(app_style.ACCENT, bg) >= 3, bg
    assert palette.FIELD_BORDER in app_style.STYLESHEET


def test_contrast_formula_matches_known_values():
    assert accessible.contrast("black", "white") == pytest.approx(21)
    assert accessible.contrast("#767676", "white") == pytest.approx(4.54, abs=0.01)


def test_report_text_colours_keep_4_5_to_1_in_print():
    from tryggapp.reports import charts, styles

    hexes = {name: "#" + getattr(styles, name).hexval()[2:] for name in
             ("ACCENT", "INK", "MUTED", "LATE_INK", "HEADER_BG", "ZEBRA")}
    for fg in ("ACCENT", "INK", "MUTED", "LATE_INK"):
        for bg in ("white", hexes["HEADER_BG"], hexes["ZEBRA"]):
            assert accessible.contrast(hexes[fg], bg) >= 4.5, (fg, bg)
    for look in [*charts.STATUS_LOOK.values(), *charts.OUTCOME_LOOK.values()]:
        assert accessible.contrast(look.label_color, look.face) >= 4.5, look


def test_the_field_frame_style_leaves_the_report_spin_boxes_their_text(window, qtbot):
    """The 3:1 field frame comes from the style sheet; with it, Qt gave a spin box without
    step buttons a line edit 1 px wide (the report's År and Nummer showed empty)."""
    from PySide6.QtWidgets import QLineEdit

    window.setStyleSheet(app_style.STYLESHEET)
    section = window.show_section("reports")
    QApplication.processEvents()
    for spin in (section.year, section.number):
        edit = spin.findChild(QLineEdit)
        assert edit.width() > spin.width() // 2, (edit.width(), spin.width())


def test_a_narrow_window_keeps_the_sidebar_to_its_icons_with_names(window, qtbot):
    """1366×768 at 125 % leaves about 1093 px: the section names give way to the
    sections' own lists and forms, and stay in the tool tip and for screen readers."""
    window.resize(1093, 582)
    QApplication.processEvents()
    wide = window._sidebar_width
    assert window.sidebar.width() < wide // 2
    for row in range(window.sidebar.count()):
        item = window.sidebar.item(row)
        title = item.data(Qt.ItemDataRole.AccessibleTextRole)
        assert item.text() == "" and title and item.toolTip() == title
    window.resize(1280, 800)
    QApplication.processEvents()
    assert window.sidebar.width() == wide and window.sidebar.item(0).text() == "Översikt"


@pytest.mark.parametrize("size", [(1366, 728), (1093, 582)], ids=["100%", "125%"])
@pytest.mark.parametrize("key", SECTIONS)
def test_every_section_fits_a_1366x768_screen(window, key, size):
    """1366×768 less a 40 px taskbar: 1366×728 logical pixels at 100 %, 1093×582 at 125 %.
    No section is squeezed below the size its controls need (cut off, not scrolled)."""
    window.resize(*size)
    section = window.show_section(key)
    QApplication.processEvents()
    need = section.minimumSizeHint()
    assert need.width() <= section.width() and need.height() <= section.height(), (need, section.size())
