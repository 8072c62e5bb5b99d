"""The whole path in the Möten section, offscreen: a working group with members (made
through the model), book a meeting, take attendance, write three §, create a measure from
a decision, justera, export the protokoll (pdftotext). Keys are ASCII only."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.meetings.conftest import make_group
from tryggapp import domain as d
from tryggapp.services import crud
from tryggapp.services import meetings as mt
from tryggapp.services import minutes as mn
from tryggapp.ui.app import build_context
from tryggapp.ui.main_window import MainWindow
from tryggapp.ui.widgets import unsaved

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def setup(qtbot, db, tmp_path, monkeypatch):
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda _parent, _captions: "discard")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    crud.create(db, d.Municipality(name="Tryggviks kommun"))
    group = make_group(db)
    errors: list[BaseException] = []
    ctx = build_context(db, today=lambda: TODAY)
    win = MainWindow(ctx)
    ctx.report_error = errors.append  # a refusal shows here instead of a modal box
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win, win.show_section("meetings"), group, db, errors


def type_into(widget, text: str) -> None:
    """As typing would: the text changes, then the user leaves the field (commit)."""
    if hasattr(widget, "setPlainText"):
        widget.setPlainText(text)
    else:
        widget.setText(text)
    widget.finish()


def test_the_whole_path_from_booking_to_the_justerade_protokoll(setup, tmp_path):
    win, section, group, db, errors = setup
    assert not section.tabs.isVisible() and section.table.stack.currentWidget() is section.table.empty

    mid = section.book({"group_id": group.id, "date": dt.date(2026, 3, 4), "start_time": dt.time(9),
                        "end_time": dt.time(11), "place": "Stadshuset, rum 3"})
    assert mid is not None and section.current_id() == mid and not errors

    # Attendance: members listed as present; one absent, one partly there, a guest.
    assert section.att_table.rowCount() == 5
    section.att_table.cellWidget(3, 2).setCurrentIndex(1)  # David Ström: absent
    note = section.att_table.cellWidget(2, 3)
    note.setText("§ 5-6")
    note.editingFinished.emit()
    assert section.add_guest(group.guest)
    sheet = {line.person_id: line for line in mt.attendance_sheet(db, mid)}
    assert sheet[group.members[3]].attendance is d.Attendance.ABSENT
    assert sheet[group.members[2]].note == "§ 5-6"
    assert sheet[group.guest].attendance is d.Attendance.OTHER_PRESENT

    # Minutes from the agenda, then three items of our own.
    section.tabs.setCurrentIndex(2)
    section.start_minutes()
    assert section.items.model.rowCount() == 7
    added = []
    for heading in ("Belysning i parken", "Klotter vid skolan", "Lagesbild"):
        added.append(section.add_item(heading))
    rows = mn.items(db, mid, TODAY)
    assert [r.number for r in rows] == list(range(1, 11))
    assert [r.heading for r in rows][4:7] == ["Belysning i parken", "Klotter vid skolan", "Lagesbild"]
    assert section.items.select_id(added[0])
    type_into(section.f_discussion, "Parken upplevs som mork.")
    type_into(section.f_decision, "byta armaturer i parken\natt aterkomma i juni")
    assert mn.items(db, mid, TODAY)[4].decision == "att byta armaturer i parken\natt aterkomma i juni"

    # A measure from the decision, linked both ways.
    assert section.b_measure.isEnabled()
    measure_id = section.create_measure({"title": "Byta armaturer i parken", "deadline": dt.date(2026, 6, 30),
                                         "responsible_person_id": group.chair})
    assert measure_id is not None
    assert crud.get(db, d.Measure, measure_id).origin_minutes_item_id == added[0]
    assert "Byta armaturer" in section.item_measures.text()

    # Undo / redo of the last step go through the stack.
    win.ctx.undo_stack.undo()
    assert mn.items(db, mid, TODAY)[4].measures == ()
    win.ctx.undo_stack.redo()
    assert len(mn.items(db, mid, TODAY)[4].measures) == 1

    # Justera: chair and adjuster chosen, then locked.
    for combo, person in ((section.f_chair, group.chair), (section.f_adjuster, group.members[2])):
        combo.setCurrentIndex(combo.findData(person))
        combo.activated.emit(combo.currentIndex())  # as picking in the list does: saved at once
    assert mn.minutes_of(db, mid).adjuster_id == group.members[2]
    section.f_adjusted_on._picked(QDate(2026, 3, 6))  # picked in the calendar popup
    type_into(section.f_adjust_place, "Stadshuset")
    assert section.justera(), errors
    assert section.locked and not section.b_add.isEnabled() and section.b_reopen.isEnabled()
    assert section.f_heading.isReadOnly()
    # The lock holds in the UI too: an edit is refused and the text stays as it was.
    section.items.select_id(added[1])
    before = mn.items(db, mid, TODAY)
    assert section._save_item_field("heading", "Andrad") is False
    assert mn.items(db, mid, TODAY) == before
    assert [type(e).__name__ for e in errors] == ["MinutesLocked"]  # said to the user
    errors.clear()

    out = tmp_path / "protokoll.pdf"
    assert section.export_protocol(out) >= 1 and not errors
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    for word in ("Protokoll", "Plats och tid", "Beslutande", "Anmält förhinder", "Justerare",
                 "Justeringens plats och tid", "Paragrafer", "1–10", "Sekreterare", "Ordförande",
                 "§ 5", "Belysning i parken", "att byta armaturer i parken", "David Ström",
                 "Cecilia Öst", "§ 5-6", "Gustav Polis", "Adjungerade", "Eva Ågren", "Sida 1 av"):
        assert word in text, word

    # Reopen asks a reason, which is kept.
    assert section.reopen("Fel datum for justeringen")
    assert not section.locked and "Fel datum for justeringen" in section.lock_state.text()


def test_tab_leaves_the_tables_and_every_control_has_a_name(setup, qtbot):
    win, section, group, db, errors = setup
    section.book({"group_id": group.id, "date": dt.date(2026, 3, 4), "start_time": dt.time(9),
                  "end_time": dt.time(11), "place": "Rum 1"})
    section.tabs.setCurrentIndex(2)
    section.start_minutes()
    section.table.view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is section.table.view)
    qtbot.keyClick(section.table.view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not section.table.view
    section.items.view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is section.items.view)
    qtbot.keyClick(section.items.view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not section.items.view
    for tab in range(section.tabs.count()):
        section.tabs.setCurrentIndex(tab)
        unnamed = [type(w).__name__ for w in section.findChildren(QWidget)
                   if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.accessibleName()
                   and type(w).__name__ in ("QPushButton", "QLineEdit", "QComboBox", "QTextEdit", "QTableView",
                                            "QTableWidget", "TextField", "ChoiceField", "MultilineField")]
        assert unnamed == [], tab


def test_empty_states_say_what_to_do(setup):
    win, section, group, db, errors = setup
    assert "Boka möte" in section.table._empty_text()
    section.book({"group_id": group.id, "date": dt.date(2026, 3, 4)})
    section.tabs.setCurrentIndex(2)
    assert section.b_start.isVisible()
    text = section.minutes_state.text()
    assert text and ("agenda" in text or "dagordning" in text)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_pdftotext_is_there():
    assert shutil.which("pdftotext")


def test_reopen_asks_for_a_reason_and_exports_go_through_file_dialogs(setup, monkeypatch, tmp_path):
    import icalendar
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

    win, section, group, db, errors = setup
    past = section.book({"group_id": group.id, "date": dt.date(2026, 3, 4), "start_time": dt.time(9),
                         "end_time": dt.time(10)})
    section.start_minutes()
    mn.justera(db, past, chair_id=group.chair, adjuster_id=group.members[2], adjusted_on=dt.date(2026, 3, 5))
    section.refresh()
    assert section.locked
    answers = iter([("  ", True), ("Fel justerare", True)])
    told = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    section.reopen_dialog()
    assert told == ["Ett justerat protokoll kan bara öppnas igen med ett skäl."]
    assert [r.reason for r in mn.reopenings(db, past)] == ["Fel justerare"] and not section.locked

    section.book({"group_id": group.id, "date": dt.date(2026, 4, 1), "start_time": dt.time(13),
                  "end_time": dt.time(15), "place": "Rum 2"})
    target = tmp_path / "möten.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    section.export_calendar_dialog()
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == 1 and str(events[0]["LOCATION"]) == "Rum 2"  # the past meeting is not upcoming
    pdf = tmp_path / "kallelse.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    section.export_notice_dialog()
    assert pdf.read_bytes().startswith(b"%PDF") and not errors
