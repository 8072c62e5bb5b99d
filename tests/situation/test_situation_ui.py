"""The Lägesbild section as a coordinator uses it: a new lägesbild with a source and a
finding linked to two focus areas and a measure, an EST report registered from the
keyboard form and turned into a measure; the follow-up PDF then shows them."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from tests.conftest import DEMO_TODAY
from tests.reports.conftest import needs_poppler, pdftotext
from tryggapp import domain as d
from tryggapp.domain.situation import EstKind, SourceKind
from tryggapp.services import crud, followup
from tryggapp.services import situation as svc


def _fill_and_ok(monkeypatch, values: dict, check=None) -> None:  # noqa: ANN001
    """The next dialog run gets `values` set and OK pressed (no modal loop)."""

    def run(dialog: QDialog) -> bool:
        for name, value in values.items():
            dialog.form.fields[name].set_value(value)
        if check is not None:
            check(dialog)
        dialog.submit()
        return dialog.result() == QDialog.DialogCode.Accepted

    for module in ("tryggapp.ui.situation.pictures", "tryggapp.ui.walks.dialogs"):
        monkeypatch.setattr(f"{module}.run", run)


def test_a_lagesbild_with_a_linked_finding_is_made_in_the_ui_and_printed(window, monkeypatch, tmp_path):
    section = window.show_section("situation")
    page = section.pictures
    db = window.ctx.db
    # Refused first: the period ends before it starts, said in Swedish under the field.
    seen = {}
    _fill_and_ok(monkeypatch, {"title": "Lägesbild 2027–2028", "period_from": dt.date(2028, 1, 1),
                               "period_to": dt.date(2027, 1, 1)},
                 check=lambda dlg: seen.setdefault("dialog", dlg))
    page.new_picture()
    assert seen["dialog"].form.error_text("period_to") == "Perioden kan inte sluta innan den börjar."
    _fill_and_ok(monkeypatch, {"title": "Lägesbild 2026–2027", "period_from": dt.date(2026, 1, 1),
                               "period_to": dt.date(2027, 12, 31)})
    page.new_picture()
    picture = next(p for p in crud.list_all(db, d.SituationPicture) if p.title == "Lägesbild 2026–2027")
    assert page.picture_id == picture.id

    _fill_and_ok(monkeypatch, {"kind": SourceKind.POLICE, "owner": "Lokalpolisområde Tryggvik",
                               "dated": dt.date(2026, 10, 1), "note": "Polisens lägesbild hösten 2026"})
    page.new_source()
    assert [s.owner for s in page.detail.sources] == ["Lokalpolisområde Tryggvik"]

    areas = crud.list_all(db, d.FocusArea, order_by=d.FocusArea.number)[:2]
    measure = next(m for m in crud.list_all(db, d.Measure) if m.title.startswith("Riktade polisinsatser"))
    _fill_and_ok(monkeypatch, {"title": "Mopedbuskörning i Västerby", "priority": d.Priority.HIGH,
                               "area": "Västerby", "description": "Många klagomål under sommaren.",
                               "focus_area_ids": [a.id for a in areas], "measure_ids": [measure.id]})
    page.new_finding()
    (row,) = page.detail.findings
    assert row.area == "Västerby" and {i for i, _l in row.focus_areas} == {a.id for a in areas}
    assert [m.id for m in row.measures] == [measure.id]
    assert page.findings.current_id() == row.id
    window.ctx.undo_stack.undo()  # the finding goes, its links with it
    QApplication.processEvents()
    assert page.detail.findings == ()
    window.ctx.undo_stack.redo()
    QApplication.processEvents()
    assert [f.id for f in page.detail.findings] == [row.id]
    assert [m.id for m in svc.finding_row(db, row.id, DEMO_TODAY).measures] == [measure.id]
    page.tabs.setCurrentIndex(2)
    window.grab().save(str(tmp_path / "lagesbild.png"))


def test_an_est_report_is_registered_and_becomes_a_measure(window, monkeypatch):
    section = window.show_section("situation")
    section.tabs.setCurrentWidget(section.est)
    est = section.est
    assert est.form.fields["reported_on"].value() == DEMO_TODAY  # default today
    est.form.fields["place"].set_value("")
    assert est.register() is None
    assert est.form.error_text("place") == "”Plats” måste fyllas i."
    est.form.fields["place"].set_value("Västerby centrum")
    est.form.fields["kind"].set_value(EstKind.FIRE)
    est.form.fields["description"].set_value("Brand i soptunna vid busshållplatsen.")
    made = est.register()
    assert made is not None and made.reported_on == DEMO_TODAY and made.kind is EstKind.FIRE
    assert est.current().id == made.id and est.form.fields["place"].value() == ""

    _fill_and_ok(monkeypatch, {"deadline": dt.date(2027, 2, 28)})
    measure = est.create_measure()
    assert measure is not None and measure.title == "Brand: Västerby centrum"
    row = svc.est_row(window.ctx.db, made.id)
    assert row.measure_id == measure.id
    assert not est.measure_button.isEnabled() and est.open_measure_button.isEnabled()
    window.ctx.undo_stack.undo()
    assert svc.est_row(window.ctx.db, made.id).measure_id is None


@needs_poppler
def test_the_report_shows_the_lagesbild_with_a_finding_and_its_measure(demo_db, tmp_path):
    from tryggapp.domain.periods import parse
    from tryggapp.reports import build_pdf

    data = followup.collect(demo_db, parse("2026-T2"), DEMO_TODAY)
    path = tmp_path / "rapport.pdf"
    build_pdf(data, path, sections=["situation"])
    text = " ".join(pdftotext(path).split())
    assert "Lägesbild brott och trygghet 2025–2026" in text
    assert "Iakttagelser och åtgärderna som besvarar dem" in text
    assert "Ökad skadegörelse och klotter i centrum och vid stationen" in text
    assert "Område: Centrum och Stationsområdet" in text
    assert "Brister i belysningen längs gång- och cykelvägar" in text
    assert "Belysningsprogram för gång- och cykelvägar i Norrby – Pågående" in text  # its linked measure
    assert "Polisens lägesbild" in text and "EST-rapporter under perioden" in text
    assert "Norrbyvägen 12, trapphus" in text  # a place of the EST summary (T2: May–August)


def test_ctrl_enter_registers_and_a_report_not_registered_is_asked_about(window, qtbot, monkeypatch):
    from PySide6.QtCore import Qt

    from tryggapp.ui.widgets import unsaved

    section = window.show_section("situation")
    section.tabs.setCurrentWidget(section.est)
    est = section.est
    before = len(svc.est_rows(window.ctx.db))
    place = est.form.fields["place"]
    place.setFocus()
    qtbot.waitUntil(place.hasFocus)
    qtbot.keyClicks(place, "Lekparken")
    description = est.form.fields["description"]
    description.setFocus()
    qtbot.keyClicks(description, "Krossat glas")
    qtbot.keyClick(description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    rows = svc.est_rows(window.ctx.db)
    assert len(rows) == before + 1 and rows[-1].place == "Lekparken" and rows[-1].description == "Krossat glas"

    # Typed, not registered: leaving asks, and "save" registers it.
    place.set_value("Skolgården")
    asked = []
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda _p, captions: asked.append(captions) or "save")
    assert unsaved.leave_ok(window, unsaved.forms_in(window), unsaved.drafts_in(window))
    assert asked == [["EST-rapport som inte är registrerad"]]
    assert svc.est_rows(window.ctx.db)[-1].place == "Skolgården"


def test_a_finding_becomes_a_measure_that_answers_it_with_undo(window, monkeypatch):
    """"Skapa åtgärd…" on a finding: the EST intake's measure dialog, proposed from the
    finding; the measure has the finding as its origin, so the finding lists it."""
    section = window.show_section("situation")
    page = section.pictures
    ctx = window.ctx
    picture = next(p for p in svc.picture_rows(ctx.db) if p.findings)
    assert page.select(picture.id)
    finding = svc.picture_detail(ctx.db, picture.id, DEMO_TODAY).findings[0]
    assert page.findings.select_id(finding.id)
    assert page.create_measure_button.isEnabled()
    before = {m.id for m in finding.measures}

    def proposed(dialog) -> None:  # noqa: ANN001
        assert dialog.form.fields["title"].value() == finding.title
        assert dialog.form.fields["description"].value().startswith(f"Från iakttagelse {finding.number} i lägesbilden")

    _fill_and_ok(monkeypatch, {"deadline": dt.date(2027, 3, 31)}, proposed)
    measure = page.create_measure()
    assert measure is not None and measure.origin_finding_id == finding.id
    assert measure.title == finding.title and measure.deadline == dt.date(2027, 3, 31)
    answered = {m.id for m in svc.finding_row(ctx.db, finding.id, DEMO_TODAY).measures}
    assert answered == before | {measure.id}
    assert ctx.undo_stack.undoText().startswith(f"Skapa en åtgärd från iakttagelse {finding.number}")

    ctx.undo_stack.undo()
    with pytest.raises(crud.NotFound):
        crud.get(ctx.db, d.Measure, measure.id)
    assert {m.id for m in svc.finding_row(ctx.db, finding.id, DEMO_TODAY).measures} == before
    ctx.undo_stack.redo()  # the same id again, so later steps on the stack still find it
    assert crud.get(ctx.db, d.Measure, measure.id).origin_finding_id == finding.id
