"""The Handlingsprogram view, driven as a coordinator would: add a focus area with a goal
and two measurements, assess it, undo and redo, reorder, and the refusals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.programme.helpers import press, replace_text, type_text
from tests.programme.sample import TODAY
from tryggapp import domain as d
from tryggapp.domain.enums import Assessment, GoalKind, PeriodKind
from tryggapp.domain.periods import tertial
from tryggapp.services import crud
from tryggapp.services import programme as svc
from tryggapp.ui.programme.tree import DIRECTION, FOCUS_AREA, GOAL, PROGRAMME
from tryggapp.ui.widgets import unsaved


@pytest.fixture
def view(qtbot, sample, make_ctx, styled):
    from tryggapp.ui.sections.programme import ProgrammeSection

    ctx = make_ctx(sample.db)
    section = ProgrammeSection(ctx)
    qtbot.addWidget(section)
    section.resize(1280, 800)
    section.show()
    section.refresh()
    return section


def tree_labels(section) -> list[str]:
    model = section.model
    out = []

    def walk(parent, depth):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            out.append("  " * depth + index.data())
            walk(index, depth + 1)

    walk(model.index(-1, -1), 0)
    return out


def area_labels(db, programme_id) -> list[str]:
    return [a.label for x in svc.tree(db, programme_id).directions for a in x.focus_areas]


def enter_cell(qtbot, page, row: int, col: int, text: str) -> None:
    """Type into a grid cell and press Enter, through the view's own editor."""
    from PySide6.QtWidgets import QLineEdit

    table = page.grid
    index = page.grid_model.index(row, col)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = next(w for w in table.viewport().findChildren(QLineEdit) if w.isVisible())
    editor.selectAll()
    type_text(editor, text)
    press(editor, Qt.Key.Key_Return)
    qtbot.wait(1)


def test_outline_shows_numbered_focus_areas_and_goals(view, sample):
    labels = tree_labels(view)
    assert labels[0] == "Handlingsprogram för trygghet och säkerhet 2024–2027"
    assert "    1 Trygg stadsmiljö" in labels
    assert "    4 Hot och våld mot anställda" in labels
    assert "      Fler invånare känner sig trygga i centrum kvällstid" in labels
    assert view.current_key() == (PROGRAMME, sample["programme"])
    assert view.current_page() is view.page_for[PROGRAMME]


