"""The team database's password (issue 18, item 5): never written to a file by the program.

Which password libpq gets, first found:
1. one libpq takes itself before anything else: in the URL, or `PGPASSWORD`. Then this
   module gives none;
2. one typed in Anslut till teamdatabas… for this run only, held in this process's memory
   and gone when it ends;
3. the system keyring's (Windows Credential Manager, macOS Keychain, the Secret Service on
   Linux) through the `keyring` package, under the service `Tryggapp` and the name
   `user@host:port/database` (ServerLocation.key), saved there when the user asked for it;
4. else none from us, and libpq looks for its own: the `.pgpass` file
   (`%APPDATA%\\postgresql\\pgpass.conf` on Windows, `PGPASSFILE`), or a login without one
   (certificates, Kerberos).

Nothing here writes a password to a file, the settings or the log. No Qt: the dialog is
ui.team_database."""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any

from tryggapp.i18n import _
from tryggapp.storage.errors import DatabaseError

if TYPE_CHECKING:
    from tryggapp.storage.server import ServerLocation

KEYRING_SERVICE = "Tryggapp"

# Passwords typed for this run only, by ServerLocation.key(); never written anywhere.
_session: dict[str, str] = {}


class PasswordNotSaved(DatabaseError):
    def __init__(self, detail: str) -> None:
        super().__init__(_("The password could not be saved in the system's credential store: {detail} "
                           "It is used until Tryggapp is closed; next time it is asked for again "
                           "(or IT can put it in a .pgpass file).").format(detail=detail), None)


def _keyring() -> Any | None:
    """The `keyring` module, or None where it is not installed (a source install without it)."""
    try:
        import keyring
    except ImportError:
        return None
    return keyring


def keyring_available() -> bool:
    """Is there a system keyring to save a password in (not keyring's 'fail' backend)?"""
    module = _keyring()
    if module is None:
        return False
    try:
        backend = module.get_keyring()
    except Exception:  # noqa: BLE001 - a broken backend configuration: no keyring
        return False
    from keyring.backends import fail

    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0


def libpq_has_one(location: ServerLocation) -> bool:
    """A password libpq takes before anything of ours: in the URL or PGPASSWORD."""
    return bool(location.url.password or os.environ.get("PGPASSWORD"))


def password_for(location: ServerLocation) -> str | None:
    """The password to give libpq for `location`, or None to let libpq find its own
    (.pgpass, or no password at all)."""
    if libpq_has_one(location):
        return None
    typed = _session.get(location.key())
    if typed:
        return typed
    module = _keyring()
    if module is None:
        return None
    try:
        return module.get_password(KEYRING_SERVICE, location.key())
    except Exception:  # noqa: BLE001 - a locked or absent keyring backend: let libpq try
        return None


def use_for_session(location: ServerLocation, password: str) -> None:
    """Use `password` for `location` until the program ends (kept in memory only)."""
    _session[location.key()] = password


def forget_for_session(location: ServerLocation) -> None:
    _session.pop(location.key(), None)


def save(location: ServerLocation, password: str) -> None:
    """Save `password` in the system keyring for `location` (and use it now). Raises
    PasswordNotSaved, in Swedish, where there is no keyring or it refuses."""
    use_for_session(location, password)
    module = _keyring()
    if module is None or not keyring_available():
        raise PasswordNotSaved(_("there is no credential store on this computer."))
    try:
        module.set_password(KEYRING_SERVICE, location.key(), password)
    except Exception as exc:  # noqa: BLE001 - the backend's own error (locked, refused)
        raise PasswordNotSaved(str(exc).strip().splitlines()[0][:200] if str(exc) else type(exc).__name__) from exc


def forget(location: ServerLocation) -> None:
    """Remove a saved password for `location` from the keyring and this run's memory."""
    forget_for_session(location)
    module = _keyring()
    if module is None:
        return
    # None saved (PasswordDeleteError) or no backend: nothing to forget.
    with contextlib.suppress(Exception):
        module.delete_password(KEYRING_SERVICE, location.key())
