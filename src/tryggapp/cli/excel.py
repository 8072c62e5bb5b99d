"""`tryggapp export-plan` and `tryggapp import-plan`: the action plan to and from Excel.

    tryggapp export-plan --db PATH --year 2026 -o plan.xlsx
    tryggapp import-plan --db PATH plan.xlsx [--year 2026] [--map title=Aktivitet ...] [--dry-run]
        [--header-row N] [--clear-empty] [--status-date YYYY-MM-DD] [--create]

Bad input ends with a Swedish message on stderr and a non-zero exit code (UserError,
handled in tryggapp.cli.run); an import with bad rows lists every row and field."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from tryggapp.cli.arguments import integer
from tryggapp.errors import UserError
from tryggapp.i18n import _


def register(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "export-plan":
        parser.add_argument("--year", type=integer, default=None, metavar=_("YEAR"),
                            help=_("the plan's year (default: this year)"))
        parser.add_argument("-o", "--output", default=None, metavar=_("FILE"),
                            help=_("the .xlsx file to write (default: Handlingsplan-YEAR.xlsx)"))
    else:
        parser.add_argument("file", type=Path, metavar=_("FILE"), help=_("the .xlsx, .ods or .csv file to read"))
        parser.add_argument("--year", type=integer, default=None, metavar=_("YEAR"),
                            help=_("the plan's year (default: the year in the sheet's name)"))
        parser.add_argument("--map", action="append", default=[], metavar=_("FIELD=COLUMN"),
                            help=_("for a workbook not exported by Tryggapp: which column holds a field, "
                                   "by header or letter, e.g. title=Aktivitet deadline=F (repeatable). "
                                   "Fields: {fields}").format(fields=_field_keys()))
        parser.add_argument("--dry-run", action="store_true",
                            help=_("check the file and list every change, without writing"))
        parser.add_argument("--header-row", type=integer, default=None, metavar=_("ROW"),
                            help=_("the row that holds the column headers (default: the best match)"))
        parser.add_argument("--clear-empty", action="store_true",
                            help=_("an empty cell clears the stored value (default: it keeps it)"))
        parser.add_argument("--status-date", type=_date, default=None, metavar=_("YYYY-MM-DD"),
                            help=_("the date of status changes the file gives no status date for "
                                   "(default: today)"))
        parser.add_argument("--create", action="store_true",
                            help=_("create the database if it does not exist (an empty one)"))
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{value}” is not a date (YYYY-MM-DD)").format(value=text)) from None


def _field_keys() -> str:
    from tryggapp.services.excel import MAPPABLE

    return ", ".join(key for key, _label in MAPPABLE)


class DatabaseMissingHint(UserError):
    exit_code = 3  # a database problem, as from every command (README's table)


def run(name: str, args: argparse.Namespace) -> int:
    from tryggapp.cli import db_path
    from tryggapp.storage import open_database

    today = args.today or dt.date.today()
    path = db_path(args)
    if name == "export-plan":
        from tryggapp.services import excel

        year = args.year if args.year is not None else today.year
        from tryggapp.cli.arguments import output_path

        output = output_path(args.output, f"Handlingsplan-{year}.xlsx")
        db = open_database(path, read_only=False)
        try:
            report = excel.export_plan(db, year, output, today)
        finally:
            db.close()
        print(_("Wrote {path} ({n} measures).").format(path=report.path, n=report.measures))
        return 0

    from tryggapp.services import excel
    from tryggapp.storage.errors import DatabaseMissing

    mapping = _mapping(args.file, args.map, args.header_row) if args.map else None
    try:
        db = open_database(path, create=args.create)
    except DatabaseMissing as exc:
        raise DatabaseMissingHint(_("{message} Create an empty one first with “tryggapp init --db {path}”, or add "
                          "--create.").format(message=exc.message, path=path)) from None
    try:
        report = excel.import_plan(db, args.file, args.year, mapping, today, dry_run=args.dry_run,
                                   header_row=args.header_row, clear_empty=args.clear_empty,
                                   status_date=args.status_date)
    except excel.NotOurFormat as exc:
        raise UserError(_("{message} On the command line: --map FIELD=COLUMN for each column, e.g. "
                          "--map title=Åtgärd --map deadline=F (fields: {fields}).").format(
            message=exc.message, fields=_field_keys())) from None
    except excel.YearUnknown as exc:
        raise UserError(_("{message} On the command line: --year YEAR.").format(message=exc.message)) from None
    finally:
        db.close()
    if args.dry_run:
        print(_("Checked, nothing written: {summary}").format(summary=report.summary()))
    else:
        print(report.summary())
        if report.backup:
            print(_("Backup taken first: {path}").format(path=report.backup))
    for line in report.details():
        print(f"  {line}")
    for line in report.kept_empty[:50]:
        print(f"  {line}")
    for line in report.notices():
        print(line)
    if report.status_dated and args.status_date is None:
        print(_("Give another date with --status-date YYYY-MM-DD, or a “{column}” column in the file.").format(
            column=excel.COLUMN_BY_KEY["status_date"].title))
    if report.kept_empty:
        print(_("To empty those fields, import again with --clear-empty."))
    return 0


def _mapping(file: Path, items: list[str], header_row: int | None = None) -> dict[str, int]:
    """'title=Aktivitet' / 'deadline=F' -> {'title': index of that column}."""
    from openpyxl.utils import column_index_from_string

    from tryggapp.services import excel

    preview = excel.read_headers(file, header_row=header_row)
    known = dict(excel.MAPPABLE)
    headers = [h.casefold().strip() for h in preview.headers]
    out: dict[str, int] = {}
    for item in items:
        key, sep, column = item.partition("=")
        key, column = key.strip(), column.strip()
        if not sep or key not in known:
            raise UserError(_("“{item}” is not FIELD=COLUMN with a known field ({fields}).").format(
                item=item, fields=_field_keys()))
        if column.casefold() in headers:
            out[key] = headers.index(column.casefold())
        elif column.isalpha() and column.isupper() and len(column) <= 3:
            out[key] = column_index_from_string(column) - 1
        else:
            raise UserError(_("The file has no column “{column}” (its columns: {headers}).").format(
                column=column, headers=", ".join(preview.headers)))
    return out