def test_coordinator_adds_focus_area_goal_measurements_and_assessment_then_undoes(view, sample, qtbot):
    ctx, db = view.ctx, sample.db
    start = ctx.undo_stack.count()

    # a new focus area in the first direction, typed over its placeholder title
    assert view.select(DIRECTION, sample["dir_crime"])
    view.add_area_action.trigger()
    kind, area_id = view.current_key()
    assert kind == FOCUS_AREA
    page = view.current_page()
    title = page.form.fields["title"]
    replace_text(title, "Trygghet i skolmiljön")
    press(title, Qt.Key.Key_Return)
    assert crud.get(db, d.FocusArea, area_id).title == "Trygghet i skolmiljön"
    assert "    4 Trygghet i skolmiljön" in tree_labels(view)
    assert "    5 Hot och våld mot anställda" in tree_labels(view)  # renumbered

    # an impact goal with indicator and unit
    view.add_impact_action.trigger()
    kind, goal_id = view.current_key()
    assert kind == GOAL
    goal_page = view.current_page()
    text = goal_page.form.fields["text"]
    text.selectAll()
    type_text(text, "Fler elever känner sig trygga i skolan")
    text.finish()
    replace_text(goal_page.form.fields["indicator"], "Andel elever som känner sig trygga")
    press(goal_page.form.fields["indicator"], Qt.Key.Key_Return)
    unit = goal_page.form.fields["unit"]
    type_text(unit, "%")
    press(unit, Qt.Key.Key_Return)
    goal = crud.get(db, d.Goal, goal_id)
    assert (goal.text, goal.indicator, goal.unit, goal.kind) == (
        "Fler elever känner sig trygga i skolan", "Andel elever som känner sig trygga", "%", GoalKind.IMPACT)

    # two yearly measurements typed the Swedish way
    grid = goal_page.grid_model
    assert grid.grid.kind is PeriodKind.YEAR and grid.grid.years == [2026]
    goal_page.earlier_button.click()
    assert grid.grid.years == [2025, 2026]
    enter_cell(qtbot, goal_page, 0, 0, "71,5")
    enter_cell(qtbot, goal_page, 1, 0, "74")
    assert [m.value for m in svc.measurements(db, goal_id)] == [71.5, 74]
    assert grid.index(0, 0).data() == "71,5"
    follow = goal_page.follow_up
    assert follow.trend_title.text() == "Trend: positiv"
    assert follow.trend_text.text() == "74 % under året 2026, jämfört med 71,5 % under året 2025"
    assert goal_page.grid.currentIndex().row() == 1  # the cursor stays on the cell just typed in

    # the bedömning with a comment; this municipality follows up per tertial (the other
    # goals' assessments say so), so the current tertial is offered
    assert follow.period.value() == "2026-T3"
    combo = follow.assessment
    combo.setCurrentIndex(combo.findData(Assessment.ACHIEVABLE))
    combo.activated.emit(combo.currentIndex())
    follow.comment.setPlainText("Skolorna har börjat med rastvärdar.")
    follow.comment.finish()
    assessed = svc.get_assessment(db, goal_id, tertial(2026, 3))
    assert assessed.assessment is Assessment.ACHIEVABLE
    assert assessed.comment == "Skolorna har börjat med rastvärdar."
    assert assessed.assessed_on == TODAY
    assert follow.history.items()[0].trailing == "Målet kan uppnås"

    # every step is one undo step; undo everything back to the start
    steps = ctx.undo_stack.count() - start
    assert steps == 10  # area, title, goal, text, indicator, unit, two values, assessment, comment
    ctx.undo_stack.undo()  # comment
    assert svc.get_assessment(db, goal_id, tertial(2026, 3)).comment == ""
    ctx.undo_stack.undo()  # assessment
    assert svc.get_assessment(db, goal_id, tertial(2026, 3)) is None
    ctx.undo_stack.undo()  # second value
    assert [m.value for m in svc.measurements(db, goal_id)] == [71.5]
    assert view.page_for[GOAL].follow_up.trend_title.text() == "Trend: data saknas"
    while ctx.undo_stack.index() > start:
        ctx.undo_stack.undo()
    with pytest.raises(crud.NotFound):
        crud.get(db, d.FocusArea, area_id)
    assert area_labels(db, sample["programme"])[3] == "4 Hot och våld mot anställda"

    # redo everything: the same ids come back
    while ctx.undo_stack.canRedo():
        ctx.undo_stack.redo()
    assert crud.get(db, d.FocusArea, area_id).title == "Trygghet i skolmiljön"
    assert crud.get(db, d.Goal, goal_id).focus_area_id == area_id
    assert [m.value for m in svc.measurements(db, goal_id)] == [71.5, 74]
    assert svc.get_assessment(db, goal_id, tertial(2026, 3)).comment == "Skolorna har börjat med rastvärdar."
    assert ctx.errors == []


def alt(qtbot, view, key: Qt.Key) -> None:
    """Alt+arrow on the focused tree, through Qt's shortcut machinery (qtbot, ASCII keys)."""
    view.activateWindow()
    view.tree.setFocus()
    qtbot.waitUntil(view.tree.hasFocus)
    qtbot.keyClick(view.tree, key, Qt.KeyboardModifier.AltModifier)


def test_reorder_with_alt_arrows_and_undo(view, sample, qtbot):
    ctx, db, p = view.ctx, sample.db, sample["programme"]
    view.select(FOCUS_AREA, sample["fa3"])
    assert view.up_button.isEnabled() and not view.down_button.isEnabled()
    alt(qtbot, view, Qt.Key.Key_Up)
    assert area_labels(db, p)[:3] == ["1 Trygg stadsmiljö", "2 Brott i nära relationer", "3 Ungas trygghet"]
    assert view.current_key() == (FOCUS_AREA, sample["fa3"])  # the moved node stays selected
    view.up_button.click()
    assert area_labels(db, p)[0] == "1 Brott i nära relationer"
    assert not view.up_button.isEnabled()
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert area_labels(db, p)[:3] == ["1 Trygg stadsmiljö", "2 Ungas trygghet", "3 Brott i nära relationer"]
    # directions move too, and their focus areas renumber with them
    view.select(DIRECTION, sample["dir_internal"])
    alt(qtbot, view, Qt.Key.Key_Up)
    assert area_labels(db, p)[0] == "1 Hot och våld mot anställda"
    assert tree_labels(view)[1] == "  Intern säkerhet"
    ctx.undo_stack.undo()
    assert tree_labels(view)[1] == "  Brottsförebyggande och trygghetsfrämjande arbete"


