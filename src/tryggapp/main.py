"""Entry point: `tryggapp` with no command opens the window; with a command, the CLI."""

from __future__ import annotations

import gc
import sys


def entry() -> int:
    """The program's entry point (the `tryggapp` command, `python -m tryggapp`, the frozen
    program): `main()`, and then the process ends without Python's last garbage
    collection. That collection walks every object the process made (the report command
    runs with the collector paused, so all of them: 0.29–0.37 s of a 2.3 s report,
    measured 2026-11-29) only to free memory the operating system takes back at once.
    Files, databases and logs are closed before this point, not by that collection.
    In-process callers (tests) call `main()`: their process goes on."""
    code = main()
    gc.freeze()  # the last collection skips frozen objects
    return code


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--chart-worker"]:  # the report's chart process (reports.chartworker), frozen or not
        from tryggapp.reports.chartworker import run as chart_worker

        chart_worker()  # ends the process
    from tryggapp.cli import COMMAND_NAMES, run

    wants_cli = any(a in COMMAND_NAMES or a in ("-h", "--help", "--version") for a in argv)
    if wants_cli:
        return run(argv)
    # The window: parse only the global options, then hand over to Qt.
    from tryggapp.cli import parse_gui_args

    options = parse_gui_args(argv)
    if isinstance(options, int):
        return options
    from tryggapp.ui.app import run_app

    return run_app(options)
