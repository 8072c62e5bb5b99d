"""`tryggapp report`: write the follow-up report (uppföljningsrapport) as a PDF.

    tryggapp report --db PATH --period 2026-T2 -o rapport.pdf
    tryggapp report --db PATH --from 2026-01-01 --to 2026-08-31 --exclude appendix

Every mistake the user can make here ends with one Swedish line on stderr: exit code 2
for the command line (no period, a bad one, a folder that does not exist), 3 for the
database (missing, damaged), 5 when the PDF cannot be written (README's table); the PDF is written atomically, so a failure never leaves half a file."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tryggapp.errors import UserError
from tryggapp.i18n import _, ngettext

if TYPE_CHECKING:
    from tryggapp.reports.chartwork import Renderer


def register(name: str, parser: argparse.ArgumentParser) -> None:
    from tryggapp.reports import SECTIONS

    parser.add_argument("--period", metavar=_("PERIOD"),
                        help=_("a year (2026), a tertial (2026-T2) or a quarter (2026-Q3)"))
    parser.add_argument("--from", dest="date_from", metavar=_("DATE"),
                        help=_("first day of a free period (YYYY-MM-DD), with --to"))
    parser.add_argument("--to", dest="date_to", metavar=_("DATE"), help=_("last day of a free period (YYYY-MM-DD)"))
    parser.add_argument("-o", "--output", default=None, metavar=_("FILE"),
                        help=_("the PDF to write (default: Uppföljning-PERIOD.pdf in the current folder)"))
    parser.add_argument("--exclude", action="append", default=[], metavar=_("SECTION"),
                        help=_("leave a section out (repeatable): {sections}").format(sections=", ".join(SECTIONS)))
    # The report date (lateness, meetings held so far); tests pin it.
    parser.add_argument("--today", default=None, help=argparse.SUPPRESS)


class ReportUsageError(UserError):
    exit_code = 2


def _date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ReportUsageError(_("Invalid date “{value}” for {option}: write it as YYYY-MM-DD, e.g. 2026-08-31.")
                               .format(value=value, option=option)) from None


def period_from_args(args: argparse.Namespace):  # noqa: ANN201 - domain.periods.Period
    from tryggapp.domain import periods

    has_range = args.date_from is not None or args.date_to is not None
    if args.period and has_range:
        raise ReportUsageError(_("Give either --period or --from and --to, not both."))
    try:
        if args.period:
            return periods.parse(args.period)
        if args.date_from is None or args.date_to is None:
            if has_range:
                raise ReportUsageError(_("A free period needs both --from and --to."))
            raise ReportUsageError(_("Which period? Give --period (e.g. 2026-T2) or --from and --to."))
        return periods.between(_date(args.date_from, "--from"), _date(args.date_to, "--to"))
    except ReportUsageError:
        raise
    except UserError as exc:  # the period's own message, with the usage exit code
        raise ReportUsageError(exc.message) from exc


def sections_from_args(excluded: list[str]) -> list[str]:
    from tryggapp.reports import SECTIONS, section_label

    unknown = [key for key in excluded if key not in SECTIONS]
    if unknown:
        choices = "; ".join(f"{key} ({section_label(key)})" for key in SECTIONS)
        raise ReportUsageError(_("Unknown section “{name}”. Sections that can be left out: {choices}.")
                               .format(name=unknown[0], choices=choices))
    return [key for key in SECTIONS if key not in excluded]


def run(name: str, args: argparse.Namespace) -> int:
    from tryggapp import reports

    # The chart process first of all: it imports matplotlib while this process imports
    # the database stack and collects the figures, and draws while this one lays out the
    # pages (reports.chartwork). A mistake in the arguments stops it again at once.
    renderer = reports.chart_process()
    # The collector paused for the whole command, not only the build: importing the
    # database stack, matplotlib and reportlab makes some 400 collections (0.3 s of CPU,
    # a sixteenth of the command) that find next to nothing to free.
    try:
        with reports.collector_paused():
            return _run(args, renderer)
    finally:
        renderer.close()


def _run(args: argparse.Namespace, renderer: Renderer) -> int:
    from tryggapp.cli import db_path
    from tryggapp.cli.arguments import output_path
    from tryggapp.storage.errors import DatabaseMissing

    period = period_from_args(args)
    sections = sections_from_args(args.exclude)
    today = _date(args.today, "--today") if args.today else dt.date.today()
    default_name = _("Follow-up-{period}.pdf").format(period=period.code)
    # A folder (existing, or named with a trailing slash) gets the report under its usual name.
    output = output_path(args.output, default_name)
    path = db_path(args)
    if not path.exists():
        raise DatabaseMissing(path)  # exit 3, as every other command (README's table)

    from tryggapp import reports
    from tryggapp.services import followup
    from tryggapp.storage import open_database

    # Read-only: a report never writes, migrates or locks the file (it works while the
    # app has it open, and on a write-protected file). Only the record of it, below, writes.
    db = open_database(path, read_only=True)
    try:
        # The focus areas' charts go to the chart process as soon as collect has them.
        plan, on_directions = reports.early_charts(renderer, sections)
        data = followup.collect(db, period, today, on_directions=on_directions)
        pages = reports.build_pdf(data, output, sections, plan=plan)
        print(ngettext("Wrote {path} ({pages} page, {period}).", "Wrote {path} ({pages} pages, {period}).", pages)
              .format(path=output, pages=pages, period=period.words()))
        try:
            _record(path, data, sections=sections, file_path=str(output.resolve()), page_count=pages)
        except UserError as exc:  # e.g. a read-only database: the PDF is written all the same
            print(_("tryggapp: warning: the report was not recorded in the database: {reason}").format(
                reason=exc.message), file=sys.stderr)
    finally:
        db.close()
    return 0


def _record(path: Path, data, **fields) -> None:  # noqa: ANN001, ANN003
    """Keep the report in the database's list of reports, through a writable open of its
    own (with the lock, as every writer). A file the user may not write or the app holds
    open raises a UserError here: the PDF stands all the same."""
    from tryggapp.services import followup
    from tryggapp.storage import open_database

    db = open_database(path)
    try:
        followup.record_report(db, data, **fields)
    finally:
        db.close()
