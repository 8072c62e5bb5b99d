"""One writer per database file: a lock file beside it says who has it open.

`<db>.lock` holds JSON (hostname, OS user, pid, the process's start time and the
computer's boot id, started_at, heartbeat_at, token). It is created with O_EXCL when a
database is opened for writing and removed when it is closed.
SQLite's own locks do not do this job: they protect single transactions, not a whole
working session, and they are unreliable on network shares, where two coordinators
opening the same file is the realistic danger.

A lock is stale only when the process that wrote it is gone (see `is_stale`):
- on this computer that is checked directly: the pid must be alive *and* still be the
  same process (its start time; a pid is reused after the holder died) in the same boot
  (after a reboot every old process is gone). Age alone never makes it stale: a laptop
  that slept all night still holds its file when it wakes.
- on another computer (a network share) no process can be checked from here; only then
  does the heartbeat's age decide (STALE_AFTER).
Lock files written before the process identity was recorded are judged by the pid alone.

Inside one process the lock is shared and counted: tests and services may open the same
file twice, which SQLite handles; the file goes when the last holder closes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import getpass
import json
import os
import socket
import sys
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from tryggapp.i18n import _
from tryggapp.paths import PRIVATE_FILE_MODE, create_private_file
from tryggapp.storage.errors import DatabaseError

LOCK_SUFFIX = ".lock"
# Only for a lock written on *another* computer, whose process cannot be checked from
# here: a heartbeat older than this means its instance is gone. Conservative on purpose,
# because a wrong "stale" lets two people write the same file while a wrong "alive" only
# makes the second one wait or open read-only: a laptop that sleeps (lid closed, no
# heartbeat) over lunch or a long meeting must keep its lock. A whole night is longer
# than that; and should a sleeper wake after a takeover, its next heartbeat or save finds
# the lock gone and its window turns read-only before it writes (Database.session).
STALE_AFTER = dt.timedelta(hours=12)
# How often the app should call `heartbeat()`; far below STALE_AFTER on purpose.
HEARTBEAT_INTERVAL = dt.timedelta(minutes=5)
# A lock file that is still empty or half-written this long after its last change was
# left by a process that died while creating it.
_UNREADABLE_GRACE = dt.timedelta(seconds=30)


def os_user() -> str:
    """The logged-in user's name, as the lock and the change log record it."""
    try:
        return getpass.getuser()
    except Exception:  # no USER/LOGNAME and no passwd entry (containers, services)
        return os.environ.get("USERNAME") or "?"


def hostname() -> str:
    return socket.gethostname() or "?"


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


# --- who a process is: pid + start time + boot ----------------------------------------


@functools.cache
def boot_id() -> str:
    """This boot of this computer ("" where the OS does not say). Linux gives a random id
    per boot. Windows needs none: a process's start time there is an absolute timestamp,
    which already differs across reboots. macOS: not available without psutil."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _linux_stat(pid: int) -> tuple[str, str] | None:
    """(state, start time in clock ticks since boot) from /proc/<pid>/stat, or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may itself hold spaces or ")":
    # the fields after the last ")" start with field 3 (state); field 22 is the start time.
    fields = text[text.rfind(")") + 2:].split()
    if len(fields) < 20:
        return None
    return fields[0], fields[19]


def _windows_process_start(kernel32, pid: int) -> str | None:  # noqa: ANN001 - a ctypes DLL
    """The process's creation time (FILETIME, 100 ns since 1601) via GetProcessTimes, or
    None when it cannot be asked (gone, or another user's process: access denied)."""
    import ctypes  # only here and on Windows: it costs start-up time everywhere else

    class _FileTime(ctypes.Structure):
        _fields_ = [("dwLowDateTime", ctypes.c_uint32), ("dwHighDateTime", ctypes.c_uint32)]

    # No argtypes: handles fit in 32 bits on 64-bit Windows too (documented for interop),
    # as _windows_pid_alive also relies on.
    handle = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return None
    try:
        times = [_FileTime() for _ in range(4)]  # creation, exit, kernel, user
        if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
            return None
        created = times[0]
        return str((created.dwHighDateTime << 32) | created.dwLowDateTime)
    finally:
        kernel32.CloseHandle(handle)


def process_start_time(pid: int) -> str | None:
    """When the process with this id started, as an opaque string that differs for a
    later process given the same id; None when it cannot be told (gone, not allowed, or
    an OS without a way to ask: macOS without psutil)."""
    if pid <= 0:
        return None
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        return _windows_process_start(kernel32, pid)
    stat = _linux_stat(pid)
    return stat[1] if stat is not None else None


