"""reports.mplvector paints a line's markers and a one-style collection (a series of
bars, grid lines) as one path each: the page must look as when each is painted on its
own (matplotlib's base renderer), with far fewer drawing operations."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backend_bases import RendererBase
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from tryggapp.reports import mplvector
from tryggapp.reports.recording import Recording

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")


def _figure() -> Figure:
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.plot(range(8), [3, 4, 2, 5, 6, 5, 7, 8], marker="o", markerfacecolor="#33475F", color="#1A1A1A")
    corners = [[(0, y - 0.3), (w, y - 0.3), (w, y + 0.3), (0, y + 0.3)] for y, w in ((1, 3), (2, 0), (3, 5))]
    ax.add_collection(PolyCollection(corners, facecolors="white", edgecolors="#9B1C1C", hatch="xxxx",
                                     linewidths=0.6, joinstyle="miter"))
    ax.set_xlim(-0.5, 8)
    ax.set_ylim(0, 9)
    return fig


def _page(recording: Recording, folder: Path) -> np.ndarray:
    from PIL import Image
    from reportlab.pdfgen.canvas import Canvas

    pdf = folder / "page.pdf"
    canvas = Canvas(str(pdf), pagesize=(288, 216))
    recording.replay(canvas)
    canvas.showPage()
    canvas.save()
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf), str(folder / "page")], check=True)
    return np.asarray(Image.open(folder / "page.png").convert("L")).astype(int)


def test_markers_and_collections_painted_as_one_path_look_the_same(monkeypatch, tmp_path):
    together = mplvector.record(_figure())
    monkeypatch.setattr(mplvector.ReportlabRenderer, "draw_markers", RendererBase.draw_markers)
    monkeypatch.setattr(mplvector.ReportlabRenderer, "draw_path_collection", RendererBase.draw_path_collection)
    apart = mplvector.record(_figure())
    assert len(together.calls) < len(apart.calls) - 60  # 8 markers and 3 bars, each saved, clipped, coloured
    difference = np.abs(_page(together, tmp_path) - _page(apart, tmp_path))
    assert (difference > 40).sum() < 20, (difference > 40).sum()  # a few edge pixels' anti-aliasing at most
