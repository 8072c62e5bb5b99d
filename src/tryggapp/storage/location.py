"""What `--db` names: a database file, or a team database's postgresql:// URL. Light on
purpose (storage/__init__ imports the engine lazily): the command line's parser uses it,
and `tryggapp --help` must not import SQLAlchemy."""

from __future__ import annotations

from pathlib import Path

from tryggapp.paths import is_server_text


def database_location(text: str) -> Path:
    """A file path, or for a postgresql:// URL a storage.server.ServerLocation, which
    answers what callers ask of a database path (name, stem, exists(), str())."""
    if is_server_text(text):
        from tryggapp.storage.server import ServerLocation

        return ServerLocation(text)  # type: ignore[return-value]
    return Path(text).expanduser()
