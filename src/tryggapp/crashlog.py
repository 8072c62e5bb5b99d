"""Unexpected errors (bugs): their traceback goes to the log file in the user's data
folder, and the user gets one Swedish sentence that says where that log is.

Written directly (append, then close) rather than through `logging`, so it works in the
CLI, which configures no log file, and in the window before or without its handler."""

from __future__ import annotations

import datetime as dt
import os
import traceback
from pathlib import Path

from tryggapp.i18n import _
from tryggapp.paths import log_dir

LOG_NAME = "tryggapp.log"


def log_file() -> Path:
    return log_dir() / LOG_NAME


def record(exc: BaseException, context: str = "") -> Path | None:
    """Append `exc` with its traceback to the log. Returns the log's path, or None when
    it could not be written either (the message then says so)."""
    from tryggapp import __version__

    path = log_file()
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    stamp = dt.datetime.now().isoformat(sep=" ", timespec="seconds")
    header = f"{stamp} ERROR tryggapp: Unexpected error (Tryggapp {__version__}"
    header += f", {context})" if context else ")"
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # 0600: the traceback may quote names from the database.
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(f"{header}\n{text}\n")
    except OSError:
        return None
    return path


def message(path: Path | None) -> str:
    if path is None:
        return _("An unexpected error occurred. Your saved work is intact. The error could not be written "
                 "to the log {path} either.").format(path=log_file())
    return _("An unexpected error occurred. Your saved work is intact. Details are in the log: {path}").format(
        path=path)


def report(exc: BaseException, context: str = "") -> str:
    """Log `exc` and return the message to show."""
    return message(record(exc, context))


def one_line(text: str) -> str:
    return " ".join(text.split())

