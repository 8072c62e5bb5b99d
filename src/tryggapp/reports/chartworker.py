"""The chart process: `tryggapp --chart-worker` (reports.chartwork starts it).

It reads chart descriptions (reports.chartspec) from stdin and writes each drawing (the
canvas calls of reports.recording) to stdout, one length-prefixed pickle per message,
until its input ends. It imports matplotlib at once: the report's process spends that
time opening the database and collecting the figures. (Drawing a throw-away chart of each
kind before the first description came cost 0.15–0.23 s and made the report's charts no
faster, measured 2026-11-29; so it draws only what it is asked.)

One process may serve several reports in turn (the window keeps one), each a batch:
messages in: ("begin", batch, None, language), ("chart", batch, key, spec)...,
("end", batch, None, None); messages out: ("chart", batch, key, calls) or
("error", batch, key, traceback text) for each chart, then ("done", batch, None, None).
It ends when its input does."""

from __future__ import annotations

import gc
import pickle
import struct
import sys
import traceback
from typing import IO, Any

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


def main() -> int:
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # stdout carries messages only: a stray print must not garble them
    # A short-lived process that makes a few hundred thousand short-lived objects: the
    # collector only costs here (see reports.collector_paused); it runs every COLLECT_EVERY
    # charts to free the figures' reference cycles.
    gc.disable()
    from tryggapp import i18n
    from tryggapp.reports import charts  # matplotlib, while the report collects its figures

    gc.freeze()  # what the imports made stays: later collections need not walk it
    drawn = 0
    while True:
        message = read_frame(source)
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
