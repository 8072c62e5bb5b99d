"""Draw a matplotlib Figure as vector graphics straight onto a reportlab canvas.

Why a renderer of our own: matplotlib can write PDF, but reportlab (open-source) cannot
place another PDF's page without pdfrw/svglib, which we do not ship; a 300 dpi PNG
would work but is raster, costs ~0.1 s per chart to encode, makes large files and puts
the chart's words out of reach of search and copy. matplotlib's renderer interface is
small: paths (lines, bars, markers, hatches) and text. Implementing it against
reportlab's canvas gives crisp charts at any zoom, text in the same embedded DejaVu
font as the report, and costs only matplotlib's own layout time.

The figure is drawn once into a list of recorded canvas calls (reports.recording); the
report replays them into a PDF form that each of the chart's pages uses
(reports.chartwork)."""

from __future__ import annotations

import math
import threading
from typing import Any

from matplotlib import font_manager
from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.figure import Figure
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Affine2D, Bbox
from reportlab.pdfgen.pathobject import PDFPathObject

from tryggapp.reports import fonts
from tryggapp.reports.recording import Recording

_CAPS = {"butt": 0, "round": 1, "projecting": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}
_HEIGHT_METRICS: dict[tuple[tuple[str, ...], float], tuple[float, float, float]] = {}
HATCH_TILE = 72.0  # matplotlib's hatch density is per inch; at 72 dpi an inch is 72 pt


def _font_name(prop: Any) -> str:
    weight = prop.get_weight()
    bold = weight in ("bold", "heavy", "extra bold", "black", "semibold", "demibold", "demi") or (
        isinstance(weight, int | float) and weight >= 600)
    if bold:
        return fonts.BOLD
    return fonts.OBLIQUE if prop.get_style() in ("italic", "oblique") else fonts.REGULAR


def _path_object(path: MplPath, transform: Affine2D | None, into: PDFPathObject | None = None) -> PDFPathObject:
    """matplotlib path -> reportlab path (appended to `into` if given); quadratic curves
    raised to cubic."""
    p = PDFPathObject() if into is None else into
    last = (0.0, 0.0)
    for verts, code in path.iter_segments(transform, remove_nans=True, simplify=False, curves=True):
        if code == MplPath.MOVETO:
            last = (verts[0], verts[1])
            p.moveTo(*last)
        elif code == MplPath.LINETO:
            last = (verts[0], verts[1])
            p.lineTo(*last)
        elif code == MplPath.CURVE3:
            qx, qy, x, y = verts
            c1 = (last[0] + 2 / 3 * (qx - last[0]), last[1] + 2 / 3 * (qy - last[1]))
            c2 = (x + 2 / 3 * (qx - x), y + 2 / 3 * (qy - y))
            p.curveTo(*c1, *c2, x, y)
            last = (x, y)
        elif code == MplPath.CURVE4:
            p.curveTo(*verts)
            last = (verts[4], verts[5])
        elif code == MplPath.CLOSEPOLY:
            p.close()
    return p


