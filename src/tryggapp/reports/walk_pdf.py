"""What the two safety-walk documents share: the A4 page with a running header and
"Sida 3 av 12" in the footer, the build, and photos as small thumbnails.

The fonts, styles and atomic writing are the follow-up report's (fonts, styles, output);
the page decoration is drawn once the page count is known, as the report does it (each
page is kept until save())."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from tryggapp.reports import fonts

fonts.register()  # before reportlab.platypus: see tryggapp.reports.fonts
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate  # noqa: E402

from tryggapp.errors import UserError  # noqa: E402
from tryggapp.i18n import _  # noqa: E402
from tryggapp.reports import styles as st  # noqa: E402
from tryggapp.reports.output import os_reason, write_pdf  # noqa: E402

# A photo in the PDF: at most this box, and at most this many pixels on its long side
# (about 200 dpi at the box's width), re-encoded as JPEG: a 12-megapixel photo would
# otherwise put 4–8 MB into the PDF for each thumbnail.
THUMB_WIDTH = 58 * mm
THUMB_HEIGHT = 44 * mm
THUMB_PIXELS = 480
JPEG_QUALITY = 78

# The document's title: never hyphenated ("Återkoppling efter trygghetsvandringen i Cen-
# trum" is how the report's H1 broke an area's name).
TITLE = ParagraphStyle("walk_title", parent=st.H1, hyphenationLang="", embeddedHyphenation=0)


def thumbnail(data: bytes, *, width: float = THUMB_WIDTH, height: float = THUMB_HEIGHT) -> Image | None:
    """A photo scaled into width × height (aspect kept), small in bytes; None when the
    data is not an image Pillow can read (the document then says so instead)."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    try:
        with PILImage.open(BytesIO(data)) as src:
            src.load()
            img = ImageOps.exif_transpose(src)  # a phone's portrait photo stands up
            if img.mode not in ("RGB", "L"):
                # Transparency on white, as on paper.
                rgba = img.convert("RGBA")
                img = PILImage.new("RGB", rgba.size, "white")
                img.paste(rgba, mask=rgba.split()[-1])
            img.thumbnail((THUMB_PIXELS, THUMB_PIXELS), PILImage.LANCZOS)
            out = BytesIO()
            img.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            w, h = img.size
    except Exception:  # noqa: BLE001 - a damaged photo must not stop the document
        return None
    scale = min(width / w, height / h)
    out.seek(0)
    return Image(out, width=w * scale, height=h * scale, hAlign="LEFT")


class _NumberedCanvas(Canvas):
    """Keeps each page until save() so the footer can say how many pages there are."""

    header: tuple[str, str] = ("", "")
    footer: tuple[str, str] = ("", "")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._decorate(number, total)
            super().showPage()
        super().save()

    def _decorate(self, page: int, total: int) -> None:
        left, right = st.MARGIN_LEFT, st.PAGE_WIDTH - st.MARGIN_RIGHT
        self.saveState()
        self.setStrokeColor(st.RULE)
        self.setLineWidth(0.5)
        y = st.PAGE_HEIGHT - 14 * mm
        head_left, head_right = self.header
        self.setFont(fonts.BOLD, 8)
        self.setFillColor(st.ACCENT)
        self.drawString(left, y, head_left)
        self.setFont(fonts.REGULAR, 8)
        self.setFillColor(st.MUTED)
        self.drawRightString(right, y, head_right)
        self.line(left, y - 2.6 * mm, right, y - 2.6 * mm)
        y = 12 * mm
        self.line(left, y + 4 * mm, right, y + 4 * mm)
        self.setFont(fonts.REGULAR, 8)
        self.setFillColor(st.INK)
        foot_left, foot_text = self.footer
        self.drawString(left, y, foot_left)
        self.drawRightString(right, y, _("Page {page} of {total}").format(page=page, total=total))
        if foot_text:
            self.setFillColor(st.MUTED)
            self.drawString(left, y - 3.6 * mm, foot_text)
        self.restoreState()


def build(story: Sequence[Flowable], target: str | Path | BinaryIO, *, title: str, author: str, subject: str,
          header: tuple[str, str], footer: tuple[str, str]) -> int:
    """Lay out `story` on A4 and write it (atomically to a path); returns the page count."""
    width = st.FRAME_WIDTH - 2 * mm
    clean = [fonts.clean(" ".join(part.split())) for part in (*header, *footer)]
    canvas_class = type("WalkCanvas", (_NumberedCanvas,), {
        "header": (_fit(clean[0], width * 0.45), _fit(clean[1], width * 0.5)),
        "footer": (_fit(clean[2], width * 0.7), _fit(clean[3], width))})
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=(st.PAGE_WIDTH, st.PAGE_HEIGHT),
        leftMargin=st.MARGIN_LEFT, rightMargin=st.MARGIN_RIGHT, topMargin=st.MARGIN_TOP,
        bottomMargin=st.MARGIN_BOTTOM, title=title, author=author, subject=subject, creator="Tryggapp",
        lang="sv-SE", displayDocTitle=1, initialFontName=fonts.REGULAR)
    doc.build(list(story), canvasmaker=canvas_class)
    try:
        write_pdf(buffer.getvalue(), target)
    except UserError as exc:
        # write_pdf speaks of "the report"; say which file, in this document's words.
        if not isinstance(exc.__cause__, OSError):
            raise
        raise UserError(_("The document could not be saved as {path}: {reason}. If the file is open in another "
                          "program, close it and try again.").format(path=target, reason=os_reason(exc.__cause__))
                        ) from exc.__cause__
    return doc.page


def _fit(value: str, max_width: float, size: float = 8) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(value, fonts.REGULAR, size) <= max_width:
        return value
    while value and stringWidth(value + " …", fonts.BOLD, size) > max_width:
        value = value[:-1]
    return value.rstrip() + " …"


def facts_table(rows: Sequence[tuple[str, str]], label_width: float = 38 * mm) -> Flowable:
    """Label / value rows (empty values left out), as the report's cover facts."""
    from reportlab.platypus import Table

    cells = [[Paragraph(st.text(label), st.CELL_HEAD), Paragraph(st.text(value), st.CELL)]
             for label, value in rows if value and value.strip()]
    return Table(cells, colWidths=[label_width, st.FRAME_WIDTH - label_width], hAlign="LEFT", splitInRow=1,
                 style=st.table_style(header_rows=0, zebra=False, extra=[("LINEABOVE", (0, 0), (-1, 0), 0.35, st.RULE)]))
