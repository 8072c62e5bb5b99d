"""The report's font: DejaVu Sans (shipped in resources/fonts, from matplotlib's copy,
with its licence), embedded in every PDF.

Why not the base-14 fonts: a PDF that relies on the reader's Helvetica is not
self-contained, and reportlab's standard fonts have no glyphs beyond Latin-1. DejaVu
covers Swedish fully and is the font matplotlib draws charts with, so text and charts
match.

PITFALLS: reportlab leaves an unembedded Helvetica reference in the PDF unless
`rl_config.canvas_basefontname` names a registered family before `reportlab.platypus`
or `reportlab.lib.styles` is imported. `register()` must therefore run first; the
modules that build the PDF call it at their top."""

from __future__ import annotations

import threading
import unicodedata

from tryggapp.paths import resource

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", OBLIQUE: "DejaVuSans-Oblique.ttf"}

_lock = threading.Lock()
_registered = False
_covered: frozenset[int] = frozenset()
_drawable: frozenset[str] = frozenset()  # characters clean() keeps as they are


def register() -> None:
    """Register the TTFs with reportlab and make them its default (idempotent, thread-safe)."""
    global _registered, _covered, _drawable
    if _registered:  # the common case, without taking the lock
        return
    with _lock:
        if _registered:
            return
        from reportlab import rl_config
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
        # DejaVu has no bold oblique in our copy: bold stands in for it.
        pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=OBLIQUE, boldItalic=BOLD)
        rl_config.canvas_basefontname = FAMILY
        # Binary (Flate only) streams: ASCII85 makes the PDF a quarter larger and its
        # pure-Python encoder cost a second on a thousand-page report.
        rl_config.useA85 = 0
        face = pdfmetrics.getFont(REGULAR).face
        _covered = frozenset(face.charToGlyph) if hasattr(face, "charToGlyph") else frozenset(face.charWidths)
        # No-break spaces are not "printable" to Python but are kept as they are (see clean):
        # without them here every number babel formatted ("1 234") took the slow path.
        _drawable = frozenset(chr(cp) for cp in _covered if chr(cp).isprintable()) | {
            "\n", "\t", " "} | ({"\u00a0", "\u202f"} & {chr(cp) for cp in _covered})
        _registered = True


# Invisible joiners and selectors that belong to emoji sequences; dropped with them.
_INVISIBLE = {0x200D, 0xFE0E, 0xFE0F, 0x20E3}


def clean(text: str) -> str:
    """`text` with the characters the font cannot draw removed.

    DejaVu has no colour emoji (and no CJK); reportlab would draw an empty box or fail on
    a character outside the font. A removed "👍" is a smaller loss in a printed report
    than a box that looks like a fault. Control characters other than newline and tab
    go too (pasted text sometimes carries them)."""
    register()
    if _drawable.issuperset(text):  # the common case, at C speed
        return text
    out = []
    for ch in text:
        cp = ord(ch)
        if ch in "\n\t":
            out.append(ch)
        elif cp in _INVISIBLE or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        elif cp in _covered or ch.isspace():
            out.append(ch if not ch.isspace() or ch in "\u00a0\u202f" else " ")
    return "".join(out)
