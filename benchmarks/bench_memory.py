"""Peak memory of the window's start plus a year report in the same process: what a
coordinator's session holds at its heaviest (the window open, the report made from it).

    .venv/bin/python benchmarks/bench_memory.py

A fresh interpreter (offscreen) opens the main window on a copy of the demo database,
shows it, then builds the demo year report with the same calls the Rapporter view makes
(services.followup.collect + reports.build_pdf), and prints its peak resident set size at
each stage. The frozen bundle's own figures (CLI year report, window start, each a process)
come from packaging/check_frozen.py. Aim (issue 15): under 250 MB.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import datetime as dt, resource, sys
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from PySide6.QtWidgets import QApplication
app = QApplication([])
from tryggapp.storage import open_database
from tryggapp.ui.app import build_context
from tryggapp.ui.main_window import MainWindow
db = open_database(sys.argv[1])
win = MainWindow(build_context(db, today=lambda: dt.date(2026, 11, 25)))
win.show()
app.processEvents()
print(f"window shown: peak {peak():.0f} MB")
from tryggapp import reports
from tryggapp.domain import periods
from tryggapp.services import followup
data = followup.collect(db, periods.parse("2026"), dt.date(2026, 11, 25))
pages = reports.build_pdf(data, sys.argv[2], None)
print(f"+ year report ({pages} pages): peak {peak():.0f} MB")
win.close()
db.close()
"""


def main() -> int:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        env["TRYGGAPP_DATA_DIR"] = str(Path(tmp) / "data")
        env["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        db = Path(tmp) / "demo.db"
        subprocess.run([sys.executable, "-m", "tryggapp", "demo", "--db", str(db), "--today",
                        dt.date(2026, 11, 25).isoformat()], env=env, check=True, capture_output=True)
        subprocess.run([sys.executable, "-c", CHILD, str(db), str(Path(tmp) / "r.pdf")], env=env, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
