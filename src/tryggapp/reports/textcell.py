"""TextCell: plain text for the big tables, wrapped once per width and drawn line by line.

Why not Paragraph: a Paragraph parses its markup, then breaks its lines again at every
wrap (for the row height, after each page split, and to draw). On the 5 000-measure
report that was more than half of the time. A table cell of the action plan needs no
markup: a bold title and a few small grey lines. TextCell measures each word once
(widths cached per font and size), keeps its lines per width, and can be split between
lines when a row is taller than a page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from tryggapp.reports import fonts, pdftext

fonts.register()  # before reportlab.platypus: see tryggapp.reports.fonts
from reportlab.lib.colors import Color  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.platypus import Flowable  # noqa: E402


@dataclass(frozen=True, slots=True)
class Look:
    font: str
    size: float
    leading: float
    color: Color


@cache
def _char_widths(font: str) -> tuple[dict[int, float], float]:
    face = pdfmetrics.getFont(font).face
    return face.charWidths, face.defaultWidth


_word_widths: dict[tuple[str, str], float] = {}


def _width(word: str, font: str, size: float) -> float:
    """Width in points; per-1000 widths of whole words are cached (words repeat a lot)."""
    key = (font, word)
    units = _word_widths.get(key)
    if units is None:
        widths, default = _char_widths(font)
        units = sum(widths.get(ord(ch), default) for ch in word)
        if len(_word_widths) < 200_000:  # a bound, in case of a pathological text
            _word_widths[key] = units
    return units * size / 1000


HYPHENATION_LANG = "sv"  # pyphen's Swedish dictionary (LibreOffice's hyph_sv)


@cache
def _hyphenator():  # noqa: ANN202 - pyphen.Pyphen, or None without pyphen
    try:
        import pyphen
    except ImportError:  # hyphenation is a nicety: without it words are cut as before
        return None
    from tryggapp.reports import hyphenation

    hyphenation.prime(HYPHENATION_LANG)  # the parsed dictionary from its copy: see hyphenation
    return pyphen.Pyphen(lang=HYPHENATION_LANG)


@cache
def hyphen_points(word: str) -> tuple[int, ...]:
    """Where `word` may be hyphenated, longest first part first (Swedish rules)."""
    dic = _hyphenator()
    if dic is None or len(word) < 5:
        return ()
    return tuple(sorted(dic.positions(word), reverse=True))


def _hyphenate(word: str, font: str, size: float, room: float) -> tuple[str, str] | None:
    """The longest 'first-' that fits in `room` points, and the rest of the word."""
    for cut in hyphen_points(word):
        head = word[:cut]
        if not head[-1].isalpha():
            continue  # a word already broken at a dash, e.g. "brotts-"
        if _width(head + "-", font, size) <= room:
            return head + "-", word[cut:]
    return None


# Lines break at spaces and tabs only: str.split() also splits at the no-break spaces
# babel puts between a number's thousands ("1 234 dagar") and the ones typed on purpose.
_SPACES = re.compile(r"[ \t]+")


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking at spaces; a word that does not fit is hyphenated where
    Swedish allows ("Samordnings-|gruppen"), and cut only when it has no such place (a
    URL, a code) and is longer than the line."""
    lines: list[str] = []
    space = _width(" ", font, size)
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in _SPACES.split(paragraph):
            if not word:
                continue
            w = _width(word, font, size)
            if used + (space if line else 0) + w > width:
                room = width - used - (space if line else 0)
                parts = _hyphenate(word, font, size, room)
                if parts is not None:
                    line.append(parts[0])
                    lines.append(" ".join(line))
                    line, used = [], 0.0
                    word = parts[1]
                    w = _width(word, font, size)
            while w > width and len(word) > 1:  # longer than a line: hyphenate, else cut
                if line:
                    lines.append(" ".join(line))
                    line, used = [], 0.0
                parts = _hyphenate(word, font, size, width)
                if parts is not None:
                    lines.append(parts[0])
                    word = parts[1]
                else:
                    cut = len(word) - 1
                    while cut > 1 and _width(word[:cut], font, size) > width:
                        cut -= 1
                    lines.append(word[:cut])
                    word = word[cut:]
                w = _width(word, font, size)
            if line and used + space + w > width:
                lines.append(" ".join(line))
                line, used = [], 0.0
            used = used + space + w if line else w
            line.append(word)
        lines.append(" ".join(line))
    return lines


