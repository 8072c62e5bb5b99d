"""`tryggapp check`: open as the app would, print revision and row counts."""

from __future__ import annotations

import argparse

from tryggapp.i18n import _


def register(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--full", action="store_true", help=_("run the full integrity check (slower)"))


def run(name: str, args: argparse.Namespace) -> int:
    from tryggapp.cli import db_path
    from tryggapp.services.stats import row_counts
    from tryggapp.storage import open_database

    path = db_path(args)
    db = open_database(path, create=False, full_check=args.full)
    try:
        print(_("Database: {path}").format(path=path))
        print(_("Schema revision: {rev}").format(rev=db.revision()))
        if db.migrated_from is not None:
            # The upgrade ran and committed (open_database raises otherwise): say so.
            print(_("Upgraded the schema from {old} to {new}; every reference between the tables checked.")
                  .format(old=db.migrated_from, new=db.revision()))
        if db.copy_of_identity is not None:
            print(_("This file is a copy of another database and now has an identity of its own, "
                    "so their backups are kept apart."))
        if db.migration_backup:
            print(_("Migrated; backup taken first: {path}").format(path=db.migration_backup))
        for label, count in row_counts(db):
            print(f"  {label:<32} {count:>7}")
    finally:
        db.close()
    return 0
