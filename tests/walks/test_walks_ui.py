"""The Trygghetsvandringar section as a coordinator uses it (pytest-qt, offscreen, on a
copy of the demo database): record a walk with five observations and two photos, turn
three into measures; a fake .jpg, a 40-megapixel photo and coordinates out of range each
get a clear message; Tab leaves the tables; every control has an accessible name."""

from __future__ import annotations

import io
import subprocess

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from tests.ui.conftest import window  # noqa: F401 - the main window on the demo database
from tryggapp import domain as d
from tryggapp.domain import rules
from tryggapp.domain.enums import ObservationCategory
from tryggapp.services import crud
from tryggapp.services import walks as svc
from tryggapp.ui.walks import dialogs, photos
from tryggapp.ui.walks.photos import PhotoDialog

TODAY = svc.dt.date(2026, 11, 25)


def _jpeg(path, width, height, color=(30, 80, 140)):
    Image.new("RGB", (width, height), color).save(path, "JPEG", quality=80)
    return str(path)


def _set(form, name, text):
    """Type into a field the way leaving it saves (no keyClicks: Swedish letters abort)."""
    field = form.fields[name]
    if hasattr(field, "line"):
        field.line.setText(text)
    elif hasattr(field, "setPlainText"):
        field.setPlainText(text)
    else:
        field.setText(text)
    field.finish()


def _choose(form, name, value):
    """Pick an entry as the user would (activated: a form field saves it)."""
    field = form.fields[name]
    index = next(i for i in range(field.count()) if field.itemData(i) == value)
    field.setCurrentIndex(index)
    field.activated.emit(index)


@pytest.fixture
def section(window, monkeypatch):  # noqa: F811
    sec = window.show_section("walks")
    return sec


def _fill_and_ok(fill):
    """dialogs.run replaced: fill the dialog's fields, press OK, report whether it closed."""
    def run(dialog):
        fill(dialog)
        dialog.submit()
        return dialog.result_record is not None
    return run


