"""Errors of opening and writing the database file. Each is a UserError with a Swedish
message that says what is wrong and that the file was left untouched."""

from __future__ import annotations

import errno
from pathlib import Path

from tryggapp.errors import UserError
from tryggapp.formatting import os_reason
from tryggapp.i18n import N_, _


class DatabaseError(UserError):
    exit_code = 3

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class RuleBroken(UserError):
    """A change the database's own rules refuse (a CHECK, UNIQUE or FOREIGN KEY): the
    services validate first, so this is the last line, worded for the user all the same."""

    def __init__(self, detail: str) -> None:
        super().__init__(_("The change breaks a rule of the database and was not saved: {detail}").format(
            detail=detail))


# The refusal of the triggers of revision 0004 (justerade minutes are locked).
LOCKED_MINUTES = "the minutes are justerade and locked"


class MinutesLocked(UserError):
    def __init__(self) -> None:
        super().__init__(_("The minutes are approved (justerade) and locked. Reopen them, giving a reason, "
                           "to change them."))


class DatabaseMissing(DatabaseError):
    def __init__(self, path: Path) -> None:
        super().__init__(_("The database file {path} does not exist.").format(path=path), path)


class NotADatabase(DatabaseError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _("{path} is not a Tryggapp database. The file has not been changed.").format(path=path), path
        )


class CorruptDatabase(DatabaseError):
    def __init__(self, path: Path, detail: str = "") -> None:
        msg = _("The database {path} is damaged and cannot be opened safely. The file has not been changed; "
                "restore the latest backup.").format(path=path)
        if detail:
            msg += " (" + detail + ")"
        super().__init__(msg, path)


class NewerDatabase(DatabaseError):
    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            _("The database {path} was written by a newer version of Tryggapp (schema {revision}). "
              "Update Tryggapp to open it. The file has not been changed.").format(path=path, revision=revision),
            path,
        )


class DatabaseReadOnly(DatabaseError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _("The database {path} cannot be written: the file or its folder is read-only.").format(path=path), path
        )


class DiskFull(DatabaseError):
    def __init__(self, path: Path | None = None, *, opening: bool = False) -> None:
        if opening:
            # At start nothing was lost and the file is fine: never advise a restore here.
            message = _("The disk where {path} is stored is full, so Tryggapp cannot open the database. "
                        "Free some space and try again; the file has not been changed.").format(path=path)
        else:
            message = _("The disk is full: the change could not be saved. Free some space and try again; "
                        "everything saved earlier is intact.")
        super().__init__(message, path)


class MigrationRefused(DatabaseError):
    """An upgrade that would leave rows pointing at rows that no longer exist."""

    def __init__(self, path: Path | None, tables: list[str]) -> None:
        super().__init__(
            _("The database {path} could not be upgraded: the new version would leave rows in {tables} "
              "that refer to rows that no longer exist. Nothing was changed; the file is as it was. "
              "Keep using the earlier version of Tryggapp and report the problem.").format(path=path or "", tables=", ".join(tables)),
            path,
        )
        self.tables = tables


class DiskIOError(DatabaseError):
    """SQLite could not read or write the disk, and the disk is not full."""

    def __init__(self, path: Path | None, code_name: str = "") -> None:
        super().__init__(
            _("A disk or network error stopped Tryggapp from reading or writing {path} ({code}). Check that "
              "the disk or network drive is connected and try again; nothing was changed.").format(
                path=path or "", code=code_name),
            path,
        )


class DatabaseBusy(DatabaseError):
    """SQLITE_BUSY / SQLITE_LOCKED: another program held the file longer than we waited."""

    def __init__(self, path: Path | None) -> None:
        super().__init__(
            _("The database {path} is busy: another program is using it right now. Nothing was changed; "
              "try again in a moment.").format(path=path or ""),
            path,
        )


class DatabaseUnreadable(DatabaseError):
    """SQLITE_CANTOPEN while only reading: the file or its folder may not be read."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            _("Tryggapp may not read the database {path}: check that you have permission to read the file "
              "and its folder. The file has not been changed.").format(path=path),
            path,
        )


_UNWRITABLE_REASONS = {
    errno.EACCES: N_("no permission to write there"),
    errno.EPERM: N_("no permission to write there"),
    errno.EROFS: N_("the drive is read-only"),
    errno.ENOTDIR: N_("a file is in the way of the folder"),
}


class BackupFolderUnwritable(DatabaseError):
    """The backup folder cannot be created or written (no permission, read-only mount,
    a file in its place). Raised before the operation that needs the backup, which then
    does not go ahead."""

    def __init__(self, folder: Path, error: object = "") -> None:
        # The system's own text is in the system's language (often English): say the
        # common causes in Swedish, the rest as the system said it.
        reason = _UNWRITABLE_REASONS.get(getattr(error, "errno", None) or 0)
        if reason:
            detail = _(reason)
        elif isinstance(error, OSError):
            detail = os_reason(error)  # never the system's English text
        else:
            detail = str(error) or _("not writable")
        super().__init__(
            _("Backups cannot be written to the folder {folder} ({error}). Nothing has been changed. "
              "Make the folder writable, or choose another backup folder under File → Backup folder.")
            .format(folder=folder, error=detail),
            Path(folder),
        )
        self.folder = Path(folder)

    exit_code = 5  # a folder, not the database (README's exit-code table)


class EmptyDatabaseFile(DatabaseError):
    """A zero-byte (or table-less) file where a database was expected."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            _("{path} is empty: it holds no Tryggapp database. Tryggapp starts a new database in it only "
              "when you choose to create one. The file has not been changed.").format(path=path),
            path,
        )


class UpgradeNeeded(DatabaseReadOnly):
    """A read-only open of a file from an earlier Tryggapp: reading it would need the
    upgrade, which writes."""

    def __init__(self, path: Path) -> None:
        DatabaseError.__init__(
            self,
            _("The database {path} comes from an earlier version of Tryggapp and must be upgraded before it "
              "can be read without writing to it. Open it once in Tryggapp or run “tryggapp check” (a backup "
              "is taken first).").format(path=path),
            path,
        )
