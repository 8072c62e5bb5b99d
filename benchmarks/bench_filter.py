"""Typing in the plan view's search with 10 000 measures: the time per keystroke.

Builds a database with N measures (default 10 000) in one year's plan, loads it into the
real PlanSection (offscreen, shown at 1280x800, so the view's own work is counted), then
types queries one character at a time through the search field, as a user does, and
times each keystroke until the table has repainted. Also times loading the rows, a status
filter, sorting, and (with --excel) exporting and re-importing the plan as .xlsx.

    .venv/bin/python benchmarks/bench_filter.py [--measures 10000] [--excel]

Aim (issue 3): under 50 ms per keystroke.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = dt.date(2026, 11, 25)
QUERIES = ["belysning", "åkesson", "gångtunnel norrby", "12", "klotter skolan"]

WORDS = ["Belysning", "Klotter", "Trygghetsvandring", "Kameror", "Föräldravandring", "Buskage", "Gångtunnel",
         "Skadegörelse", "Nattvandring", "Utbildning", "Rutin", "Samverkan", "Övergångsställe", "Cykelparkering"]
PLACES = ["Norrby", "Centrum", "Stationen", "skolan", "Kvarnen", "torget", "parken", "Västerby", "hamnen"]
NAMES = ["Lena Åkesson", "Peter Sandberg", "Maria Lindqvist", "Johan Ek", "Elin Sjöberg", "Ahmed Yusuf",
         "Karin Björk", "Örjan Holm", "Helena Forsberg", "Mikael Lund"]
ORGS = ["Samhällsbyggnadsförvaltningen", "Socialförvaltningen", "Barn- och utbildningsförvaltningen",
        "Polisen, lokalpolisområde Tryggvik", "Tryggviksbostäder AB", "Kultur- och fritidsförvaltningen"]


def build(path: Path, count: int, year: int = 2026) -> None:
    """A programme with ten focus areas, people, and `count` measures with notes."""
    import sqlalchemy as sa

    from tryggapp import domain as d
    from tryggapp.domain.enums import MeasureStatus
    from tryggapp.storage import open_database

    rng = random.Random(7)
    db = open_database(path, create=True)
    with db.session() as s:
        prog = d.Programme(title="Handlingsprogram")
        s.add(prog)
        s.flush()
        direction = d.Direction(programme_id=prog.id, title="Trygghet")
        s.add(direction)
        s.flush()
        areas = [d.FocusArea(direction_id=direction.id, number=i, title=f"Fokusområde {i}") for i in range(1, 11)]
        orgs = [d.Organisation(name=n) for n in ORGS]
        s.add_all(areas + orgs)
        s.flush()
        people = [d.Person(name=n, organisation_id=orgs[i % len(orgs)].id) for i, n in enumerate(NAMES)]
        plan = d.ActionPlan(year=year, title=f"Handlingsplan {year}")
        s.add_all([*people, plan])
        s.flush()
        statuses = list(MeasureStatus)
        rows, notes = [], []
        for n in range(1, count + 1):
            status = rng.choice(statuses)
            start = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(200))
            person = rng.choice(people)
            rows.append({"action_plan_id": plan.id, "number": n,
                         "title": f"{rng.choice(WORDS)} vid {rng.choice(PLACES)} {n}",
                         "description": "", "expected_effect": "", "focus_area_id": rng.choice(areas).id,
                         "responsible_person_id": person.id, "responsible_organisation_id": person.organisation_id,
                         "start_date": start, "deadline": start + dt.timedelta(days=rng.randrange(30, 400)),
                         "status": status.value, "cancel_reason": "Ersatt" if status == MeasureStatus.CANCELLED else "",
                         "archived": False})
        s.execute(sa.insert(d.Measure.__table__), rows)
        ids = s.execute(sa.select(d.Measure.__table__.c.id)).scalars().all()
        for ident in ids:
            if rng.random() < 0.6:
                notes.append({"measure_id": ident, "noted_on": dt.date(year, rng.randint(1, 11), rng.randint(1, 28)),
                              "text": f"{rng.choice(WORDS)} beställd i {rng.choice(PLACES)}", "author": ""})
        s.execute(sa.insert(d.MeasureNote.__table__), notes)
    db.close()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=10_000)
    parser.add_argument("--excel", action="store_true", help="also time Excel export and import")
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QKeyEvent, QUndoStack
    from PySide6.QtWidgets import QApplication

    from tryggapp import i18n

    i18n.install("sv")
    app = QApplication.instance() or QApplication(sys.argv[:1])

    from tryggapp.services import measures
    from tryggapp.storage import open_database
    from tryggapp.ui.context import AppContext, Changes
    from tryggapp.ui.plan.model import LATE
    from tryggapp.ui.sections.plan import PlanSection

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        t = time.perf_counter()
        build(path, args.measures)
        print(f"built {args.measures} measures in {time.perf_counter() - t:.1f} s")
        db = open_database(path)

        t = time.perf_counter()
        rows = measures.rows_for_year(db, 2026, TODAY)
        print(f"rows_for_year (one query):      {ms(time.perf_counter() - t)} for {len(rows)} rows")

        ctx = AppContext(db=db, undo_stack=QUndoStack(), changes=Changes(), today=lambda: TODAY)
        view = PlanSection(ctx)
        view.resize(1280, 800)
        view.show()
        t = time.perf_counter()
        view.refresh()
        app.processEvents()
        print(f"view refresh (load + show):     {ms(time.perf_counter() - t)}")

        def key(ch: str) -> float:
            """One keystroke into the search field, until the table has repainted (the paint
            is a posted event, handled by processEvents like the real event loop would)."""
            start = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QCoreApplication.sendEvent(view.search, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                                  Qt.KeyboardModifier.NoModifier, ch))
            app.processEvents()  # the filter, then the repaint it asked for
            return time.perf_counter() - start

        def backspace() -> float:
            start = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QCoreApplication.sendEvent(view.search, QKeyEvent(kind, Qt.Key.Key_Backspace,
                                                                  Qt.KeyboardModifier.NoModifier))
            app.processEvents()
            return time.perf_counter() - start

        view.search.setFocus()
        times: list[float] = []
        for query in QUERIES:
            view.clear_filters()
            for ch in query:
                times.append(key(ch))
            shown = view.proxy.rowCount()
            for _ in query:
                times.append(backspace())
            print(f"  typed {query!r:22} -> {shown:5} rows shown")
        view.clear_filters()
        print(f"per keystroke ({len(times)} keys):    mean {ms(statistics.mean(times))}, "
              f"median {ms(statistics.median(times))}, max {ms(max(times))}  (aim < 50 ms)")

        t = time.perf_counter()
        view.status_filter.setCurrentIndex(view.status_filter.findData(LATE))
        app.processEvents()
        print(f"status filter 'Försenade':      {ms(time.perf_counter() - t)} -> {view.proxy.rowCount()} rows")
        view.clear_filters()
        for column in (1, 2, 3):
            t = time.perf_counter()
            view.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
            app.processEvents()
            print(f"sort by column {column}:               {ms(time.perf_counter() - t)}")

        if args.excel:
            from tryggapp.services import excel

            out = Path(tmp) / "plan.xlsx"
            t = time.perf_counter()
            excel.export_plan(db, 2026, out, TODAY)
            print(f"Excel export of {args.measures}:          {time.perf_counter() - t:.2f} s "
                  f"({out.stat().st_size // 1024} KiB)")
            target = open_database(Path(tmp) / "target.db", create=True)
            t = time.perf_counter()
            report = excel.import_plan(target, out, 2026, None, TODAY)
            print(f"Excel import into an empty db:  {time.perf_counter() - t:.2f} s ({report.created} measures)")
            t = time.perf_counter()
            report = excel.import_plan(target, out, 2026, None, TODAY, dry_run=True)
            print(f"Excel re-import check (dry run): {time.perf_counter() - t:.2f} s "
                  f"({report.unchanged} unchanged)")
            target.close()
        view.close()
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
