"""Photos of walk observations: checked by content, made a sensible size, stripped of
their metadata, ready to be stored in the database (ObservationPhoto.data), so the one
file and its backups hold them.

A file is accepted only when its first bytes say JPEG or PNG *and* Pillow decodes it
completely: a renamed document, a truncated download or an HEIC from a phone gets a
Swedish message, whatever its name says. A photo is turned upright (EXIF orientation),
downscaled to at most MAX_SIDE pixels on its longest side and re-encoded; nothing of its
EXIF block is written back, so GPS positions and camera serial numbers do not end up in
the database, the backups or a printed protocol. A photo over MAX_PIXELS is refused before
it is decoded (a decompression bomb, or a panorama no one needs at that size); a large
JPEG is decoded at a reduced scale (draft mode), so a 40-megapixel phone photo costs a
fraction of its full size in memory."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from tryggapp.errors import UserError
from tryggapp.formatting import number
from tryggapp.i18n import _

MAX_SIDE = 2048  # longest side stored: sharp on a screen and in an A4 protocol
MAX_PIXELS = 120_000_000  # refused above this (the largest phone cameras give about 108 MP)
MAX_FILE_BYTES = 60 * 1024 * 1024  # a file larger than this is not read at all
JPEG_QUALITY = 85

_JPEG_MAGIC = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class PhotoRefused(UserError):
    """The file is not a photo Tryggapp can keep; the message says why."""


@dataclass(frozen=True, slots=True)
class PreparedPhoto:
    data: bytes
    mime_type: str
    filename: str
    width: int
    height: int
    taken_at: dt.datetime | None
    original_size: tuple[int, int]

    @property
    def downscaled(self) -> bool:
        return (self.width, self.height) != self.original_size


def kind_of(head: bytes) -> str | None:
    """'image/jpeg' or 'image/png' from a file's first bytes, else None."""
    if head.startswith(_JPEG_MAGIC):
        return "image/jpeg"
    if head.startswith(_PNG_MAGIC):
        return "image/png"
    return None


def read_file(path: Path) -> bytes:
    """The file's bytes, refusing one too large to be a photo before reading it."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PhotoRefused(_("“{name}” is {size} MB; a photo may be at most {max} MB.").format(
                name=path.name, size=number(round(size / 1024 / 1024)), max=number(MAX_FILE_BYTES // 1024 // 1024)))
        return path.read_bytes()
    except OSError as exc:
        raise PhotoRefused(_("“{name}” could not be read: {reason}").format(
            name=path.name, reason=exc.strerror or exc)) from exc


def prepare(data: bytes, filename: str) -> PreparedPhoto:
    """Check `data` by its content and return the photo as it is stored."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    name = Path(filename).name or "foto"
    mime = kind_of(data[:8])
    if mime is None:
        raise PhotoRefused(_("“{name}” is not a JPEG or PNG image (whatever its name says). "
                             "Choose a photo in JPEG or PNG format.").format(name=name))
    try:
        # Pillow warns (and our tests turn warnings into errors) or raises for images over
        # its own limit; ours is checked just below, before anything is decoded.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PhotoRefused(_("“{name}” is {w} × {h} pixels ({mp} megapixels); at most {max} megapixels "
                                     "can be stored. Make the photo smaller first.").format(
                    name=name, w=number(width), h=number(height), mp=number(round(width * height / 1e6)),
                    max=number(MAX_PIXELS // 1_000_000)))
            if image.format not in ("JPEG", "PNG"):
                raise PhotoRefused(_("“{name}” is not a JPEG or PNG image (whatever its name says). "
                                     "Choose a photo in JPEG or PNG format.").format(name=name))
            taken = _taken_at(image)
            if image.format == "JPEG":
                # Decode at 1/2, 1/4 or 1/8 scale straight from the DCT when that still
                # leaves at least MAX_SIDE: far less memory for a large photo.
                scale = MAX_SIDE / max(width, height)
                if scale < 1:
                    image.draft("RGB", (max(1, int(width * scale)), max(1, int(height * scale))))
            image.load()  # a real decode: a truncated or damaged file fails here
            image = ImageOps.exif_transpose(image)
    except PhotoRefused:
        raise
    except Image.DecompressionBombError as exc:  # far over our limit: Pillow refuses first
        raise PhotoRefused(_("“{name}” is larger than {max} megapixels and cannot be stored. "
                             "Make the photo smaller first.").format(
            name=name, max=number(MAX_PIXELS // 1_000_000))) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise PhotoRefused(_("“{name}” looks like a {kind} file but cannot be read as an image: it may be "
                             "damaged or incomplete.").format(name=name, kind=mime.split("/")[1].upper())) from exc
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if mime == "image/png":
        image.save(out, "PNG", optimize=True)
        stem_ext = ".png"
    else:
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        stem_ext = ".jpg"
    stored_name = name if name.lower().endswith((stem_ext, ".jpeg")) else f"{Path(name).stem}{stem_ext}"
    return PreparedPhoto(out.getvalue(), mime, stored_name, image.width, image.height, taken, (width, height))


def _taken_at(image) -> dt.datetime | None:  # noqa: ANN001 - a PIL image
    """When the photo was taken, from EXIF DateTimeOriginal (or DateTime), if readable."""
    try:
        exif = image.getexif()
        text = exif.get_ifd(0x8769).get(0x9003) or exif.get(0x0132)
        return dt.datetime.strptime(str(text).strip("\x00 "), "%Y:%m:%d %H:%M:%S") if text else None
    except Exception:  # noqa: BLE001 - a broken EXIF block only loses the date
        return None
