"""Shared fixtures: every test gets real SQLite files in its own temporary folder, and
nothing touches the user's real data folder."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Qt must never try a real display in tests (PITFALLS: pytest aborts without it).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TRYGGAPP_LANG"] = "sv"

# Keeps tests apart under pytest-xdist (per-test settings folder; see the module).
pytest_plugins = ["tests.isolation"]

ROOT = Path(__file__).resolve().parent.parent
DEMO_TODAY = dt.date(2026, 11, 25)


def _compile_catalogs() -> None:
    """The build compiles the catalogs; do it here too so a bare `pytest` works."""
    po = ROOT / "translations" / "sv" / "LC_MESSAGES" / "tryggapp.po"
    mo = po.with_suffix(".mo")
    if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
        subprocess.run([sys.executable, str(ROOT / "packaging" / "i18n.py"), "compile"], check=True)


_compile_catalogs()

from tryggapp import i18n  # noqa: E402

i18n.install("sv")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("TRYGGAPP_DATA_DIR", str(data))
    monkeypatch.delenv("TRYGGAPP_DB", raising=False)
    yield data


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory) -> Path:
    """An empty database migrated to head, made once per test process (per xdist worker).
    Migrating a new file runs every Alembic revision; copying this one is about 30 times
    cheaper, and about 270 tests need an empty database (`db`, tests/safety `filled_db`)."""
    from tryggapp.storage import open_database

    path = tmp_path_factory.mktemp("empty") / "empty.db"
    open_database(path, create=True).close()
    return path


@pytest.fixture
def db(tmp_path, empty_template):
    """A fresh, empty, migrated database file (a private copy of `empty_template`)."""
    from tryggapp.storage import open_database

    target = tmp_path / "test.db"
    shutil.copy(empty_template, target)
    database = open_database(target)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo database, built once per test session, pinned to DEMO_TODAY."""
    from tryggapp.services.demo import populate
    from tryggapp.storage import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(path, create=True)
    populate(database, today=DEMO_TODAY)
    database.close()
    return path


@pytest.fixture
def demo_path(tmp_path, demo_template) -> Path:
    """A private copy of the demo database file."""
    target = tmp_path / "demo.db"
    shutil.copy(demo_template, target)
    return target


@pytest.fixture
def demo_db(demo_path):
    from tryggapp.storage import open_database

    database = open_database(demo_path)
    yield database
    database.close()


@pytest.fixture(autouse=True)
def _collect_qt_garbage(request):
    """After a Qt test, collect garbage while it is safe. Once, the full suite crashed
    (segfault) when the cyclic GC happened to run during a later, non-Qt test and freed
    wrappers of widgets an earlier test had deleted; collecting right after each Qt
    test's teardown made the same run pass (investigation noted in docs/KNOWN_ISSUES.md)."""
    yield
    if "qtbot" in request.fixturenames and not os.environ.get("TRYGGAPP_GC_HUNT"):
        import gc

        gc.collect()
