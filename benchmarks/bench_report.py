"""Follow-up report speed: the demo database's year report, and a generated ten-year
database with 5 000 measures (its latest year, and all ten years at once).

Each report is made in a fresh interpreter, as the command line makes it: a chart
process started first (reports.chart_process, which imports matplotlib meanwhile), then
collect and build. The cold figure includes importing reportlab (the price a user pays
once per session); the warm figure is a second report in the same process, with a chart
process of its own as the command line would start. `--inline` draws the charts in the
report's process instead (as the window does).

    .venv/bin/python benchmarks/bench_report.py [--runs 3] [--keep DIR]

Aims (issue 4): demo year report under 2 s, the 5 000-measure report under 10 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEMO_TODAY = dt.date(2026, 11, 25)

CHILD = r"""
import json, sys, time, datetime as dt
t0 = time.perf_counter()
from tryggapp.domain import periods
from tryggapp.services import followup
from tryggapp.storage import open_database
from tryggapp import reports
db = open_database(sys.argv[1], read_only=True)
period = periods.parse(sys.argv[2]) if "--" not in sys.argv[2] else periods.between(
    *(dt.date.fromisoformat(p) for p in sys.argv[2].split("--")))
today = dt.date.fromisoformat(sys.argv[3])
inline = sys.argv[5] == "inline"
out = {}
for run in ("cold", "warm"):
    t1 = time.perf_counter()
    renderer = None if inline else reports.chart_process()
    data = followup.collect(db, period, today)
    t2 = time.perf_counter()
    pages = reports.build_pdf(data, sys.argv[4], renderer=renderer)
    if renderer is not None:
        renderer.close()
    t3 = time.perf_counter()
    out[run] = {"collect": t2 - t1, "build": t3 - t2, "total": t3 - t1, "pages": pages,
                "measures": len(data.measures)}
