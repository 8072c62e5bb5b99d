"""Issue 16's speed aims as ratios to a baseline measured in the same run.

Absolute times do not travel between machines (or between a quiet and a busy hour on
the same one); a ratio to a baseline run alternately with the subject travels better.
Every figure is a whole process started from here, as a user starts it:

    shown       `tryggapp --db demo.db` up to the window shown and painted (its shell:
                sidebar, menus, "Öppnar databasen…"), then quit
                                         vs  a bare PySide6 QMainWindow shown and quit
    window      `tryggapp --db demo.db` up to the database open and the first section
                filled, then quit        vs  the same bare window
    --help      `tryggapp --help`        vs  `python -c pass`
    report      `tryggapp report --period 2026` on the demo database
                                         vs  the floor: a process that only imports
                                             reportlab and matplotlib (figure + Agg) and
                                             registers the report's fonts
    big report  the ten-year, 5 000-measure database, all ten years  vs  the demo report

Each pair is run alternately `--runs` times; the ratio printed is the median of the
per-pair ratios (robust to load changing during the run), with both medians, the peak
memory (max RSS) of each process, and the load average before and after. Beside the
wall-clock ratio (the aim's measure) it prints the ratio of CPU time (user + system of
the child): on a machine busy with other work the CPU time moves much less than the wall
time, so it tells whether a change of the wall ratio is the program or the load. It ends with
the import profile (-X importtime, top entries) of the window's start and of --help.

    .venv/bin/python benchmarks/bench_ratios.py [--runs 5] [--quick] [--no-big]

`--quick` (CI): 3 runs, no ten-year database, shorter import profiles. This script never
fails on a missed aim: it prints "missed" and exits 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_report  # noqa: E402  (the demo and the ten-year database builders)

PY = sys.executable
BARE_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "w = QMainWindow()\n"
    "w.resize(1280, 800)\n"
    "w.show()\n"
    "app.processEvents()\n"
)
# The real entry point (tryggapp.main.main -> ui.app.run_app), with the event loop
# replaced by one round of pending events: the process ends once the window is shown
# and its first section filled.
APP_WINDOW = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication\n"
    "QApplication.exec = lambda self: (QApplication.processEvents(), 0)[1]\n"
    "from tryggapp.main import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
# The same start, ended when the window's shell has been shown and painted: the database
# is not opened (run_app then closes the window and returns 1). Exits 3 if the database
# stack was imported before the window was shown.
APP_SHOWN = (
    "import sys\n"
    "from tryggapp.ui import app\n"
    "def stop(*args, **kwargs):\n"
    "    heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'tryggapp.domain') if m in sys.modules]\n"
    "    sys.exit(3 if heavy else 0)\n"
    "app.open_with_dialogs = stop\n"
    "from tryggapp.main import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
REPORT_FLOOR = (
    "from tryggapp.reports import fonts\n"
    "fonts.register()\n"
    "import reportlab.platypus, matplotlib.figure, matplotlib.backends.backend_agg\n"
)


@dataclass
class Sample:
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    maxrss_mb: list[float] = field(default_factory=list)


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall time of the whole process, its CPU time (user + system) and its peak memory
    (MB), from os.wait4 so the figures are this child's own (getrusage(RUSAGE_CHILDREN)
    keeps the maximum of all)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # kB on Linux


def make(env: dict[str, str], builder: str, path: Path) -> None:
    """Build a database in a child process: this process stays small, because a forked
    child's peak RSS starts at its parent's size (python -c pass would show 80 MB)."""
    code = f"import sys; sys.path.insert(0, {str(HERE)!r}); import bench_report; bench_report.{builder}"
    subprocess.run([PY, "-c", f"{code}(__import__('pathlib').Path({str(path)!r}))"], env=env, check=True)


def paired(subject: list[str], baseline: list[str], runs: int, env: dict[str, str]) -> tuple[Sample, Sample, float]:
    """Alternate baseline and subject (one warm-up of each first): both samples and the
    median of the per-pair ratios (of wall time; `cpu_ratio` gives that of CPU time)."""
    run(baseline, env)
    run(subject, env)
    s, b, ratios = Sample(), Sample(), []
    for _ in range(runs):
        for sample, cmd in ((b, baseline), (s, subject)):
            wall, cpu, mem = run(cmd, env)
            sample.seconds.append(wall)
            sample.cpu.append(cpu)
            sample.maxrss_mb.append(mem)
        ratios.append(s.seconds[-1] / b.seconds[-1])
    return s, b, statistics.median(ratios)


def cpu_ratio(s: Sample, b: Sample) -> float:
    return statistics.median(x / y for x, y in zip(s.cpu, b.cpu, strict=True))


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def import_profile(cmd: list[str], env: dict[str, str], top: int) -> str:
    """The `top` imports by cumulative time (-X importtime), and the top by own time."""
    proc = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], env=env, capture_output=True, text=True)
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self [us]" in line:
            continue
        own_field, cumulative_field, name = line.split("|", 2)
        rows.append((int(cumulative_field), int(own_field.split(":")[1]), name.rstrip()[1:]))
    total = sum(c for c, _o, n in rows if not n.startswith(" "))  # top level: no indent
    out = [f"    total of top-level imports: {total / 1e6:.3f} s"]
    out.append("    by cumulative time:")
    out += [f"    {c / 1e6:7.3f} s {n}" for c, _o, n in sorted(rows, reverse=True)[:top]]
    out.append("    by own time:")
    out += [f"    {o / 1e6:7.3f} s {n.strip()}" for _c, o, n in sorted(rows, key=lambda r: -r[1])[:top]]
    return "\n".join(out)


def line(label: str, s: Sample, b: Sample, ratio: float, aim: float | None, base_label: str) -> str:
    verdict = "not an aim" if aim is None else f"aim <= {aim:g}: {'met' if ratio <= aim else 'missed'}"
    return (f"{label:<34} {statistics.median(s.seconds):7.3f} s {max(s.maxrss_mb):6.0f} MB | "
            f"{base_label:<26} {statistics.median(b.seconds):7.3f} s {max(b.maxrss_mb):6.0f} MB | "
            f"ratio {ratio:5.2f}  ({verdict}) | CPU {statistics.median(s.cpu):6.3f} s / "
            f"{statistics.median(b.cpu):6.3f} s, ratio {cpu_ratio(s, b):5.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="CI: 3 runs, no ten-year database")
    parser.add_argument("--no-big", action="store_true", help="leave out the ten-year database")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    top = 8 if args.quick else 15
    started = time.perf_counter()

    with tempfile.TemporaryDirectory(prefix="bench-ratios-") as tmp:
        folder = Path(tmp)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRYGGAPP_DATA_DIR=str(folder / "data"),
                   XDG_CONFIG_HOME=str(folder / "config"), TRYGGAPP_LANG="sv")
        env.pop("TRYGGAPP_DB", None)
        demo = folder / "demo.db"
        make(env, "make_demo", demo)
        today = bench_report.DEMO_TODAY.isoformat()

        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d %H:%M %Z')}")
        print(f"load average (1/5/15 min) before: {load()}")
        print(f"runs per figure: {runs} pairs (median), whole processes\n")

        results = []
        shown = [PY, "-c", APP_SHOWN, "--db", str(demo)]
        s, b, r = paired(shown, [PY, "-c", BARE_WINDOW], runs, env)
        results.append(line("window shown (before the database)", s, b, r, 3.0, "bare PySide6 window"))
        window = [PY, "-c", APP_WINDOW, "--db", str(demo)]
        s, b, r = paired(window, [PY, "-c", BARE_WINDOW], runs, env)
        # Issue 16's aim is the window *shown*; the first section's data arrives after the
        # database stack is loaded and is measured, not aimed at. Its peak memory is the aim.
        results.append(line("window shown + first section", s, b, r, None, "bare PySide6 window"))
        extra = max(s.maxrss_mb) - max(b.maxrss_mb)
        results.append(f"{'':34} peak memory {extra:+.0f} MB above the bare window (aim <= +120 MB: "
                       f"{'met' if extra <= 120 else 'missed'})")

        s, b, r = paired([PY, "-m", "tryggapp", "--help"], [PY, "-c", "pass"], runs, env)
        results.append(line("tryggapp --help", s, b, r, 10.0, "python -c pass"))

        demo_report = [PY, "-m", "tryggapp", "report", "--db", str(demo), "--period", "2026",
                       "--today", today, "-o", str(folder / "demo.pdf")]
        s, b, r = paired(demo_report, [PY, "-c", REPORT_FLOOR], runs, env)
        results.append(line("demo year report", s, b, r, 2.5, "reportlab+matplotlib floor"))

        if not (args.quick or args.no_big):
            big = folder / "big.db"
            make(env, "make_big", big)
            first = bench_report.DEMO_TODAY.year - 9
            big_report = [PY, "-m", "tryggapp", "report", "--db", str(big), "--from", f"{first}-01-01",
                          "--to", f"{bench_report.DEMO_TODAY.year}-12-31", "--today", today,
                          "-o", str(folder / "big.pdf")]
            s, b, r = paired(big_report, demo_report, max(3, runs - 2), env)
            results.append(line("10 years, 5 000 measures report", s, b, r, 6.0, "demo year report"))

        print("\n".join(results))
        print(f"\nload average (1/5/15 min) after: {load()}")

        print("\nimport profile, window start (-X importtime):")
        print(import_profile(window, env, top))
        print("\nimport profile, tryggapp --help (-X importtime):")
        print(import_profile([PY, "-m", "tryggapp", "--help"], env, top))
    print(f"\nbenchmark took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
