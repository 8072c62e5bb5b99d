"""Text of the big tables written straight into the page, byte for byte as reportlab writes it.

Drawing was most of the 5 000-measure report's layout: for every line of every cell
reportlab makes a text object, converts the colour, measures the line (for a cursor
nobody reads) and encodes it into the font's subsets character by character. Here a
line whose characters already have their codes is encoded by table (bytes.translate),
the colour, font and position operators come from caches, and a cell is written as one
string; reportlab's splitString still gives new characters their codes, in the same
order. It relies on reportlab internals (the canvas's _code, _doc, _extgstate; the
TTFont's splitString and state), which tests/reports/test_pdftext.py checks against
reportlab's own output byte for byte.

What comes out is exactly what reportlab's own `drawString` and text objects write (a
test compares the bytes), so the PDF does not change. Where a case is not one of the
plain ones handled here (a font without subsets, transparency to switch, a top-down
canvas) reportlab's own code draws it."""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from tryggapp.reports import fonts

fonts.register()  # before reportlab.platypus: see tryggapp.reports.fonts
from reportlab.lib.colors import Color  # noqa: E402
from reportlab.lib.rl_accel import escapePDF, fp_str  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.platypus import Table  # noqa: E402


class _Unassigned(Exception):
    """A character the font's first subset has no code for yet."""


class _FirstSubset(dict):
    """Code point -> its one-character code in the font's first subset, for str.translate
    (which asks __missing__ for the rest, and stops at the exception)."""

    def __missing__(self, key: int) -> str:
        raise _Unassigned


class _Codes:
    """A font's codes in one document, as far as they are given: for lines of Latin-1
    characters a byte table (two bytes.translate passes: is every character there, then
    its codes), for any other line the str.translate mapping."""

    def __init__(self) -> None:
        self.first = _FirstSubset()
        self.table = bytes(256)
        self.missing = bytes(range(256))  # Latin-1 characters without a code yet

    def learn(self, assignments: dict[int, int]) -> None:
        """Copy the first subset's codes (those under 256) from the font's state."""
        first = self.first
        for code, n in assignments.items():
            if n < 256 and code not in first:
                first[code] = chr(n)
        if 32 in first:
            first[0xA0] = first[32]  # splitString writes a no-break space as a space
        table = bytearray(256)
        for code, ch in first.items():
            if code < 256:
                table[code] = ord(ch)
        self.table = bytes(table)
        self.missing = bytes(b for b in range(256) if b not in first)

    def encode(self, line: str) -> bytes | None:
        """The line's bytes if every character has its code in the first subset."""
        try:
            raw = line.encode("latin-1")
        except UnicodeEncodeError:
            try:
                return line.translate(self.first).encode("latin-1")
            except _Unassigned:
                return None
        if len(raw.translate(None, self.missing)) != len(raw):
            return None
        return raw.translate(self.table)


# Per document (a PDFDocument; gone with it): font -> its first subset's codes so far
_codes: WeakKeyDictionary[Any, dict[str, _Codes]] = WeakKeyDictionary()
# (font, subset, size, leading) -> "/F2+0 8.3 Tf 9.96 TL", per document as well
_selects: WeakKeyDictionary[Any, dict[tuple[str, int, float, float], str]] = WeakKeyDictionary()
_colors: dict[Color, str] = {}


def usable(canv: Any, font: str) -> bool:  # noqa: ANN401 - a reportlab Canvas
    """Whether the fast path writes what reportlab would: a bottom-up canvas and a
    subsetted TrueType font (the report's DejaVu faces)."""
    return bool(canv.bottomup) and getattr(pdfmetrics.getFont(font), "_dynamicFont", 0) == 1


def color_op(color: Color) -> str | None:
    """'r g b rg' as reportlab's text object writes it; None for a colour it would treat
    otherwise (CMYK, separations, transparency)."""
    op = _colors.get(color)
    if op is None:
        if type(color) is not Color or color.alpha not in (None, 1):
            return None
        op = _colors[color] = "%s rg" % fp_str((color.red, color.green, color.blue))  # noqa: UP031
    return op


def shown(canv: Any, font: str, size: float, leading: float, line: str, subset: int) -> tuple[str, int]:  # noqa: ANN401
    """The operators that show `line` in `font` when the text object's current subset is
    `subset` (-1 after a font change), and the subset it ends in: reportlab's
    PDFTextObject._formatText for a TrueType font."""
    doc = canv._doc
    fonts_codes = _codes.get(doc)
    if fonts_codes is None:
        fonts_codes = _codes[doc] = {}
        _selects[doc] = {}
    codes = fonts_codes.get(font)
    if codes is None:
        codes = fonts_codes[font] = _Codes()
    if not line:
        return "", subset  # reportlab writes nothing for an empty line
    # Every character already has its code in the first subset (almost every line after
    # the first pages): the line's bytes at C speed.
    data = codes.encode(line)
    if data is not None:
        pieces: Any = ((0, f"({escapePDF(data)}) Tj"),)
    else:
        face = pdfmetrics.getFont(font)
        # splitString gives new characters their codes: called for the line where
        # reportlab calls it, in drawing order, so the codes are the same.
        pieces = [(s, f"({escapePDF(t)}) Tj") for s, t in face.splitString(line, doc)]
        codes.learn(face.state[doc].assignments)
    if len(pieces) == 1 and pieces[0][0] == subset:
        return pieces[0][1], subset
    out = []
    selects = _selects[doc]
    for s, op in pieces:
        if s != subset:
            select = selects.get((font, s, size, leading))
            if select is None:
                name = pdfmetrics.getFont(font).getSubsetInternalName(s, doc)
                select = selects[(font, s, size, leading)] = f"{name} {fp_str(size)} Tf {fp_str(leading)} TL"
            out.append(select)
            subset = s
        out.append(op)
    return " ".join(out), subset


