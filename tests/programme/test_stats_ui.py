"""The statistics import and trend chart in the window (issue 14), driven as a coordinator
would: a ten-year crime file with a broken row and an unknown category is previewed, its
bad rows named and nothing saved; the corrected file imports as one undo step and the
trend chart is drawn; stored values are replaced only by choice; categories are managed
in their dialog."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.programme.sample import TODAY
from tests.programme.stats_data import (
    BROKEN_ROW,
    CATEGORIES,
    UNKNOWN_ROW,
    crime_goal,
    write_crime_csv,
)
from tryggapp import domain as d
from tryggapp.domain.enums import PeriodKind
from tryggapp.services import crud, indicators
from tryggapp.services import programme as svc
from tryggapp.ui.programme.tree import GOAL


@pytest.fixture
def setup(qtbot, db, make_ctx, styled):
    from tryggapp.ui.sections.programme import ProgrammeSection

    crud.create(db, d.Municipality(name="Tryggviks kommun"))
    goal = crime_goal(db)
    ctx = make_ctx(db, TODAY)
    section = ProgrammeSection(ctx)
    qtbot.addWidget(section)
    section.resize(1366, 768)
    section.show()
    section.refresh()
    assert section.select(GOAL, goal)
    return ctx, section, section.page_for[GOAL], goal


def counts(db) -> tuple[int, int]:
    return len(crud.list_all(db, d.Measurement)), len(crud.list_all(db, d.CategoryMeasurement))


def test_broken_file_is_previewed_with_its_bad_rows_and_nothing_is_saved(setup, tmp_path, qtbot):
    from tryggapp.ui.programme.stats_import import StatsImportDialog

    ctx, section, page, goal = setup
    assert page.trend_chart.canvas is None and page.trend_chart.empty.isVisible()  # no values: no chart yet
    dialog = StatsImportDialog(ctx, goal, write_crime_csv(tmp_path / "brott.csv", broken=True), section)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [c.currentText() for c in dialog.combos.values()] == ["A: År", "C: Antal anmälda brott",
                                                                  "B: Brottskategori"]
    assert dialog.model.rowCount() == 12 and dialog.model.columnCount() == 3
    assert dialog.model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == \
        "A: År\n→ Period"
    lines = dialog.problems_model.stringList()
    assert lines == [
        f"Rad {BROKEN_ROW}, Antal anmälda brott: ”5x61” är inget tal (t.ex. 1 234,5 eller 12 %)",
        f"Rad {UNKNOWN_ROW}, Brottskategori: ”Skadegörlese” är inte en av indikatorns kategorier "
        "(Skadegörelse, Våldsbrott, Stöld, Narkotikabrott)",
    ]
    assert dialog.summary.text() == "2 rader kan inte importeras. Inget sparas förrän de är rättade i filen."
    assert not dialog.import_button.isEnabled()
    assert dialog.add_categories_button.isVisible()
    assert "”Skadegörlese”" in dialog.add_categories_button.text()
    qtbot.wait(20)
    dialog.grab().save(str(Path(os.environ.get("TRYGGAPP_SCREENSHOTS", tmp_path)) / "statistik-felrader.png"))
    dialog.accept()  # even forced: nothing is written while a row is bad
    assert counts(ctx.db) == (0, 0) and ctx.undo_stack.count() == 0


def test_corrected_file_imports_as_one_undo_step_and_draws_the_trend(setup, tmp_path, qtbot):
    from tryggapp.ui.programme.stats_import import StatsImportDialog

    ctx, section, page, goal = setup
    dialog = StatsImportDialog(ctx, goal, write_crime_csv(tmp_path / "brott.csv", broken=False), section)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.problems_model.stringList() == [] and not dialog.choice_box.isVisible()
    assert dialog.summary.text() == "Klart att importera: 50 nya värden."
    assert dialog.kind_note.text() == "Perioder per år, som i filen (indikatorn har inga värden än)."
    assert dialog.import_button.isEnabled()
    dialog.accept()
    assert dialog.applied is not None and dialog.applied.backup is not None
    assert counts(ctx.db) == (10, 40)

    chart = page.trend_chart
    assert chart.canvas is not None and chart.canvas.isVisible() and not chart.empty.isVisible()
    ax = chart.figure.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Totalt", *CATEGORIES]
    assert "Mål 3\u00a0000" in [t.get_text() for t in ax.texts]
    assert "Senaste värde 3\u00a0343 (2024). Mål 3\u00a0000." in chart.canvas.accessibleDescription()
    assert page.categories_line.isVisible() and "40 värden" in page.categories_line.text()
    shot = page.grab()
    assert not shot.isNull()
    folder = Path(os.environ.get("TRYGGAPP_SCREENSHOTS", tmp_path))
    qtbot.wait(50)  # the layout settles, as it would before the next paint
    section.grab().save(str(folder / "statistik-trend-1366x768.png"))
    page.verticalScrollBar().setValue(page.trend_card.y())
    qtbot.wait(50)
    section.grab().save(str(folder / "statistik-trend-diagram.png"))

    ctx.undo_stack.undo()  # Ctrl+Z: the whole import
    assert counts(ctx.db) == (0, 0) and chart.empty.isVisible()
    ctx.undo_stack.redo()
    assert counts(ctx.db) == (10, 40)


def test_stored_values_are_replaced_only_after_choosing(setup, tmp_path, qtbot):
    from tryggapp.ui.programme.stats_import import StatsImportDialog

    ctx, section, page, goal = setup
    svc.set_measurement(ctx.db, goal, 2015, PeriodKind.YEAR, 1, 4000)
    dialog = StatsImportDialog(ctx, goal, write_crime_csv(tmp_path / "brott.csv", broken=False), section)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.choice_box.isVisible() and not dialog.import_button.isEnabled()
    assert dialog.problems_model.stringList() == ["Rad 2, 2015: sparat 4\u00a0000, filen säger 4\u00a0505"]
    dialog.keep_button.setChecked(True)
    assert dialog.import_button.isEnabled()
    qtbot.wait(20)
    dialog.grab().save(str(Path(os.environ.get("TRYGGAPP_SCREENSHOTS", tmp_path)) / "statistik-val.png"))
    assert dialog.summary.text() == "Klart att importera: 49 nya värden, 1 sparat värde behålls."
    dialog.replace_button.setChecked(True)
    assert dialog.summary.text() == "Klart att importera: 49 nya värden, 1 ersätter ett sparat värde."
    dialog.accept()
    assert svc.get_measurement(ctx.db, goal, 2015, PeriodKind.YEAR, 1).value == 4505
    ctx.undo_stack.undo()
    assert svc.get_measurement(ctx.db, goal, 2015, PeriodKind.YEAR, 1).value == 4000


def test_import_button_and_the_unknown_category_offer(setup, tmp_path, qtbot, monkeypatch):
    from tryggapp.ui.programme import stats_import

    ctx, section, page, goal = setup
    path = write_crime_csv(tmp_path / "brott.csv", broken=True)
    path.write_bytes(path.read_bytes().replace(b"5x61", b"561"))  # only the unknown category is left
    seen = {}

    def run(dialog):  # noqa: ANN001, ANN202
        seen["lines"] = dialog.problems_model.stringList()
        dialog.add_categories_button.click()  # the user chooses to add it to the indicator
        seen["after"] = dialog.problems_model.stringList()
        dialog.accept()
        return stats_import.StatsImportDialog.DialogCode.Accepted

    monkeypatch.setattr(stats_import.StatsImportDialog, "exec", run)
    monkeypatch.setattr(stats_import.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    page.import_button.click()
    assert len(seen["lines"]) == 1 and seen["after"] == []
    assert [c.name for c in indicators.list_categories(ctx.db, goal)][-1] == "Skadegörlese"
    assert counts(ctx.db) == (10, 40)


def test_categories_dialog_adds_renames_moves_and_removes(setup, qtbot, monkeypatch, tmp_path):
    from tryggapp.ui.programme.categories import CategoriesDialog

    ctx, section, page, goal = setup
    indicators.import_stats(ctx.db, goal, write_crime_csv(tmp_path / "b.csv", broken=False), today=TODAY)
    dialog = CategoriesDialog(ctx, goal, "Anmälda brott per år", section)
    qtbot.addWidget(dialog)
    dialog.show()
    names = lambda: [dialog.list.item(i).text() for i in range(dialog.list.count())]  # noqa: E731
    assert names() == list(CATEGORIES)
    dialog.new_name.setText("Brott i nära relation")
    dialog.add()
    assert names()[-1] == "Brott i nära relation" and dialog.new_name.text() == ""
    dialog.new_name.setText("stöld")
    dialog.add()
    assert "redan en kategori" in dialog.error.text.text() and len(names()) == 5
    dialog.list.setCurrentRow(4)
    dialog.list.item(4).setText("Våld i nära relation")
    assert names()[4] == "Våld i nära relation"
    dialog.move(-1)
    assert names()[3] == "Våld i nära relation"
    dialog.list.setCurrentRow(0)  # Skadegörelse, with ten values: asks first
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    dialog.remove()
    assert asked and "10 värden" in asked[0]
    assert names()[0] == "Våldsbrott" and counts(ctx.db) == (10, 30)
    ctx.undo_stack.undo()
    assert counts(ctx.db) == (10, 40)
