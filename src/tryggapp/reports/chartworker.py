"""The chart process: `tryggapp --chart-worker` (reports.chartwork starts it).

It reads chart descriptions (reports.chartspec) from stdin and writes each drawing (the
canvas calls of reports.recording) to stdout, one length-prefixed pickle per message,
until its input ends. It imports matplotlib at once, and then, until the first description
comes, draws a small chart of each kind and throws them away: the report's process spends
that time opening the database and collecting the figures, so matplotlib's first-use
costs (fonts, caches) are paid while nobody waits. The warm-up stops as soon as a message
comes (a report made while matplotlib is loaded, as in the window, does not wait for it).

One process may serve several reports in turn (the window keeps one), each a batch:
messages in: ("begin", batch, None, language), ("chart", batch, key, spec)...,
("end", batch, None, None); messages out: ("chart", batch, key, calls) or
("error", batch, key, traceback text) for each chart, then ("done", batch, None, None).
It ends when its input does."""

from __future__ import annotations

import gc
import os
import pickle
import queue
import struct
import sys
import threading
import traceback
from typing import IO, Any, NoReturn

WORKER_FLAG = "--chart-worker"
_LENGTH = struct.Struct(">I")
COLLECT_EVERY = 20  # charts between collections (the collector is off: see main)


def write_frame(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: IO[bytes]) -> Any:
    """The next message, or None at the end of the stream."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(head)
    data = stream.read(length)
    if len(data) < length:
        return None
    return pickle.loads(data)  # noqa: S301 - from the report's process, over our own pipe


def _warm_up_charts() -> list[Any]:
    """One small chart of each kind, to draw and throw away while nothing is asked: the
    first chart drawn in a process pays for loading fonts and filling matplotlib's
    caches (the demo's first chart took 110–220 ms in the chart process, the same chart
    later 65 ms)."""
    from tryggapp.reports import trend
    from tryggapp.reports.chartspec import GoalFigure, GoalPanel, MeetingBars, StackedBars

    line = trend.chart_of(["2025", "K1 2026", "K2 2026"], {"2025": 10.0, "K1 2026": 12.5, "K2 2026": 11.0}, [],
                          unit="%", baseline=8.0, baseline_year=2024, target=15.0)
    return [
        StackedBars("status", ("1 Samverkan", "2 Klotter"), ({"done": 2, "late": 1}, {"ongoing": 3, "paused": 1}),
                    ("done", "ongoing", "late", "paused"), {"done": "a", "ongoing": "b", "late": "c", "paused": "d"},
                    "Antal", 0.32, ""),
        GoalFigure((GoalPanel("1.1 Andel", "%", line), GoalPanel("1.2 Antal", "antal", line, ylabel="antal")),
                   by_category=False, description=""),
        MeetingBars(("Styrgruppen",), (4,), (2,), (1,), ("a", "b", "c"), "Antal", ""),
    ]


def run() -> NoReturn:
    """The chart process from start to end. It ends with os._exit: it holds nothing to
    close (its answers are flushed), and an ordinary exit would wait for the request
    reader blocked on its input (Python then aborts: "could not acquire lock for stdin
    at interpreter shutdown") and walk every object matplotlib made."""
    code = main()
    sys.stderr.flush()
    os._exit(code)


def main() -> int:
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # stdout carries messages only: a stray print must not garble them
    # A short-lived process that makes a few hundred thousand short-lived objects: the
    # collector only costs here (see reports.collector_paused); it runs every COLLECT_EVERY
    # charts to free the figures' reference cycles.
    gc.disable()
    # Messages are read as they come (a thread of their own), so the warm-up below can
    # stop as soon as the report asks for something.
    inbox: queue.Queue[Any] = queue.Queue()

    def read_all() -> None:
        message: Any = ()
        try:
            while message is not None:
                message = read_frame(source)
                inbox.put(message)
        except Exception:  # noqa: BLE001 - a garbled request: end, the report draws what is missing
            traceback.print_exc()
            inbox.put(None)

    threading.Thread(target=read_all, name="chart-requests", daemon=True).start()
    from tryggapp import i18n
    from tryggapp.reports import charts  # matplotlib, while the report collects its figures

    gc.freeze()  # what the imports made stays: later collections need not walk it
    for spec in _warm_up_charts():
        if not inbox.empty():
            break
        charts.draw(spec)
    drawn = 0
    while True:
        message = inbox.get()
        if message is None:
            return 0
        kind, batch, key, payload = message
        if kind == "begin":
            i18n.install(payload)  # the report's language (the window may change it)
            continue
        if kind == "end":
            answer: tuple[str, int, Any, Any] = ("done", batch, None, None)
        else:
            try:
                answer = ("chart", batch, key, charts.draw(payload).calls)
            except Exception:  # noqa: BLE001 - the report draws this one itself, and logs why
                answer = ("error", batch, key, traceback.format_exc(limit=8))
            drawn += 1
            if drawn % COLLECT_EVERY == 0:
                gc.collect()
        try:
            write_frame(sink, answer)
        except (OSError, ValueError):  # the report's process has gone
            return 1