def origin(x: float, y: float) -> str:
    return "1 0 0 1 %s Tm" % fp_str(x, y)  # noqa: UP031 - reportlab's own format


_line_origins: dict[float, str] = {}


def line_origin(y: float) -> str:
    """origin(0, y): a TextCell's lines start at the same few heights again and again."""
    op = _line_origins.get(y)
    if op is None:
        if len(_line_origins) > 50_000:  # a bound: heights of very long cells do not repeat
            _line_origins.clear()
        op = _line_origins[y] = origin(0, y)
    return op


class ReportTable(Table):
    """reportlab's Table, drawing its plain one-line text cells through `shown`: what
    canvas.drawString writes, without a text object per cell; and measuring its rows once
    per size asked."""

    _calc_for: tuple[float, float] | None = None

    def _calc(self, availWidth: float, availHeight: float) -> None:  # noqa: N803
        # A frame wraps a table, finds it too tall, and splits it at once with the same
        # room: reportlab's split measures every row of the page again (each cell's
        # flowables wrapped anew). The rows and the room are the same, so is the answer.
        if self._calc_for == (availWidth, availHeight):
            return
        super()._calc(availWidth, availHeight)
        self._calc_for = (availWidth, availHeight)

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: tuple, size: tuple) -> None:  # noqa: ANN401, N802
        if (cellstyle.alignment != "LEFT" or cellstyle.valign != "TOP" or cellstyle.href
                or cellstyle.destination):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        if type(cellval) is str:
            if "\n" in cellval or cellstyle.direction or cellstyle.shaping or not self._string(cellval, cellstyle,
                                                                                               pos, size):
                super()._drawCell(cellval, cellstyle, pos, size)
            return
        cell = cellval[0] if isinstance(cellval, (tuple, list)) and len(cellval) == 1 else cellval
        if not (hasattr(cell, "pdf_code") and self._text_cell(cell, cellstyle, pos, size)):
            super()._drawCell(cellval, cellstyle, pos, size)

    def _switch_style(self, cellstyle: Any) -> None:  # noqa: ANN401
        """As Table._drawCell: the canvas's colour and font follow the cell's style, set
        only when the style changes."""
        if self._curcellstyle is not cellstyle:
            canv = self.canv
            cur = self._curcellstyle
            if cur is None or cellstyle.color != cur.color:
                canv.setFillColor(cellstyle.color)
            if (cur is None or cellstyle.leading != cur.leading or cellstyle.fontname != cur.fontname
                    or cellstyle.fontsize != cur.fontsize):
                canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle

    def _string(self, value: str, cellstyle: Any, pos: tuple, size: tuple) -> bool:  # noqa: ANN401
        """A one-line string cell as canvas.drawString writes it; False (nothing written)
        where pdftext does not apply."""
        canv = self.canv
        font = canv._fontname if self._curcellstyle is cellstyle else cellstyle.fontname
        if not usable(canv, font):
            return False
        self._switch_style(cellstyle)
        x = pos[0] + cellstyle.leftPadding
        y = pos[1] + size[1] - cellstyle.topPadding - cellstyle.fontsize
        text, _subset = shown(canv, canv._fontname, canv._fontsize, canv._leading, value, -1)
        # drawString: "BT <origin> <text> T* ET" (an empty cell writes "Tm  T*", as there)
        canv._code.append(f"BT {origin(x, y)} {text} T* ET")
        return True

    def _text_cell(self, cell: Any, cellstyle: Any, pos: tuple, size: tuple) -> bool:  # noqa: ANN401
        """A cell holding one TextCell, as Table._drawCell and Flowable.drawOn draw it
        (q, the cell's origin, its text, Q); False (nothing written) where pdftext does not
        apply."""
        self._switch_style(cellstyle)
        canv = self.canv
        colpos, rowpos = pos
        _w, h = self._listCellGeom((cell,), size[0], cellstyle, aH=size[1])
        code = cell.pdf_code(canv)
        if code is None:
            return False
        y = rowpos + size[1] - cellstyle.topPadding + cell.getSpaceBefore() - cell.getSpaceBefore() - h
        canv._code += ["q", "%s cm" % fp_str(1, 0, 0, 1, colpos + cellstyle.leftPadding, y), code, "Q"]  # noqa: UP031
        return True
