"""Check a frozen Tryggapp bundle (packaging/tryggapp.spec) as a user would run it.

    python packaging/check_frozen.py build/release/dist/tryggapp

In a fresh data folder it runs the bundle's own executable (no Python of ours involved):
1. `demo` makes the demo municipality (Swedish output, exit 0);
2. `report` writes the year report: Swedish text, every font embedded (pdffonts when it is
   installed, otherwise pypdf's view of the font dictionaries);
3. the window starts offscreen on that database and quits after its first paint
   (`--smoke-test`), exit 0, no traceback;
4. a bundle without its compiled catalog refuses to start (one line, exit 78), on a copy.
It prints the bundle's size and each step's time and peak memory (Linux/macOS: the
process's maximum resident set size), and exits non-zero on the first failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WINDOWS = os.name == "nt"
TODAY = "2026-11-25"


def fail(message: str) -> None:
    print(f"FAIL: {message}", file=sys.stderr)
    raise SystemExit(1)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run(exe: Path, args: list[str], env: dict[str, str], label: str,
        timeout: float = 600) -> tuple[subprocess.CompletedProcess, float, float | None]:
    """Run and return (result, seconds, peak RSS in MB or None where not measurable)."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([str(exe), *args], env=env, stdout=out, stderr=err)
        peak = None
        if hasattr(os, "wait4"):
            deadline = started + timeout
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    proc.returncode = os.waitstatus_to_exitcode(status)
                    # ru_maxrss: kilobytes on Linux, bytes on macOS.
                    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
                    break
                if time.monotonic() > deadline:
                    proc.kill()
                    fail(f"{label}: no exit after {timeout:.0f} s")
                time.sleep(0.05)
        else:
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                fail(f"{label}: no exit after {timeout:.0f} s")
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(proc.args, proc.returncode,
                                             out.read().decode("utf-8", "replace"),
                                             err.read().decode("utf-8", "replace"))
    seconds = time.monotonic() - started
    memory = f", peak {peak:.0f} MB" if peak is not None else ""
    print(f"  {label}: exit {result.returncode} in {seconds:.1f} s{memory}")
    if "Traceback" in result.stderr:
        fail(f"{label} printed a traceback:\n{result.stderr}")
    return result, seconds, peak


def pdf_text_and_fonts(pdf: Path) -> tuple[str, list[tuple[str, bool]]]:
    """The PDF's text and its fonts as (name, embedded)."""
    if shutil.which("pdffonts") and shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              encoding="utf-8", check=True).stdout
        listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                                 check=True).stdout
        rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
        # name, type (TrueType: one word), encoding, emb, sub, uni, object id
        return text, [(row[0], row[3] == "yes") for row in rows]
    from pypdf import PdfReader  # a dependency of Tryggapp: in the build environment

    reader = PdfReader(str(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font.get("/BaseFont"))] = embedded
    return text, sorted(fonts.items())


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    bundle = Path(argv[0]).resolve()
    cli = bundle / ("tryggapp-cli.exe" if WINDOWS else "tryggapp")
    window = bundle / ("Tryggapp.exe" if WINDOWS else "tryggapp")
    for exe in (cli, window):
        if not exe.is_file():
            fail(f"{exe} is missing")
    size = folder_size(bundle)
    print(f"bundle {bundle}: {size / 1e6:.0f} MB")

    with tempfile.TemporaryDirectory(prefix="tryggapp-frozen-") as tmp:
        work = Path(tmp)
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "PYTHONHOME", "TRYGGAPP_LANG", "TRYGGAPP_DB")}
        env.update(TRYGGAPP_DATA_DIR=str(work / "data"), QT_QPA_PLATFORM="offscreen",
                   XDG_CONFIG_HOME=str(work / "config"), XDG_CACHE_HOME=str(work / "cache"))
        db, pdf = work / "demo.db", work / "rapport.pdf"

        demo, _s, _p = run(cli, ["demo", "--db", str(db), "--today", TODAY], env, "demo")
        if demo.returncode != 0 or "Trygghetsvandringar" not in demo.stdout:
            fail(f"demo: exit {demo.returncode}\n{demo.stdout}\n{demo.stderr}")

        report, _s, _p = run(cli, ["report", "--db", str(db), "--period", "2026", "--today", TODAY,
                                   "-o", str(pdf)], env, "year report")
        if report.returncode != 0 or not pdf.is_file():
            fail(f"report: exit {report.returncode}\n{report.stdout}\n{report.stderr}")
        if "chart process" in report.stderr or "drawn in this process instead" in report.stderr:
            # The frozen program must start itself as the chart process (reports.chartwork).
            fail(f"the report's chart process did not work frozen:\n{report.stderr}")
        text, fonts = pdf_text_and_fonts(pdf)
        for words in ("Uppföljning av handlingsplan", "Läget per den 25 november 2026", "Åtgärder"):
            if words not in text:
                fail(f"the report lacks the Swedish text {words!r}")
        if not fonts or not all(embedded for _name, embedded in fonts):
            fail(f"fonts not embedded: {fonts}")
        if not all("DejaVuSans" in name for name, _e in fonts):
            fail(f"a font other than DejaVu Sans: {fonts}")
        print(f"  report: Swedish text, fonts embedded: {', '.join(name for name, _e in fonts)}")

        smoke, _s, _p = run(window, ["--db", str(db), "--smoke-test"], env, "window start (offscreen)",
                            timeout=300)
        if smoke.returncode != 0:
            fail(f"window: exit {smoke.returncode}\n{smoke.stdout}\n{smoke.stderr}")

        # Without the compiled catalog: a clear refusal, never English. On a copy.
        broken = work / "broken"
        shutil.copytree(bundle, broken, symlinks=True)
        for mo in broken.rglob("tryggapp.mo"):
            mo.unlink()
        broken_cli = broken / cli.name
        refused, _s, _p = run(broken_cli, ["check", "--db", str(db)], env, "without catalog")
        # An ASCII part of the Swedish line: on Windows stderr may be in the ANSI code page.
        if refused.returncode != 78 or "Tryggapp kan inte starta" not in refused.stderr:
            fail(f"a bundle without its catalog: exit {refused.returncode}\n{refused.stdout}{refused.stderr}")
    print("frozen bundle OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