def test_blank_title_is_refused_inline_and_not_saved(view, sample):
    ctx = view.ctx
    view.select(FOCUS_AREA, sample["fa2"])
    page = view.current_page()
    count = ctx.undo_stack.count()
    title = page.form.fields["title"]
    title.selectAll()
    press(title, Qt.Key.Key_Delete)
    press(title, Qt.Key.Key_Return)
    assert page.form.error_text("title") == "”Titel” måste fyllas i."
    assert crud.get(sample.db, d.FocusArea, sample["fa2"]).title == "Ungas trygghet"
    assert ctx.undo_stack.count() == count and ctx.errors == []
    # putting the old title back clears the message and changes nothing
    type_text(title, "Ungas trygghet")
    press(title, Qt.Key.Key_Return)
    assert page.form.error_text("title") == ""
    assert ctx.undo_stack.count() == count
    # typing a new title saves it
    title.selectAll()
    press(title, Qt.Key.Key_Delete)
    type_text(title, "Unga")
    press(title, Qt.Key.Key_Return)
    assert page.form.error_text("title") == ""
    assert crud.get(sample.db, d.FocusArea, sample["fa2"]).title == "Unga"


def test_date_and_number_fields_parse_or_explain(view, sample, monkeypatch):
    view.select(PROGRAMME, sample["programme"])
    page = view.current_page()
    decided = page.form.fields["decided_on"]
    replace_text(decided.line, "11/12/2023")
    press(decided.line, Qt.Key.Key_Return)
    assert "giltigt datum" in page.form.error_text("decided_on")
    replace_text(decided.line, "2023-12-12")
    press(decided.line, Qt.Key.Key_Return)
    assert crud.get(sample.db, d.Programme, sample["programme"]).decided_on.isoformat() == "2023-12-12"
    valid_to = page.form.fields["valid_to"]
    replace_text(valid_to.line, "2020-01-01")
    press(valid_to.line, Qt.Key.Key_Return)
    assert "Giltig till" in page.form.error_text("valid_to")

    # the refused date is still shown, not stored: leaving asks, and Släng puts it back
    asked = []
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda _parent, captions: asked.append(captions) or "discard")
    view.select(GOAL, sample["goal_safe"])
    assert asked == [["Giltig till"]]
    goal_page = view.current_page()
    target = goal_page.form.fields["target"]
    assert target.text() == "70"
    replace_text(target, "72,5")
    press(target, Qt.Key.Key_Return)
    assert crud.get(sample.db, d.Goal, sample["goal_safe"]).target == 72.5
    replace_text(target, "sjuttio")
    press(target, Qt.Key.Key_Return)
    assert "Målvärde" in goal_page.form.error_text("target")


def test_grid_refuses_text_and_pastes_a_block_as_one_step(view, sample, qtbot):
    ctx = view.ctx
    view.select(GOAL, sample["goal_vandalism"])
    page = view.current_page()
    model = page.grid_model
    assert model.grid.kind is PeriodKind.QUARTER and model.columnCount() == 4
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == ["Kv 1", "Kv 2", "Kv 3", "Kv 4"]
    count = ctx.undo_stack.count()
    assert not model.setData(model.index(1, 3), "många")
    assert "Fjärde kvartalet 2026" in page.grid_error.message()
    assert ctx.undo_stack.count() == count

    page.grid.setCurrentIndex(model.index(0, 0))  # 2025 Q1
    page.grid.paste("13\t12,5\n8\t")
    values = {(m.year, m.period_no): m.value for m in svc.measurements(sample.db, sample["goal_vandalism"])}
    assert values[(2025, 1)] == 13 and values[(2025, 2)] == 12.5 and values[(2026, 1)] == 8
    assert (2026, 2) not in values  # the empty pasted cell cleared it
    assert ctx.undo_stack.count() == count + 1
    ctx.undo_stack.undo()
    values = {(m.year, m.period_no): m.value for m in svc.measurements(sample.db, sample["goal_vandalism"])}
    assert values[(2025, 1)] == 14 and values[(2026, 2)] == 10

    # a bad value anywhere in a pasted block changes nothing
    page.grid.setCurrentIndex(model.index(0, 0))
    page.grid.paste("1\t2\n3\tx")
    assert "Andra kvartalet 2026" in page.grid_error.message()
    assert ctx.undo_stack.count() == count + 1 and ctx.undo_stack.canRedo()  # nothing pushed
    assert svc.get_measurement(sample.db, sample["goal_vandalism"], 2025, PeriodKind.QUARTER, 1).value == 14

    # Delete empties the selected cells
    page.grid.selectionModel().clear()
    page.grid.setCurrentIndex(model.index(1, 2))
    press(page.grid, Qt.Key.Key_Delete)
    assert svc.get_measurement(sample.db, sample["goal_vandalism"], 2026, PeriodKind.QUARTER, 3) is None
    ctx.undo_stack.undo()
    assert svc.get_measurement(sample.db, sample["goal_vandalism"], 2026, PeriodKind.QUARTER, 3).value == 7


