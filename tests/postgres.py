"""A throwaway PostgreSQL server for the tests (issue 18), started by the test set-up.

One server per test process (so per pytest-xdist worker: each has its own basetemp and
port), in a temporary folder, on 127.0.0.1 on a free port, `trust` authentication, fsync
off (the data is thrown away). Each test gets its own database, made by `CREATE DATABASE …
TEMPLATE` from a migrated (or demo) template: a copy of files, far quicker than migrating.

Debian's initdb refuses to run as root (CI runs as root): the server is then started as
the unprivileged user `nobody` (runuser/setpriv), which must own the folder. Where no
server can be started (no PostgreSQL installed, no such user), `unavailable()` says why
and the PostgreSQL params of the tests skip with that reason. `TRYGGAPP_TEST_PG_URL`
(postgresql://user@host:port, a superuser or a role allowed to create databases) uses an
existing server instead."""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

START_TIMEOUT_S = 60


def _bindir() -> Path | None:
    """Where initdb and pg_ctl are: Debian keeps them out of PATH, per major version."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        candidate = Path(out.stdout.strip())
        if (candidate / "initdb").exists():
            return candidate
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


OWNER_FILE = "owner.pid"  # the test process that started the server in this folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def _stop_orphans(as_user: list[str]) -> None:
    """Stop the servers of test runs that were killed (a timeout, Ctrl+C twice, SIGKILL):
    their fixtures never ran `stop`, and each server would keep its port, memory and
    folder until the machine restarts. A folder whose owner process is gone is an orphan."""
    bindir = _bindir()
    for folder in Path(tempfile.gettempdir()).glob("tryggapp-pg-*"):
        try:
            owner = int((folder / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue  # not ours to judge (an older layout, or still being made)
        if _alive(owner):
            continue
        if bindir is not None and (folder / "data" / "postmaster.pid").exists():
            subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate",
                            "-w", "stop"], capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


class Server:
    """A running throwaway server (or the reason there is none)."""

    def __init__(self) -> None:
        self.url: str | None = None  # postgresql://postgres@127.0.0.1:PORT (no database)
        self.reason: str | None = None
        self._stop: list[str] | None = None
        self._as: list[str] = []
        self._names = itertools.count(1)
        self.folder: Path | None = None

    def start(self) -> None:
        # Not under pytest's basetemp: pytest narrows /tmp/pytest-of-<user> to 0700 at each
        # start (a parallel run did it under a running server, which then lost its files).
        folder = Path(tempfile.mkdtemp(prefix="tryggapp-pg-"))
        self.folder = folder
        (folder / OWNER_FILE).write_text(str(os.getpid()))
        given = os.environ.get("TRYGGAPP_TEST_PG_URL")
        if given:
            self.url = given.rstrip("/")
            return
        bindir = _bindir()
        if bindir is None:
            self.reason = "PostgreSQL is not installed (no initdb; Debian: apt-get install postgresql)"
            return
        if os.geteuid() == 0:
            # initdb refuses root; the cluster belongs to `nobody`, who must reach the folder.
            try:
                nobody = pwd.getpwnam("nobody")
            except KeyError:
                self.reason = "running as root and there is no user 'nobody' to run PostgreSQL as"
                return
            runner = shutil.which("runuser") or shutil.which("setpriv")
            if runner is None:
                self.reason = "running as root without runuser/setpriv to start PostgreSQL unprivileged"
                return
            if runner.endswith("runuser"):
                self._as = [runner, "-u", "nobody", "--"]
            else:
                self._as = [runner, f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]
            os.chown(folder, nobody.pw_uid, nobody.pw_gid)
        _stop_orphans(self._as)
        data = folder / "data"
        port = _free_port()
        log = folder / "server.log"
        initdb = subprocess.run(
            [*self._as, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
             "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"],
            capture_output=True, text=True, check=False, cwd=folder)
        if initdb.returncode != 0:
            self.reason = f"initdb failed: {(initdb.stderr or initdb.stdout).strip()[-300:]}"
            return
        options = (f"-h 127.0.0.1 -p {port} -k {folder} -F -c fsync=off -c full_page_writes=off "
                   "-c synchronous_commit=off -c max_connections=60")
        started = subprocess.run(
            [*self._as, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w",
             "-t", str(START_TIMEOUT_S), "-o", options, "start"],
            capture_output=True, text=True, check=False, cwd=folder)
        if started.returncode != 0:
            tail = log.read_text(errors="replace")[-300:] if log.exists() else started.stderr[-300:]
            self.reason = f"pg_ctl start failed: {tail.strip()}"
            return
        self._stop = [*self._as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
        self.url = f"postgresql://postgres@127.0.0.1:{port}"

    def stop(self) -> None:
        if self._stop is not None:
            subprocess.run(self._stop, capture_output=True, check=False)
            self._stop = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    # -- databases --------------------------------------------------------------------
    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self, template: str | None = None) -> str:
        """A new, empty database (or a copy of `template`); returns its URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        source = f" TEMPLATE {template}" if template else " TEMPLATE template0"
        self._admin(f"CREATE DATABASE {name}{source}")
        return f"{self.url}/{name}"

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
