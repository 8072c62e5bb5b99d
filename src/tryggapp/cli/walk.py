"""`tryggapp vandring`: a safety walk's documents.

    tryggapp vandring --db PATH --list
    tryggapp vandring --db PATH --walk ID -o protokoll.pdf
    tryggapp vandring --db PATH --walk ID --feedback -o återkoppling.pdf

As `tryggapp report`: the database is opened read-only (works while the app has it
open), a missing database, an unknown walk or a missing folder is one Swedish line and
exit code 2, and the PDF is written atomically (a file that cannot be written is one
line and exit code 1, nothing half-written left behind)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from tryggapp.errors import UserError
from tryggapp.i18n import _, ngettext


class WalkUsageError(UserError):
    exit_code = 2


def register(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--list", action="store_true", help=_("list the walks: id, date, area, observations"))
    parser.add_argument("--walk", type=_walk_id, default=None, metavar=_("ID"),
                        help=_("the walk (its id from --list)"))
    parser.add_argument("--feedback", action="store_true",
                        help=_("the residents' feedback (without personal data) instead of the protocol"))
    parser.add_argument("-o", "--output", type=Path, default=None, metavar=_("FILE"),
                        help=_("the PDF to write (default: Trygghetsvandring-AREA-DATE.pdf in the current folder)"))
    # The day the measures' status stands on; tests pin it.
    parser.add_argument("--today", default=None, help=argparse.SUPPRESS)


def _walk_id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{value}” is not a walk id (a whole number, see --list)").format(
            value=value)) from None
    if number < 1:
        raise argparse.ArgumentTypeError(_("“{value}” is not a walk id (a whole number, see --list)").format(
            value=value))
    return number


def _today(value: str | None) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise WalkUsageError(_("Invalid date “{value}” for {option}: write it as YYYY-MM-DD, e.g. 2026-08-31.")
                             .format(value=value, option="--today")) from None


def default_name(area: str, day: dt.date, *, feedback: bool) -> str:
    """'Trygghetsvandring-Centrum-2025-10-14.pdf' / 'Återkoppling-Centrum-2025-10-14.pdf'."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in area.strip()).strip("-") or "vandring"
    pattern = _("Feedback-{area}-{date}.pdf") if feedback else _("Safety-walk-{area}-{date}.pdf")
    return pattern.format(area=safe[:60], date=day.isoformat())


def run(name: str, args: argparse.Namespace) -> int:
    from tryggapp.cli import db_path

    if args.list and (args.walk is not None or args.feedback or args.output is not None):
        raise WalkUsageError(_("--list cannot be combined with --walk, --feedback or -o."))
    if not args.list and args.walk is None:
        raise WalkUsageError(_("Which walk? Give --walk ID (list the walks with --list)."))
    today = _today(args.today)
    if args.output is not None and not _is_dir(args.output) and not _is_dir(args.output.parent):
        raise WalkUsageError(_("The folder {path} does not exist.").format(path=args.output.parent))
    path = db_path(args)
    if not path.exists():
        raise WalkUsageError(_("The database file {path} does not exist.").format(path=path))

    from tryggapp.services import walk_documents
    from tryggapp.storage import open_database

    # Read-only: documents never write, migrate or lock the file.
    db = open_database(path, read_only=True)
    try:
        if args.list:
            return _list(walk_documents.list_walks(db))
        if args.feedback:
            from tryggapp.reports import walk_feedback

            data = walk_documents.feedback(db, args.walk, today)
            output = _output(args.output, data.area, data.date, feedback=True)
            pages = walk_feedback.build_pdf(data, output)
        else:
            from tryggapp.reports import walk_protocol

            data = walk_documents.protocol(db, args.walk, today)
            output = _output(args.output, data.area, data.date, feedback=False)
            pages = walk_protocol.build_pdf(data, output)
    finally:
        db.close()
    print(ngettext("Wrote {path} ({pages} page).", "Wrote {path} ({pages} pages).", pages).format(
        path=output, pages=pages))
    return 0


def _output(given: Path | None, area: str, day: dt.date, *, feedback: bool) -> Path:
    name = default_name(area, day, feedback=feedback)
    if given is None:
        return Path(name)
    return given / name if _is_dir(given) else given


def _is_dir(path: Path) -> bool:
    """Path.is_dir(), but a name the system refuses (too long) is simply not a folder:
    writing to it then fails with the usual one-line message instead of a traceback."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _list(rows) -> int:  # noqa: ANN001 - list of walk_documents.WalkListRow
    from tryggapp.formatting import date_short

    if not rows:
        print(_("The database has no safety walks."))
        return 0
    heads = (_("Id"), _("Date"), _("Observations"), _("Area"))
    print("{:>4}  {:<10}  {:>12}  {}".format(*heads))
    for r in rows:
        print(f"{r.id:>4}  {date_short(r.date):<10}  {r.observations:>12}  {r.area}")
    return 0