def test_switching_period_kind_of_an_empty_goal(view, sample):
    view.select(FOCUS_AREA, sample["fa2"])
    view.add_performance_action.trigger()
    _kind, goal_id = view.current_key()
    page = view.current_page()
    page.kind_choice.setCurrentIndex(page.kind_choice.findData(PeriodKind.TERTIAL))
    page.kind_choice.activated.emit(page.kind_choice.currentIndex())
    assert page.grid_model.columnCount() == 3
    assert page.grid_model.setData(page.grid_model.index(0, 1), "5")
    assert svc.get_measurement(sample.db, goal_id, 2026, PeriodKind.TERTIAL, 2).value == 5
    # the follow-up offers the tertials that have started, newest first, and the whole
    # year (ending with the last tertial) for the yearly evaluation
    codes = [page.follow_up.period.itemData(i) for i in range(page.follow_up.period.count())]
    assert codes == ["2026-T3", "2026", "2026-T2", "2026-T1"]
    assert page.follow_up.period.value() == "2026-T2"  # the newest with a value


def test_removing_a_referenced_focus_area_archives_it(view, sample, qtbot):
    ctx = view.ctx
    view.select(FOCUS_AREA, sample["fa1"])
    view.activateWindow()
    view.tree.setFocus()
    qtbot.waitUntil(view.tree.hasFocus)
    qtbot.keyClick(view.tree, Qt.Key.Key_Delete)
    assert crud.get(sample.db, d.FocusArea, sample["fa1"]).archived
    page = view.current_page()
    assert view.current_key() == (FOCUS_AREA, sample["fa1"])
    assert not page.archived_banner.isHidden()
    assert "    4 Trygg stadsmiljö  (arkiverad)" in tree_labels(view)
    page.archived_banner.button.click()  # Återställ: back among the active ones, last
    assert not crud.get(sample.db, d.FocusArea, sample["fa1"]).archived
    assert "    3 Trygg stadsmiljö" in tree_labels(view)
    ctx.undo_stack.undo()
    assert crud.get(sample.db, d.FocusArea, sample["fa1"]).archived
    ctx.undo_stack.undo()  # the removal: back where it was
    assert "    1 Trygg stadsmiljö" in tree_labels(view)


def test_removing_a_goal_selects_its_focus_area_and_undo_restores(view, sample):
    view.select(GOAL, sample["goal_tunnels"])
    view.remove_button.click()
    assert view.current_key() == (FOCUS_AREA, sample["fa1"])
    with pytest.raises(crud.NotFound):
        crud.get(sample.db, d.Goal, sample["goal_tunnels"])
    view.ctx.undo_stack.undo()
    assert len(svc.measurements(sample.db, sample["goal_tunnels"])) == 2


def test_direction_with_focus_areas_cannot_be_removed(view, sample):
    view.select(DIRECTION, sample["dir_internal"])
    assert not view.remove_button.isEnabled()
    assert "fokusområden" in view.remove_button.toolTip()


def test_revision_history_add_edit_and_remove(view, sample):
    view.select(PROGRAMME, sample["programme"])
    page = view.current_page()
    page.add_revision_button.click()
    revisions = svc.list_revisions(sample.db, sample["programme"])
    assert [r.revision for r in revisions] == ["1.0", "1.1", "1.2"]
    model = page.revision_model
    row = len(model.rows) - 1
    assert model.setData(model.index(row, 3), "Mål för skolmiljön tillagda")
    assert not model.setData(model.index(row, 1), "igår")
    assert "Datum" in page.revision_error.message()
    assert svc.list_revisions(sample.db, sample["programme"])[-1].description == "Mål för skolmiljön tillagda"
    page.revision_table.selectRow(row)
    page.remove_revision_button.click()
    assert len(svc.list_revisions(sample.db, sample["programme"])) == 2


