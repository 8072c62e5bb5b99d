"""The command line as a user meets it: help lists every command, in Swedish."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tryggapp.cli import COMMANDS
from tryggapp.main import main


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out
    assert "kommandon" in out


def test_python_dash_m_works_in_a_fresh_process(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "tryggapp", "check", "--db", str(tmp_path / "x.db")],
                          capture_output=True, text=True)
    assert proc.returncode != 0
    assert "finns inte" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_db_option_before_the_command_is_not_ignored(tmp_path, capsys, _isolated_data_dir):
    """`tryggapp --db X check` (as `tryggapp --help` shows it) must use X, not fall back to
    the default database in the user's data folder."""
    from tryggapp.cli import build_parser

    target = tmp_path / "x.db"
    assert build_parser().parse_args(["--db", str(target), "check"]).db == target
    assert build_parser().parse_args(["check", "--db", str(target)]).db == target
    assert build_parser().parse_args(["--db", "a.db", "check", "--db", str(target)]).db == target

    rc = main(["--db", str(target), "check"])
    assert rc != 0
    assert str(target) in capsys.readouterr().err
    assert not (_isolated_data_dir / "tryggapp.db").exists()


def test_output_the_console_cannot_encode_is_replaced_not_a_traceback(tmp_path):
    """Windows writes redirected output (`tryggapp audit > logg.txt`) in the ANSI code
    page (cp1252), which has å, ä, ö but not every name a change log holds (Ł, emoji)."""
    import os

    from tryggapp import domain as d
    from tryggapp.services import crud
    from tryggapp.storage import open_database

    path = tmp_path / "x.db"
    db = open_database(path, create=True)
    crud.create(db, d.Person(name="Łukasz Nowak ✅ Åsa"))
    db.close()
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    proc = subprocess.run([sys.executable, "-m", "tryggapp", "audit", "--db", str(path)],
                          capture_output=True, env=env)
    assert proc.returncode == 0, proc.stderr.decode("cp1252", "replace")
    out = proc.stdout.decode("cp1252")
    assert "?ukasz Nowak ? Åsa" in out
    assert b"Traceback" not in proc.stderr
