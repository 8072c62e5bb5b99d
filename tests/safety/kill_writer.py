"""Writer for the kill test (not a test module).

Started once as a "zygote": it imports Tryggapp (≈0.6 s, too slow to pay 200 times),
then waits for lines on stdin. On "GO <round> <mode>" it forks a child which opens the
database as the app does (lock, WAL, audit log) and writes as fast as it can; the test
kills the child with SIGKILL, the zygote reaps it and prints "DONE <pid> <status>".

What the child says (the test keys its kills to these lines, never to a clock alone):
- "OPENED <pid>"      the database is open (start-up is over);
- "SAVED <id> <value>" after each commit of one edit of a measure in the 2026 plan;
- "READY <pid>"       after its first SAVED: from here on it is in its writing loop;
- mode "import" only, after READY, in a loop:
  "IMPORTING <year>" before and "IMPORTED <year>" after services.excel.import_plan of
  the workbook (argv[2]) into the action plan for <year>: one multi-row transaction
  (a measure per row, their notes, status history, people, organisations ...).

Each line is written with one os.write(), so a kill never leaves half a line (pipe
writes below PIPE_BUF are atomic)."""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import traceback
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import configure_mappers

from tryggapp import domain as d
from tryggapp.services import crud, excel
from tryggapp.storage import open_database

EDIT_YEAR = 2026  # the plan whose measures the edits change
FIRST_IMPORT_YEAR = 1901  # imports go to 1901, 1902 ...: plans nobody edits
TODAY = dt.date(2026, 11, 25)


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def description(value: int, rng: random.Random) -> str:
    # Variable length so commits touch one or several pages (and overflow pages).
    return f"{value} " + "x" * rng.choice((0, 10, 500, 3000, 9000))


class Editor:
    """Edits measures of the 2026 plan, one transaction per edit."""

    def __init__(self, db, round_no: int) -> None:  # noqa: ANN001
        self.db = db
        self.rng = random.Random(os.getpid() * 7919 + round_no)
        self.plan = next(p for p in crud.list_all(db, d.ActionPlan) if p.year == EDIT_YEAR)
        mine = [m for m in crud.list_all(db, d.Measure) if m.action_plan_id == self.plan.id]
        self.ids = [m.id for m in mine]
        self.number = max((m.number for m in mine), default=0)
        # Values only grow: a later value in the database than the last one reported is a
        # commit that happened just before the kill, not a lost edit.
        self.value = round_no * 1_000_000

    def edit(self) -> None:
        self.value += 1
        if not self.ids or self.rng.random() < 0.3:
            self.number += 1
            m = crud.create(self.db, d.Measure(action_plan_id=self.plan.id, number=self.number,
                                               title=f"Åtgärd {self.number}",
                                               description=description(self.value, self.rng)))
            self.ids.append(m.id)
            say(f"SAVED {m.id} {self.value}")
        else:
            ident = self.rng.choice(self.ids)
            crud.update(self.db, d.Measure, ident, {"description": description(self.value, self.rng)})
            say(f"SAVED {ident} {self.value}")


def child(db_path: Path, workbook: Path, round_no: int, mode: str) -> None:
    db = open_database(db_path)
    say(f"OPENED {os.getpid()}")
    editor = Editor(db, round_no)
    editor.edit()
    say(f"READY {os.getpid()}")
    if mode == "import":
        while True:
            # The next free year: an import killed after its commit (before IMPORTED)
            # has taken its year, and the next child goes on after it.
            year = max((p.year for p in crud.list_all(db, d.ActionPlan) if p.year < 2000),
                       default=FIRST_IMPORT_YEAR - 1) + 1
            say(f"IMPORTING {year}")
            excel.import_plan(db, workbook, year, None, TODAY)
            say(f"IMPORTED {year}")
    while True:
        editor.edit()


def main() -> None:
    db_path, workbook = Path(sys.argv[1]), Path(sys.argv[2])
    # Set up the ORM's mappers once here, so each child starts as fast as the app's
    # second open of a file does (no connection is made before the fork).
    configure_mappers()
    sa.create_engine("sqlite://").dispose()  # imports SQLite's dialect
    say("ZYGOTE")
    for line in sys.stdin:
        cmd = line.split()
        if not cmd or cmd[0] == "QUIT":
            break
        if cmd[0] != "GO":
            continue
        pid = os.fork()
        if pid == 0:
            try:
                child(db_path, workbook, int(cmd[1]), cmd[2])
            except BaseException:
                say("ERROR " + traceback.format_exc().replace("\n", " | "))
            finally:
                os._exit(1)
        say(f"CHILD {pid}")
        _pid, status = os.waitpid(pid, 0)
        say(f"DONE {pid} {status}")


if __name__ == "__main__":
    main()
