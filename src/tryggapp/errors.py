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


def os_reason(exc: BaseException) -> str:
    """Why the operating system refused, in the user's language: its own text (strerror)
    is English ("Permission denied") and never reaches the user."""
    import errno

    from tryggapp.i18n import _

    reasons = {
        errno.EACCES: _("you do not have permission to write there"),
        errno.EPERM: _("you do not have permission to write there"),
        errno.EROFS: _("the disk is read-only"),
        errno.ENOSPC: _("the disk is full"),
        errno.ENOENT: _("the folder does not exist"),
        errno.EISDIR: _("it is a folder, not a file"),
        errno.ENOTDIR: _("a file is in the way of the folder"),
        errno.EEXIST: _("a file of that name is in the way"),
        errno.ENAMETOOLONG: _("the name is too long"),
    }
    code = getattr(exc, "errno", None) or 0
    return reasons.get(code) or _("the system refused (error {code})").format(code=code)
