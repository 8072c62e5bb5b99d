"""`tryggapp export-plan` and `tryggapp import-plan`: the action plan to and from Excel.

    tryggapp export-plan --db PATH --year 2026 -o plan.xlsx
    tryggapp import-plan --db PATH plan.xlsx [--year 2026] [--map title=Aktivitet ...] [--dry-run]

Bad input ends with a Swedish message on stderr and a non-zero exit code (UserError,
handled in tryggapp.cli.run); an import with bad rows lists every row and field."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from tryggapp.errors import UserError
from tryggapp.i18n import _


def register(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "export-plan":
        parser.add_argument("--year", type=int, default=None, metavar=_("YEAR"),
                            help=_("the plan's year (default: this year)"))
        parser.add_argument("-o", "--output", type=Path, default=None, metavar=_("FILE"),
                            help=_("the .xlsx file to write (default: Handlingsplan-YEAR.xlsx)"))
    else:
        parser.add_argument("file", type=Path, metavar=_("FILE"), help=_("the .xlsx file to read"))
        parser.add_argument("--year", type=int, default=None, metavar=_("YEAR"),
                            help=_("the plan's year (default: the year in the sheet's name)"))
        parser.add_argument("--map", action="append", default=[], metavar=_("FIELD=COLUMN"),
                            help=_("for a workbook not exported by Tryggapp: which column holds a field, "
                                   "by header or letter, e.g. title=Aktivitet deadline=F (repeatable). "
                                   "Fields: {fields}").format(fields=_field_keys()))
        parser.add_argument("--dry-run", action="store_true",
                            help=_("check the file and report what would change, without writing"))
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)


def _field_keys() -> str:
    from tryggapp.services.excel import MAPPABLE

    return ", ".join(key for key, _label in MAPPABLE)


def run(name: str, args: argparse.Namespace) -> int:
    from tryggapp.cli import db_path
    from tryggapp.storage import open_database

    today = args.today or dt.date.today()
    path = db_path(args)
    if name == "export-plan":
        from tryggapp.services import excel

        year = args.year if args.year is not None else today.year
        output = args.output or Path(f"Handlingsplan-{year}.xlsx")
        db = open_database(path, read_only=False)
        try:
            report = excel.export_plan(db, year, output, today)
        finally:
            db.close()
        print(_("Wrote {path} ({n} measures).").format(path=report.path, n=report.measures))
        return 0

    from tryggapp.services import excel

    mapping = _mapping(args.file, args.map) if args.map else None
    db = open_database(path)
    try:
        report = excel.import_plan(db, args.file, args.year, mapping, today, dry_run=args.dry_run)
    finally:
        db.close()
    if args.dry_run:
        print(_("Checked, nothing written: {summary}").format(summary=report.summary()))
    else:
        print(report.summary())
        if report.backup:
            print(_("Backup taken first: {path}").format(path=report.backup))
    for label, names in ((_("New organisations"), report.created_organisations),
                         (_("New people"), report.created_people),
                         (_("New focus areas"), report.created_focus_areas)):
        if names:
            print(f"  {label}: {', '.join(names)}")
    return 0


def _mapping(file: Path, items: list[str]) -> dict[str, int]:
    """'title=Aktivitet' / 'deadline=F' -> {'title': index of that column}."""
    from openpyxl.utils import column_index_from_string

    from tryggapp.services import excel

    preview = excel.read_headers(file)
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

