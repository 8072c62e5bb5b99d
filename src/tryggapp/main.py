"""Entry point: `tryggapp` with no command opens the window; with a command, the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--chart-worker"]:  # the report's chart process (reports.chartworker), frozen or not
        from tryggapp.reports.chartworker import main as chart_worker

        return chart_worker()
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
