"""Writing a finished PDF: to a file object, or atomically to a path. No reportlab here,
so the UI can save a report it already holds without importing the PDF machinery."""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from pathlib import Path
from typing import BinaryIO

from tryggapp.errors import FileProblem
from tryggapp.i18n import N_, _

# The operating system's own words are English: the reasons a user can act on, in Swedish.
_REASONS = {
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.EACCES: N_("you do not have permission to write there"),
    errno.EPERM: N_("you do not have permission to write there"),
    errno.ENOENT: N_("the folder does not exist"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENAMETOOLONG: N_("the name is too long"),
}


def os_reason(exc: OSError) -> str:
    """Why writing failed, in the user's language."""
    reason = _REASONS.get(exc.errno or 0)
    return _(reason) if reason else _("the file could not be written (error {code})").format(code=exc.errno)


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
        # A name the system refuses (too long) cannot be unlinked either: that must not
        # turn the one-line message into a traceback.
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise FileProblem(_("The report could not be saved as {path}: {reason}. If the file is open in another "
                          "program, close it and try again.").format(path=path, reason=os_reason(exc))) from exc


def pdf_pages(pdf: bytes, first: int, last: int) -> bytes:
    """Pages `first`..`last` (1-based) of `pdf`, still vector with their fonts embedded:
    what a page range printed to a PDF file must be."""
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(BytesIO(pdf))
    if first <= 1 and last >= len(reader.pages):
        return pdf
    writer = PdfWriter()
    for index in range(first - 1, last):
        writer.add_page(reader.pages[index])
    writer.add_metadata({k: v for k, v in (reader.metadata or {}).items() if isinstance(v, str)})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
