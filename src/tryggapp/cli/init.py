"""`tryggapp init --db PATH [--kommun NAME]`: a new, empty database from the command line
(the window's "empty database" choice), e.g. before `import-plan` fills it."""

from __future__ import annotations

import argparse

from tryggapp.errors import UserError
from tryggapp.i18n import _


def register(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kommun", "--municipality", dest="municipality", default="", metavar=_("NAME"),
                        help=_("the municipality's name (it stands on every report; can be set later)"))


def run(name: str, args: argparse.Namespace) -> int:
    from tryggapp.cli import db_path
    from tryggapp.domain import Municipality
    from tryggapp.services import crud
    from tryggapp.storage import open_database

    path = db_path(args)
    if path.exists():
        raise UserError(_("{path} already exists; init makes only new databases. Choose another file name.").format(
            path=path))
    db = open_database(path, create=True)
    try:
        if args.municipality.strip():
            crud.create(db, Municipality(name=args.municipality.strip()))
    finally:
        db.close()
    print(_("Created an empty database: {path}").format(path=path))
    return 0
