"""A bug (an exception that is not a UserError) is logged with its traceback in the user
data folder, and the user gets one Swedish sentence with the log's path: one line on the
CLI, a message box in the window."""

from __future__ import annotations

import sys

from tryggapp import crashlog
from tryggapp.main import main
from tryggapp.paths import log_dir


def boom(name, args):  # noqa: ANN001, ANN201, ARG001
    raise RuntimeError("ett fel i programmet")


def test_cli_logs_the_traceback_and_prints_one_line_with_the_log_path(tmp_path, monkeypatch, capsys):
    from tryggapp.cli import check

    monkeypatch.setattr(check, "run", boom)
    code = main(["check", "--db", str(tmp_path / "x.db")])
    err = capsys.readouterr().err.strip()
    log = log_dir() / "tryggapp.log"
    assert code == 70
    assert len(err.splitlines()) == 1 and err.startswith("tryggapp: Ett oväntat fel")
    assert str(log) in err and "Traceback" not in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "RuntimeError: ett fel i programmet" in text
    assert "tryggapp check" in text
    if sys.platform != "win32":
        assert log.stat().st_mode & 0o077 == 0  # the traceback may quote personal data


def test_unwritable_log_still_gives_a_swedish_line(tmp_path, monkeypatch, capsys):
    from tryggapp.cli import check

    blocker = tmp_path / "fil"
    blocker.write_text("")
    monkeypatch.setenv("TRYGGAPP_DATA_DIR", str(blocker))  # a file: logs/ cannot be made
    monkeypatch.setattr(check, "run", boom)
    assert main(["check", "--db", str(tmp_path / "x.db")]) == 70
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "oväntat fel" in err and "Traceback" not in err


def test_window_excepthook_logs_and_names_the_log(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tryggapp.ui import app as app_module

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app_module.install_excepthook(crashlog.log_file())
    try:
        raise ValueError("fel i fönstret")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1 and str(crashlog.log_file()) in shown[0] and "oväntat fel" in shown[0]
    assert "ValueError: fel i fönstret" in crashlog.log_file().read_text(encoding="utf-8")
