"""`tryggapp audit`: the change log (Ändringslogg), newest first, with filters."""

from __future__ import annotations

import argparse
import datetime as dt

from tryggapp.cli.arguments import integer
from tryggapp.errors import UserError
from tryggapp.i18n import _


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{text}” is not a date (YYYY-MM-DD).").format(text=text)) from None


def register(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--table", help=_("only this table, e.g. measure"))
    parser.add_argument("--record", help=_("only this record id (use with --table)"))
    parser.add_argument("--user", help=_("only changes by this user (the database user on PostgreSQL, else the OS user)"))
    parser.add_argument("--action", choices=["create", "update", "delete"], help=_("only this kind of change"))
    parser.add_argument("--since", type=_date, metavar=_("DATE"), help=_("from this date (YYYY-MM-DD)"))
    parser.add_argument("--until", type=_date, metavar=_("DATE"), help=_("up to and including this date"))
    parser.add_argument("--text", help=_("only entries containing this text"))
    parser.add_argument("--limit", type=integer, default=50, help=_("at most this many entries (default 50)"))
    parser.add_argument("--raw", action="store_true",
                        help=_("show column names and stored codes instead of readable text"))


def _open(path):  # noqa: ANN001, ANN202
    """Read-only, so the log can be read while the app has the file open."""
    from tryggapp.storage import open_database
    from tryggapp.storage.errors import DatabaseReadOnly

    try:
        return open_database(path, read_only=True)
    except DatabaseReadOnly:
        # Needs a migration first (or does not exist): open as the app would.
        return open_database(path)


def run(name: str, args: argparse.Namespace) -> int:
    from tryggapp.cli import db_path
    from tryggapp.formatting import datetime_short
    from tryggapp.services import audit

    if args.limit is not None and args.limit < 1:
        raise UserError(_("--limit must be at least 1."))
    db = _open(db_path(args))
    try:
        filters = dict(table=args.table, record_id=args.record, user=args.user, action=args.action,
                       since=args.since, until=args.until, text=args.text)
        rows = audit.query(db, limit=args.limit, **filters)
        total = audit.count(db, **filters)
    finally:
        db.close()
    if not rows:
        print(_("No changes found."))
        return 0
    for r in rows:
        print(f"{datetime_short(r.at)}  {r.user:<12} {r.action_label:<9} {r.record_label}")
        detail = r.describe() if args.raw else r.readable()
        if detail:
            print(f"    {detail}")
    if total > len(rows):
        print(_("Showing {shown} of {total} entries; use --limit to see more.").format(shown=len(rows), total=total))
    return 0
