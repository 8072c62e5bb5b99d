"""The open window shows what others changed (issue 18), on a SQLite file and on the
PostgreSQL test server: another writer, with an engine and sessions of its own (another
person's Tryggapp), changes a measure; at the change poller's next tick (ui.refresh, driven
here through the timer's own signal, not waited for) the open form and the plan's list show it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from tests.conftest import DEMO_TODAY

from tryggapp.services import measures
from tryggapp.storage import open_database

pytestmark = pytest.mark.parametrize("db_engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def someone_else(demo_db):
    db = open_database(demo_db.path, lock=False)  # its own engine and connections
    yield db
    db.close()


def test_the_window_shows_another_writers_change_at_the_next_tick(qtbot, window, someone_else):
    window.poller.timer.stop()  # its ticks are the test's own (timeout.emit below), never the load's
    ident = measures.rows_for_year(window.ctx.db, DEMO_TODAY.year, DEMO_TODAY)[0].id
    window.navigate("plan", "measure", ident)
    plan = window.sections["plan"]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QCoreApplication.processEvents()
    assert window.poller.poll() == set()  # nothing new yet: the tick below is the one that finds it

    measures.update_measure(someone_else, ident, {"title": "Ändrad av någon annan"}, today=DEMO_TODAY)
    QCoreApplication.processEvents()
    assert plan.detail.f_title.text() != "Ändrad av någon annan"  # nothing seen before the tick

    window.poller.timer.timeout.emit()  # the poller's tick
    qtbot.waitUntil(lambda: plan.detail.f_title.text() == "Ändrad av någon annan")
    qtbot.waitUntil(lambda: plan.model.row_at(plan.model.source_row_of(ident)).title == "Ändrad av någon annan")
    assert plan.detail.form.unsaved_fields() == []


def test_a_poll_queued_by_activation_is_dropped_when_the_window_is_gone(qtbot, demo_db):
    """Activating the window queues a poll; a window closed and deleted before it runs
    must not be polled (it raised 'Internal C++ object already deleted' in teardown)."""
    import shiboken6
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QWidget

    from tryggapp.ui.app import build_context
    from tryggapp.ui.refresh import ChangePoller

    host = QWidget()
    ctx = build_context(demo_db, today=lambda: DEMO_TODAY)
    ctx.give_to(host)
    poller = ChangePoller(ctx, host)
    called: list[bool] = []
    poller.poll = lambda **_: called.append(True) or set()  # type: ignore[method-assign]
    poller.eventFilter(host, QEvent(QEvent.Type.WindowActivate))  # queues the poll
    shiboken6.delete(host)  # the window (and its poller) gone before the event loop runs
    QCoreApplication.processEvents()
    assert called == []
