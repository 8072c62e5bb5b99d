"""Where things live: the user's data folder, resources, the default database."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

_DIRS = PlatformDirs(appname="Tryggapp", appauthor=False, roaming=False)


def data_dir() -> Path:
    """%LOCALAPPDATA%\\Tryggapp on Windows, ~/.local/share/Tryggapp on Linux."""
    override = os.environ.get("TRYGGAPP_DATA_DIR")
    return Path(override) if override else Path(_DIRS.user_data_dir)


def log_dir() -> Path:
    return data_dir() / "logs"


def default_database_path() -> Path:
    env = os.environ.get("TRYGGAPP_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "tryggapp.db"


def default_backup_dir(db_path: Path) -> Path:
    """Backups sit beside the database in a 'säkerhetskopior' folder unless the user chose one."""
    return db_path.resolve().parent / "säkerhetskopior"


def resources_dir() -> Path:
    """The repository's `resources/` folder; in a frozen build, the bundled copy."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    here = Path(__file__).resolve().parent
    bundled = here / "resources"
    if bundled.is_dir():
        return bundled
    return here.parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
