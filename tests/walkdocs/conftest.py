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


@pytest.fixture
def walks_db(tmp_path, walks_template):
    from tryggapp.storage import open_database

    target = tmp_path / "walks.db"
    shutil.copy(walks_template[0], target)
    db = open_database(target)
    db.ids = walks_template[1]
    yield db
    db.close()
