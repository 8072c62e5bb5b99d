"""The window's start imports only what the first paint and the first section need:
on an up-to-date database no Alembic (no migration is due), and never matplotlib or
openpyxl (reports and Excel load them when used), no qtawesome/qtpy (ui.icons paints the
glyphs) and no section module but the one shown. Checked in a fresh interpreter, as
the app starts; no timing (benchmarks/bench_ratios.py measures it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import DEMO_TODAY

from tryggapp.ui.app import build_context
from tryggapp.ui.main_window import MainWindow

START = r"""
import sys
from tryggapp.ui.app import build_context, make_application
from tryggapp.storage import open_database
from tryggapp.ui import safety
from tryggapp.ui.main_window import SECTIONS, MainWindow
app = make_application([])
ctx = build_context(open_database(sys.argv[1]))
window = MainWindow(ctx, fill_later=True)
safety.install_safety_actions(window, ctx)
window.show()
app.processEvents()
shown = sorted(sys.modules)
window.fill()
app.processEvents()
assert window.sections, "the first section was not built"
for name, mods in (("SHOWN", shown), ("FILLED", sorted(sys.modules))):
    heavy = [m for m in {heavy!r} if m in mods]
    print(name + ":" + (",".join(heavy) or "-"))
# Only the section shown is imported (the sidebar lists the others from the registry).
sections = [m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("tryggapp.ui.sections.")]
print("SECTIONS:" + ",".join(sorted(s for s in sections if s in {{e.key for e in SECTIONS}})))
"""

HEAVY = ("alembic", "matplotlib", "openpyxl", "reportlab", "qtawesome", "qtpy")


def test_window_start_on_an_up_to_date_database_imports_no_heavy_stack(demo_path, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    proc = subprocess.run([sys.executable, "-c", START.format(heavy=HEAVY), str(demo_path)],
                          capture_output=True, text=True, env=env, timeout=180, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = dict(line.split(":", 1) for line in proc.stdout.split() if ":" in line)
    assert lines == {"SHOWN": "-", "FILLED": "-", "SECTIONS": "overview"}


@pytest.fixture
def settings_dir(tmp_path):
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def test_window_shown_first_then_filled_shows_the_first_sections_data(qtbot, demo_db, settings_dir):
    win = MainWindow(build_context(demo_db, today=lambda: DEMO_TODAY), fill_later=True)
    qtbot.addWidget(win)
    # Before fill(): the sidebar and the title are there, no section is built yet.
    assert win.sections == {}
    assert win.sidebar.count() == 9 and win.section_title.text() == "Översikt"
    win.show()
    win.fill()
    overview = win.sections["overview"]
    assert win.stack.currentWidget() is overview
    # The data is there without a click: the demo plan's measures are counted.
    texts = " ".join(w.text() for w in overview.findChildren(type(win.section_title)))
    assert "Handlingsplan 2026: 39 åtgärder" in texts


def test_a_record_opened_before_fill_shows_its_section(qtbot, demo_db, settings_dir):
    """Something may navigate before fill() (a safety action, a link): the section the
    sidebar already selects must still be built and shown."""
    win = MainWindow(build_context(demo_db, today=lambda: DEMO_TODAY), fill_later=True)
    qtbot.addWidget(win)
    section = win.show_section("overview")
    assert win.stack.currentWidget() is section
    win.fill()
    assert win.stack.currentWidget() is section


# The real start (tryggapp.main -> ui.app.run_app) with the event loop replaced by one
# round of events: at the shell's first paint the database stack must not be imported
# yet, and by the end the first section holds its data, without a click.
RUN_APP = r"""
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel
from tryggapp.ui import main_window

seen = {{}}
heavy = {heavy!r}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "painted" not in seen:
            seen["painted"] = [m for m in heavy if m in sys.modules]
            seen["section_built"] = bool(watched.sections)
        return False

original_show = main_window.MainWindow.show
def show(self):
    self._probe = FirstPaint(self)
    self.installEventFilter(self._probe)
    seen["shown_with_db"] = self.ctx is not None
    original_show(self)
main_window.MainWindow.show = show

def one_round(self):
    QApplication.processEvents()
    window = [w for w in QApplication.topLevelWidgets() if isinstance(w, main_window.MainWindow)][0]
    texts = " ".join(label.text() for label in window.findChildren(QLabel))
    print("PAINTED:" + (",".join(seen["painted"]) or "-"))
    print("SHOWN_WITH_DB:" + str(seen["shown_with_db"]))
    print("BUILT_AT_PAINT:" + str(seen["section_built"]))
    print("FILLED:" + str("39 åtgärder" in texts))
    print("TITLE:" + window.windowTitle().split(" – ")[0])
    return 0
QApplication.exec = one_round

from tryggapp.main import main
sys.exit(main(["--db", sys.argv[1]]))
"""

# The storage package itself is light (its engine is imported on first use, PEP 562) and
# its `location` module is --db's argument type: the engine and the database modules count.
DATABASE_STACK = ("sqlalchemy", "sqlmodel", "alembic", "psycopg", "tryggapp.domain", "tryggapp.storage.database",
                  "tryggapp.storage.engine", "tryggapp.services", "matplotlib", "reportlab", "openpyxl")


def test_the_window_is_shown_before_the_database_stack_is_imported_and_fills_without_a_click(
        demo_path, tmp_path):
    """Issue 16, "show the window, then fill it": run_app shows and paints the window's
    shell (sidebar, menus, "Öppnar databasen…") before SQLAlchemy, SQLModel and the
    domain's tables are imported, then opens the database and fills the first section
    on its own."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               TRYGGAPP_DATA_DIR=str(tmp_path / "data"), TRYGGAPP_LANG="sv",
               PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    proc = subprocess.run([sys.executable, "-c", RUN_APP.format(heavy=DATABASE_STACK), str(demo_path)],
                          capture_output=True, text=True, env=env, timeout=180, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = dict(line.split(":", 1) for line in proc.stdout.splitlines() if ":" in line)
    assert lines == {"PAINTED": "-", "SHOWN_WITH_DB": "False", "BUILT_AT_PAINT": "False",
                     "FILLED": "True", "TITLE": "DEMO"}


def test_the_shell_says_the_database_is_opening_and_attach_fills_it(qtbot, demo_db, settings_dir):
    win = MainWindow(None)
    qtbot.addWidget(win)
    win.show()
    assert win.windowTitle() == "Tryggapp" and win.sections == {}
    assert win.stack.currentWidget().text() == "Öppnar databasen…"
    assert win.sidebar.count() == 9 and win.section_title.text() == "Översikt"
    win.attach(build_context(demo_db, today=lambda: DEMO_TODAY))
    overview = win.sections["overview"]
    assert win.stack.currentWidget() is overview
    assert win.windowTitle().startswith("DEMO – ") and win.path_label.text() == str(demo_db.path)
    texts = " ".join(w.text() for w in overview.findChildren(type(win.section_title)))
    assert "Handlingsplan 2026: 39 åtgärder" in texts
    assert [a.text() for a in win.menu_edit.actions()][:2] == ["&Ångra", "&Gör om"]
