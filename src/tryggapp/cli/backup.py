"""`tryggapp backup` and `tryggapp restore`.

backup: a consistent copy through SQLite's backup API; works while the app has the
database open (it only reads). Without --to it goes to the configured folder and old
backups are pruned by the rotation; with --to it is a one-off copy and nothing is pruned.
restore: checks the backup, backs up the current file, then replaces it atomically."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from tryggapp.errors import UserError
from tryggapp.formatting import datetime_short
from tryggapp.i18n import _
from tryggapp.paths import is_server_text


def register(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "backup":
        parser.add_argument("--to", type=Path, metavar=_("FOLDER"),
                            help=_("write the backup to this folder (default: the configured backup folder)"))
        parser.add_argument("--list", action="store_true", help=_("list the existing backups instead"))
    else:
        parser.add_argument("backup", type=Path, metavar=_("BACKUPFILE"), help=_("the backup to restore"))
        parser.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))


def run(name: str, args: argparse.Namespace) -> int:
    return _backup(args) if name == "backup" else _restore(args)


def _backup(args: argparse.Namespace) -> int:
    from tryggapp.cli import db_path
    from tryggapp.services import backups
    from tryggapp.storage import backup as sb
    from tryggapp.storage import rotation
    from tryggapp.storage.database import inspect_file
    from tryggapp.storage.errors import DatabaseMissing, NotADatabase
    from tryggapp.storage.identity import read_identity

    path = db_path(args)
    if is_server_text(path) and not args.list:
        return _backup_server(path, args.to)
    if args.list:
        found = backups.list_backups(path)
        folder = backups.configured_backup_dir(path)
        if not found:
            print(_("No backups of {path} in {folder}.").format(path=path, folder=folder))
            return 0
        print(_("Backups of {path} in {folder}:").format(path=path, folder=folder))
        for b in found:
            size = b.path.stat().st_size / 1e6
            print(f"  {datetime_short(b.taken_at)}  {b.reason:<28} {size:8.1f} MB  {b.path.name}")
        return 0
    info = inspect_file(path)
    if not info.exists:
        raise DatabaseMissing(path)
    if info.empty or info.revision is None:
        raise NotADatabase(path)
    now = dt.datetime.now().replace(microsecond=0)
    if args.to:
        made = sb.make_backup(path, args.to, sb.MANUAL, when=now)
    else:
        folder = backups.configured_backup_dir(path)
        made = sb.make_backup(path, folder, sb.MANUAL, when=now)
        identity = read_identity(path)
        if identity:
            rotation.rotate(folder, path.stem, now, protect=[made], identity=identity)
        rotation.rotate(folder, path.stem, now, protect=[made])
    print(_("Backup written: {path}").format(path=made))
    return 0


def _backup_server(location: Path, to: Path | None) -> int:
    """A team database: pg_dump -Fc through the same policy (folder, names, rotation)."""
    from tryggapp.services import backups
    from tryggapp.storage import open_database

    db = open_database(location, read_only=True)
    try:
        made = db.make_backup(to, backups.MANUAL) if to else backups.backup_now(db, backups.MANUAL)
    finally:
        db.close()
    print(_("Backup written: {path}").format(path=made))
    return 0


def _restore_server(location: Path, source: Path, yes: bool) -> int:
    from tryggapp.storage.server_database import restore_dump, verify_dump

    verify_dump(source)  # refuse a bad dump before asking anything
    if not _confirm(location, source, yes):
        return 1
    previous, _revision = restore_dump(location, source)  # type: ignore[arg-type]
    print(_("Restored {path} from {backup}.").format(path=location, backup=source))
    print(_("The previous file was saved as {copy}.").format(copy=previous))
    return 0


def _confirm(path: Path, source: Path, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise UserError(_("Restoring replaces {path}. Add --yes to confirm.").format(path=path))
    print(_("This replaces {path} with the backup {backup}. The current file is backed up first.").format(
        path=path, backup=source))
    answer = input(_("Type yes to continue: ")).strip().casefold()
    if answer not in {_("yes").casefold(), "yes", "ja", "j", "y"}:
        print(_("Nothing was changed."))
        return False
    return True


def _restore(args: argparse.Namespace) -> int:
    from tryggapp.cli import db_path
    from tryggapp.services import backups
    from tryggapp.storage.identity import read_identity

    path = db_path(args)
    source = Path(args.backup).expanduser()
    if is_server_text(path):
        return _restore_server(path, source, args.yes)
    backups.verify_backup(source)  # refuse a bad backup before asking anything
    if path.exists() and backups.belongs_to(read_identity(path), source) == "other":
        print(_("Note: {backup} is a backup of another database, not of {path}.").format(
            backup=source, path=path), file=sys.stderr)
    if not _confirm(path, source, args.yes):
        return 1
    result = backups.restore_backup(path, source)
    print(_("Restored {path} from {backup}.").format(path=path, backup=result.restored_from))
    if result.previous_copy is not None:
        print(_("The previous file was saved as {copy}.").format(copy=result.previous_copy))
    return 0