class ReportlabRenderer(RendererBase):
    """A matplotlib renderer whose device unit is the PDF point (use figure dpi 72)."""

    def __init__(self, width: float, height: float, out: Recording) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.out = out

    # -- what matplotlib asks of every renderer --------------------------------

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    def flipy(self) -> bool:
        return False  # PDF, like matplotlib's display space, has its origin bottom-left

    def points_to_pixels(self, points: float) -> float:
        return points

    def new_gc(self) -> GraphicsContextBase:
        return GraphicsContextBase()

    def option_image_nocomposite(self) -> bool:
        return True

    def _get_font_height_metrics(self, prop: Any) -> tuple[float, float, float]:
        """(ascent, descent, line gap) of the font at its size, as matplotlib's Text
        computes them for every text it lays out (looking the font up and reading two of
        its tables each time: 938 times for the demo's charts), computed once per font
        and size. The same tables, the same arithmetic (dpi is 72 here, see record)."""
        key = (tuple(font_manager.fontManager._find_fonts_by_props(prop)), prop.get_size_in_points())
        metrics = _HEIGHT_METRICS.get(key)
        if metrics is None:
            font = font_manager.get_font(key[0])
            for table_name, gap_key, ascent_key, descent_key in (
                    ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                    ("hhea", "lineGap", "ascent", "descent")):
                table = font.get_sfnt_table(table_name)
                if table is None:
                    continue
                scale = key[1] / font.get_sfnt_table("head")["unitsPerEm"]
                metrics = (table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale)
                break
            else:
                metrics = (None, None, None)  # type: ignore[assignment]  # matplotlib measures "lp"
            _HEIGHT_METRICS[key] = metrics
        return metrics

    # -- state -------------------------------------------------------------------

    def _clip(self, gc: GraphicsContextBase) -> None:
        rect = gc.get_clip_rectangle()
        if rect is not None:
            x0, y0, w, h = rect.bounds
            p = PDFPathObject()
            p.rect(x0, y0, w, h)
            self.out.clipPath(p, stroke=0, fill=0)
        clip_path, clip_trans = gc.get_clip_path()
        if clip_path is not None:
            self.out.clipPath(_path_object(clip_path, clip_trans), stroke=0, fill=0)

    def _stroke_setup(self, gc: GraphicsContextBase) -> bool:
        lw = gc.get_linewidth()
        r, g, b, a = gc.get_rgb()
        if lw <= 0 or a == 0:
            return False
        self.out.setStrokeColorRGB(r, g, b)
        if a < 1:
            self.out.setStrokeAlpha(a)
        self.out.setLineWidth(lw)
        self.out.setLineCap(_CAPS.get(gc.get_capstyle(), 0))
        self.out.setLineJoin(_JOINS.get(gc.get_joinstyle(), 0))
        offset, dashes = gc.get_dashes()
        if dashes is not None and len(dashes):
            self.out.setDash([max(float(x), 0.01) for x in dashes], float(offset or 0))
        return True

    # -- drawing -----------------------------------------------------------------

    def draw_path(self, gc: GraphicsContextBase, path: MplPath, transform: Affine2D, rgbFace: Any = None) -> None:
        self._draw_paths(gc, [(path, transform)], rgbFace)

    def draw_markers(self, gc: GraphicsContextBase, marker_path: MplPath, marker_trans: Affine2D, path: MplPath,
                     trans: Affine2D, rgbFace: Any = None) -> None:
        """All of a line's markers (its points, an axis' tick marks) as one path, painted
        once; the base class paints each on its own, with its own state and clip."""
        pieces = [(marker_path, marker_trans + Affine2D().translate(*vertices[-2:]))
                  for vertices, _codes in path.iter_segments(trans, simplify=False) if len(vertices)]
        if pieces:
            self._draw_paths(gc, pieces, rgbFace, separate=False)

    def draw_path_collection(self, gc: GraphicsContextBase, master_transform: Affine2D, paths: Any,
                             all_transforms: Any, offsets: Any, offset_trans: Any, facecolors: Any, edgecolors: Any,
                             linewidths: Any, linestyles: Any, antialiaseds: Any, urls: Any, offset_position: Any,
                             *, hatchcolors: Any = None) -> None:
        """A collection painted in one style (a series of bars, grid lines) as one path,
        painted once; any other collection as the base class paints it, path by path."""
        hatchcolors = [] if hatchcolors is None else hatchcolors
        uniform = all(len(x) <= 1 for x in (facecolors, edgecolors, linewidths, linestyles, hatchcolors))
        if not uniform:
            super().draw_path_collection(gc, master_transform, paths, all_transforms, offsets, offset_trans,
                                         facecolors, edgecolors, linewidths, linestyles, antialiaseds, urls,
                                         offset_position, hatchcolors=hatchcolors)
            return
        path_ids = self._iter_collection_raw_paths(master_transform, paths, all_transforms)
        pieces, style = [], None
        for xo, yo, (path, transform), gc0, rgbFace in self._iter_collection(
                gc, list(path_ids), offsets, offset_trans, facecolors, edgecolors, linewidths, linestyles,
                antialiaseds, urls, offset_position, hatchcolors=hatchcolors):
            if xo != 0 or yo != 0:
                transform = transform.frozen().translate(xo, yo)
            pieces.append((path, transform))
            style = style or (gc0, rgbFace)
        if pieces and style is not None:
            self._draw_paths(style[0], pieces, style[1], separate=False)

    def _draw_paths(self, gc: GraphicsContextBase, pieces: list[tuple[MplPath, Affine2D]], rgbFace: Any,
                    *, separate: bool = True) -> None:
        """Paint `pieces` (path, transform) as one PDF path in `gc`'s style. Several pieces
        are filled with the non-zero rule, so where two touch or overlap both stay filled
        (as when each is painted on its own); one path keeps matplotlib's even-odd rule."""
        self.out.saveState()
        self._clip(gc)
        fill = rgbFace is not None and (len(rgbFace) < 4 or rgbFace[3] > 0)
        if fill:
            alpha = rgbFace[3] if len(rgbFace) > 3 and not gc.get_forced_alpha() else gc.get_alpha()
            self.out.setFillColorRGB(*rgbFace[:3])
            if alpha is not None and alpha < 1:
                self.out.setFillAlpha(alpha)
        stroke = self._stroke_setup(gc)
        pdf_path = PDFPathObject()
        for path, transform in pieces:
            _path_object(path, transform, into=pdf_path)
        if fill or stroke:
            self.out.drawPath(pdf_path, stroke=int(stroke), fill=int(fill), fillMode=0 if separate else 1)
        if gc.get_hatch():
            self._hatch(gc, pieces)
        self.out.restoreState()

    def _hatch(self, gc: GraphicsContextBase, pieces: list[tuple[MplPath, Affine2D]]) -> None:
        """Tile the hatch pattern over the pieces' box, clipped to them."""
        boxes = [path.get_extents(transform) for path, transform in pieces]
        boxes = [b for b in boxes if b.width > 0 and b.height > 0]
        if not boxes:
            return
        box = Bbox.union(boxes)
        self.out.saveState()
        outline = PDFPathObject()
        for path, transform in pieces:
            _path_object(path, transform, into=outline)
        self.out.clipPath(outline, stroke=0, fill=0, fillMode=1)
        r, g, b, *_a = gc.get_hatch_color()
        self.out.setStrokeColorRGB(r, g, b)
        self.out.setLineWidth(gc.get_hatch_linewidth())
        self.out.setDash([])
        hatch = gc.get_hatch_path()
        tiles = PDFPathObject()  # one path, one stroke for all tiles
        x = math.floor(box.x0 / HATCH_TILE) * HATCH_TILE
        while x < box.x1:
            y = math.floor(box.y0 / HATCH_TILE) * HATCH_TILE
            while y < box.y1:
                _path_object(hatch, Affine2D().scale(HATCH_TILE).translate(x, y), into=tiles)
                y += HATCH_TILE
            x += HATCH_TILE
        self.out.drawPath(tiles, stroke=1, fill=0)
        self.out.restoreState()

    def draw_text(self, gc: GraphicsContextBase, x: float, y: float, s: str, prop: Any, angle: float,
                  ismath: bool | str = False, mtext: Any = None) -> None:
        # x, y is the start of the baseline (as in matplotlib's own PDF backend).
        s = fonts.clean(s)
        if not s:
            return
        r, g, b, a = gc.get_rgb()
        self.out.saveState()
        self._clip(gc)
        self.out.setFillColorRGB(r, g, b)
        if a < 1:
            self.out.setFillAlpha(a)
        self.out.translate(x, y)
        if angle:
            self.out.rotate(angle)
        self.out.setFont(_font_name(prop), prop.get_size_in_points())
        self.out.drawString(0, 0, s)
        self.out.restoreState()

    def draw_image(self, gc: GraphicsContextBase, x: float, y: float, im: Any, transform: Any = None) -> None:
        from PIL import Image
        from reportlab.lib.utils import ImageReader

        h, w = im.shape[:2]
        image = Image.fromarray(im, "RGBA")  # rows top first, as PIL expects
        self.out.saveState()
        self._clip(gc)
        self.out.drawImage(ImageReader(image), x, y, w, h, mask="auto")
        self.out.restoreState()


_renderers = threading.local()


def _renderer(width: float, height: float, out: Recording) -> ReportlabRenderer:
    """One renderer per thread, reused for every figure: matplotlib caches text metrics
    per renderer (`text._get_text_metrics_with_cache` keys on it), so a new renderer per
    figure measured "0", "20", "40 %" and every other tick label again in each chart. With
    one, a report's 13 charts measure each distinct string once."""
    renderer = getattr(_renderers, "renderer", None)
    if renderer is None:
        renderer = _renderers.renderer = ReportlabRenderer(width, height, out)
    renderer.width, renderer.height, renderer.out = width, height, out
    return renderer


def record(fig: Figure) -> Recording:
    """Lay out and draw `fig` (dpi forced to 72: one unit = one point) into a Recording."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig.set_dpi(72)
    if not isinstance(fig.canvas, FigureCanvasAgg):
        # The layout engine measures text through the canvas's renderer: Agg's, with the
        # same DejaVu metrics as the text we draw.
        FigureCanvasAgg(fig)
    out = Recording()
    renderer = _renderer(fig.bbox.width, fig.bbox.height, out)
    try:
        fig.draw(renderer)
    finally:
        renderer.out = Recording()  # drop the reference: the figure's calls belong to `out`
    return out