@dataclass(frozen=True)
class LockInfo:
    """Who holds a database file open for writing."""

    hostname: str
    user: str
    pid: int
    started_at: dt.datetime  # aware, UTC
    heartbeat_at: dt.datetime  # aware, UTC
    token: str
    # Who the process is beyond its pid; "" in lock files of the first format and where
    # the OS cannot tell (see boot_id, process_start_time).
    process_started: str = ""
    boot_id: str = ""

    @classmethod
    def mine(cls) -> LockInfo:
        now = _utcnow()
        return cls(hostname(), os_user(), os.getpid(), now, now, uuid.uuid4().hex,
                   process_started=process_start_time(os.getpid()) or "", boot_id=boot_id())

    def to_json(self) -> str:
        data = asdict(self)
        data["started_at"] = self.started_at.isoformat()
        data["heartbeat_at"] = self.heartbeat_at.isoformat()
        return json.dumps(data, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> LockInfo:
        data = json.loads(text)
        started = dt.datetime.fromisoformat(data["started_at"])
        beat = dt.datetime.fromisoformat(data.get("heartbeat_at") or data["started_at"])
        return cls(
            hostname=str(data.get("hostname", "?")),
            user=str(data.get("user", "?")),
            pid=int(data.get("pid", 0)),
            started_at=started if started.tzinfo else started.replace(tzinfo=dt.UTC),
            heartbeat_at=beat if beat.tzinfo else beat.replace(tzinfo=dt.UTC),
            token=str(data.get("token", "")),
            process_started=str(data.get("process_started") or ""),
            boot_id=str(data.get("boot_id") or ""),
        )

    def same_host(self) -> bool:
        return self.hostname.casefold() == hostname().casefold()

    def since_text(self, now: dt.datetime | None = None) -> str:
        """'10:42' today, '2026-11-24 10:42' another day (local time)."""
        local = self.started_at.astimezone()
        today = (now or dt.datetime.now().astimezone()).date()
        return f"{local:%H:%M}" if local.date() == today else f"{local:%Y-%m-%d %H:%M}"


class DatabaseLocked(DatabaseError):
    """Another instance (maybe on another computer) has the file open for writing."""

    exit_code = 4

    def __init__(self, path: Path, info: LockInfo | None) -> None:
        if info is None:
            message = _("The database {path} is being opened by another instance of Tryggapp. "
                        "Try again in a moment, or open it read-only.").format(path=path)
        else:
            message = _("The database {path} is open by {user} on {host} since {since}. "
                        "Only one person at a time can make changes: open it read-only, "
                        "or try again when it has been closed.").format(
                path=path, user=info.user, host=info.hostname, since=info.since_text())
        super().__init__(message, path)
        self.info = info


class LockLost(DatabaseLocked):
    """Our lock file was taken over or replaced while we had the database open."""

    def __init__(self, path: Path, info: LockInfo | None) -> None:
        super().__init__(path, info)
        if info is not None:
            self.message = _("{user} on {host} has opened the database {path} for changes (since {since}), "
                             "so nothing more can be changed in this window. Everything saved until now "
                             "is kept.").format(path=path, user=info.user, host=info.hostname,
                                                since=info.since_text())
        else:
            self.message = _("Another instance of Tryggapp has taken over the database {path}, so nothing "
                             "more can be changed in this window. Everything saved until now is "
                             "kept.").format(path=path)
        self.args = (self.message,)


def lock_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this computer."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        # os.kill(pid, 0) would *terminate* the process on Windows: ask the kernel instead.
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        return _windows_pid_alive(kernel32, pid, ctypes.get_last_error)  # type: ignore[attr-defined]
    stat = _linux_stat(pid) if sys.platform.startswith("linux") else None
    if stat is not None and stat[0] in ("Z", "X"):
        return False  # a zombie: dead, only not yet reaped by its parent
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


_ERROR_ACCESS_DENIED = 5
_STILL_ACTIVE = 259
_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000


def _windows_pid_alive(kernel32, pid: int, last_error) -> bool:  # noqa: ANN001 - ctypes objects
    """OpenProcess fails for a process that is gone, but also for a live one we may not
    query (another user's, e.g. a colleague's Tryggapp on the same terminal server):
    that one is alive, or its lock would be taken over while it writes."""
    import ctypes

    handle = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return last_error() == _ERROR_ACCESS_DENIED
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True  # cannot tell: do not take over a lock that may be live
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def read_lock(db_path: Path) -> LockInfo | None:
    """The lock's holder, or None when there is no (readable) lock file."""
    return read_lock_file(lock_path(db_path))


# Locks held by this process, by lock-file path: [lock, holders].
_held: dict[Path, list] = {}
_held_guard = threading.Lock()


def _key(db_path: Path) -> Path:
    return lock_path(Path(db_path).resolve())


def held_in_process(db_path: Path) -> bool:
    with _held_guard:
        return _key(db_path) in _held


def is_stale(info: LockInfo, now: dt.datetime | None = None) -> bool:
    """Whether the lock's holder is gone, so the lock may be taken over."""
    if not info.same_host():
        # Another computer: its processes cannot be seen from here, so (and only here) the
        # heartbeat's age decides; see STALE_AFTER for why it is so long.
        return (now or _utcnow()) - info.heartbeat_at > STALE_AFTER
    if info.pid == os.getpid():
        # This process would know about its own lock (see _held): a leftover of an
        # earlier process that had the same pid.
        return True
    mine = boot_id()
    if info.boot_id and mine and info.boot_id != mine:
        return True  # written before a reboot: every process of that boot is gone
    if not pid_alive(info.pid):
        return True
    if info.process_started:
        started = process_start_time(info.pid)
        if started is not None and started != info.process_started:
            return True  # the pid now belongs to another process: the holder is gone
    # Alive (or, for a lock of the first format, a live pid): never stale by age.
    return False


def _write_new(path: Path, info: LockInfo) -> None:
    """Create the lock file; FileExistsError when somebody else was quicker."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        os.write(fd, info.to_json().encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


class Lock:
    """This process's hold on one database file. Get it with `Lock.acquire(db_path)`."""

    def __init__(self, db_path: Path, info: LockInfo) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self.info = info

    @classmethod
    def acquire(cls, db_path: Path) -> Lock:
        """Take the lock, or share the one this process already holds.

        Raises DatabaseLocked (someone else has it) or OSError (cannot write the folder)."""
        key = _key(db_path)
        with _held_guard:
            entry = _held.get(key)
            if entry is not None:
                entry[1] += 1
                return entry[0]
            lock = cls(db_path, LockInfo.mine())
            lock._take()
            _held[key] = [lock, 1]
            return lock

    def _take(self) -> None:
        for _attempt in range(3):
            try:
                _write_new(self.path, self.info)
                return
            except FileExistsError:
                pass
            other = read_lock(self.db_path)
            if other is None:
                # Empty or half-written: its creator may be writing it right now.
                if not self._unreadable_is_old():
                    time.sleep(0.2)
                    continue
            elif not is_stale(other):
                raise DatabaseLocked(self.db_path, other)
            self._remove_stale(other)
        raise DatabaseLocked(self.db_path, read_lock(self.db_path))

    def _unreadable_is_old(self) -> bool:
        try:
            age = time.time() - self.path.stat().st_mtime
        except FileNotFoundError:
            return True
        return age > _UNREADABLE_GRACE.total_seconds()

    def _remove_stale(self, stale: LockInfo | None) -> None:
        """Move a stale lock aside. Renaming (not deleting) lets us check that what we
        moved is the stale lock and not a fresh one another instance just created."""
        aside = self.path.with_name(f"{self.path.name}.stale-{self.info.token}")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return
        moved = read_lock_file(aside)
        if stale is not None and moved is not None and moved.token != stale.token:
            # We raced with another instance that had just taken over: give it back.
            with contextlib.suppress(OSError):
                _write_new(self.path, moved)
            aside.unlink(missing_ok=True)
            raise DatabaseLocked(self.db_path, moved)
        aside.unlink(missing_ok=True)

    def holder(self) -> LockInfo | None:
        return read_lock(self.db_path)

    def is_held(self) -> bool:
        current = self.holder()
        return current is not None and current.token == self.info.token

    def heartbeat(self) -> None:
        """Refresh the lock's timestamp so other computers do not think it stale.

        Recreates a deleted lock file; raises LockLost if someone else now holds it."""
        current = self.holder()
        if current is not None and current.token != self.info.token:
            raise LockLost(self.db_path, current)
        beat = LockInfo(**{**asdict(self.info), "heartbeat_at": _utcnow()})
        if current is None:
            try:
                _write_new(self.path, beat)
            except FileExistsError:
                raise LockLost(self.db_path, self.holder()) from None
        else:
            tmp = self.path.with_name(f"{self.path.name}.{self.info.token}.tmp")
            create_private_file(tmp, beat.to_json().encode("utf-8"), exclusive=False)
            os.replace(tmp, self.path)
        self.info = beat

    def release(self) -> None:
        """Give up one hold; the file is removed when the last holder in this process goes."""
        key = _key(self.db_path)
        with _held_guard:
            entry = _held.get(key)
            if entry is None or entry[0] is not self:
                return
            entry[1] -= 1
            if entry[1] > 0:
                return
            del _held[key]
        if self.is_held():
            with contextlib.suppress(OSError):
                self.path.unlink()


def read_lock_file(path: Path) -> LockInfo | None:
    try:
        return LockInfo.from_json(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
