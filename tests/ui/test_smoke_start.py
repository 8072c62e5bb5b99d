"""Start-up as the frozen check runs it: `--smoke-test` opens the window and quits after
its first paint; a missing catalog stops the window with a message (issue 15)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "QT_QPA_PLATFORM": "offscreen",
            "TRYGGAPP_DATA_DIR": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
            **extra}


def test_smoke_test_paints_the_window_and_quits(tmp_path, demo_path):
    proc = subprocess.run([sys.executable, "-m", "tryggapp", "--db", str(demo_path), "--smoke-test"],
                          env=_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


PROBE = textwrap.dedent("""
    import sys
    from PySide6.QtWidgets import QMessageBox
    def critical(parent, title, text, *args, **kwargs):
        print("CRITICAL:" + text)
    QMessageBox.critical = critical
    from tryggapp.main import main
    sys.exit(main(["--db", sys.argv[1]]))
""")


def test_window_without_its_catalog_says_so_and_does_not_start(tmp_path):
    # A language whose catalog is not there stands for a broken installation.
    db = tmp_path / "ny.db"
    proc = subprocess.run([sys.executable, "-c", PROBE, str(db)], env=_env(tmp_path, TRYGGAPP_LANG="de"),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 78, proc.stderr
    assert "CRITICAL:Tryggapp kan inte starta" in proc.stdout
    assert not db.exists()