def test_record_a_walk_with_observations_photos_and_measures(section, qtbot, monkeypatch, tmp_path):
    page = section.walks
    ctx = section.ctx
    assert page.list.model.rowCount() == 3

    # -- a new walk: the dialog refuses a blank area, then takes one
    refused = []

    def fill_walk(dialog):
        if not refused:
            dialog.form.fields["area"].setText("   ")
            dialog.submit()
            refused.append(dialog.form.error_text("area"))
        dialog.form.fields["area"].setText("Lyckeby")
    monkeypatch.setattr(dialogs, "run", _fill_and_ok(fill_walk))
    page.new_button.click()
    assert refused and "Område" in refused[0]
    assert page.list.model.rowCount() == 4
    walk_id = page.walk_id
    walk = crud.get(ctx.db, d.SafetyWalk, walk_id)
    assert walk.area == "Lyckeby" and walk.date == TODAY

    # -- the three steps
    _set(page.pre, "premeeting_route", "Sträckan valdes efter trygghetsundersökningen")
    _set(page.walk_form, "resident_count", "6")
    _set(page.walk_form, "start_time", "19.30")
    _set(page.post, "follow_up_summary", "Åtgärdslistan gicks igenom")
    walk = crud.get(ctx.db, d.SafetyWalk, walk_id)
    assert (walk.resident_count, walk.start_time.isoformat(), walk.follow_up_summary) == (
        6, "19:30:00", "Åtgärdslistan gicks igenom")
    assert walk.premeeting_route.startswith("Sträckan")
    _set(page.walk_form, "start_time", "kvart i sju")
    assert "giltig tid" in page.walk_form.error_text("start_time")
    person = page.participants.person
    person.setCurrentIndex(1)
    page.participants.add_person.click()
    person.setCurrentIndex(1)
    page.participants.add_person.click()  # the same person again: refused beside the list
    assert "redan" in page.participants.error.message()
    assert len(svc.walk_detail(ctx.db, walk_id, TODAY).participants) == 1

    # -- five observations
    obs = page.observations
    assert obs.table.stack.currentWidget() is obs.table.empty  # says what to do next
    places = ["Gångtunneln vid skolan", "Parkeringen", "Busken vid lekplatsen", "Torget", "Stigen mot sjön"]
    for place in places:
        obs.new_button.click()
        _set(obs.form, "place", place)
        _set(obs.form, "description", f"Mörkt och otryggt vid {place.lower()}. Behöver ses över.")
    _choose(obs.form, "category", ObservationCategory.POSITIVE)  # the last one: tryggt och vackert
    rows = svc.walk_detail(ctx.db, walk_id, TODAY).observations
    assert [r.place for r in rows] == places and [r.number for r in rows] == [1, 2, 3, 4, 5]
    assert rows[-1].outcome == rules.OBSERVATION_POSITIVE
    assert obs.table.model.rowCount() == 5

    # -- coordinates out of range: a Swedish message under the field, nothing saved
    obs.select(rows[0].id)
    _set(obs.form, "latitude", "95")
    assert "Latitud" in obs.form.error_text("latitude") and "-90 och 90" in obs.form.error_text("latitude")
    _set(obs.form, "longitude", "18,07")
    assert "-90 och 90" in obs.form.error_text("latitude")
    assert crud.get(ctx.db, d.Observation, rows[0].id).latitude is None
    _set(obs.form, "latitude", "59,33")  # corrected: the position is saved, both numbers
    assert obs.form.error_text("latitude") == "" and obs.form.unsaved_fields() == []
    saved = crud.get(ctx.db, d.Observation, rows[0].id)
    assert (saved.latitude, saved.longitude) == (pytest.approx(59.33), pytest.approx(18.07))

    # -- photos: two good ones, a fake .jpg and a 40-megapixel one
    first = _jpeg(tmp_path / "tunnel.jpg", 1600, 1200)
    second = _jpeg(tmp_path / "lampa.jpg", 800, 600, color=(200, 180, 40))
    monkeypatch.setattr(photos, "choose_photo_files", lambda _parent: [first, second])
    obs.photos.add_button.click()
    assert obs.photos.model.rowCount() == 2 and obs.photos.error.message() == ""
    assert not obs.photos.model.item(0).icon().isNull()
    fake = tmp_path / "semester.jpg"
    fake.write_bytes(b"PK\x03\x04 a zip file named .jpg")
    big = _jpeg(tmp_path / "IMG_4000.jpg", 8000, 5000)
    obs.select(rows[1].id)
    monkeypatch.setattr(photos, "choose_photo_files", lambda _parent: [str(fake), big])
    obs.photos.add_button.click()
    assert "semester.jpg" in obs.photos.error.message() and "JPEG- eller PNG-bild" in obs.photos.error.message()
    assert "8000 × 5000 → 2048 × 1280" in obs.photos.note.text()
    stored = svc.photos_of(ctx.db, rows[1].id)
    assert len(stored) == 1 and Image.open(io.BytesIO(stored[0].data)).size == (2048, 1280)
    assert len(svc.photos_of(ctx.db, rows[0].id)) == 2

    # -- full size: the dialog shows the photo scaled to the screen
    obs.select(rows[1].id)
    dialog = PhotoDialog(obs.photos.infos[obs.photos.current_photo_id()], section.window())
    qtbot.addWidget(dialog)
    screen = section.screen().availableGeometry()
    shown = dialog.image.pixmap()
    assert 0 < shown.width() <= screen.width() and shown.height() <= screen.height()
    assert "2048 × 1280" in dialog.caption.text()
    opened = []
    monkeypatch.setattr(photos, "show_photo", lambda _parent, info: opened.append(info.filename))
    obs.photos.show_button.click()
    assert opened == ["IMG_4000.jpg"]

    # -- a caption: shown under the thumbnail instead of the file name, undone with Ctrl+Z
    chosen = obs.photos.current_photo_id()
    monkeypatch.setattr(photos, "ask_caption", lambda _parent, info: "  Trasig belysning\n vid trappan ")
    obs.photos.caption_button.click()
    assert [p.caption for p in svc.photos_of(ctx.db, rows[1].id) if p.id == chosen] == ["Trasig belysning vid trappan"]
    assert obs.photos.model.item(obs.photos.view.currentIndex().row()).text() == "Trasig belysning vid trappan"
    ctx.undo_stack.undo()
    assert [p.caption for p in svc.photos_of(ctx.db, rows[1].id) if p.id == chosen] == [""]
    ctx.undo_stack.redo()

    # -- three observations become measures, each linked both ways
    focus_area = crud.list_all(ctx.db, d.FocusArea)[0].id
    org = crud.list_all(ctx.db, d.Organisation)[0]

    def fill_measure(dialog):
        _choose(dialog.form, "focus_area_id", focus_area)
        _choose(dialog.form, "responsible_organisation_id", org.id)
        dialog.form.fields["deadline"].line.setText("2027-05-31")
    monkeypatch.setattr(dialogs, "run", _fill_and_ok(fill_measure))
    for row in rows[:3]:
        obs.select(row.id)
        obs.measure_button.click()
    made = crud.list_all(ctx.db, d.Measure, origin_observation_id=rows[0].id)
    assert len(made) == 1 and made[0].focus_area_id == focus_area
    assert made[0].deadline == svc.dt.date(2027, 5, 31) and made[0].title.startswith("Övrigt: Gångtunneln")
    detail = svc.walk_detail(ctx.db, walk_id, TODAY)
    assert [o.outcome for o in detail.observations] == [rules.OBSERVATION_MEASURE] * 3 + [
        rules.OBSERVATION_OPEN, rules.OBSERVATION_POSITIVE]
    assert detail.handled == 4
    # The table says per observation what is done, by whom and how far it has come.
    table = {r["number"]: r for r in obs.table.model.rows}
    assert table[1]["done"].startswith("2026:") and org.name in table[1]["responsible"]
    assert table[1]["status"].startswith("Åtgärd beslutad") and table[4]["status"] == "Ej hanterad än"
    assert "4 av 5" in page.progress.text()
    # Undo takes the last measure back; the observation is open again.
    ctx.undo_stack.undo()
    assert svc.observation(ctx.db, rows[2].id, TODAY).outcome == rules.OBSERVATION_OPEN
    ctx.undo_stack.redo()
    assert svc.observation(ctx.db, rows[2].id, TODAY).outcome == rules.OBSERVATION_MEASURE

    # Both documents from the walk's buttons (the save dialog answered): the protocol
    # names who does what, the residents' feedback says it without personal data.
    from PySide6.QtWidgets import QFileDialog

    for feedback, name in ((False, "protokoll.pdf"), (True, "aterkoppling.pdf")):
        target = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, t=target: (str(t), ""))
        (page.feedback_button if feedback else page.protocol_button).click()
        assert target.stat().st_size > 0
        text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert org.name in text and "Gångtunneln" in text
        if feedback:
            assert "Återkoppling efter trygghetsvandringen" in text
            for person in crud.list_all(ctx.db, d.Person):
                assert person.name not in text


