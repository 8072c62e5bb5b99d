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
