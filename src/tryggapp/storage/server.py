"""The team database: the same schema and services on a PostgreSQL server (issue 18).

Everything that differs from a SQLite file lives here, behind `open_database`: services
and the UI get a `Database` whose `path` is a `ServerLocation` (shown wherever a file path
is shown) and never ask which engine it is.

What PostgreSQL does not need, and so does not get: the lock file (several people write at
once; the server serialises transactions), PRAGMAs, `application_id` (a Tryggapp database
is recognised by its Alembic stamp and its identity table), the file-identity check (a
server database cannot be deleted under the window like a file), the WAL checkpoint and
VACUUM after a personal-data erasure (PostgreSQL's own VACUUM runs by the server's
autovacuum; see README: the erased text survives in the server's WAL and the IT
department's backups until they rotate).

Passwords: the program never writes one to a file. libpq finds it as it always does
(`~/.pgpass` or `%APPDATA%\\postgresql\\pgpass.conf`, `PGPASSFILE`, `PGPASSWORD`), or it
comes from the system keyring (Windows Credential Manager) or was typed for this run only:
storage.credentials. TLS settings (`sslmode`, `sslrootcert`, `sslcert`, `sslkey`)
are given in the URL's query and passed to libpq unchanged. The only connection opened is
the one to the server named in the URL."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url

from tryggapp.i18n import _
from tryggapp.paths import SERVER_SCHEMES as SCHEMES
from tryggapp.storage.errors import DatabaseError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_S = 10
DUMP_SUFFIX = ".dump"


def is_server_url(text: object) -> bool:
    return isinstance(text, str | ServerLocation) and str(text).lower().startswith(SCHEMES)


class ServerUnavailable(DatabaseError):
    def __init__(self, location: ServerLocation, detail: str) -> None:
        super().__init__(_("Could not connect to the team database {location}: {detail}").format(
            location=location, detail=detail), None)


class ServerToolMissing(DatabaseError):
    def __init__(self, tool: str) -> None:
        super().__init__(_("{tool} was not found. Backups of a team database are made with PostgreSQL's own "
                           "tools: install the PostgreSQL client programs (on Windows, the PostgreSQL "
                           "installer's “Command Line Tools”) or ask the IT department, who may already "
                           "back up the server.").format(tool=tool), None)


class ServerLocation:
    """Where a team database is: a PostgreSQL URL. Stands in for the file path of a SQLite
    database wherever one is shown (title bar, About, messages); the password, if the URL
    held one, is never shown nor remembered."""

    def __init__(self, url: str | URL) -> None:
        try:
            parsed = make_url(str(url)) if not isinstance(url, URL) else url
        except (sa.exc.ArgumentError, ValueError):
            raise DatabaseError(_("{url} is not a database address (postgresql://USER@SERVER/DATABASE).").format(
                url=url), None) from None
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername=DRIVER)
        if not parsed.database:
            raise DatabaseError(_("The address {url} names no database (…/DATABASE at its end).").format(
                url=parsed.set(drivername="postgresql").render_as_string(hide_password=True)), None)
        self.url = parsed

    @property
    def name(self) -> str:
        return str(self.url.database)

    stem = name

    @property
    def parent(self) -> Path:
        """Where file dialogs start from a team database: the user's home folder."""
        return Path.home()

    @property
    def server(self) -> str:
        return f"{self.url.host or 'localhost'}:{self.url.port or 5432}"

    def resolve(self) -> ServerLocation:
        return self

    def exists(self) -> bool:
        """Does the server's database hold any table (a database, however made)? Connects."""
        engine = make_server_engine(self)
        try:
            with engine.connect() as conn:
                return bool(sa.inspect(conn).get_table_names())
        except sa.exc.OperationalError as exc:
            raise ServerUnavailable(self, _detail(exc)) from exc
        finally:
            engine.dispose()

    def libpq_url(self) -> str:
        """The URL as libpq (pg_dump, pg_restore, psql) reads it: without the driver."""
        return self.url.set(drivername="postgresql").render_as_string(hide_password=False)

    def key(self) -> str:
        """The keyring entry's name: user@host:port/database."""
        u = self.url
        return f"{u.username or ''}@{u.host or 'localhost'}:{u.port or 5432}/{u.database}"

    def __str__(self) -> str:
        """The address without its password, not even as '***': this is what Senaste
        databaser, the settings and the log keep, and an address with '***' in it would
        log in with that as the password when opened again."""
        return self.url._replace(password=None).set(drivername="postgresql").render_as_string(hide_password=False)

    def __repr__(self) -> str:
        return f"ServerLocation({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ServerLocation) and str(other) == str(self)

    def __hash__(self) -> int:
        return hash(str(self))


def keyring_password(location: ServerLocation) -> str | None:
    """The password to hand libpq (typed for this run, or from the system keyring), None
    when libpq has its own (URL, PGPASSWORD) or should look for one (.pgpass)."""
    from tryggapp.storage.credentials import password_for

    return password_for(location)


