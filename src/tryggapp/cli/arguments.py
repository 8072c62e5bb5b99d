"""The command line speaks Swedish at its edges too (issue 11): argparse's own strings
through Tryggapp's gettext catalog, a mistyped command refused with the list of commands,
and output paths checked before anything is written.

argparse looks its strings up with the module-level `_`/`ngettext` it imported from
gettext (domain 'messages', not in Python's catalogs: PITFALLS). Pointing those two names
at Tryggapp's catalog translates every message argparse makes; the msgids are listed
below so the extractor puts them in the catalog."""

from __future__ import annotations

import argparse
import difflib
import os
from collections.abc import Iterable
from pathlib import Path

from tryggapp.errors import UserError
from tryggapp.i18n import N_, _, ngettext

# argparse's strings as Python 3.11 writes them (msgids must match exactly).
ARGPARSE_STRINGS = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n)


def install_argparse_translation() -> None:
    """Route argparse's messages through Tryggapp's catalog (idempotent)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]
    # The plural one argparse uses ('expected %s argument(s)'), listed for the extractor.
    ngettext("expected %s argument", "expected %s arguments", 2)


def integer(value: str) -> int:
    """type= for whole numbers: argparse names the type in its message ('invalid int
    value'), so the function's name is the Swedish word (set in `named_types`)."""
    return int(value)


def named_types() -> None:
    integer.__name__ = _("whole number")


# -- a mistyped command ----------------------------------------------------------------
# Qt's own options that take a value (`tryggapp -platform offscreen`): their value is not
# a command.
_QT_VALUE_OPTIONS = frozenset({
    "-platform", "-platformpluginpath", "-platformtheme", "-plugin", "-qwindowgeometry", "-qwindowicon",
    "-qwindowtitle", "-session", "-style", "-stylesheet", "-display", "-geometry", "-qmljsdebugger",
})


def stray_word(rest: Iterable[str]) -> str | None:
    """The first word left over after the window's own options that is neither an option
    nor the value of a Qt option: a mistyped command (`tryggapp raport …`) or a file named
    without --db. The window never opens on it."""
    previous = ""
    for arg in rest:
        if not arg.startswith("-") and previous not in _QT_VALUE_OPTIONS:
            return arg
        previous = arg
    return None


def unknown_command_message(word: str, commands: Iterable[str]) -> str:
    names = sorted(commands)
    close = difflib.get_close_matches(word, names, n=1)
    text = _("Unknown command “{word}”. The commands are: {commands}.").format(
        word=word, commands=", ".join(names))
    if close:
        text += " " + _("Did you mean {command}?").format(command=close[0])
    if word.endswith(".db") or os.sep in word or "/" in word:
        text += " " + _("To open a database file, write --db {word}.").format(word=word)
    return text


# -- output paths ------------------------------------------------------------------------
class OutputPathError(UserError):
    exit_code = 2  # the command line named a place that cannot be written to


def output_path(given: str | None, default_name: str) -> Path:
    """Where a command writes its file: `given` may be a file or an existing folder (the
    file goes into it under `default_name`). A name ending in a slash is a folder, and
    must exist: `-o finnsinte/` never writes a file called 'finnsinte'."""
    if not given:
        return Path(default_name)
    path = Path(given).expanduser()
    names_folder = given.endswith(("/", os.sep))
    if path.is_dir():
        return path / default_name
    if names_folder:
        raise OutputPathError(_("The folder {path} does not exist.").format(path=path))
    if path.exists() and not path.is_file():
        raise OutputPathError(_("{path} is neither a file nor a folder.").format(path=path))
    if not path.parent.exists():
        raise OutputPathError(_("The folder {path} does not exist.").format(path=path.parent))
    return path
