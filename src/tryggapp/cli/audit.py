"""`tryggapp audit` (filled by its issue)."""

from __future__ import annotations

import argparse

from tryggapp.errors import UserError
from tryggapp.i18n import _


def register(name: str, parser: argparse.ArgumentParser) -> None:
    pass


def run(name: str, args: argparse.Namespace) -> int:
    raise UserError(_("This command is not available yet."))
