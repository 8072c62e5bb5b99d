"""Crash safety: a writer killed with SIGKILL at random moments never leaves a damaged
database and never loses an edit it reported as saved.

A writer process (tests/safety/kill_writer.py) opens the database as the app does and
edits measures through services.crud, printing "SAVED <id> <value>" after each commit.
The test kills it at a random moment (during start-up, mid-transaction, mid-checkpoint
...), then checks the file as the next start of the app would see it:
`PRAGMA integrity_check` is ok, every reported edit is there, the change log agrees with
the data (it is written in the same transaction), and the lock the dead writer left is
taken over by the next one.

Rounds: $TRYGGAPP_KILL_ROUNDS (default 200, the number CI runs)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.safety.conftest import integrity
from tryggapp import domain as d
from tryggapp.services import crud
from tryggapp.storage import open_database
from tryggapp.storage.lock import _UNREADABLE_GRACE, lock_path, read_lock

ROUNDS = int(os.environ.get("TRYGGAPP_KILL_ROUNDS", "200"))
# Kill between 0 and this many seconds after asking for a writer: some kills land while
# it opens the file (lock, checks), most while it commits.
MAX_DELAY = 0.25
WRITER = Path(__file__).with_name("kill_writer.py")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork") or not hasattr(signal, "SIGKILL"),
                       reason="needs fork() and SIGKILL (POSIX); CI runs on Linux"),
]


class Zygote:
    def __init__(self, db_path: Path) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        self.proc = subprocess.Popen([sys.executable, str(WRITER), str(db_path)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=env, text=True, bufsize=1)
        assert self.readline() == "ZYGOTE"

    def readline(self) -> str:
        line = self.proc.stdout.readline()  # type: ignore[union-attr]
        if not line:
            raise AssertionError(f"writer zygote exited (code {self.proc.poll()})")
        return line.rstrip("\n")

    def send(self, text: str) -> None:
        self.proc.stdin.write(text + "\n")  # type: ignore[union-attr]
        self.proc.stdin.flush()  # type: ignore[union-attr]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.send("QUIT")
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def read_state(path: Path) -> tuple[dict[int, int], dict[int, int]]:
    """{measure id: value in the data} and {measure id: value in its newest log entry}."""
    conn = sqlite3.connect(path)
    try:
        data = {i: int(desc.split()[0]) for i, desc in conn.execute("SELECT id, description FROM measure")}
        logged: dict[int, int] = {}
        rows = conn.execute("SELECT record_id, new_values FROM audit_entry WHERE table_name = 'measure' "
                            "AND action IN ('create', 'update') ORDER BY id")
        for record_id, new_values in rows:
            desc = json.loads(new_values).get("description")
            if desc is not None:
                logged[int(record_id)] = int(desc.split()[0])
        return data, logged
    finally:
        conn.close()



def age_half_written_lock(path: Path) -> None:
    """A writer killed while writing its lock file leaves it empty. The app then answers
    "being opened by another instance, try again in a moment" until the lock is older
    than the grace period (tests/safety/test_lock.py). Age it instead of sleeping that
    long: this test is about the data, and the user's "moment" has passed."""
    lock = lock_path(path)
    if lock.exists() and read_lock(path) is None:
        old = time.time() - _UNREADABLE_GRACE.total_seconds() - 1
        os.utime(lock, (old, old))


def test_sigkill_never_corrupts_or_loses_a_confirmed_edit(tmp_path, capsys):
    path = tmp_path / "kill.db"
    db = open_database(path, create=True)
    crud.create(db, d.ActionPlan(year=2026))
    db.close()

    rng = random.Random(int(os.environ.get("TRYGGAPP_KILL_SEED", "20261125")))
    confirmed: dict[int, int] = {}  # measure id -> highest value reported saved
    edits = corrupt = lost = unlogged = killed_while_opening = stale_locks = 0
    started = time.monotonic()
    zygote = Zygote(path)
    try:
        for round_no in range(1, ROUNDS + 1):
            zygote.send(f"GO {round_no}")
            kind, pid = zygote.readline().split()
            assert kind == "CHILD"
            time.sleep(rng.uniform(0, MAX_DELAY))
            os.kill(int(pid), signal.SIGKILL)
            ready = False
            while True:
                line = zygote.readline()
                if line.startswith("DONE"):
                    break
                if line.startswith("ERROR"):
                    pytest.fail(f"round {round_no}: the writer failed: {line}")
                if line.startswith("READY"):
                    ready = True
                elif line.startswith("SAVED"):
                    _, ident, value = line.split()
                    confirmed[int(ident)] = max(confirmed.get(int(ident), 0), int(value))
                    edits += 1
            killed_while_opening += not ready
            stale_locks += lock_path(path).exists()
            age_half_written_lock(path)

            if integrity(path) != ["ok"]:
                corrupt += 1
                pytest.fail(f"round {round_no}: integrity_check failed: {integrity(path)[:3]}")
            data, logged = read_state(path)
            missing = [i for i, v in confirmed.items() if data.get(i, -1) < v]
            lost += len(missing)
            assert not missing, f"round {round_no}: confirmed edits lost for measures {missing[:10]}"
            mismatched = [i for i, v in data.items() if logged.get(i) != v]
            unlogged += len(mismatched)
            assert not mismatched, f"round {round_no}: change log disagrees with data for {mismatched[:10]}"
    finally:
        zygote.close()
    elapsed = time.monotonic() - started

    # A last normal open: the app starts, takes over the stale lock and sees everything.
    age_half_written_lock(path)
    db = open_database(path, full_check=True)
    try:
        assert {m.id for m in crud.list_all(db, d.Measure)} >= set(confirmed)
    finally:
        db.close()
    with capsys.disabled():  # the numbers belong in every CI log, not only on failure
        print(f"\nkill test: {ROUNDS} rounds in {elapsed:.1f} s, {edits} edits confirmed, corrupt={corrupt}, "
              f"lost={lost}, log mismatches={unlogged}; killed while opening: {killed_while_opening}, "
              f"lock files left by a killed writer (taken over by the next): {stale_locks}")
    assert edits > ROUNDS, "the writer hardly wrote anything: the test would prove nothing"
    assert corrupt == 0 and lost == 0 and unlogged == 0
