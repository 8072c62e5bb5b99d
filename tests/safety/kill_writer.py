"""Writer for the kill test (not a test module).

Started once as a "zygote": it imports Tryggapp (≈0.6 s, too slow to pay 200 times),
then waits for lines on stdin. On "GO <round>" it forks a child which opens the database
as the app does (lock, WAL, audit log) and edits measures through services.crud as fast
as it can, printing "SAVED <id> <value>" after each commit returns. The test kills the
child with SIGKILL at a random moment; the zygote reaps it and prints "DONE <pid>".

Each line is written with one os.write(), so a kill never leaves half a line (pipe
writes below PIPE_BUF are atomic)."""

from __future__ import annotations

import os
import random
import sys
import traceback
from pathlib import Path

from tryggapp import domain as d
from tryggapp.services import crud
from tryggapp.storage import open_database


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def description(value: int, rng: random.Random) -> str:
    # Variable length so commits touch one or several pages (and overflow pages).
    return f"{value} " + "x" * rng.choice((0, 10, 500, 3000, 9000))


def child(db_path: Path, round_no: int) -> None:
    rng = random.Random(os.getpid() * 7919 + round_no)
    db = open_database(db_path)
    say(f"READY {os.getpid()}")
    plan = crud.list_all(db, d.ActionPlan)[0]
    ids = [m.id for m in crud.list_all(db, d.Measure)]
    # Values only grow: a later value in the database than the last one reported is a
    # commit that happened just before the kill, not a lost edit.
    value = round_no * 1_000_000
    number = max((m.number for m in crud.list_all(db, d.Measure)), default=0)
    while True:
        value += 1
        if not ids or rng.random() < 0.3:
            number += 1
            m = crud.create(db, d.Measure(action_plan_id=plan.id, number=number, title=f"Åtgärd {number}",
                                          description=description(value, rng)))
            ids.append(m.id)
            say(f"SAVED {m.id} {value}")
        else:
            ident = rng.choice(ids)
            crud.update(db, d.Measure, ident, {"description": description(value, rng)})
            say(f"SAVED {ident} {value}")


def main() -> None:
    db_path = Path(sys.argv[1])
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
                child(db_path, int(cmd[1]))
            except BaseException:
                say("ERROR " + traceback.format_exc().replace("\n", " | "))
            finally:
                os._exit(1)
        say(f"CHILD {pid}")
        _pid, status = os.waitpid(pid, 0)
        say(f"DONE {pid} {status}")


if __name__ == "__main__":
    main()