out["process"] = time.perf_counter() - t0
print(json.dumps(out))
"""


def run_child(db: Path, period: str, today: dt.date, pdf: Path, inline: bool = False) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(db), period, today.isoformat(), str(pdf),
                           "inline" if inline else "process"],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def make_demo(path: Path) -> None:
    from tryggapp.services.demo import populate
    from tryggapp.storage import open_database

    db = open_database(path, create=True)
    populate(db, today=DEMO_TODAY)
    db.close()


def make_big(path: Path, *, years: int = 10, per_year: int = 500, seed: int = 4) -> None:
    """A ten-year municipality in bulk inserts (SQLAlchemy Core executemany): plans,
    measures with notes and status history, goals measured every quarter, groups meeting
    monthly with minutes, two safety walks a year."""
    import sqlalchemy as sa

    from tryggapp import domain as d
    from tryggapp.domain.enums import MeasureStatus
    from tryggapp.storage import open_database

    rnd = random.Random(seed)
    first = DEMO_TODAY.year - years + 1
    db = open_database(path, create=True)

    def t(model):  # noqa: ANN001, ANN202
        return model.__table__

    statuses = [MeasureStatus.DONE] * 5 + [MeasureStatus.ONGOING] * 3 + [
        MeasureStatus.NOT_STARTED, MeasureStatus.PAUSED, MeasureStatus.CANCELLED]
    with db.engine.begin() as c:
        c.execute(sa.insert(t(d.Municipality)), [{"id": 1, "name": "Storbacka kommun", "coordinator_name": "Åsa Öhman",
                                                  "coordinator_title": "Säkerhetssamordnare", "report_footer": "Storbacka"}])
        c.execute(sa.insert(t(d.Programme)), [{"id": 1, "title": "Program för trygghet och säkerhet",
                                               "reference_number": "KS 2016/77"}])
        c.execute(sa.insert(t(d.Direction)), [{"id": i, "programme_id": 1, "position": i, "title": f"Inriktning {i}"}
                                              for i in (1, 2)])
        c.execute(sa.insert(t(d.Organisation)), [{"id": i, "name": f"Förvaltning {i}", "short_name": f"F{i}"}
                                                 for i in range(1, 11)])
        c.execute(sa.insert(t(d.Person)), [{"id": i, "name": f"Person Åström {i}", "organisation_id": 1 + i % 10}
                                           for i in range(1, 51)])
        c.execute(sa.insert(t(d.FocusArea)), [{"id": i, "direction_id": 1 + (i > 7), "number": i,
                                               "title": f"Fokusområde med längre titel nummer {i}",
                                               "description": "Beskrivning av fokusområdet. " * 5}
                                              for i in range(1, 11)])
        goals = [{"id": i, "focus_area_id": 1 + (i - 1) // 2, "position": i, "text": f"Mål {i} för tryggheten",
                  "indicator": f"Indikator {i}", "unit": "%", "baseline": 50.0, "baseline_year": first - 1,
                  "target": 75.0} for i in range(1, 21)]
        c.execute(sa.insert(t(d.Goal)), goals)
        c.execute(sa.insert(t(d.Measurement)), [
            {"goal_id": g["id"], "year": y, "period_kind": "quarter", "period_no": q,
             "value": round(50 + (y - first) * 2 + q * 0.5 + rnd.random() * 3, 1)}
            for g in goals for y in range(first, DEMO_TODAY.year + 1) for q in (1, 2, 3, 4)])
        c.execute(sa.insert(t(d.GoalAssessment)), [
            {"goal_id": g["id"], "year": y, "period_kind": "year", "period_no": 1,
             "assessment": rnd.choice(["achievable", "partly", "difficult"]), "comment": "Bedömning."}
            for g in goals for y in range(first, DEMO_TODAY.year + 1)])
        c.execute(sa.insert(t(d.Group)), [{"id": i, "name": f"Grupp {i}", "level": "coordination",
                                           "meetings_per_year": 10} for i in range(1, 7)])
        meetings = [{"id": len_ + 1, "group_id": g, "date": dt.date(y, m, 10 + g)}
                    for len_, (g, y, m) in enumerate((g, y, m) for g in range(1, 7)
                                                     for y in range(first, DEMO_TODAY.year + 1)
                                                     for m in (1, 2, 3, 4, 5, 6, 8, 9, 10, 11))]
        c.execute(sa.insert(t(d.Meeting)), meetings)
        c.execute(sa.insert(t(d.Minutes)), [{"id": m["id"], "meeting_id": m["id"]} for m in meetings])
        items, numbers = [], {}
        for m in meetings:
            for k, heading in enumerate(("Mötet öppnas", "Uppföljning av handlingsplanen", "Övriga frågor")):
                key = (m["group_id"], m["date"].year)
                numbers[key] = numbers.get(key, 0) + 1
                items.append({"minutes_id": m["id"], "group_id": m["group_id"], "year": m["date"].year,
                              "number": numbers[key], "heading": heading,
                              "decision": "" if k == 0 else "att ge samordnaren i uppdrag att återkomma"})
        c.execute(sa.insert(t(d.MinutesItem)), items)
        walks = [{"id": i + 1, "date": dt.date(first + i // 2, 4 + 5 * (i % 2), 15), "area": f"Område {i}"}
                 for i in range(years * 2)]
        c.execute(sa.insert(t(d.SafetyWalk)), walks)
        c.execute(sa.insert(t(d.Observation)), [
            {"walk_id": w["id"], "number": n, "place": f"Plats {n}", "category": rnd.choice(
                ["lighting", "vegetation", "graffiti", "litter", "positive"]), "priority": "medium"}
            for w in walks for n in range(1, 11)])
        c.execute(sa.insert(t(d.ActionPlan)), [{"id": y - first + 1, "year": y, "programme_id": 1,
                                                "title": f"Handlingsplan {y}"} for y in range(first, DEMO_TODAY.year + 1)])
        measures, notes, changes = [], [], []
        for y in range(first, DEMO_TODAY.year + 1):
            for n in range(1, per_year + 1):
                mid = len(measures) + 1
                status = rnd.choice(statuses)
                deadline = dt.date(y, rnd.randint(2, 12), rnd.randint(1, 28))
                measures.append({"id": mid, "action_plan_id": y - first + 1, "number": n,
                                 "title": f"Åtgärd {n} år {y}: förbättra belysning och trygghet i område {n % 37}",
                                 "description": "Beskrivning av åtgärden. " * rnd.randint(1, 6),
                                 "focus_area_id": 1 + n % 10, "responsible_person_id": 1 + n % 50,
                                 "responsible_organisation_id": 1 + n % 10, "start_date": dt.date(y, 1, 15),
                                 "deadline": deadline, "status": status.value,
                                 "cancel_reason": "Prioriterades bort" if status is MeasureStatus.CANCELLED else ""})
                for k in range(rnd.randint(0, 3)):
                    notes.append({"measure_id": mid, "noted_on": dt.date(y, 2 + 3 * k, 5), "text": f"Anteckning {k}",
                                  "author": "Åsa"})
                if status is MeasureStatus.DONE:
                    changes.append({"measure_id": mid, "changed_on": min(deadline, DEMO_TODAY), "recorded_at":
                                    dt.datetime(y, 1, 1), "new_status": "done"})
        c.execute(sa.insert(t(d.Measure)), measures)
        c.execute(sa.insert(t(d.MeasureNote)), notes)
        c.execute(sa.insert(t(d.MeasureStatusChange)), changes)
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per report (median reported)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the databases and PDFs in this folder")
    parser.add_argument("--inline", action="store_true", help="draw the charts in the report's process")
    args = parser.parse_args()
    os.environ.setdefault("TRYGGAPP_LANG", "sv")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-report-"))
    folder.mkdir(parents=True, exist_ok=True)
    demo, big = folder / "demo.db", folder / "big.db"
    for path in (demo, big):
        path.unlink(missing_ok=True)
    t0 = time.perf_counter()
    make_demo(demo)
    t1 = time.perf_counter()
    make_big(big)
    t2 = time.perf_counter()
    print(f"databases: demo {t1 - t0:.2f} s, ten years / 5 000 measures {t2 - t1:.2f} s (bulk inserts)")

    cases = [
        ("demo, year 2026", demo, "2026", 2.0),
        ("demo, 2026-T2", demo, "2026-T2", None),
        ("demo, 2026-Q3", demo, "2026-Q3", None),
        ("10 years, year 2026 (500 measures)", big, "2026", None),
        ("10 years, 2017–2026 (5 000 measures)", big, f"{DEMO_TODAY.year - 9}-01-01--{DEMO_TODAY.year}-12-31", 10.0),
    ]
    print(f"{'report':<40} {'pages':>5} {'cold s':>7} {'warm s':>7} {'collect':>8} {'process':>8}  aim")
    for label, db, period, aim in cases:
        results = [run_child(db, period, DEMO_TODAY, folder / f"{db.stem}-{period}.pdf", args.inline)
                   for _ in range(args.runs)]
        cold = statistics.median(r["cold"]["total"] for r in results)
        warm = statistics.median(r["warm"]["total"] for r in results)
        collect = statistics.median(r["warm"]["collect"] for r in results)
        process = statistics.median(r["process"] for r in results)
        verdict = "" if aim is None else (f"< {aim:g} s " + ("ok" if cold < aim else "MISSED"))
        print(f"{label:<40} {results[0]['cold']['pages']:>5} {cold:>7.2f} {warm:>7.2f} {collect:>8.2f} "
              f"{process:>8.2f}  {verdict}")
    if args.keep:
        print(f"kept in {folder}")


if __name__ == "__main__":
    main()
