"""Medborgarlöften as a coordinator makes one (pytest-qt, offscreen, on a copy of the demo
database): a citizen promise with its parties and three undertakings, one linked to a
measure, followed up with a note; refused values get a Swedish message under the field and
the dialog stays open; undo and redo; then the follow-up report prints it (pdftotext)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QAbstractItemView, QApplication

from tests.conftest import DEMO_TODAY
from tests.reports.conftest import needs_poppler, pdftotext
from tests.ui.conftest import window  # noqa: F401 - the main window on the demo database
from tryggapp import domain as d
from tryggapp.domain.enums import PeriodKind, UndertakingStatus
from tryggapp.domain.periods import of_kind
from tryggapp.services import agreements as svc
from tryggapp.services import crud, followup
from tryggapp.ui.agreements import dialogs
from tryggapp.ui.agreements import page as page_module
from tryggapp.ui.widgets import accessible

TITLE = "Medborgarlöfte 2026: Tryggare Västerby"
UNDERTAKINGS = ["Polisen och fältassistenterna är ute i Västerby varje fredagskväll.",
                "Gång- och cykelvägen vid Västerbyskolan får ny belysning.",
                "Kommunen återkopplar till de boende i Västerby varje tertial."]


def _fill_and_ok(fill):
    """page.run replaced: fill the dialog, press OK (submit), say whether it closed."""
    def run(dialog):
        fill(dialog)
        dialog.submit()
        return dialog.result_record is not None
    return run


def _set(dialog, name, value):
    dialog.form.fields[name].set_value(value)


@pytest.fixture
def page(window):  # noqa: F811
    section = window.show_section("situation")
    section.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    return section.commitments


def _orgs(db, *names):
    by_name = {name: ident for ident, name in svc.organisation_choices(db)}
    return [by_name[n] for n in names]


@needs_poppler
def test_a_citizen_promise_with_three_undertakings_a_note_and_a_measure(page, monkeypatch, tmp_path):
    ctx = page.ctx
    db = ctx.db
    before = len(page.rows)
    parties = _orgs(db, "Kommunledningsförvaltningen", "Polisen, lokalpolisområde Tryggvik")
    refused: list[str] = []

    def fill_promise(dialog):
        _set(dialog, "title", TITLE)
        _set(dialog, "period_from", dt.date(2026, 12, 31))  # before "to": refused under the field
        _set(dialog, "period_to", dt.date(2026, 1, 1))
        dialog.submit()
        assert dialog.result_record is None  # not accepted: the dialog stays open
        refused.append(dialog.form.error_text("period_to") or dialog.form.error_text("period_from"))
        assert dialog.form.fields["title"].value() == TITLE  # nothing typed is lost
        _set(dialog, "period_from", dt.date(2026, 1, 1))
        _set(dialog, "period_to", dt.date(2026, 12, 31))
        _set(dialog, "police_area", "Lokalpolisområde Tryggvik")
        _set(dialog, "description", "Utifrån trygghetsvandringen i Västerby lovar kommunen och polisen att …")
        _set(dialog, "parties", parties)

    monkeypatch.setattr(page_module, "run", _fill_and_ok(fill_promise))
    page.new_agreement(svc.PROMISE)
    assert refused and refused[0], "an end before the start is refused with a message under the field"
    assert len(page.rows) == before + 1
    promise = page.current
    assert promise is not None and promise.title == TITLE and promise.table == svc.PROMISE
    assert [ident for ident, _n in promise.parties] == parties

    # -- three undertakings; a blank one is refused first; the second is the police's and linked to a measure
    measure_id, measure_label = svc.measure_choices(db)[0]
    police = parties[1]
    blank_refused: list[str] = []
    for i, text in enumerate(UNDERTAKINGS):
        def fill(dialog, i=i, text=text):
            if i == 0:
                _set(dialog, "text", "   ")
                dialog.submit()
                blank_refused.append(dialog.form.error_text("text"))
            _set(dialog, "text", text)
            if i == 1:
                _set(dialog, "organisation_id", police)
                _set(dialog, "measures", [measure_id])

        monkeypatch.setattr(page_module, "run", _fill_and_ok(fill))
        page.add_undertaking()
    assert blank_refused and blank_refused[0], "a blank undertaking is refused with a message"
    promise = page.current
    assert [u.text for u in promise.undertakings] == UNDERTAKINGS
    assert [u.number for u in promise.undertakings] == [1, 2, 3]
    second = promise.undertakings[1]
    assert second.party == "Polisen, lokalpolisområde Tryggvik"
    assert [m.id for m in second.measures] == [measure_id]
    assert promise.undertakings[0].party == "Alla parter gemensamt"
    assert promise.summary == "0 av 3 genomförda"

    # -- follow up the second: a note with status; the page shows it as the latest
    page.undertakings.select_id(second.id)

    def fill_note(dialog):
        assert dialog.form.fields["noted_on"].value() == DEMO_TODAY
        _set(dialog, "text", "Belysningen är på plats längs hela gångvägen.")
        _set(dialog, "status", UndertakingStatus.DONE)

    monkeypatch.setattr(page_module, "run", _fill_and_ok(fill_note))
    page.follow_up()
    promise = page.current
    second = promise.undertakings[1]
    assert second.status is UndertakingStatus.DONE and second.latest_note.text.startswith("Belysningen")
    assert promise.summary == "1 av 3 genomförda"
    assert page.notes.model.rowCount() == 1
    row = next(r for r in page.undertakings.model.rows if r["id"] == second.id)
    assert row["status"] == "Genomfört" and row["latest"].startswith("2026-11-25: Belysningen")

    # -- undo the note, then redo it: the status follows
    ctx.undo_stack.undo()
    assert page.current.undertakings[1].status is UndertakingStatus.NOT_STARTED
    ctx.undo_stack.redo()
    assert page.current.undertakings[1].status is UndertakingStatus.DONE

    # -- the follow-up report of the year prints it
    from tryggapp import reports
    from tryggapp.services import followup

    data = followup.collect(db, of_kind(PeriodKind.YEAR, 2026), DEMO_TODAY)
    target = tmp_path / "rapport.pdf"
    reports.build_pdf(data, target)
    text = " ".join(pdftotext(target).split())
    assert "Medborgarlöften och samverkan" in text
    assert TITLE in text
    for undertaking in UNDERTAKINGS:
        assert undertaking in text, undertaking
    assert "Belysningen är på plats längs hela gångvägen." in text
    ref = measure_label.split(" ", 1)[0]
    assert ref in text
    assert "1 av 3 genomförda" in text


def test_edit_and_delete_an_undertaking_and_the_promise(page, monkeypatch):
    ctx = page.ctx
    page.list.select_id(f"{svc.PROMISE}:{page.current.id}")
    demo = page.current
    first = demo.undertakings[0]
    page.undertakings.select_id(first.id)

    def fill(dialog):
        assert dialog.form.fields["text"].value() == first.text
        _set(dialog, "text", "Kommunen och polisen är ute tillsammans alla helgkvällar.")
        _set(dialog, "measures", [])

    monkeypatch.setattr(page_module, "run", _fill_and_ok(fill))
    page.edit_undertaking()
    changed = page.current.undertakings[0]
    assert changed.text.endswith("alla helgkvällar.") and changed.measures == ()
    ctx.undo_stack.undo()
    assert page.current.undertakings[0].text == first.text and page.current.undertakings[0].measures
    page.undertakings.select_id(first.id)
    page.delete_undertaking()
    assert [u.number for u in page.current.undertakings] == [2, 3]
    ctx.undo_stack.undo()
    assert [u.number for u in page.current.undertakings] == [1, 2, 3]
    assert page.current.undertakings[0].notes  # its notes came back with it

    # The demo promise is a measure's origin: deleting it is refused, with the reason.
    errors = []
    ctx.report_error = errors.append
    page.delete_agreement()
    assert errors and isinstance(errors[0], crud.InUse)
    assert crud.get(ctx.db, d.CitizenPromise, demo.id).title == demo.title

    # A linked measure's link opens it in the action plan.
    linked = page.current.undertakings[0].measures[0]
    page.measures.anchorClicked.emit(QUrl(f"measure:{linked.id}"))
    assert page.window().stack.currentWidget().key == "plan"


def test_dialogs_and_page_are_named_and_tab_leaves_their_lists(page, qtbot):
    db = page.ctx.db
    row = page.current
    u = row.undertakings[0]
    made = [dialogs.agreement_dialog(row.table, lambda *_a: None, svc.organisation_choices(db), row, DEMO_TODAY,
                                     page.window()),
            dialogs.agreement_dialog(svc.AGREEMENT, lambda *_a: None, svc.organisation_choices(db), None, DEMO_TODAY,
                                     page.window()),
            dialogs.undertaking_dialog(lambda *_a: None, row.parties, svc.organisation_choices(db),
                                       svc.measure_choices(db), u, page.window()),
            dialogs.note_dialog(lambda *_a: None, 1, u.status, DEMO_TODAY, "Maria", page.window())]
    for dialog in made:
        dialog.show()
        qtbot.waitExposed(dialog)
        assert [type(w).__name__ for w in accessible.unnamed(dialog)] == [], dialog.windowTitle()
        for view in dialog.findChildren(QAbstractItemView):
            assert not view.tabKeyNavigation()
        dialog.reject()
    assert [type(w).__name__ for w in accessible.unnamed(page)] == []
    for view in page.findChildren(QAbstractItemView):
        assert not view.tabKeyNavigation(), accessible.spoken_name(view)



def test_an_undertaking_typed_in_afterwards_can_apply_from_the_day_it_was_signed(page, monkeypatch):
    """The dialog's "Gäller från" starts at today's date for a new undertaking; given the
    day the agreement was signed, a report for an earlier period lists it. Emptied, it is
    refused under the field and the dialog stays open."""
    ctx = page.ctx
    page.list.select_id(f"{svc.PROMISE}:{page.current.id}")
    promise = page.current
    signed = promise.period_from
    seen: dict[str, object] = {}

    def fill(dialog):
        seen["default"] = dialog.form.fields["created"].value()
        _set(dialog, "text", "Nattvandring varje lördag i Västerby.")
        _set(dialog, "created", signed)

    monkeypatch.setattr(page_module, "run", _fill_and_ok(fill))
    page.add_undertaking()
    assert seen["default"] == DEMO_TODAY
    added = page.current.undertakings[-1]
    assert added.text.startswith("Nattvandring") and added.created == signed
    period = of_kind(PeriodKind.TERTIAL, signed.year, (signed.month - 1) // 4 + 1)
    assert period.end < DEMO_TODAY  # a closed period, before the day it was typed in
    listed = next(a for a in followup.collect(ctx.db, period, period.end).agreements
                  if a.table == svc.PROMISE and a.title == promise.title)
    assert "Nattvandring varje lördag i Västerby." in [u.text for u in listed.undertakings]

    page.undertakings.select_id(added.id)
    closed: list[bool] = []

    def empty(dialog):
        _set(dialog, "created", None)
        dialog.submit()
        closed.append(dialog.result_record is not None)
        return closed[-1]

    monkeypatch.setattr(page_module, "run", empty)
    page.edit_undertaking()
    assert closed == [False]
    assert page.current.undertakings[-1].created == signed  # nothing saved
