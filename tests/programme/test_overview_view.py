"""The Översikt start page: lists with counts, rows that open what they name, live
refresh on changes, empty states that say what to do."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.conftest import DEMO_TODAY
from tests.programme.sample import TODAY
from tryggapp import domain as d
from tryggapp.domain.enums import MeasureStatus
from tryggapp.services import crud, dashboard
from tryggapp.ui.plan import LATE_OF_YEAR, PLAN_OF_YEAR


@pytest.fixture
def overview(qtbot, sample, make_ctx, styled):
    from tryggapp.ui.sections.overview import OverviewSection

    ctx = make_ctx(sample.db)
    section = OverviewSection(ctx)
    qtbot.addWidget(section)
    section.resize(1280, 800)
    section.show()
    section.refresh()
    return section


def titles(card) -> list[str]:
    return [item.title for item in card.list.items()]


def test_cards_list_what_needs_attention(overview):
    assert overview.late.count_label.text() == "2"
    assert titles(overview.late) == ["5. Threat training", "1. Tunnel lighting"]
    assert overview.late.list.items()[1].trailing == "25 dagar försenad"
    assert overview.late.list.items()[1].subtitle == "Sara Nilsson · 1 Trygg stadsmiljö · Pågående"
    assert [i.trailing for i in overview.due.list.items()] == ["i dag", "om 15 dagar", "om 25 dagar"]
    assert titles(overview.meetings) == ["Samordningsgruppen", "Styrgruppen för trygghet"]
    assert overview.meetings.list.items()[0].subtitle == "1 december 2026, 09:00 · Stadshuset"
    assert [i.trailing for i in overview.groups.list.items()] == ["2 möten saknas", "1 möte saknas"]
    assert overview.groups.list.items()[0].subtitle == "1 av 3 möten hittills i år · senast 2026-09-01"
    assert [i.trailing for i in overview.observations.list.items()] == ["Hög prioritet", "Låg prioritet"]
    assert overview.header.title_label.text() == "I dag, 25 november 2026"
    assert overview.late_tile.value_label.text() == "2"
    # late replaces the open status (as in the follow-up report): 4 ongoing, 1 of them late
    assert overview.status_tiles[MeasureStatus.ONGOING].value_label.text() == "3"


def test_rows_open_the_record_in_its_section(overview, sample, qtbot):
    ctx = overview.ctx
    overview.late.list.activate_row(0)
    overview.meetings.list.activate_row(1)
    overview.groups.list.activate_row(0)
    overview.observations.list.activate_row(0)
    assert ctx.navigated == [
        ("plan", "measure", sample["threat_training"]),
        ("meetings", "meeting", sample["steering_next"]),
        ("organisation", "work_group", sample["Arbetsgrupp Centrum"]),
        ("walks", "observation", sample["obs_bushes"]),
    ]
    # the keyboard: Enter on the current row
    ctx.navigated.clear()
    view = overview.due.list
    view.setCurrentIndex(view.model().index(1, 0))
    overview.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert ctx.navigated == [("plan", "measure", sample["prune_bushes"])]
    # a headline figure opens the plan it counts; the late tile filtered on late measures
    ctx.navigated.clear()
    qtbot.mouseClick(overview.late_tile, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(overview.status_tiles[MeasureStatus.DONE], Qt.MouseButton.LeftButton)
    assert ctx.navigated == [("plan", LATE_OF_YEAR, 2026), ("plan", PLAN_OF_YEAR, 2026)]


def test_refreshes_when_measures_change(overview, sample):
    crud.update(sample.db, d.Measure, sample["tunnel_lighting"], {"status": MeasureStatus.DONE})
    overview.ctx.changes.emit_tables("measure")
    assert titles(overview.late) == ["5. Threat training"]
    assert overview.late_tile.value_label.text() == "1"
    # changes to tables it does not show do not reload it
    before = overview.data
    overview.ctx.changes.emit_tables("goal")
    assert overview.data is before


def test_hidden_overview_refreshes_when_shown_again(overview, sample):
    overview.hide()
    crud.update(sample.db, d.Observation, sample["obs_bushes"], {"no_action_reason": "Fastighetsägarens ansvar"})
    overview.ctx.changes.emit_tables("observation")
    assert len(overview.observations.list.items()) == 2  # not yet
    overview.show()
    assert titles(overview.observations) == ["5. Plats 5 – Nedskräpning"]


def test_empty_database_says_what_to_do(qtbot, db, make_ctx, styled):
    from tryggapp.ui.sections.overview import OverviewSection

    ctx = make_ctx(db)
    section = OverviewSection(ctx)
    qtbot.addWidget(section)
    section.resize(1280, 800)
    section.show()
    section.refresh()
    for card in section.cards():
        assert card.list.isHidden() and not card.empty.isHidden()
        assert card.count_label.text() == "0"
    # An empty start says what is missing, not that all is well (issue 11).
    assert section.late.empty.title_label.text() == "Inga åtgärder ännu"
    assert section.header.subtitle_label.text() == "Ingen handlingsplan ännu: skapa den under Handlingsplan."
    section.meetings.empty.button.click()
    assert ctx.navigated == [("meetings", None, None)]
    qtbot.wait(20)
    section.grab().save("/tmp/shot_overview_empty.png")


def test_demo_database(qtbot, demo_db, make_ctx, styled):
    """The colleague's demo municipality: the overview and the programme view load it
    without errors, and every row opens in an existing section."""
    from tryggapp.ui.sections.overview import SECTION_FOR_TABLE, OverviewSection
    from tryggapp.ui.sections.programme import ProgrammeSection

    ctx = make_ctx(demo_db, DEMO_TODAY)
    data = dashboard.overview(demo_db, DEMO_TODAY)
    assert data.plan_year == 2026 and data.late
    section = OverviewSection(ctx)
    qtbot.addWidget(section)
    section.resize(1280, 800)
    section.show()
    section.refresh()
    qtbot.wait(20)
    section.grab().save("/tmp/shot_overview.png")
    for card in section.cards():
        for row in range(len(card.list.items())):
            card.list.activate_row(row)
    assert {key for key, _table, _id in ctx.navigated} <= set(SECTION_FOR_TABLE.values())

    programme = ProgrammeSection(ctx)
    qtbot.addWidget(programme)
    programme.resize(1280, 800)
    programme.show()
    programme.refresh()
    for key in programme.model.node_keys():
        assert programme.select(*key)
    assert ctx.errors == []
    goal = max(crud.list_all(demo_db, d.Goal), key=lambda g: len(crud.list_all(demo_db, d.Measurement, goal_id=g.id)))
    programme.open_record("goal", goal.id)
    qtbot.wait(20)
    programme.grab().save("/tmp/shot_programme.png")


def test_overview_today_is_pinned(sample):
    assert dashboard.overview(sample.db, TODAY).today == TODAY
