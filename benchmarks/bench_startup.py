"""Start-up time: from a fresh interpreter to the main window shown on the demo database
(offscreen), plus what the start pays for imports. Also checks that start-up does not
import matplotlib, reportlab or openpyxl.

    .venv/bin/python benchmarks/bench_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import time, sys
t0 = time.perf_counter()
from tryggapp.ui.app import make_application, build_context
from tryggapp.storage import open_database
app = make_application([])
t1 = time.perf_counter()
db = open_database(sys.argv[1])
from tryggapp.ui.main_window import MainWindow
win = MainWindow(build_context(db))
win.show()
app.processEvents()
t2 = time.perf_counter()
heavy = [m for m in ("matplotlib", "reportlab", "openpyxl") if m in sys.modules]
print(f"{t1 - t0:.3f} {t2 - t0:.3f} {','.join(heavy) or '-'}")
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        env["TRYGGAPP_DATA_DIR"] = tmp
        subprocess.run([sys.executable, "-m", "tryggapp", "demo", "--db", str(db)], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        qt, shown = [], []
        heavy = ""
        for _ in range(args.runs):
            out = subprocess.run([sys.executable, "-c", CHILD, str(db)], check=True, env=env,
                                 capture_output=True, text=True).stdout.split()
            qt.append(float(out[0]))
            shown.append(float(out[1]))
            heavy = out[2]
    print(f"runs: {args.runs}")
    print(f"QApplication ready:          median {statistics.median(qt):.3f} s")
    print(f"main window shown (demo db): median {statistics.median(shown):.3f} s  (min {min(shown):.3f}, max {max(shown):.3f})")
    print(f"heavy modules imported at start-up: {heavy}")


if __name__ == "__main__":
    main()
