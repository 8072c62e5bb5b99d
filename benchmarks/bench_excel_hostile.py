"""A hostile workbook for the import: a few hundred KB whose one cell sits in the last
column and row (XFD1048576). It once drove the import to 5.7 GB and a MemoryError; it must
be refused in seconds with modest memory (aim: < 5 s, < 300 MB peak RSS).

    .venv/bin/python benchmarks/bench_excel_hostile.py

Each case runs in a fresh process so the peak RSS (resource.getrusage) is its own."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import uuid
import zipfile
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from tryggapp.errors import UserError
from tryggapp.services import excel
path = Path(sys.argv[1])
t = time.perf_counter()
try:
    excel.read_headers(path)
    outcome = "read"
except UserError as exc:
    outcome = "refused: " + exc.message[:70]
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": round(elapsed, 3), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                  "outcome": outcome}))
"""


def hostile(folder: Path) -> list[Path]:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Aktivitet", "Ansvarig"])
    for i in range(7800):  # real, varied content: about the 277 KB of the reported file
        ws.append([f"Åtgärd {i} " + uuid.uuid4().hex * 3, "Anna Berg"])
    ws["XFD1048576"] = "x"
    dim = folder / "hostile.xlsx"
    wb.save(dim)
    nodim = folder / "hostile-no-dimension.xlsx"  # the dimension tag removed: caught while reading
    with zipfile.ZipFile(dim) as src, zipfile.ZipFile(nodim, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(b'<dimension ref="A1:XFD1048576" />', b"")
            dst.writestr(item, data)
    return [dim, nodim]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for path in hostile(Path(tmp)):
            out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True)
            result = json.loads(out.stdout)
            print(f"{path.name:<28} {path.stat().st_size // 1024:>5} KB  {result['seconds']:>6.2f} s  "
                  f"peak {result['peak_mb']:>4} MB  {result['outcome']}")


if __name__ == "__main__":
    main()