def test_tab_leaves_the_tables_and_every_control_has_a_name(section, qtbot):
    page = section.walks
    obs = page.observations
    assert obs.table.model.rowCount() > 0
    for view in (page.list.view, obs.table.view, section.visits.list.view):
        assert not view.tabKeyNavigation()
    obs.table.view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is obs.table.view)
    qtbot.keyClick(obs.table.view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not obs.table.view
    unnamed = []
    for form in page.forms() + [section.visits.form]:
        unnamed += [n for n, w in form.fields.items() if not w.accessibleName()]
    for w in section.findChildren(QAbstractButton):
        if w.isVisibleTo(section) and not (w.accessibleName() or w.text()):
            unnamed.append(type(w).__name__)
    assert unnamed == []
    for w in (page.list.view, obs.table.view, obs.photos.view, page.participants.list, section.visits.list.view):
        assert isinstance(w, QWidget) and w.accessibleName()


def test_safety_visits_are_shown_and_get_a_measure(section, monkeypatch):
    visits = section.visits
    section.tabs.setCurrentWidget(visits)
    assert visits.list.model.rowCount() == 2  # the demo's two trygghetsbesök
    ctx = section.ctx

    def fill_visit(dialog):
        dialog.form.fields["workplace"].setText("Biblioteket")
    monkeypatch.setattr(dialogs, "run", _fill_and_ok(fill_visit))
    visits.new_button.click()
    visit_id = visits.visit_id
    _set(visits.form, "incident", "Hot mot personal vid disken")
    _set(visits.form, "support_given", "Samtal med chef och företagshälsovården")
    _set(visits.form, "follow_up", "Ny rutin gås igenom på APT")
    v = crud.get(ctx.db, d.SafetyVisit, visit_id)
    assert (v.workplace, v.incident, v.support_given) == (
        "Biblioteket", "Hot mot personal vid disken", "Samtal med chef och företagshälsovården")

    def fill_measure(dialog):
        dialog.form.fields["title"].setText("Larmknapp vid disken")
    monkeypatch.setattr(dialogs, "run", _fill_and_ok(fill_measure))
    visits.measure_button.click()
    v = crud.get(ctx.db, d.SafetyVisit, visit_id)
    assert v.measure_id is not None and crud.get(ctx.db, d.Measure, v.measure_id).title == "Larmknapp vid disken"
    assert "Larmknapp vid disken" in visits.measure_label.text()
    assert not visits.measure_button.isEnabled() and visits.open_measure_button.isEnabled()
    ctx.undo_stack.undo()
    assert crud.get(ctx.db, d.SafetyVisit, visit_id).measure_id is None
