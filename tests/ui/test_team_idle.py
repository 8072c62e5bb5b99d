"""An idle window on a team database holds no transaction open (issue 18). A connection
left "idle in transaction" after a read keeps its snapshot and its locks: other writers'
ALTERs and the server's VACUUM wait for it, for as long as the window stays open. The
server itself is asked (pg_stat_activity) after each section has loaded, with a measure
open, after a poll for others' changes, a save and its undo."""

from __future__ import annotations

import psycopg
import pytest
from PySide6.QtCore import QCoreApplication
from tests.conftest import DEMO_TODAY

from tryggapp.services import measures

pytestmark = pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)


def connections(db) -> list[tuple[str, str]]:  # noqa: ANN001
    """(state, last statement) of every client connection to `db`'s database."""
    location = db.location
    server = location.libpq_url().rsplit("/", 1)[0].split("?")[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        return conn.execute("SELECT state, left(query, 200) FROM pg_stat_activity WHERE datname = %s",
                            (location.name,)).fetchall()


def open_transactions(db) -> list[tuple[str, str]]:  # noqa: ANN001
    """Those inside a transaction while doing nothing ('idle in transaction')."""
    return [(state, query) for state, query in connections(db) if state.startswith("idle in transaction")]


def test_no_transaction_stays_open_while_the_window_is_idle(qtbot, window):
    db = window.ctx.db
    assert any(state == "idle" for state, _query in connections(db))  # the window's, seen
    for key in window.section_types:
        window.show_section(key)
        QCoreApplication.processEvents()
        assert open_transactions(db) == [], key
    ident = measures.rows_for_year(db, DEMO_TODAY.year, DEMO_TODAY)[0].id
    window.navigate("plan", "measure", ident)  # a record's form open, as while editing
    QCoreApplication.processEvents()
    assert open_transactions(db) == []
    assert window.poller.poll(force=True) == set()
    QCoreApplication.processEvents()
    assert open_transactions(db) == []

    form = window.sections["plan"].detail
    form.f_title.setText("Ändrad titel")
    form.f_title.finish()  # saved: one transaction, committed
    QCoreApplication.processEvents()
    assert measures.row(db, ident, DEMO_TODAY).title == "Ändrad titel"
    assert open_transactions(db) == []
    window.ctx.undo_stack.undo()  # the undo command's own session
    QCoreApplication.processEvents()
    assert measures.row(db, ident, DEMO_TODAY).title != "Ändrad titel"
    assert open_transactions(db) == []
