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


# -- two engines (issue 18) -------------------------------------------------------------
# Tests in these folders that use `db`, `demo_db`, (reports) `small_db` or (walkdocs) `walks_db`
# run on SQLite and on a throwaway PostgreSQL server (tests/postgres.py), except Qt tests and
# those marked sqlite_only (lock file, WAL, file damage, application_id: things only a file has).
ENGINE_DIRS = frozenset({"storage", "core", "plan", "reports", "programme", "meetings", "organisation",
                         "walks", "situation", "agreements", "walkdocs", "safety"})


def pytest_generate_tests(metafunc):
    if not {"db", "demo_db", "small_db", "walks_db", "demo_location"} & set(metafunc.fixturenames):
        return
    if any("db_engine" in str(m.args[0]) for m in metafunc.definition.iter_markers("parametrize")):
        return  # the test chose its engines itself
    if "qtbot" in metafunc.fixturenames or metafunc.definition.get_closest_marker("sqlite_only"):
        return
    parts = Path(str(metafunc.definition.fspath)).relative_to(ROOT / "tests").parts
    if len(parts) < 2 or parts[0] not in ENGINE_DIRS:
        return
    metafunc.parametrize("db_engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def db_engine(request) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_server():
    """The session's PostgreSQL server (one per xdist worker); a test that needs it skips,
    with the reason, if none starts."""
    from tests.postgres import Server

    server = Server()
    server.start()
    yield server
    server.stop()


def _pg(request):
    server = request.getfixturevalue("pg_server")
    if server.url is None:
        pytest.skip(f"PostgreSQL: {server.reason}")
    return server


@pytest.fixture(scope="session")
def pg_template(request):
    """A database migrated to head, the template of every test's `db` on PostgreSQL."""
    from tryggapp.storage import open_database

    server = _pg(request)
    url = server.new_database()
    open_database(url, create=True).close()
    return url.rsplit("/", 1)[1]


@pytest.fixture
def pg_url(request):
    """A fresh, empty PostgreSQL database (no tables) for this test; dropped after it."""
    server = _pg(request)
    url = server.new_database()
    yield url
    server.drop_database(url)


def _pg_copy(request, template_fixture: str):
    server = _pg(request)
    url = server.new_database(template=request.getfixturevalue(template_fixture))
    request.addfinalizer(lambda: server.drop_database(url))
    return url


@pytest.fixture
def db(request, tmp_path, db_engine):
    """A fresh, empty, migrated database: a file, or (db_engine "postgresql") a database
    on the test server."""
    from tryggapp.storage import open_database

    if db_engine == "postgresql":
        database = open_database(_pg_copy(request, "pg_template"))
    else:
        # A private copy of `empty_template`: cheaper than migrating a new file.
        target = tmp_path / "test.db"
        shutil.copy(request.getfixturevalue("empty_template"), target)
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


@pytest.fixture(scope="session")
def pg_demo_template(request):
    """The demo municipality on the PostgreSQL test server, built once per session."""
    from tryggapp.services.demo import populate
    from tryggapp.storage import open_database

    url = _pg(request).new_database()
    database = open_database(url, create=True)
    populate(database, today=DEMO_TODAY)
    database.close()
    return url.rsplit("/", 1)[1]


@pytest.fixture
def demo_db(request, db_engine):
    from tryggapp.storage import open_database

    if db_engine == "postgresql":
        database = open_database(_pg_copy(request, "pg_demo_template"))
    else:
        database = open_database(request.getfixturevalue("demo_path"))
    yield database
    database.close()


@pytest.fixture
def demo_location(request, db_engine):
    """Where a private copy of the demo is, not opened: a file's path, or a team
    database's URL (for migration tests, which open it their own way)."""
    if db_engine == "postgresql":
        return _pg_copy(request, "pg_demo_template")
    return request.getfixturevalue("demo_path")


@pytest.fixture(autouse=True)
def _collect_qt_garbage(request):
    """Opt-in (TRYGGAPP_GC_WORKAROUND=1): collect garbage right after each Qt test. It was
    the workaround for a segfault inside the cyclic collector (docs/KNOWN_ISSUES.md); the
    mechanism found since (a parentless undo stack's commands deleted twice) is removed by
    giving Qt objects a Qt owner (tests/ui/test_qt_ownership.py), so the suite runs with
    the collector as the product has it. Switch it on again to tell such a crash apart."""
    yield
    if "qtbot" in request.fixturenames and os.environ.get("TRYGGAPP_GC_WORKAROUND"):
        import gc

        gc.collect()


@pytest.fixture(autouse=True)
def _window_charts_inline(request, monkeypatch):
    """The window's Reports view keeps a chart process (reports.chartwork); in Qt tests it
    draws in-process instead, unless a test asks for the process (`chart_process` marker):
    a process per window would cost every such test a second of CPU."""
    if "qtbot" in request.fixturenames and not request.node.get_closest_marker("chart_process"):
        from tryggapp.ui.sections.reports import ReportsSection

        monkeypatch.setattr(ReportsSection, "use_chart_process", False)
