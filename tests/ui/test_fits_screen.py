"""The first window fits the laptop's screen (issue 15, item 5: the window itself).

The coordinator's laptop: 1366×768 with a 40 px taskbar, at 100 % and at 125 % scaling
(1093×582 logical pixels left for windows). Qt's offscreen platform takes its screens from
a JSON file (`offscreen:configfile=`), so each case runs the real window in its own
process on a screen of exactly that size, and the window's frame must lie inside the
screen's available geometry: the default first size (1280×800), and a geometry saved on
a big monitor and restored from QSettings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# (scale, logical width, logical height): 1366×(768 − 40) at 100 % and at 125 %.
LAPTOP = [(1.0, 1366, 728), (1.25, 1093, 582)]

PROBE = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QByteArray, QRect, QSettings
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
    from tryggapp.storage import open_database
    from tryggapp.ui import settings
    from tryggapp.ui.app import build_context
    from tryggapp.ui.main_window import MainWindow

    def shown(saved):
        store = settings.store()
        settings.WINDOW_GEOMETRY.set(store, saved)
        store.sync()
        db = open_database(sys.argv[1])
        win = MainWindow(build_context(db))
        win.show()
        app.processEvents()
        frame = win.frameGeometry()
        out = [frame.x(), frame.y(), frame.width(), frame.height()]
        win.hide()
        db.close()
        return out, win

    first, win = shown(QByteArray())
    # A geometry saved on a 1920×1200 monitor, far to the right and bottom.
    win.setMinimumSize(0, 0)
    win.setGeometry(QRect(700, 300, 1900, 1150))
    restored, _w = shown(win.saveGeometry())
    avail = app.primaryScreen().availableGeometry()
    print(json.dumps({"first": first, "restored": restored,
                      "avail": [avail.x(), avail.y(), avail.width(), avail.height()]}))
""")


def _inside(frame: list[int], avail: list[int]) -> bool:
    x, y, w, h = frame
    ax, ay, aw, ah = avail
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


@pytest.mark.parametrize(("scale", "width", "height"), LAPTOP, ids=["100%", "125%"])
def test_first_and_restored_window_fit_the_available_screen(tmp_path, demo_template, scale,
                                                           width, height):
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": scale}]}))
    db = tmp_path / "demo.db"
    db.write_bytes(demo_template.read_bytes())
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-c", PROBE, str(db), str(tmp_path / "settings")],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["avail"] == [0, 0, width, height]
    assert _inside(seen["first"], seen["avail"]), seen
    assert _inside(seen["restored"], seen["avail"]), seen
    # It still uses the screen: not shrunk to a stamp.
    assert seen["first"][2] >= 0.9 * min(width, 1280)
