"""Start-up paths of the window: first start offers empty or demo; unusable files get a
Swedish message and are left alone; Qt's own dialogs speak Swedish."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from tryggapp.services.stats import row_counts
from tryggapp.ui import app as app_module
from tryggapp.ui.first_start import NewMunicipality

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize("choice, demo", [("empty", False), ("demo", True)])
def test_first_start_creates_empty_or_demo(qtbot, tmp_path, monkeypatch, choice, demo):
    path = tmp_path / "ny.db"
    monkeypatch.setattr(app_module, "first_start", lambda p, parent=None: choice)
    monkeypatch.setattr(app_module, "ask_municipality", lambda parent=None: NewMunicipality("Exempelstads kommun"))
    db = app_module.open_with_dialogs(path, read_only=False, today=TODAY)
    # The demo goes into a file of its own, never into the user's (issue 11).
    expected_path = tmp_path / "Tryggvik-demo.db" if demo else path
    assert db is not None and db.path == expected_path and path.exists() is not demo
    counts = dict(row_counts(db))
    assert (counts["Åtgärder"] > 0) is demo
    from tryggapp import domain as d
    from tryggapp.services import crud

    expected = "Tryggviks kommun" if demo else "Exempelstads kommun"
    assert crud.get(db, d.Municipality, 1).name == expected
    db.close()


def test_first_start_cancel_creates_nothing(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "first_start", lambda p, parent=None: "cancel")
    assert app_module.open_with_dialogs(tmp_path / "x.db", read_only=False, today=TODAY) is None
    assert not (tmp_path / "x.db").exists()


def test_first_start_dialog_offers_the_choices(qtbot, tmp_path, monkeypatch):
    seen = {}

    def fake_exec(box):
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["text"] = box.text()
        seen["default"] = box.defaultButton().text()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert app_module.first_start(tmp_path / "x.db") == "cancel"
    assert "Skapa tom databas" in seen["buttons"] and "Öppna demon" in seen["buttons"]
    # Enter never lands in the demo: the empty start is the default.
    assert seen["default"] == "Skapa tom databas"
    assert seen["text"] == "Det finns ingen databas ännu."


def test_junk_file_gets_a_swedish_message_and_is_untouched(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "junk.db"
    path.write_bytes(b"inte en databas" * 40)
    shown = {}

    def fake_exec(box):
        shown["text"] = box.text()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert app_module.open_with_dialogs(path, read_only=False, today=TODAY) is None
    assert "inte en Tryggapp-databas" in shown["text"]
    assert path.read_bytes() == b"inte en databas" * 40


def test_qt_standard_dialogs_in_swedish(qtbot):
    from PySide6.QtCore import QCoreApplication

    app = app_module.make_application([])
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Avbryt"
    assert app.applicationName() == "Tryggapp"


def test_zero_byte_file_is_offered_like_a_missing_one_and_created_only_when_chosen(qtbot, tmp_path,
                                                                                 monkeypatch):
    """A zero-byte file is not silently made into a database: the window asks first."""
    path = tmp_path / "tom.db"
    path.touch()
    asked = []
    monkeypatch.setattr(app_module, "first_start", lambda p, parent=None: asked.append(p) or "cancel")
    assert app_module.open_with_dialogs(path, read_only=False, today=TODAY) is None
    assert asked == [path] and path.stat().st_size == 0
    monkeypatch.setattr(app_module, "first_start", lambda p, parent=None: "empty")
    monkeypatch.setattr(app_module, "ask_municipality", lambda parent=None: NewMunicipality("Exempelstads kommun"))
    db = app_module.open_with_dialogs(path, read_only=False, today=TODAY)
    assert db is not None and path.stat().st_size > 0
    db.close()
