"""Building the demo municipality (services.demo.populate) into a fresh database file:
the time, and the statements it sends to SQLite. Timed here, not in the tests (a timed
assertion fails on a loaded machine; tests/test_demo.py counts statements instead).

    .venv/bin/python benchmarks/bench_demo.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

from tryggapp.services import demo
from tryggapp.storage import open_database

TODAY = dt.date(2026, 11, 25)


def once(folder: Path, n: int) -> tuple[float, int]:
    db = open_database(folder / f"demo{n}.db", create=True)
    statements = 0

    def count(*_args) -> None:  # noqa: ANN002
        nonlocal statements
        statements += 1

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        started = time.perf_counter()
        demo.populate(db, today=TODAY)
        return time.perf_counter() - started, statements
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runs = [once(Path(tmp), n) for n in range(args.repeat)]
    times = [t for t, _ in runs]
    print(f"demo.populate: median {statistics.median(times):.2f} s, best {min(times):.2f} s "
          f"over {len(times)} runs; {runs[0][1]} SQL statements")


if __name__ == "__main__":
    main()
