"""What `--db` names: a database file, or a team database's postgresql:// URL. Kept free of
heavy imports (the command line's --help must not load SQLAlchemy)."""

from __future__ import annotations

from pathlib import Path

SERVER_SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")


def is_server_text(text: object) -> bool:
    return str(text).lower().startswith(SERVER_SCHEMES)


def database_location(text: str) -> Path:
    """A file path, or for a postgresql:// URL a storage.server.ServerLocation, which
    answers what callers ask of a database path (name, stem, exists(), str())."""
    if is_server_text(text):
        from tryggapp.storage.server import ServerLocation

        return ServerLocation(text)  # type: ignore[return-value]
    return Path(text).expanduser()
