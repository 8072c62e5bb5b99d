"""Writing a finished PDF: to a file object, or atomically to a path. No reportlab here,
so the UI can save a report it already holds without importing the PDF machinery."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import BinaryIO

from tryggapp.errors import UserError
from tryggapp.i18n import _


def write_pdf(pdf: bytes, target: str | Path | BinaryIO) -> None:
    """A failed save never leaves half a PDF, and an existing report is replaced only by
    a complete one."""
    if hasattr(target, "write"):
        target.write(pdf)  # type: ignore[union-attr]
        return
    path = Path(target)
    # A plain open() (not mkstemp) so the file gets the user's normal permissions.
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "xb") as fh:
            fh.write(pdf)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(_("The report could not be saved as {path}: {reason}. If the file is open in another "
                          "program, close it and try again.").format(path=path, reason=exc.strerror or exc)) from exc
