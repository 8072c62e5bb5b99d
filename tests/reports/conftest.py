"""Fixtures for the report tests: the small known municipality (factory.py), the stress
database, and helpers that read a PDF back with poppler (pdftotext, pdffonts, pdfinfo)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.reports import factory

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@pytest.fixture(scope="session")
def small_template(tmp_path_factory) -> Path:
    from tryggapp.storage import open_database

    path = tmp_path_factory.mktemp("small") / "small.db"
    db = open_database(path, create=True)
    factory.populate(db)
    db.close()
    return path


@pytest.fixture(scope="session")
def pg_small_template(request):
    """The small municipality on the PostgreSQL test server (issue 18), built once."""
    from tests.conftest import _pg
    from tryggapp.storage import open_database

    url = _pg(request).new_database()
    db = open_database(url, create=True)
    factory.populate(db)
    db.close()
    return url.rsplit("/", 1)[1]


@pytest.fixture
def small_db(request, tmp_path, db_engine):
    from tests.conftest import _pg_copy
    from tryggapp.storage import open_database

    if db_engine == "postgresql":
        db = open_database(_pg_copy(request, "pg_small_template"))
    else:
        target = tmp_path / "small.db"
        shutil.copy(request.getfixturevalue("small_template"), target)
        db = open_database(target)
    yield db
    db.close()


@pytest.fixture
def stress_db(tmp_path):
    from tryggapp.storage import open_database

    db = open_database(tmp_path / "stress.db", create=True)
    factory.populate(db, municipality="Ödeshögs kommun ✅🏳️‍🌈 é", stress=True)
    yield db
    db.close()


def pdftotext(path: Path, *, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def page_texts(path: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    return pdftotext(path).split("\f")[:-1]


def pdffonts(path: Path) -> list[dict[str, str]]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    lines = out.splitlines()
    header = lines[0]
    # Columns are fixed-width: find them from the header's column starts.
    starts = [header.index(name) for name in ("name", "type", "encoding", "emb", "sub", "uni", "object")]
    rows = []
    for line in lines[2:]:
        cells = [line[a:b].strip() for a, b in zip(starts, starts[1:] + [len(line)], strict=True)]
        rows.append(dict(zip(("name", "type", "encoding", "emb", "sub", "uni", "object"), cells, strict=True)))
    return rows


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-enc", "UTF-8", str(path)], check=True, capture_output=True,
                         text=True).stdout
    info = {}
    for line in out.splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info
