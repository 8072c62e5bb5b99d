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