def _detail(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def make_server_engine(location: ServerLocation, *, read_only: bool = False) -> Engine:
    """An engine on the server. Query parameters of the URL (sslmode, sslrootcert, …) go
    to libpq as they are. A read-only database is read-only on the server's side too."""
    connect_args: dict[str, object] = {"application_name": "Tryggapp",
                                       "connect_timeout": CONNECT_TIMEOUT_S}
    password = keyring_password(location)
    if password:
        connect_args["password"] = password
    if read_only:
        connect_args["options"] = "-c default_transaction_read_only=on"
    return sa.create_engine(location.url, connect_args=connect_args, pool_pre_ping=True)


def tables(conn: Connection) -> set[str]:
    return set(sa.inspect(conn).get_table_names())


def read_identity(conn: Connection) -> str | None:
    try:
        with conn.begin_nested():
            row = conn.exec_driver_sql("SELECT uuid FROM database_identity WHERE id = 1").fetchone()
    except sa.exc.DBAPIError:
        return None
    return str(row[0]).lower() if row and row[0] else None


# -- pg_dump / pg_restore -------------------------------------------------------------------
def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ServerToolMissing(name)
    return found


def _env(location: ServerLocation) -> dict[str, str]:
    env = dict(os.environ)
    password = keyring_password(location)
    if password:
        env["PGPASSWORD"] = password  # for the child only; never written anywhere
    return env


def _run(args: list[str], location: ServerLocation) -> subprocess.CompletedProcess[bytes]:
    result = subprocess.run(args, env=_env(location), capture_output=True, check=False)  # noqa: S603
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DatabaseError(_("{tool} failed: {detail}").format(
            tool=Path(args[0]).name, detail=(detail[-1] if detail else str(result.returncode))[:300]), None)
    return result


def dump(location: ServerLocation, dest: Path) -> Path:
    """`pg_dump -Fc` of the whole database into `dest` (created 0600; written to a
    temporary name first, so a half-written dump never carries a backup's name)."""
    from tryggapp.paths import create_private_file

    dest = Path(dest)
    tmp = dest.with_name(dest.name + ".tmp")
    tmp.unlink(missing_ok=True)
    create_private_file(tmp)
    try:
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
              f"--file={tmp}", f"--dbname={location.libpq_url()}"], location)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest


_UUID_LINE = re.compile(r"^1\t([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b", re.MULTILINE)


def dump_contents(path: Path) -> tuple[set[str], str | None, str | None]:
    """What a dump holds, read with pg_restore without touching any database: its tables
    (from the table of contents), its identity (the row of `database_identity`, read from
    the dump's data) and its schema revision (`alembic_version`)."""
    restore = _tool("pg_restore")
    toc = subprocess.run([restore, "--list", str(path)], capture_output=True, check=False)  # noqa: S603
    if toc.returncode != 0:
        raise DatabaseError(_("{path} is not a PostgreSQL backup (pg_dump -Fc) that can be read.").format(
            path=path), Path(path))
    names = set(re.findall(r"\bTABLE DATA \S+ (\S+) ", toc.stdout.decode("utf-8", "replace")))

    def data(table: str) -> str:
        if table not in names:
            return ""
        out = subprocess.run([restore, "--data-only", f"--table={table}", "--file=-", str(path)],  # noqa: S603
                             capture_output=True, check=False)
        return out.stdout.decode("utf-8", "replace")

    found = _UUID_LINE.search(data("database_identity"))
    version = re.search(r"^COPY [^\n]*alembic_version[^\n]*\n([^\n\\]+)\n", data("alembic_version"), re.MULTILINE)
    return names, (found.group(1) if found else None), (version.group(1).strip() if version else None)


def restore(location: ServerLocation, path: Path) -> None:
    """Replace the database's contents with the dump, in one transaction (all or nothing)."""
    _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
          "--single-transaction", "--exit-on-error", f"--dbname={location.libpq_url()}", str(path)], location)


def backup_name(location: ServerLocation, identity: str | None, reason: str, when: dt.datetime) -> str:
    from tryggapp.storage.backup import backup_name as file_backup_name

    return file_backup_name(Path(location.name), reason, when, identity)[: -len(".db")] + DUMP_SUFFIX


class ServerConnectionLost(DatabaseError):
    def __init__(self, location: object, detail: str) -> None:
        super().__init__(_("The connection to the team database {location} was lost and the change was not "
                           "saved: {detail}").format(location=location, detail=detail), None)


def server_error(exc: BaseException, location: object) -> DatabaseError | None:
    """The user's message for a PostgreSQL failure that is not a bug: the server went away
    or refused the connection. (Broken rules are IntegrityErrors, as on SQLite.)"""
    if not isinstance(location, ServerLocation):
        return None
    if not isinstance(exc, sa.exc.DBAPIError):
        return driver_error(exc, location)  # type: ignore[return-value]
    if isinstance(exc, sa.exc.OperationalError):
        return ServerConnectionLost(location, _detail(exc))
    if isinstance(exc, sa.exc.InternalError) and "read-only transaction" in str(exc):
        from tryggapp.storage.errors import DatabaseReadOnly

        return DatabaseReadOnly(location)  # type: ignore[arg-type]
    return None


def driver_error(exc: BaseException, location: object) -> BaseException | None:
    """psycopg's own errors, raised below SQLAlchemy (storage.raw): a broken rule as on
    SQLite (the lock of revision 0004 by its text), a lost server as a lost connection."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        return None
    from tryggapp.storage.errors import LOCKED_MINUTES, MinutesLocked, RuleBroken

    if isinstance(exc, psycopg.IntegrityError):
        return MinutesLocked() if LOCKED_MINUTES in str(exc) else RuleBroken(str(exc))
    if isinstance(exc, psycopg.OperationalError):
        return ServerConnectionLost(location, str(exc).strip().splitlines()[0][:300] if str(exc) else "")
    return None
