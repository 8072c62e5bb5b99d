"""`import_plan`: read, map, check every row (cells and the program's rules, all in one
list), then — only when something changes — take a backup and write it all in one
transaction, or nothing."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from collections.abc import Mapping
from pathlib import Path

from tryggapp.errors import UserError
from tryggapp.i18n import _, ngettext
from tryggapp.services.excel.changes import Apply, ImportReport, Options
from tryggapp.services.excel.format import MAPPABLE, field_label
from tryggapp.services.excel.mapping import missing_standard, read_table, standard_mapping, year_in
from tryggapp.services.excel.validate import (
    ImportFailed,
    RowError,
    check_duplicate_numbers,
    parse_rows,
    parse_side_sheets,
    side_sheets,
)
from tryggapp.storage import Database


class NotOurFormat(UserError):
    """The workbook lacks some of our columns: its columns must be mapped."""


class YearUnknown(UserError):
    """Neither the caller nor the sheet's name says which year."""


def backup_before_import(db: Database) -> Path | None:
    """A backup named 'före-import' when the backups service is installed (it is written
    separately; the import must work without it)."""
    if importlib.util.find_spec("tryggapp.services.backups") is None:
        return None
    backups = importlib.import_module("tryggapp.services.backups")
    result = backups.backup_now(db, getattr(backups, "BEFORE_IMPORT", "före-import"))
    return result if isinstance(result, Path) else getattr(result, "path", None)


def import_plan(db: Database, path: Path, year: int | None = None, mapping: Mapping[str, int] | None = None,
                today: dt.date | None = None, *, dry_run: bool = False, header_row: int | None = None,
                clear_empty: bool = False, status_date: dt.date | None = None,
                choices: Mapping[int, int] | None = None) -> ImportReport:
    """Import `path` (.xlsx, .ods or .csv) into `year`'s action plan (created if missing).

    mapping None: the file must be in Tryggapp's format (the export); its other sheets
    (progress log, status history, focus areas and goals) are read too. Otherwise
    `mapping` maps field keys (see MAPPABLE) to 0-based column indexes of the first
    sheet, whose header row is found by the best match, or is `header_row` (1-based).

    A row updates the measure with its Nr, or without Nr the one with the same focus area
    and title (`choices`: excel row -> Nr, 0 for new, where that is ambiguous); other
    rows are added. An empty cell keeps the stored value unless `clear_empty`. Status
    changes get the row's status date, else `status_date`, else `today` (the report
    says so). Every row is checked first; any problem raises ImportFailed listing each
    row and field, and nothing is written. A backup is taken only when something is
    about to be written. `dry_run` checks and lists the changes without writing."""
    today = today or dt.date.today()
    standard = mapping is None
    table = read_table(path, header_row, all_sheets=standard)
    name = Path(path).name
    if standard:
        missing = missing_standard(table.headers)
        if missing:
            raise NotOurFormat(ngettext(
                "“{name}” is not in Tryggapp's format: the column {columns} is missing (row {row}). "
                "Import it with column mapping instead.",
                "“{name}” is not in Tryggapp's format: the columns {columns} are missing (row {row}). "
                "Import it with column mapping instead.", len(missing)).format(
                name=name, columns=", ".join(_("“{column}”").format(column=c.title) for c in missing),
                row=table.header_row))
        mapping = standard_mapping(table.headers)
    else:
        mapping = dict(mapping or {})
        bad = [k for k, i in mapping.items() if k not in dict(MAPPABLE) or not 0 <= i < max(len(table.headers), 1)]
        if bad:
            raise UserError(_("Unknown field or column in the mapping: {fields}").format(fields=", ".join(bad)))
        if "title" not in mapping:
            raise UserError(_("Choose the column that holds the measure (“{field}”).").format(field=_("Measure")))
    if year is None:
        year = year_in(table.sheet) or (year_in(Path(path).stem) if table.kind == "csv" else None)
    if year is None:
        raise YearUnknown(_("Which year's action plan is this? The sheet name “{sheet}” does not say; "
                            "choose the year.").format(sheet=table.sheet))
    if not 1900 <= year <= 2200:
        raise UserError(_("“{year}” is not a valid year.").format(year=year))

    labels = {key: table.headers[i] or field_label(key) for key, i in mapping.items()}
    errors: list[RowError] = []
    parsed = parse_rows(table.data, table.header_row + 1, mapping, labels, errors)
    if "number" in mapping:
        check_duplicate_numbers(parsed, labels["number"], errors)
    extra = parse_side_sheets(side_sheets(table.sheets), errors) if standard else {}
    if not parsed and not errors and not extra.get("focus"):
        raise UserError(_("“{name}” has no rows to import below the headers.").format(name=name))
    options = Options(clear_empty=clear_empty, status_date=status_date, choices=dict(choices or {}))

    def one_pass(write: bool) -> ImportReport:
        report = ImportReport(year=year, dry_run=not write)
        # One transaction: db.session() rolls everything back if anything below raises.
        with db.session() as s:
            rule_errors = Apply(s, year, mapping, labels, extra, options, today, report).run(parsed)
            if errors or rule_errors:  # cell problems and rule problems, reported together
                raise ImportFailed([*errors, *rule_errors], table.sheet)
            if write:
                s.commit()  # failures translated by Database.session
            else:
                s.rollback()
        return report

    check = one_pass(write=False)
    if dry_run or not check.changed:
        return check
    backup = backup_before_import(db)  # only now: a refused or empty import leaves none
    report = one_pass(write=True)
    report.backup = backup
    return report
