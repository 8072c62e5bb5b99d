"""An in-memory keyring backend for the tests of the team database's password (issue 18):
the stand-in for Windows Credential Manager, set with keyring.set_keyring for one test."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

# ASCII on purpose: Qt's ini files escape other letters, and a grep for it would miss them.
SECRET = "Hemligt-7x9Q"


class MemoryKeyring(KeyringBackend):
    """Keeps its passwords in a dict."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.saved.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.saved[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.saved.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@contextlib.contextmanager
def installed(backend: keyring.backend.KeyringBackend | None = None) -> Iterator[keyring.backend.KeyringBackend]:
    """`backend` (a new MemoryKeyring by default) is the keyring inside; the passwords typed
    for this run (storage.credentials) are forgotten before and after."""
    from tryggapp.storage import credentials

    previous = keyring.get_keyring()
    backend = backend or MemoryKeyring()
    keyring.set_keyring(backend)
    credentials._session.clear()
    try:
        yield backend
    finally:
        credentials._session.clear()
        keyring.set_keyring(previous)
