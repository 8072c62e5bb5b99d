"""The first hour of a new coordinator (issue 11): from an empty start — name the
municipality, add a focus area, a person from the measure dialog, a measure — watching
the start page's checklist shrink, and an empty start page that says what is missing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog
from tests.conftest import DEMO_TODAY

from tryggapp import domain as d
from tryggapp.services import crud
from tryggapp.ui import app as app_module
from tryggapp.ui import database_files, safety
from tryggapp.ui.first_start import MunicipalityDialog
from tryggapp.ui.main_window import MainWindow
from tryggapp.ui.plan.dialogs import NewMeasureDialog
from tryggapp.ui.widgets import unsaved


@pytest.fixture
def empty_window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda _parent, _captions: "discard")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setattr(app_module, "first_start", lambda p, parent=None: "empty")
    seen = {}

    def name_it(dialog: MunicipalityDialog) -> int:
        # No made-up name: the field starts empty and Create waits for one.
        seen["prefill"] = dialog.name_edit.text()
        seen["enabled_before"] = dialog.ok_button.isEnabled()
        dialog.name_edit.setText("Exempelstads kommun")
        seen["enabled_after"] = dialog.ok_button.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MunicipalityDialog, "exec", name_it)
    db = app_module.open_with_dialogs(tmp_path / "tryggapp.db", read_only=False, today=DEMO_TODAY)
    assert db is not None
    assert seen == {"prefill": "", "enabled_before": False, "enabled_after": True}
    ctx = app_module.build_context(db, today=lambda: DEMO_TODAY)
    win = MainWindow(ctx)
    safety.install_safety_actions(win, ctx, threaded=False, daily_backup=False)
    database_files.install(win, ctx)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.ctx.db.close()


def _overview(win):
    section = win.show_section("overview")
    section.refresh()
    return section


def test_walk_the_empty_start(empty_window, qtbot, monkeypatch):
    win = empty_window
    assert win.windowTitle() == "Exempelstads kommun – tryggapp.db – Tryggapp"
    overview = _overview(win)
    card = overview.checklist
    assert card.isVisible()
    assert card.visible_steps() == ["programme", "focus_areas", "people", "plan"]
    assert "0 av 4 steg klara" in card.intro.text()

    # Each step's button goes where the step is done.
    card.rows["programme"][1].click()
    programme = win.stack.currentWidget()
    assert programme.key == "programme"
    programme.create_programme()
    assert _overview(win).checklist.visible_steps() == ["focus_areas", "people", "plan"]

    win.show_section("programme")
    programme.add_direction()
    assert programme.add_focus_area() is not None
    assert _overview(win).checklist.visible_steps() == ["people", "plan"]

    # The plan: a new measure whose responsible person is added from the dialog itself.
    card.rows["plan"][1].click()
    plan = win.stack.currentWidget()
    assert plan.key == "plan"

    def fill(dialog: NewMeasureDialog) -> int:
        assert dialog.person.count() == 1  # only "(ingen)": nobody in the database yet
        person_id = dialog.new_person({"name": "Anna Svensson", "title": "Fältsekreterare",
                                       "organisation_id": None})
        assert person_id is not None and dialog.person.value() == person_id
        org_id = dialog.new_organisation({"name": "Socialförvaltningen", "kind": d.OrganisationKind.MUNICIPAL})
        assert dialog.organisation.value() == org_id
        dialog.title.setText("Fler vuxna ute på fredagskvällar")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewMeasureDialog, "exec", fill)
    plan.new_measure()
    measures = crud.list_all(win.ctx.db, d.Measure)
    assert [m.title for m in measures] == ["Fler vuxna ute på fredagskvällar"]
    person = crud.list_all(win.ctx.db, d.Person)[0]
    assert measures[0].responsible_person_id == person.id and person.name == "Anna Svensson"

    overview = _overview(win)
    assert overview.checklist.isHidden() and overview.checklist.visible_steps() == []


def test_empty_start_page_says_what_is_missing(empty_window):
    overview = _overview(empty_window)
    texts = [c.empty.title_label.text() for c in overview.cards()]
    assert "Alla grupper håller sin mötesplan" not in texts
    assert "Alla iakttagelser är omhändertagna" not in texts
    assert overview.groups.empty.title_label.text() == "Inga grupper med mötesplan ännu"
    assert overview.observations.empty.title_label.text() == "Inga trygghetsvandringar registrerade ännu"
    assert overview.late.empty.title_label.text() == "Inga åtgärder ännu"


def test_checklist_import_button_opens_the_excel_import(empty_window, qtbot, monkeypatch):
    opened = []
    plan_cls = type(empty_window.section("plan"))
    monkeypatch.setattr(plan_cls, "import_plan", lambda self: opened.append(self.key))
    overview = _overview(empty_window)
    overview.checklist.import_button.click()
    qtbot.waitUntil(lambda: opened == ["plan"])
    assert empty_window.stack.currentWidget().key == "plan"


def test_every_checklist_button_has_an_accessible_name(empty_window):
    card = _overview(empty_window).checklist
    for _label, button in card.rows.values():
        assert button.accessibleName()
    assert card.import_button.accessibleName()
