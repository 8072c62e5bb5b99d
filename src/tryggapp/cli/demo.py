"""`tryggapp demo`: create the fictional demo municipality in a new (or empty) database.

A database that already holds data is refused. With --force it is replaced, but only after
a verified backup of it has been written to the backup folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.paths import is_server_text


def register(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", default=None, metavar=_("YYYY-MM-DD"),
                        help=_("the date the demo is built around (default: today)"))
    parser.add_argument("--force", action="store_true",
                        help=_("replace a database that already holds data (a backup of it is made first)"))


def parse_today(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(_("Invalid date for --today: “{value}”. Write it as YYYY-MM-DD.").format(
            value=text)) from None


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def run(name: str, args: argparse.Namespace) -> int:
    from tryggapp.cli import db_path
    from tryggapp.services import demo
    from tryggapp.services.stats import row_counts
    from tryggapp.storage import open_database
    from tryggapp.storage.backup import make_backup

    today = parse_today(args.today)
    path = db_path(args)
    db = open_database(path, create=True)
    try:
        with db.session() as s:
            empty = demo.is_empty(s)
        if not empty:
            if not args.force:
                raise UserError(_("The database {path} already holds data. Choose a new file, or use "
                                  "--force to replace it (a backup is made first).").format(path=path))
            if is_server_text(path):
                # Never drop a team database's tables from a laptop: IT makes a new one.
                raise UserError(_("The team database {path} already holds data, and --force does not replace "
                                  "a team database. Put the demo in a new, empty database.").format(path=path))
            backup = make_backup(path, db.backup_dir, "före-demo")
            db.close()
            _remove_database(path)
            print(_("The previous database was backed up to {path}").format(path=backup))
            db = open_database(path, create=True)
        demo.populate(db, today=today)
        print(_("Demo municipality “{name}” created in {path} (as of {today}):").format(
            name=demo.DEMO_MUNICIPALITY, path=path, today=today.isoformat()))
        for label, count in row_counts(db):
            if count:
                print(f"  {label:<32} {count:>7}")
    finally:
        db.close()
    return 0
