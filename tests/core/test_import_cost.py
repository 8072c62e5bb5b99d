"""What the command line's cheap paths import, checked in a fresh interpreter (no timing:
benchmarks/ measures the time). `tryggapp --help`, `--version` and a usage error must not
pay for the database, Excel, report or Qt stacks (issue 16: `--help` once cost 1.4 s)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "openpyxl", "reportlab", "matplotlib", "PySide6")

# Runs `tryggapp ARGS` in-process, then reports which heavy stacks it imported.
PROBE = r"""
import sys
from tryggapp.main import main
heavy = {heavy!r}
try:
    main(sys.argv[1:])
except SystemExit:
    pass
loaded = [m for m in heavy if m in sys.modules]
print("LOADED:" + (",".join(loaded) or "-"), file=sys.stderr)
"""


def imported_by(*args: str) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    proc = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
                          capture_output=True, text=True, env=env, timeout=120)
    line = [x for x in proc.stderr.splitlines() if x.startswith("LOADED:")]
    assert line, proc.stderr
    loaded = line[-1].removeprefix("LOADED:")
    return [] if loaded == "-" else loaded.split(",")


@pytest.mark.parametrize("args", [
    ["--help"],
    ["--version"],
    ["--db", "x.db", "--help"],
    ["report", "--no-such-option"],  # a usage error of a command
    ["report", "--help"],
    ["check", "--help"],
    ["backup", "--help"],
    ["import-stats", "--help"],
    ["import-stats", "--no-such-option"],
])
def test_cheap_command_line_paths_import_no_heavy_stack(args):
    assert imported_by(*args) == []


def test_the_probe_sees_a_heavy_import():
    """The check above is only worth something if the probe notices an import: a real
    command that opens a database does load SQLAlchemy."""
    assert "sqlalchemy" in imported_by("check", "--db", os.devnull + "-missing.db")
