"""Run inside a private mount namespace with a small tmpfs mounted on argv[1] (see
test_faults.py): a REAL full disk. Prints one line per scenario: the error's class name,
then its message."""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

from tryggapp import i18n

i18n.install("sv")

from tryggapp import domain as d  # noqa: E402
from tryggapp.main import main  # noqa: E402
from tryggapp.services import crud  # noqa: E402
from tryggapp.storage import open_database  # noqa: E402
from tryggapp.storage.errors import DatabaseError  # noqa: E402


def fill(folder: Path) -> None:
    """Write zeros until the disk says ENOSPC."""
    with (folder / "fyllnad").open("wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError:
            pass


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main_probe(mount: Path, template: Path, scenario: str) -> None:
    db_path = mount / "kommun.db"
    shutil.copy(template, db_path)
    if scenario == "start":
        fill(mount)
        before = digest(db_path)
        try:
            open_database(db_path, backup_dir=mount / "kopior").close()
            print("OPENED")
        except DatabaseError as exc:
            print(type(exc).__name__, exc.message)
        code = main(["check", "--db", str(db_path)])
        print("CHECK", code)
        print("UNCHANGED", digest(db_path) == before)
    elif scenario == "save":
        db = open_database(db_path, backup_dir=mount / "kopior")
        fill(mount)
        try:
            for n in range(2000):
                crud.create(db, d.Organisation(name=f"Förening {n} " + "x" * 250))
            print("SAVED")
        except DatabaseError as exc:
            print(type(exc).__name__, exc.message)
        db.close()


if __name__ == "__main__":
    main_probe(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
