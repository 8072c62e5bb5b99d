"""`tryggapp copy --from SOURCE --to TARGET`: a whole database between a file and a team
database (PostgreSQL), either way, checked row by row (storage.copy)."""

from __future__ import annotations

import argparse

from tryggapp.i18n import _


def register(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="source", required=True, metavar=_("SOURCE"),
                        help=_("the database to copy: a file or postgresql://USER@HOST/DATABASE"))
    parser.add_argument("--to", dest="target", required=True, metavar=_("TARGET"),
                        help=_("a new or empty database: a file or postgresql://USER@HOST/DATABASE"))


def run(name: str, args: argparse.Namespace) -> int:
    from tryggapp.storage.copy import copy_database
    from tryggapp.storage.location import database_location

    source = database_location(args.source)
    target = database_location(args.target)
    report = copy_database(source, target)
    print(_("Copied {source} to {target}.").format(source=report.source, target=report.target))
    print(_("Checked row by row: {tables} tables, {rows} rows, the same in both (row count and content "
            "checksum per table).").format(tables=len(report.tables), rows=report.rows))
    for check in report.tables:
        if check.rows:
            print(f"  {check.table:<28} {check.rows:>7}")
    print(_("The copy has an identity of its own: its backups are kept apart from the original's."))
    return 0
