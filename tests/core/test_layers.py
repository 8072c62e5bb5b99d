"""The import graph runs one way, and Qt stays in tryggapp.ui (import-linter contracts in
pyproject.toml), checked here so CI fails on a violation."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "tryggapp"


def test_import_linter_contracts_hold():
    proc = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
                          capture_output=True, text=True, cwd=SRC.parent.parent)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Contracts: 2 kept, 0 broken" in proc.stdout


def test_no_qt_import_outside_ui_even_lazily():
    """import-linter sees module-level and function-level imports; this double-checks the
    raw source so a string-built import cannot slip through either."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if "ui" in path.relative_to(SRC).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in {"PySide6", "shiboken6", "qtawesome"} for n in names):
                offenders.append(str(path))
    assert offenders == []


def test_core_imports_without_qt():
    """The core loads in a process where PySide6 cannot be imported at all."""
    code = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None\n"
        "import tryggapp.domain, tryggapp.storage, tryggapp.services.crud, tryggapp.services.lists, tryggapp.cli\n"
        "print('ok')"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "ok", proc.stderr
