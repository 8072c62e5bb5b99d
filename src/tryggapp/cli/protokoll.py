"""`tryggapp protokoll` and `tryggapp kalender`: a meeting's minutes or notice as PDF, the
meeting ids, and a group's upcoming meetings as an .ics calendar file.

    tryggapp protokoll --db PATH --list
    tryggapp protokoll --db PATH --meeting 12 -o protokoll.pdf
    tryggapp protokoll --db PATH --meeting 12 --kallelse -o kallelse.pdf
    tryggapp kalender --db PATH --group "Samordningsgruppen" -o möten.ics

Like `tryggapp report`: read-only (works while the app has the file open), mistakes end
in one Swedish line on stderr with exit code 2, files are written atomically."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from tryggapp.errors import UserError
from tryggapp.i18n import _, ngettext


class UsageError(UserError):
    exit_code = 2


def register(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "protokoll":
        parser.add_argument("--meeting", type=int, default=None, metavar=_("ID"),
                            help=_("the meeting (its id: see --list)"))
        parser.add_argument("--list", action="store_true", help=_("list the meetings with their ids"))
        parser.add_argument("--kallelse", action="store_true",
                            help=_("write the notice of the meeting (with its agenda) instead of the minutes"))
    else:
        parser.add_argument("--group", default=None, metavar=_("NAME"), help=_("the group, by name or short name"))
    parser.add_argument("-o", "--output", type=Path, default=None, metavar=_("FILE"), help=_("the file to write"))
    parser.add_argument("--today", default=None, help=argparse.SUPPRESS)  # tests pin it


def _open(args: argparse.Namespace):  # noqa: ANN202 - storage.Database
    from tryggapp.cli import db_path
    from tryggapp.storage import open_database

    path = db_path(args)
    if not path.exists():
        raise UsageError(_("The database file {path} does not exist.").format(path=path))
    return open_database(path, read_only=True)


def _today(args: argparse.Namespace) -> dt.date:
    if not args.today:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(args.today)
    except ValueError:
        raise UsageError(_("Invalid date “{value}” for {option}: write it as YYYY-MM-DD, e.g. 2026-08-31.")
                         .format(value=args.today, option="--today")) from None


def _output(args: argparse.Namespace, default_name: str) -> Path:
    output = args.output or Path(default_name)
    if output.is_dir():
        output = output / default_name
    if not output.parent.exists():
        raise UsageError(_("The folder {path} does not exist.").format(path=output.parent))
    return output


def run(name: str, args: argparse.Namespace) -> int:
    return _protokoll(args) if name == "protokoll" else _kalender(args)


def _protokoll(args: argparse.Namespace) -> int:
    if not args.list and args.meeting is None:
        raise UsageError(_("Which meeting? Give --meeting ID (the ids are listed by --list)."))
    today = _today(args)
    db = _open(args)
    try:
        from tryggapp.services import protocol

        if args.list:
            rows = protocol.meeting_list(db)
            if not rows:
                print(_("The database has no meetings."))
            for ident, day, group, status, span in rows:
                print(f"{ident:>5}  {day.isoformat()}  {group}  ({status}{', ' + span if span else ''})")
            return 0
        try:
            data = protocol.collect(db, args.meeting, today)
        except UserError as exc:  # no such meeting: a usage mistake
            raise UsageError(exc.message) from exc
    finally:
        db.close()
    from tryggapp.reports import minutes as pdf

    if args.kallelse:
        output = _output(args, _("Notice-{date}.pdf").format(date=data.date.isoformat()))
        pages = pdf.build_notice(data, output)
    else:
        output = _output(args, _("Minutes-{date}.pdf").format(date=data.date.isoformat()))
        pages = pdf.build_protocol(data, output)
    print(ngettext("Wrote {path} ({pages} page).", "Wrote {path} ({pages} pages).", pages)
          .format(path=output, pages=pages))
    return 0


def _kalender(args: argparse.Namespace) -> int:
    if not args.group:
        raise UsageError(_("Which group? Give --group NAME."))
    today = _today(args)
    db = _open(args)
    try:
        from tryggapp.services import calendar, meetings

        group = meetings.find_group(db, args.group)
        result = calendar.build(db, group.id, today)
    except UserError as exc:
        raise UsageError(exc.message) from exc
    finally:
        db.close()
    output = _output(args, _("Meetings.ics"))
    calendar.write(result, output)
    print(ngettext("Wrote {path} ({count} meeting).", "Wrote {path} ({count} meetings).", result.events)
          .format(path=output, count=result.events))
    return 0
