"""One writer: a second instance is told who has the database open and may open it
read-only; a lock left by a crash is recognised and taken over."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.safety.conftest import foreign_lock
from tryggapp import domain as d
from tryggapp.main import main
from tryggapp.services import crud
from tryggapp.storage import lock as sl
from tryggapp.storage import open_database
from tryggapp.storage.lock import DatabaseLocked, LockLost, lock_path

HOLDER = """
import sys
from pathlib import Path
from tryggapp.storage import open_database
db = open_database(Path(sys.argv[1]), create=True)
print("OPEN", flush=True)
sys.stdin.read()   # hold the database until the test closes our stdin
db.close()
print("CLOSED", flush=True)
"""


@pytest.fixture
def other_instance(tmp_path):
    """Another Tryggapp process holding tmp_path/'delad.db' open for writing."""
    path = tmp_path / "delad.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout.readline().strip() == "OPEN"
    yield path, proc
    if proc.poll() is None:
        proc.stdin.close()
        proc.wait(timeout=10)
    for stream in (proc.stdin, proc.stdout):  # else a ResourceWarning (an error here) at the next GC
        stream.close()


def test_lock_file_says_who_and_goes_away_at_close(tmp_path):
    db = open_database(tmp_path / "a.db", create=True)
    info = json.loads(lock_path(db.path).read_text(encoding="utf-8"))
    assert info["pid"] == os.getpid() and info["user"] == sl.os_user() and info["hostname"] == sl.hostname()
    assert {"started_at", "heartbeat_at"} <= set(info)
    db.close()
    assert not lock_path(db.path).exists()


def test_second_instance_is_told_who_has_it_and_can_open_read_only(other_instance):
    path, proc = other_instance
    with pytest.raises(DatabaseLocked) as info:
        open_database(path)
    message = str(info.value)
    holder = info.value.info
    assert holder is not None and holder.pid == proc.pid
    since = holder.started_at.astimezone().strftime("%H:%M")
    assert f"är öppen av {sl.os_user()} på {sl.hostname()} sedan {since}" in message
    assert "skrivskyddad" in message
    # The offered alternative works, and reads what the other instance wrote.
    ro = open_database(path, read_only=True)
    assert crud.list_all(ro, d.Measure) == []
    ro.close()
    # When the other instance closes, the file is free again.
    proc.stdin.close()
    assert proc.stdout.readline().strip() == "CLOSED"
    proc.wait(timeout=10)
    db = open_database(path)
    db.close()


def test_cli_refuses_a_locked_database_with_one_swedish_line(other_instance, capsys):
    path, _proc = other_instance
    code = main(["check", "--db", str(path)])
    err = capsys.readouterr().err
    assert code == DatabaseLocked.exit_code and err.startswith("tryggapp: Databasen") and "Traceback" not in err


def test_lock_on_another_computer_is_respected(tmp_path):
    path = tmp_path / "delad.db"
    open_database(path, create=True).close()
    # Opened two days ago and kept open since (its heartbeat is fresh): the message
    # names the day as well as the time.
    started = (dt.datetime.now(dt.UTC) - dt.timedelta(days=2)).replace(hour=9, minute=42, second=0, microsecond=0)
    foreign_lock(path, host="DATOR-12", user="anna", started=started,
                 heartbeat=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=3))
    with pytest.raises(DatabaseLocked) as info:
        open_database(path)
    local = started.astimezone()
    assert f"anna på DATOR-12 sedan {local:%Y-%m-%d %H:%M}" in str(info.value)


def test_lock_from_a_crashed_process_on_this_computer_is_taken_over(tmp_path):
    path = tmp_path / "a.db"
    open_database(path, create=True).close()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    foreign_lock(path, host=sl.hostname(), user=sl.os_user(), pid=dead.pid)
    db = open_database(path)
    assert sl.read_lock(path).pid == os.getpid()
    db.close()


def test_lock_on_another_computer_without_heartbeat_for_12_hours_is_stale(tmp_path):
    path = tmp_path / "a.db"
    open_database(path, create=True).close()
    old = dt.datetime.now(dt.UTC) - sl.STALE_AFTER - dt.timedelta(minutes=1)
    foreign_lock(path, host="DATOR-12", started=old - dt.timedelta(hours=5), heartbeat=old)
    db = open_database(path)
    assert sl.read_lock(path).hostname == sl.hostname()
    db.close()


def test_half_written_lock_file_is_waited_for_then_taken_over(tmp_path):
    path = tmp_path / "a.db"
    open_database(path, create=True).close()
    lock_path(path).write_text("")  # a creator that died between create and write
    with pytest.raises(DatabaseLocked):  # fresh: maybe being written right now
        open_database(path)
    old = time.time() - 120
    os.utime(lock_path(path), (old, old))
    open_database(path).close()


def test_heartbeat_refreshes_and_detects_a_takeover(tmp_path):
    db = open_database(tmp_path / "a.db", create=True)
    before = sl.read_lock(db.path)
    time.sleep(1.1)
    db.heartbeat()
    after = sl.read_lock(db.path)
    assert after.token == before.token and after.heartbeat_at > before.heartbeat_at
    # Someone deleted the lock file: the heartbeat puts it back.
    lock_path(db.path).unlink()
    db.heartbeat()
    assert sl.read_lock(db.path).token == before.token
    # Another computer decided our lock was stale and took over: we must stop writing.
    lock_path(db.path).unlink()
    foreign_lock(db.path, host="DATOR-12", user="anna")
    with pytest.raises(LockLost) as info:
        db.heartbeat()
    assert "anna på DATOR-12" in str(info.value)
    db.close()
    assert sl.read_lock(db.path).hostname == "DATOR-12"  # not ours: close leaves it alone


def test_same_process_may_open_twice_and_the_lock_goes_with_the_last_close(tmp_path):
    first = open_database(tmp_path / "a.db", create=True)
    second = open_database(tmp_path / "a.db")
    first.close()
    assert lock_path(first.path).exists()
    crud.create(second, d.Organisation(name="Polisen"))
    second.close()
    assert not lock_path(first.path).exists()
    first.close()  # closing twice is harmless


def test_read_only_open_takes_no_lock(tmp_path):
    path = tmp_path / "a.db"
    open_database(path, create=True).close()
    ro = open_database(path, read_only=True)
    assert not lock_path(path).exists()
    writer = open_database(path)
    writer.close()
    ro.close()


def test_lock_false_skips_the_lock(tmp_path):
    path = tmp_path / "a.db"
    open_database(path, create=True).close()
    foreign_lock(path)
    db = open_database(path, lock=False)
    db.close()
    assert sl.read_lock(path).hostname == "DATOR-12"


def test_pid_alive():
    assert sl.pid_alive(os.getpid())
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    assert not sl.pid_alive(dead.pid)


def test_refusing_a_locked_database_changes_nothing(tmp_path):
    path = tmp_path / "a.db"
    open_database(path, create=True).close()
    lock = foreign_lock(path)
    before = path.read_bytes(), lock.read_bytes()
    with pytest.raises(DatabaseLocked):
        open_database(path)
    assert (path.read_bytes(), lock.read_bytes()) == before


class _FakeKernel32:
    """OpenProcess/GetExitCodeProcess as Windows answers them (this runs on any OS)."""

    def __init__(self, handle: int, exit_code: int = 259) -> None:
        self.handle, self.exit_code, self.closed = handle, exit_code, False

    def OpenProcess(self, access, inherit, pid):  # noqa: N802, ANN001, ANN201
        return self.handle

    def GetExitCodeProcess(self, handle, ref):  # noqa: N802, ANN001, ANN201
        ref._obj.value = self.exit_code
        return 1

    def CloseHandle(self, handle):  # noqa: N802, ANN001, ANN201
        self.closed = True
        return 1


def test_windows_pid_alive_counts_another_users_process_as_alive():
    """On a terminal server two users run Tryggapp on one computer: OpenProcess on the
    other user's process fails with ERROR_ACCESS_DENIED. That process is alive; treating
    it as gone would make its lock 'stale' and let two instances write the same file."""
    assert sl._windows_pid_alive(_FakeKernel32(0), 1234, lambda: 5)  # access denied: alive
    assert not sl._windows_pid_alive(_FakeKernel32(0), 1234, lambda: 87)  # invalid parameter: gone
    live = _FakeKernel32(42)
    assert sl._windows_pid_alive(live, 1234, lambda: 0) and live.closed
    assert not sl._windows_pid_alive(_FakeKernel32(42, exit_code=0), 1234, lambda: 0)  # exited


# --- a lock is stale only when its process is gone (issue 9) ---------------------------


@pytest.fixture
def live_process():
    """Some live process on this computer that is not a Tryggapp (its pid is what matters)."""
    proc = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    yield proc
    proc.stdin.close()
    proc.wait(timeout=10)


def write_raw_lock(db_path, **fields) -> None:
    """A lock file with exactly these fields (the first format had no process identity)."""
    lock_path(db_path).write_text(json.dumps(fields), encoding="utf-8")


def days_ago(n: float) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(days=n)).replace(microsecond=0).isoformat()


def age_heartbeat(db_path, days: float) -> None:
    """What a laptop that slept for `days` leaves: the same lock, an old heartbeat."""
    data = json.loads(lock_path(db_path).read_text(encoding="utf-8"))
    data["heartbeat_at"] = data["started_at"] = days_ago(days)
    lock_path(db_path).write_text(json.dumps(data), encoding="utf-8")


def test_lock_records_the_process_start_time_and_the_boot(tmp_path):
    db = open_database(tmp_path / "a.db", create=True)
    info = sl.read_lock(db.path)
    if sys.platform.startswith("linux"):
        assert info.boot_id == Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        assert info.process_started == Path(f"/proc/{os.getpid()}/stat").read_text().rsplit(")", 1)[1].split()[19]
    assert info.process_started == (sl.process_start_time(os.getpid()) or "")
    db.close()


def test_live_app_on_this_computer_keeps_its_lock_however_old_the_heartbeat(other_instance):
    """A laptop that slept three days with the app open: the app is still running, so its
    lock holds (before: taken over after 12 hours, and a CLI import wrote under it)."""
    path, proc = other_instance
    age_heartbeat(path, days=3)
    before = path.read_bytes(), lock_path(path).read_bytes()
    with pytest.raises(DatabaseLocked) as info:
        open_database(path)
    assert info.value.info is not None and info.value.info.pid == proc.pid
    assert (path.read_bytes(), lock_path(path).read_bytes()) == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the pid's start time is read from /proc")
def test_lock_whose_pid_now_belongs_to_another_process_is_stale_at_once(tmp_path, live_process):
    path = tmp_path / "a.db"
    open_database(path, create=True).close()
    # The holder died and its pid went to a new process: same pid, a different start time.
    write_raw_lock(path, hostname=sl.hostname(), user="anna", pid=live_process.pid, started_at=days_ago(0),
                   heartbeat_at=days_ago(0), token="f" * 32, boot_id=sl.boot_id(),
                   process_started=str(int(sl.process_start_time(live_process.pid)) - 1))
    db = open_database(path)  # before: refused for up to 12 hours
    assert sl.read_lock(path).pid == os.getpid()
    db.close()


def test_lock_written_before_a_reboot_is_stale_at_once(tmp_path, live_process):
    path = tmp_path / "a.db"
    open_database(path, create=True).close()
    write_raw_lock(path, hostname=sl.hostname(), user="anna", pid=live_process.pid, started_at=days_ago(0),
                   heartbeat_at=days_ago(0), token="f" * 32, boot_id="another-boot",
                   process_started=sl.process_start_time(live_process.pid) or "")
    if not sl.boot_id():
        pytest.skip("this OS gives no boot id")
    open_database(path).close()


def test_lock_of_a_live_process_with_its_start_time_holds(tmp_path, live_process):
    path = tmp_path / "a.db"
    open_database(path, create=True).close()
    write_raw_lock(path, hostname=sl.hostname(), user="anna", pid=live_process.pid, started_at=days_ago(9),
                   heartbeat_at=days_ago(9), token="f" * 32, boot_id=sl.boot_id(),
                   process_started=sl.process_start_time(live_process.pid) or "")
    with pytest.raises(DatabaseLocked):
        open_database(path)


def test_lock_file_of_the_first_format_from_a_live_process_still_blocks(tmp_path, live_process):
    """Written by the previous version (no start time, no boot id): judged by its pid."""
    path = tmp_path / "a.db"
    open_database(path, create=True).close()
    write_raw_lock(path, hostname=sl.hostname(), user="anna", pid=live_process.pid, started_at=days_ago(2),
                   heartbeat_at=days_ago(2), token="f" * 32)
    with pytest.raises(DatabaseLocked) as info:
        open_database(path)
    assert info.value.info.process_started == "" and info.value.info.boot_id == ""
    live_process.stdin.close()
    live_process.wait(timeout=10)
    open_database(path).close()  # its process gone: taken over


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="zombies are read from /proc")
def test_a_zombie_holder_is_gone():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    while sl._linux_stat(child.pid) is not None and sl._linux_stat(child.pid)[0] != "Z":
        time.sleep(0.01)  # not yet exited; wait() would reap it
    assert not sl.pid_alive(child.pid)
    child.wait()


def test_process_start_time_tells_processes_apart(live_process):
    if sl.process_start_time(os.getpid()) is None:
        pytest.skip("this OS gives no process start time without psutil")
    assert sl.process_start_time(live_process.pid) is not None
    assert sl.process_start_time(live_process.pid) == sl.process_start_time(live_process.pid)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    assert sl.process_start_time(dead.pid) is None


class _FakeTimes(_FakeKernel32):
    """GetProcessTimes as Windows answers it: FILETIMEs for creation, exit, kernel, user."""

    def __init__(self, handle: int, created: int | None) -> None:
        super().__init__(handle)
        self.created = created

    def GetProcessTimes(self, handle, creation, exit_, kernel, user):  # noqa: N802, ANN001, ANN201
        if self.created is None:
            return 0
        creation._obj.dwLowDateTime = self.created & 0xFFFFFFFF
        creation._obj.dwHighDateTime = self.created >> 32
        return 1


def test_windows_process_start_is_the_creation_filetime():
    created = 133_456_789_012_345_678  # 100 ns ticks since 1601: some day in 2023
    live = _FakeTimes(42, created)
    assert sl._windows_process_start(live, 1234) == str(created) and live.closed
    assert sl._windows_process_start(_FakeTimes(0, created), 1234) is None  # gone or not ours to ask
    failed = _FakeTimes(42, None)
    assert sl._windows_process_start(failed, 1234) is None and failed.closed


def test_cli_writer_refuses_while_the_app_holds_the_file_even_with_an_ancient_heartbeat(
        other_instance, tmp_path, capsys):
    """Every command that writes refuses with one Swedish line while another process (the
    app) holds the database, here one whose heartbeat is three days old (it slept)."""
    path, proc = other_instance
    from tryggapp.services import backups

    backup = backups.backup_now(open_database(path, read_only=True))
    age_heartbeat(path, days=3)
    before = path.read_bytes(), lock_path(path).read_bytes()
    workbook = tmp_path / "plan.xlsx"
    workbook.write_bytes(b"")  # never read: the lock is refused first
    for argv in (["import-plan", str(workbook), "--year", "2026"], ["demo", "--force"],
                 ["restore", str(backup), "--yes"], ["check"]):
        code = main([*argv[:1], "--db", str(path), *argv[1:]])
        err = capsys.readouterr().err
        assert code == DatabaseLocked.exit_code, argv
        assert err.startswith("tryggapp: Databasen") and err.count("\n") == 1 and "Traceback" not in err, err
        assert f"är öppen av {sl.os_user()} på {sl.hostname()}" in err
    assert (path.read_bytes(), lock_path(path).read_bytes()) == before
    assert sl.read_lock(path).pid == proc.pid


# --- a writer that lost its lock stops writing ---------------------------------------------


def test_a_save_after_sleeping_finds_the_lock_taken_over_and_writes_nothing(tmp_path):
    """The laptop slept (no heartbeat ran), another computer took the file over: the first
    save after waking must not write (before: it did, under the other's lock)."""
    from tests.safety.conftest import all_rows
    from tryggapp.storage.database import WritingStopped

    db = open_database(tmp_path / "a.db", create=True)
    crud.create(db, d.Organisation(name="Polisen"))
    lock_path(db.path).unlink()
    foreign_lock(db.path, host="DATOR-12", user="anna")
    db._checked_at -= 8 * 3600  # the wall clock moved on while the computer slept
    before = all_rows(db.path)
    with pytest.raises(WritingStopped) as info:
        crud.create(db, d.Organisation(name="Räddningstjänsten"))
    assert "anna på DATOR-12" in str(info.value)
    assert isinstance(db.lost, LockLost) and db.read_only
    assert all_rows(db.path) == before
    assert [o.name for o in crud.list_all(db, d.Organisation)] == ["Polisen"]  # reading goes on
    db.close()
    assert sl.read_lock(db.path).hostname == "DATOR-12"  # theirs: left alone


def test_a_demoted_database_refuses_every_write_even_raw_sql(tmp_path):
    from tests.safety.conftest import all_rows
    from tryggapp.storage.database import WritingStopped

    db = open_database(tmp_path / "a.db", create=True)
    crud.create(db, d.Organisation(name="Polisen"))
    lock_path(db.path).unlink()
    foreign_lock(db.path, host="DATOR-12", user="anna")
    with pytest.raises(LockLost) as info:
        db.heartbeat()
    db.demote(info.value)
    before = all_rows(db.path)
    with pytest.raises(WritingStopped), db.session() as s:
        s.exec(sa.text("DELETE FROM organisation"))  # type: ignore[call-overload]
    assert all_rows(db.path) == before
    db.close()