@lru_cache(maxsize=16384)
def _wrapped(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    # The same texts come again in a report: statuses with their dates, names, the same
    # note on several measures; a measure is in its focus area's table and the appendix.
    return tuple(wrap_text(text, font, size, width))


class TextCell(Flowable):
    """Parts of text, each in one Look, stacked; each part wraps on its own."""

    def __init__(self, parts: list[tuple[str, Look]], *, _lines: list[tuple[str, Look]] | None = None) -> None:
        super().__init__()
        self.parts = [(fonts.clean(text).strip(), look) for text, look in parts if text and text.strip()]
        self._lines = _lines  # already broken (a split piece)
        self._for_width: float | None = None
        self._height_of: list | None = None  # the lines self._height was summed from
        self._height = 0.0
        self.width = self.height = 0.0

    @property
    def text(self) -> str:  # what story._row_chars counts, like Paragraph.text
        return " ".join(t for t, _look in self.parts)

    def _layout(self, width: float) -> list[tuple[str, Look]]:
        if self._lines is not None:
            return self._lines
        if self._for_width != width:
            self._cached = [(line, look) for text, look in self.parts
                            for line in _wrapped(text, look.font, look.size, width)]
            self._for_width = width
        return self._cached

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # A table wraps each cell to measure its row and again to draw it: the height is
        # kept with the lines it was summed from.
        lines = self._layout(availWidth)
        if self._height_of is not lines:
            self._height = sum(look.leading for _line, look in lines)
            self._height_of = lines
        self.width = availWidth
        self.height = self._height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        lines = self._layout(availWidth)
        used, cut = 0.0, 0
        for _line, look in lines:
            if used + look.leading > availHeight:
                break
            used += look.leading
            cut += 1
        if cut == 0 or cut == len(lines):
            return []
        return [TextCell([], _lines=lines[:cut]), TextCell([], _lines=lines[cut:])]

    def draw(self) -> None:
        """Write the cell's text object through pdftext (the same bytes as reportlab's text
        object, see draw_reportlab, at a third of the cost); reportlab's own where
        pdftext does not apply."""
        code = self.pdf_code(self.canv)
        if code is None:
            self.draw_reportlab()
        else:
            self.canv._code.append(code)

    def pdf_code(self, canv: Any) -> str | None:  # noqa: ANN401 - a reportlab Canvas
        """The cell's text object as PDF operators, as wrapped last; None where pdftext
        cannot write what reportlab would."""
        lines = self._layout(self.width)
        looks = {look for _line, look in lines}
        if canv._extgstate.getValue("ca") != 1 or not all(
                pdftext.usable(canv, look.font) and pdftext.color_op(look.color) for look in looks):
            return None
        if looks:
            canv._doc.ensureMinPdfVersion("transparency")  # what setFillColor does for an opaque colour
        code = ["BT 1 0 0 1 0 0 Tm"]
        y = self.height
        current: Look | None = None
        subset = -1
        for line, look in lines:
            if look is not current:
                code.append(pdftext.color_op(look.color))
                current, subset = look, -1  # a font set: the next line selects its subset
            code.append(pdftext.line_origin(y - look.size))
            shown, subset = pdftext.shown(canv, look.font, look.size, look.size * 1.2, line, subset)
            code.append(shown)
            y -= look.leading
        code.append("ET")
        return " ".join(code)

    def draw_reportlab(self) -> None:
        # One text object for the whole cell: a drawString per line costs a text object
        # each, which on a thousand-page report was a tenth of the time.
        text = self.canv.beginText()
        y = self.height
        current: Look | None = None
        for line, look in self._layout(self.width):
            if look is not current:
                text.setFont(look.font, look.size)
                text.setFillColor(look.color)
                current = look
            # The baseline a font size below the line's top, as reportlab's Paragraph
            # sets it, so TextCells and Paragraphs in one row line up.
            text.setTextOrigin(0, y - look.size)
            text.textOut(line)
            y -= look.leading
        self.canv.drawText(text)


def _looks() -> tuple[Look, Look, Look, Look]:
    from tryggapp.reports import styles as st

    return (Look(fonts.BOLD, 8.3, 10.4, st.INK), Look(fonts.REGULAR, 8.3, 10.6, st.INK),
            Look(fonts.REGULAR, 8, 10, st.MUTED), Look(fonts.BOLD, 8.3, 10.4, st.LATE_INK))


# The looks of the report's table cells (the sizes of styles.CELL, CELL_SMALL).
TITLE, TEXT, SMALL, LATE = _looks()