def test_open_record_finds_goals_from_their_measurements(view, sample):
    measurement = svc.get_measurement(sample.db, sample["goal_safe"], 2024, PeriodKind.YEAR, 1)
    assert view.open_record("measurement", measurement.id)
    assert view.current_key() == (GOAL, sample["goal_safe"])
    assert view.open_record("focus_area", sample["fa4"])
    assert view.current_page().header.title_label.text() == "4 Hot och våld mot anställda"
    assert view.open_record("direction", sample["dir_crime"])
    assert not view.open_record("measure", 1)
    assert not view.open_record("goal", 9999)


def test_empty_database_offers_to_create_the_programme(qtbot, db, make_ctx, styled):
    from tryggapp.ui.sections.programme import ProgrammeSection

    ctx = make_ctx(db)
    section = ProgrammeSection(ctx)
    qtbot.addWidget(section)
    section.resize(1280, 800)
    section.show()
    section.refresh()
    assert section.stack.currentWidget() is section.empty
    assert section.empty.title_label.text() == "Inget handlingsprogram ännu"
    assert section.empty.button.text() == "Skapa handlingsprogram"
    section.grab().save("/tmp/shot_programme_empty.png")
    section.empty.button.click()
    assert svc.current_programme(db) is not None
    assert section.stack.currentWidget() is section.splitter
    section.add_direction_action.trigger()
    section.add_area_action.trigger()
    assert area_labels(db, svc.current_programme(db).id) == ["1 Nytt fokusområde"]
    while ctx.undo_stack.canUndo():
        ctx.undo_stack.undo()
    assert svc.current_programme(db) is None
    assert section.stack.currentWidget() is section.empty


def visible_in(widget, ancestor) -> bool:
    """Shown, with a size, and at least partly inside `ancestor`'s rectangle."""
    from PySide6.QtCore import QPoint, QRect

    if not widget.isVisible() or widget.width() < 5 or widget.height() < 5:
        return False
    top_left = widget.mapTo(ancestor, QPoint(0, 0))
    return QRect(top_left, widget.size()).intersects(ancestor.rect())


def distinct_colours(image, step: int = 7) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


@pytest.mark.parametrize(("kind", "key", "page_class", "parts"), [
    (GOAL, "goal_vandalism", "GoalPage", ("form", "values_card", "grid", "follow_card")),
    (PROGRAMME, "programme", "ProgrammePage", ("form", "revisions")),
    (FOCUS_AREA, "fa1", "FocusAreaPage", ("form", "goals", "goal_list")),
])
def test_each_page_renders_its_parts(view, sample, qtbot, kind, key, page_class, parts):
    """What a coordinator sees on selecting each kind of record: the grabbed window is
    the view's size and not blank, and the page's main parts are on screen."""
    view.select(kind, sample[key])
    qtbot.wait(20)
    page = view.current_page()
    assert type(page).__name__ == page_class
    image = view.grab().toImage()
    ratio = view.devicePixelRatioF()
    assert (image.width(), image.height()) == (round(view.width() * ratio), round(view.height() * ratio))
    assert distinct_colours(image) > 10  # text, icons and frames, not one flat colour
    page_image = page.grab().toImage()
    assert distinct_colours(page_image) > 10
    for part in parts:
        assert visible_in(getattr(page, part), view), f"{page_class}.{part} is not on screen"


def test_grid_marks_values_that_reach_the_target(view, sample):
    view.select(GOAL, sample["goal_safe"])  # 61, 63, 66.5 (2023-2025); target 70
    page = view.current_page()
    model = page.grid_model
    assert model.index(2, 0).data(Qt.ItemDataRole.DecorationRole) is None
    target = page.form.fields["target"]
    replace_text(target, "65")
    press(target, Qt.Key.Key_Return)
    assert model.index(2, 0).data(Qt.ItemDataRole.DecorationRole) is not None  # 66,5 >= 65
    assert "Målvärdet är nått." in model.index(2, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, 0).data(Qt.ItemDataRole.DecorationRole) is None
