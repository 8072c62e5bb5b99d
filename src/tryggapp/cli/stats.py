"""`tryggapp import-stats`: a statistics series (CSV or Excel) as an indicator's values.

    tryggapp import-stats --db PATH FILE.csv|.xlsx --indicator ID [--dry-run]
        [--period-column C] [--value-column C] [--category-column C] [--replace | --keep]

Every row is checked first; a file with any bad row is refused with one Swedish line per
bad row on stderr (exit 2) and nothing is saved. A stored value the file would change is
replaced only with --replace (--keep keeps it); without either the import stops (exit 1).
A backup is taken before anything is written, as for import-plan."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from tryggapp.cli.arguments import integer
from tryggapp.errors import UserError
from tryggapp.i18n import _


class NoSuchIndicator(UserError):
    exit_code = 2  # the command line named something that is not there (bad input)


def register(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, nargs="?", metavar=_("FILE"),
                        help=_("the .csv, .xlsx or .ods file to read"))
    parser.add_argument("--indicator", type=integer, default=None, metavar=_("ID"),
                        help=_("the goal whose indicator the values belong to (its id: see --list)"))
    parser.add_argument("--list", action="store_true", help=_("list the goals with their ids and indicators"))
    parser.add_argument("--dry-run", action="store_true",
                        help=_("check the file and say what would be imported, without writing"))
    for key, example in (("period", "År"), ("value", "Antal"), ("category", "Brottskategori")):
        parser.add_argument(f"--{key}-column", default=None, metavar=_("COLUMN"),
                            help=_("the column with the {what}, by header or letter (e.g. {example}); "
                                   "default: guessed from the headers").format(what=_what(key), example=example))
    parser.add_argument("--header-row", type=integer, default=None, metavar=_("ROW"),
                        help=_("the row that holds the column headers (default: the best match)"))
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--replace", action="store_true",
                        help=_("the file's values replace stored values that differ"))
    choice.add_argument("--keep", action="store_true", help=_("stored values that differ are kept"))
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)


def _what(key: str) -> str:
    return {"period": _("period"), "value": _("value"), "category": _("category")}[key]


def run(name: str, args: argparse.Namespace) -> int:
    from tryggapp import domain as d
    from tryggapp.cli import db_path
    from tryggapp.services import crud, indicators
    from tryggapp.services.excel import ImportFailed
    from tryggapp.storage import open_database

    if args.list:
        return _list(db_path(args))
    if args.file is None or args.indicator is None:
        raise NoSuchIndicator(_("Name the file and the indicator: tryggapp import-stats FILE --indicator ID "
                                "(the ids: tryggapp import-stats --list)."))
    db = open_database(db_path(args))
    try:
        try:
            goal = crud.get(db, d.Goal, args.indicator)
        except crud.NotFound:
            raise NoSuchIndicator(_("There is no goal with the id {id} in the database.").format(
                id=args.indicator)) from None
        file = indicators.read_file(args.file, args.header_row)
        guessed = indicators.guess_columns(file)
        given = {key: getattr(args, f"{key}_column") for key in ("period", "value", "category")}
        chosen = {key: indicators.find_column(file, text) if text else getattr(guessed, key)
                  for key, text in given.items()}
        columns = indicators.Columns(**chosen)
        replace = True if args.replace else False if args.keep else None
        try:
            plan, done = indicators.import_stats(db, goal.id, args.file, columns,  # type: ignore[arg-type]
                                                 dry_run=args.dry_run, replace=replace,
                                                 header_row=args.header_row, today=args.today)
        except ImportFailed as exc:
            # Every bad row, one line each (the shared message stops after twenty).
            lines = str(exc).splitlines()[:1] + [str(e) for e in exc.errors]
            print("tryggapp: " + "\n".join(lines), file=sys.stderr)
            return exc.exit_code
        except indicators.ChoiceNeeded as exc:
            raise indicators.ChoiceNeeded(_("{message} On the command line: --replace or --keep.").format(
                message=exc.message)) from None
    finally:
        db.close()
    print(_("Indicator: {name}").format(name=goal.indicator or goal.text))
    period, value = file.column_name(columns.period), file.column_name(columns.value)  # type: ignore[arg-type]
    if columns.category is not None:
        print(_("Columns: period “{period}”, value “{value}”, category “{category}”.").format(
            period=period, value=value, category=file.column_name(columns.category)))
    else:
        print(_("Columns: period “{period}”, value “{value}” (no category column).").format(
            period=period, value=value))
    if done is None:
        print(_("Checked, nothing written: {summary}").format(summary=plan.summary(replace)))
        if plan.conflicts and replace is None:
            print(_("Say with --replace or --keep what becomes of the stored values that differ."))
        return 0
    print(_("Imported: {summary}").format(summary=done.summary()))
    if plan.skipped:
        print(plan.skipped_text())
    if done.backup:
        print(_("Backup taken first: {path}").format(path=done.backup))
    return 0


def _list(path: Path) -> int:
    """Every goal: its id (for --indicator), its number in the programme ("3.1"), its
    indicator and categories."""
    from tryggapp import domain as d
    from tryggapp.services import crud, indicators
    from tryggapp.services import programme as svc
    from tryggapp.storage import open_database

    db = open_database(path, read_only=True)
    try:
        programme = svc.current_programme(db)
        if programme is None:
            print(_("The database has no action programme yet."))
            return 0
        outline = svc.tree(db, programme.id)  # type: ignore[arg-type]
        for direction in outline.directions:
            for area in direction.focus_areas:
                for i, node in enumerate(area.goals, start=1):
                    goal = crud.get(db, d.Goal, node.id)
                    line = f"{node.id:>5}  {area.number}.{i}  {goal.indicator or goal.text}"
                    names = [c.name for c in indicators.list_categories(db, node.id)]
                    if names:
                        line += "  (" + _("categories: {names}").format(names=", ".join(names)) + ")"
                    print(line)
    finally:
        db.close()
    return 0
