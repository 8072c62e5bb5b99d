"""Test data for the statistics import: ten years of reported crime per category, as
Excel on Swedish Windows saves a CSV (cp1252, ';', Swedish number formats), with one
broken row and one unknown category, and the corrected file."""

from __future__ import annotations

from pathlib import Path

from tryggapp.domain.enums import GoalKind
from tryggapp.services import indicators
from tryggapp.services import programme as svc
from tryggapp.storage import Database

CATEGORIES = ("Skadegörelse", "Våldsbrott", "Stöld", "Narkotikabrott")
YEARS = tuple(range(2015, 2025))
# Anmälda brott per kategori och år (fictional, shaped like BRÅ's municipal figures).
COUNTS = {
    "Skadegörelse": (1412, 1365, 1298, 1320, 1254, 1187, 1102, 1045, 998, 951),
    "Våldsbrott": (512, 530, 548, 561, 540, 522, 505, 498, 476, 460),
    "Stöld": (2280, 2214, 2150, 2075, 1890, 1610, 1555, 1620, 1580, 1502),
    "Narkotikabrott": (301, 322, 356, 398, 420, 455, 470, 462, 441, 430),
}
BROKEN_ROW = 19  # the file's row (header on row 1): 2018, Våldsbrott, "5x61"
UNKNOWN_ROW = 33  # 2021, "Skadegörlese" (a typo of Skadegörelse)


def _swedish(n: float, i: int) -> str:
    """Thousands written the ways Swedish Excel files do: a space, a no-break space, none."""
    text = f"{n:,.0f}".replace(",", "\u00a0" if i % 3 == 0 else " " if i % 3 == 1 else "")
    return text


def crime_rows(*, broken: bool) -> list[tuple[str, str, str]]:
    rows = []
    i = 0
    for y, year in enumerate(YEARS):
        total = sum(COUNTS[c][y] for c in CATEGORIES)
        rows.append((str(year), "Totalt", _swedish(total, i)))
        for c in CATEGORIES:
            i += 1
            rows.append((str(year), c, _swedish(COUNTS[c][y], i)))
    if broken:
        assert rows[BROKEN_ROW - 2][:2] == ("2018", "Våldsbrott")
        rows[BROKEN_ROW - 2] = ("2018", "Våldsbrott", "5x61")
        assert rows[UNKNOWN_ROW - 2][:2] == ("2021", "Skadegörelse")
        rows[UNKNOWN_ROW - 2] = ("2021", "Skadegörlese", rows[UNKNOWN_ROW - 2][2])
    return rows


def write_crime_csv(path: Path, *, broken: bool, encoding: str = "cp1252", delimiter: str = ";") -> Path:
    lines = [delimiter.join(("År", "Brottskategori", "Antal anmälda brott"))]
    lines += [delimiter.join(r) for r in crime_rows(broken=broken)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def crime_goal(db: Database, *, with_categories: bool = True, area_id: int | None = None) -> int:
    """A goal whose indicator is reported crime, with the four categories (in a new
    programme, or in the focus area `area_id`)."""
    if area_id is None:
        programme = svc.create_programme(db, "Handlingsprogram för trygghet och säkerhet")
        direction = svc.add_direction(db, programme.id, "Brottsförebyggande arbete")  # type: ignore[arg-type]
        area_id = svc.add_focus_area(db, direction.id, "Trygg stadsmiljö").id  # type: ignore[arg-type]
    goal = svc.add_goal(db, area_id, "Färre anmälda brott i kommunen", GoalKind.IMPACT,  # type: ignore[arg-type]
                        indicator="Anmälda brott per år", unit="antal", baseline=4505, baseline_year=2015,
                        target=3000, higher_is_better=False, source="BRÅ, anmälda brott")
    if with_categories:
        for name in CATEGORIES:
            indicators.add_category(db, goal.id, name)  # type: ignore[arg-type]
    return goal.id  # type: ignore[return-value]
