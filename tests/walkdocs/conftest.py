from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.walkdocs import walkfactory


@pytest.fixture(scope="session")
def walks_template(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    from tryggapp.storage import open_database

    path = tmp_path_factory.mktemp("walks") / "walks.db"
    db = open_database(path, create=True)
    ids = walkfactory.populate(db)
    db.close()
    return path, ids


@pytest.fixture(scope="session")
def pg_walks_template(request) -> tuple[str, dict[str, int]]:
    """The same walks on the PostgreSQL test server (issue 18), built once."""
    from tests.conftest import _pg
    from tryggapp.storage import open_database

    url = _pg(request).new_database()
    db = open_database(url, create=True)
    ids = walkfactory.populate(db)
    db.close()
    return url.rsplit("/", 1)[1], ids


@pytest.fixture
def walks_db(request, tmp_path, db_engine):
    from tests.conftest import _pg_copy
    from tryggapp.storage import open_database

    if db_engine == "postgresql":
        ids = request.getfixturevalue("pg_walks_template")[1]
        # _pg_copy copies the database a fixture names: the name alone, through a fixture.
        db = open_database(_pg_copy(request, "_pg_walks_name"))
    else:
        path, ids = request.getfixturevalue("walks_template")
        target = tmp_path / "walks.db"
        shutil.copy(path, target)
        db = open_database(target)
    db.ids = ids
    yield db
    db.close()


@pytest.fixture(scope="session")
def _pg_walks_name(pg_walks_template) -> str:
    return pg_walks_template[0]
