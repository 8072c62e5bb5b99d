"""The table of contents (Innehåll), in the same single layout pass as the rest.

reportlab's TableOfContents needs a second full build to learn the page numbers; on a
thousand-page report that doubles the time. Here the contents lists the headings the
story will have (they are known before layout), draws each title with its dot leader,
and leaves the page number out: the number's place is noted on the canvas, and the
numbering canvas (document.py), which holds every page until the end anyway, writes
the numbers in when the pages where the headings landed are known."""

from __future__ import annotations

from dataclasses import dataclass

from tryggapp.reports import fonts

fonts.register()  # before reportlab.platypus: see tryggapp.reports.fonts
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.platypus import Flowable  # noqa: E402

from tryggapp.reports import styles as st  # noqa: E402

NUMBER_ROOM = 30.0  # points kept free on the right for the page number
_INDENT = (0.0, 18.0, 36.0)
_LOOK = ((fonts.BOLD, 10.0, 19.0), (fonts.REGULAR, 9.3, 15.0), (fonts.REGULAR, 8.6, 13.5))


@dataclass(frozen=True, slots=True)
class Entry:
    level: int  # 0 section, 1 direction, 2 focus area
    title: str
    key: str  # set as `_toc_key` on the heading flowable


@dataclass(frozen=True, slots=True)
class Slot:
    """Where a page number goes: right-aligned at x, on baseline y (page coordinates)."""

    x: float
    y: float
    key: str
    font: str
    size: float


class Contents(Flowable):
    def __init__(self, entries: list[Entry]) -> None:
        super().__init__()
        self.entries = entries  # filled while the story is built, read when laid out

    def _height(self, entries: list[Entry]) -> float:
        return sum(_LOOK[e.level][2] for e in entries)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = self._height(self.entries)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        used, cut = 0.0, 0
        for entry in self.entries:
            if used + _LOOK[entry.level][2] > availHeight:
                break
            used += _LOOK[entry.level][2]
            cut += 1
        if cut == 0:
            return []
        return [Contents(self.entries[:cut]), Contents(self.entries[cut:])]

    def draw(self) -> None:
        canvas = self.canv
        y = self.height
        right = self.width
        for entry in self.entries:
            font, size, leading = _LOOK[entry.level]
            y -= leading
            base = y + (leading - size) / 2
            x = _INDENT[entry.level]
            room = right - NUMBER_ROOM - x - 6
            title = fonts.clean(entry.title)
            while title and stringWidth(title, font, size) > room:
                title = title[:-2].rstrip() + "…"
            canvas.setFont(font, size)
            canvas.setFillColor(st.ACCENT if entry.level == 0 else st.INK)
            canvas.drawString(x, base, title)
            # Dot leader from the title to the number.
            start = x + stringWidth(title, font, size) + 6
            end = right - NUMBER_ROOM + 6
            pairs = int((end - start) / stringWidth(". ", fonts.REGULAR, size))
            if pairs > 0:
                canvas.setFont(fonts.REGULAR, size)
                canvas.setFillColor(st.MUTED)
                canvas.drawRightString(end, base, ". " * pairs)
            px, py = canvas.absolutePosition(right, base)
            canvas._toc_slots.append(Slot(px, py, entry.key, font, size))
