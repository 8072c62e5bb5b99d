"""The command line at its edges (issue 11): argparse's own text in Swedish, a mistyped
command refused with the list of commands (never the window), every OS and library
error one Swedish sentence naming the file, and one exit-code table (README) that every
command follows: 0 ok, 1 not done, 2 bad input, 3 database, 4 in use, 5 other file."""

from __future__ import annotations

import errno
import shutil

import pytest

from tryggapp.main import main

ENGLISH = ("usage:", "options:", "show this help", "invalid int value", "the following arguments",
           "Permission denied", "Read-only file system", "File is not a zip file", "Traceback", "error:")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def swedish_line(err: str) -> None:
    assert err.startswith("tryggapp") and err.count("\n") == 1, err
    assert not any(word in err for word in ENGLISH), err


@pytest.fixture
def demo_file(tmp_path, demo_template):
    path = tmp_path / "kommun.db"
    shutil.copy(demo_template, path)
    return path


def test_argparse_help_in_swedish(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["report", "--help"])
    out = capsys.readouterr().out
    assert stop.value.code == 0
    assert out.startswith("användning: tryggapp report")
    assert "alternativ:" in out and "visa den här hjälpen och avsluta" in out
    assert not any(word in out for word in ENGLISH)


def test_invalid_number_and_missing_argument_in_swedish(capsys, demo_file):
    with pytest.raises(SystemExit) as stop:
        main(["audit", "--db", str(demo_file), "--limit", "x"])
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert "fel: argumentet --limit: ogiltigt värde 'x': ska vara ett heltal" in err
    assert not any(word in err for word in ENGLISH)
    with pytest.raises(SystemExit) as stop:
        main(["restore"])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "följande argument krävs: SÄKERHETSKOPIA" in err


@pytest.mark.parametrize("word", ["raport", "kommun.db"])
def test_unknown_command_is_refused_and_never_opens_the_window(capsys, monkeypatch, tmp_path, word):
    import tryggapp.ui.app as app_module

    monkeypatch.setattr(app_module, "run_app", lambda options: pytest.fail("the window opened"))
    code, _out, err = run(capsys, word, "--db", str(tmp_path / "x.db"))
    assert code == 2
    swedish_line(err)
    assert f"Okänt kommando ”{word}”" in err and "report, restore" in err
    if word == "raport":
        assert "Menade du report?" in err
    assert not (tmp_path / "x.db").exists() and not (tmp_path / word).exists()


def test_qt_options_still_reach_the_window(monkeypatch):
    import tryggapp.ui.app as app_module

    seen = {}
    monkeypatch.setattr(app_module, "run_app", lambda options: seen.setdefault("qt", options.qt_args) and 0)
    assert main(["-platform", "offscreen", "-style", "Fusion"]) == 0
    assert seen["qt"] == ["-platform", "offscreen", "-style", "Fusion"]


def test_report_into_the_current_folder(capsys, monkeypatch, tmp_path, demo_file):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "report", "--db", str(demo_file), "--period", "2026-T2", "-o", ".",
                         "--today", "2026-11-25")
    assert code == 0, err
    assert (tmp_path / "Uppföljning-2026-T2.pdf").is_file()


def test_report_to_a_folder_that_does_not_exist(capsys, monkeypatch, tmp_path, demo_file):
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(capsys, "report", "--db", str(demo_file), "--period", "2026-T2", "-o", "finnsinte/")
    assert code == 2
    swedish_line(err)
    assert "Mappen finnsinte finns inte" in err
    assert not (tmp_path / "finnsinte").exists()


def test_report_onto_a_read_only_disk(capsys, monkeypatch, tmp_path, demo_file):
    from tryggapp.reports import output

    def read_only(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / "x.pdf"))

    monkeypatch.setattr(output, "open", read_only, raising=False)
    code, _out, err = run(capsys, "report", "--db", str(demo_file), "--period", "2026-T2",
                          "-o", str(tmp_path / "x.pdf"))
    assert code == 5
    swedish_line(err)
    assert "x.pdf" in err and "skrivskydd" in err


def test_backup_to_an_existing_file(capsys, tmp_path, demo_file):
    target = tmp_path / "fil"
    target.write_bytes(b"mitt")
    code, _out, err = run(capsys, "backup", "--db", str(demo_file), "--to", str(target))
    assert code == 5
    swedish_line(err)
    assert str(target) in err and target.read_bytes() == b"mitt"


def test_backup_to_a_read_only_folder(capsys, monkeypatch, tmp_path, demo_file):
    from tryggapp.storage import backup as sb

    def refuse(folder, *args, **kwargs):
        raise sb.BackupFolderUnwritable(folder, PermissionError(errno.EACCES, "Permission denied"))

    monkeypatch.setattr(sb, "prepare_folder", refuse)
    code, _out, err = run(capsys, "backup", "--db", str(demo_file), "--to", str(tmp_path / "skyddad"))
    assert code == 5
    swedish_line(err)
    assert "skyddad" in err and "behörighet" in err


def test_backup_to_a_read_only_folder_really(capsys, tmp_path, demo_file):
    """The same with a real read-only folder, where the test does not run as root."""
    import os

    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = tmp_path / "skyddad"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, _out, err = run(capsys, "backup", "--db", str(demo_file), "--to", str(folder))
    finally:
        folder.chmod(0o755)
    assert code == 5
    swedish_line(err)


@pytest.mark.parametrize("command", [
    ["report", "--period", "2026"], ["check"], ["backup"], ["export-plan"], ["audit"], ["import-plan", "x.xlsx"],
])
def test_a_missing_database_exits_3_from_every_command(capsys, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.xlsx").write_bytes(b"")
    code, _out, err = run(capsys, command[0], "--db", str(tmp_path / "finns-inte.db"), *command[1:])
    assert code == 3, err
    swedish_line(err)
    assert "finns-inte.db" in err


def test_a_junk_workbook_is_one_swedish_line(capsys, tmp_path, demo_file):
    junk = tmp_path / "plan.xlsx"
    junk.write_text("inte ett kalkylblad")
    code, _out, err = run(capsys, "import-plan", "--db", str(demo_file), str(junk))
    assert code == 2
    swedish_line(err)
    assert "plan.xlsx" in err
