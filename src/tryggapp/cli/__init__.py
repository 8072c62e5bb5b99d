"""The command line. Each command lives in its own module with `register(subparsers)`
and a `run(args) -> int`; errors the user can act on are printed as one Swedish line
(stderr) with a non-zero exit code, never a traceback."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from pathlib import Path

from tryggapp import __version__
from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.storage.location import database_location

# name -> module under tryggapp.cli. Modules are imported lazily so `tryggapp check`
# does not pay for reportlab or openpyxl.
COMMANDS: dict[str, str] = {
    "check": "check",
    "init": "init",
    "demo": "demo",
    "report": "report",
    "export-plan": "excel",
    "import-plan": "excel",
    "import-stats": "stats",
    "backup": "backup",
    "restore": "backup",
    "audit": "audit",
    "vandring": "walk",
    "protokoll": "protokoll",
    "kalender": "protokoll",
    "copy": "copy",
}
COMMAND_NAMES = frozenset(COMMANDS)
UNEXPECTED_EXIT = 70  # EX_SOFTWARE: an internal error (a bug), not the user's mistake
CATALOG_MISSING_EXIT = 78  # EX_CONFIG: the installation lacks its compiled catalog

HELP = {
    "check": lambda: _("Open a database as the app does (migrating it if older) and print its revision and row counts."),
    "init": lambda: _("Create a new, empty database (e.g. before importing an action plan)."),
    "demo": lambda: _("Create a complete fictional demo municipality in a new database."),
    "report": lambda: _("Write the follow-up report (PDF) for a period."),
    "export-plan": lambda: _("Export a year's action plan to an Excel file."),
    "import-plan": lambda: _("Import an action plan from an Excel file (all or nothing)."),
    "import-stats": lambda: _("Import a statistics series (CSV or Excel) as an indicator's values (all or nothing)."),
    "backup": lambda: _("Make a consistent backup of the database now."),
    "restore": lambda: _("Restore the database from a backup (the current file is backed up first)."),
    "audit": lambda: _("Show the change log (who changed what, when)."),
    "vandring": lambda: _("Write a safety walk's protocol or the residents' feedback (PDF), or list the walks."),
    "protokoll": lambda: _("Write a meeting's minutes (protokoll) or notice (kallelse) as PDF, or list the meetings."),
    "kalender": lambda: _("Export a group's upcoming meetings as a calendar file (.ics)."),
    "copy": lambda: _("Copy a whole database between a file and a team database (PostgreSQL), either way, "
                      "checked row by row."),
}


def add_db_option(parser: argparse.ArgumentParser, *, sub: bool = False) -> None:
    # A subcommand's --db must not default to None: argparse would then overwrite the
    # value given before the command (`tryggapp --db X report`) and the command would
    # silently work on the default database instead.
    parser.add_argument(
        "--db",
        # Not Path: Path("postgresql://u@h/db") would fold the "//" of a team database.
        type=_database_argument,
        default=argparse.SUPPRESS if sub else None,
        metavar=_("PATH"),
        help=_("the database file, or a team database as postgresql://USER@HOST/DATABASE "
               "(default: $TRYGGAPP_DB or the file in the user's data folder)"),
    )


def _database_argument(text: str) -> Path:
    """--db's type: a bad team-database address is argparse's error (one line, exit 2)."""
    try:
        return database_location(text)
    except UserError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def db_path(args: argparse.Namespace) -> Path:
    from tryggapp.paths import default_database_path

    given = getattr(args, "db", None)
    if given:
        return given
    env = os.environ.get("TRYGGAPP_DB")
    return database_location(env) if env else default_database_path()


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser. Given `argv`, only the command named in it gets its arguments
    (importing its module): `tryggapp --help`, `--version` and a mistyped command then
    import no command module at all, so none of the database, Excel or report stacks."""
    # Every command word in argv (a file may be named like a command: `--db report check`).
    wanted = None if argv is None else {a for a in argv if a in COMMANDS}
    from tryggapp.cli.arguments import install_argparse_translation, named_types

    install_argparse_translation()  # argparse's own words in Swedish too
    named_types()
    parser = argparse.ArgumentParser(
        prog="tryggapp",
        description=_("Tryggapp – the municipality's safety and crime-prevention work. "
                      "Without a command, the program window opens."),
    )
    parser.add_argument("--version", action="version", version=f"Tryggapp {__version__}")
    add_db_option(parser)
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), title=_("commands"))
    for name, module in COMMANDS.items():
        p = sub.add_parser(name, help=HELP[name](), description=HELP[name]())
        add_db_option(p, sub=True)
        if wanted is None or name in wanted:
            _module(module).register(name, p)
    return parser


def _module(name: str):
    return importlib.import_module(f"tryggapp.cli.{name}")


def parse_gui_args(argv: list[str]) -> argparse.Namespace | int:
    from tryggapp.cli.arguments import (
        install_argparse_translation,
        stray_word,
        unknown_command_message,
    )

    install_argparse_translation()
    parser = argparse.ArgumentParser(prog="tryggapp", add_help=False)
    add_db_option(parser)
    parser.add_argument("--read-only", action="store_true")
    # Start the window, quit after its first paint (exit 0): the frozen build's check.
    parser.add_argument("--smoke-test", action="store_true")
    args, rest = parser.parse_known_args(argv)
    # A word that is no option: a mistyped command (`tryggapp raport …`). Never open the
    # window on it (it would take it for nothing, or a database of that name).
    word = stray_word(rest)
    if word is not None:
        print(f"tryggapp: {unknown_command_message(word, COMMANDS)}", file=sys.stderr)
        return 2
    args.qt_args = rest
    return args


def _tolerant_streams() -> None:
    """On Windows, output redirected to a file or pipe is encoded in the ANSI code page
    (cp1252), which lacks characters user text may hold (Ł, emoji): print a '?' for
    them instead of failing the whole command with a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot change any more
                reconfigure(errors="replace")


def run(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    _tolerant_streams()
    from tryggapp.i18n import missing_catalog

    if problem := missing_catalog():  # never a silent switch to English (issue 15)
        print(f"tryggapp: {problem}", file=sys.stderr)
        return CATALOG_MISSING_EXIT
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    try:
        return int(_module(COMMANDS[args.command]).run(args.command, args) or 0)
    except UserError as exc:
        print(f"tryggapp: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _closed_pipe()
    except Exception as exc:  # a bug: traceback to the log, one Swedish line here
        from tryggapp import crashlog

        print(f"tryggapp: {crashlog.one_line(crashlog.report(exc, f'tryggapp {args.command}'))}",
              file=sys.stderr)
        return UNEXPECTED_EXIT


def _closed_pipe() -> int:
    """The reader of our output went away (`tryggapp check | head -1`): stop quietly, as
    other command-line tools do, instead of a traceback. Later writes (the interpreter
    flushes stdout on exit) go to the null device so they cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 141  # 128 + SIGPIPE, the status a shell shows for a tool stopped this way
