"""Errors of opening and writing the database file. Each is a UserError with a Swedish
message that says what is wrong and that the file was left untouched."""

from __future__ import annotations

from pathlib import Path

from tryggapp.errors import UserError
from tryggapp.i18n import _


class DatabaseError(UserError):
    exit_code = 3

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


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
    def __init__(self, path: Path | None = None) -> None:
        super().__init__(
            _("The disk is full: the change could not be saved. Free some space and try again; "
              "everything saved earlier is intact."),
            path,
        )


class BackupFolderUnwritable(DatabaseError):
    """The backup folder cannot be created or written (no permission, read-only mount,
    a file in its place). Raised before the operation that needs the backup, which then
    does not go ahead."""

    def __init__(self, folder: Path, error: object = "") -> None:
        detail = getattr(error, "strerror", None) or str(error) or _("not writable")
        super().__init__(
            _("Backups cannot be written to the folder {folder} ({error}). Nothing has been changed. "
              "Make the folder writable, or choose another backup folder under File → Backup folder.")
            .format(folder=folder, error=detail),
            Path(folder),
        )
        self.folder = Path(folder)
