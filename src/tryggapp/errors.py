"""The two kinds of error (after qutebrowser's KnownError/BugError split).

A `UserError` is something the user can act on: its message is Swedish, names what is
wrong and is shown as it is (dialog in the UI, one line on stderr in the CLI). Anything
else is a bug: logged with its traceback, shown as "ett oväntat fel" with the log path.
"""

from __future__ import annotations


class UserError(Exception):
    """An error whose (translated) message is fit to show the user."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class FileProblem(UserError):
    """A file or folder other than the database could not be read or written (the report,
    an export, a backup folder): exit code 5 on the command line (README's table)."""

    exit_code = 5

