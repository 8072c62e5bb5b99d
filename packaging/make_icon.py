"""Draw Tryggapp's application icon into resources/icons/ (PNG for the window, ICO for
Windows: the executable, the Start-menu entry and the installer).

    python packaging/make_icon.py

The icon is drawn, not downloaded: a shield (safety) in the app's blue with a white check
mark. Pillow comes with matplotlib. Run it again only to change the design; the files it
writes are committed as sources beside the fonts.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
BLUE = (31, 84, 140, 255)
LIGHT = (86, 145, 204, 255)
WHITE = (255, 255, 255, 255)


def draw(size: int = 1024) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    s = size / 100  # draw on a 100-unit grid

    def pts(*xy: float) -> list[tuple[float, float]]:
        return [(xy[i] * s, xy[i + 1] * s) for i in range(0, len(xy), 2)]

    # A shield: flat top with shoulders, sides curving into a point at the bottom.
    outline = pts(50, 4, 88, 16, 88, 46, 84, 62, 74, 76, 62, 87, 50, 96,
                  38, 87, 26, 76, 16, 62, 12, 46, 12, 16)
    d.polygon(outline, fill=BLUE)
    inner = pts(50, 11, 81, 21, 81, 46, 77, 60, 68, 72, 58, 82, 50, 88,
                42, 82, 32, 72, 23, 60, 19, 46, 19, 21)
    d.polygon(inner, fill=LIGHT)
    d.line(pts(31, 50, 45, 64, 70, 36), fill=WHITE, width=round(9 * s), joint="curve")
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "tryggapp.png")
    big.save(OUT / "tryggapp.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                          (128, 128), (256, 256)])
    print(f"wrote {OUT / 'tryggapp.png'} and {OUT / 'tryggapp.ico'}")


if __name__ == "__main__":
    main()
