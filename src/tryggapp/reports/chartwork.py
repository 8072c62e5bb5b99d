"""Who draws the report's charts, and how a drawn chart reaches the page.

Drawing the charts is the largest single cost of a report (matplotlib lays out every
tick, label and legend: a second and a half for the demo's 23 charts), and the layout of
the pages another. They need not wait for each other: the layout only needs to know how
big each chart is (reports.chartspec knows before drawing), and a PDF page may use a
form (an XObject) that is defined later, at the end of the file. So a chart is placed on
its page as `Do /chart3` while it is still being drawn, and the drawing becomes the form
`chart3` when the document is saved.

Two ways to draw:

- `InlineRenderer` draws each chart when the story asks for it, in this process (the
  window's report export runs in a worker thread; tests).
- `ProcessRenderer` hands the descriptions to a chart process (`tryggapp --chart-worker`,
  reports.chartworker) started at the beginning of the command, which has imported
  matplotlib while this process opened the database and collected the figures: on two
  cores the charts are drawn while the pages are laid out. If that process cannot be
  started, stops, or fails on a chart, the missing charts are drawn here instead and the
  reason is logged: a report is never missing a chart.

Pickle travels between the two processes over their own pipes (both ends are this
program; nothing is read from a file or the network). This module imports neither
reportlab nor matplotlib: the report's command starts the chart process first thing.
The page side (placeholders, forms) is reports.chartforms."""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import threading
from collections import deque
from pathlib import Path
from typing import Any, Protocol

from tryggapp.reports.chartspec import ChartSpec
from tryggapp.reports.chartworker import WORKER_FLAG, read_frame, write_frame
from tryggapp.reports.recording import Call

log = logging.getLogger(__name__)

# How long the report waits for the chart process after the layout: the drawing of even
# the ten-year report's charts takes seconds, so only a stuck process takes this long.
WAIT_BASE_S = 60.0
WAIT_PER_CHART_S = 5.0


class Renderer(Protocol):
    def submit(self, key: str, spec: ChartSpec) -> None: ...
    def placed(self, key: str) -> None: ...
    def recordings(self, specs: dict[str, ChartSpec]) -> dict[str, list[Call]]: ...
    def close(self) -> None: ...


def draw_here(spec: ChartSpec) -> list[Call]:
    from tryggapp.reports import charts  # matplotlib: only when a chart is drawn here

    return charts.draw(spec).calls


class InlineRenderer:
    """Draws each chart in this process when the story places it (so the progress the
    story reports, "drawing chart …", is what takes the time)."""

    def __init__(self) -> None:
        self._specs: dict[str, ChartSpec] = {}
        self._done: dict[str, list[Call]] = {}

    def submit(self, key: str, spec: ChartSpec) -> None:
        self._specs[key] = spec

    def placed(self, key: str) -> None:
        if key not in self._done:
            self._done[key] = draw_here(self._specs[key])

    def recordings(self, specs: dict[str, ChartSpec]) -> dict[str, list[Call]]:
        for key, spec in specs.items():
            if key not in self._done:
                self._done[key] = draw_here(spec)
        return {key: self._done[key] for key in specs}

    def close(self) -> None:
        self._done.clear()


class ChartPlan:
    """The charts of one report, handed to the renderer as soon as they are known
    (reports.chartdata.plan), each under a form name (chart1, chart2 …)."""

    def __init__(self, renderer: Renderer, named: dict[Any, list[ChartSpec]]) -> None:
        self.renderer = renderer
        self.specs: dict[str, ChartSpec] = {}
        self.keys: dict[Any, list[str]] = {}
        for name, specs in named.items():
            for spec in specs:
                key = f"chart{len(self.specs) + 1}"
                self.specs[key] = spec
                self.keys.setdefault(name, []).append(key)
                renderer.submit(key, spec)


def worker_command() -> list[str]:
    """How to start the chart process: the frozen program itself, or this Python. On
    Windows the console build (tryggapp-cli.exe, beside the windowed Tryggapp.exe) is
    the one with standard streams to talk through; it is started without a window."""
    if getattr(sys, "frozen", False):
        program = Path(sys.executable)
        console = program.with_name("tryggapp-cli.exe")
        if os.name == "nt" and console.is_file():
            program = console
        return [str(program), WORKER_FLAG]
    return [sys.executable, "-m", "tryggapp", WORKER_FLAG]


class ProcessRenderer:
    """Charts drawn by a chart process, started ahead of need (`start`)."""

    def __init__(self, proc: subprocess.Popen[bytes], language: str) -> None:
        self._proc = proc
        self._done: dict[str, list[Call]] = {}
        self._failed: dict[str, str] = {}  # key -> why the chart process could not draw it
        self._stderr: deque[bytes] = deque(maxlen=40)  # its last words, for the log
        self._broken: str | None = None  # why the chart process stopped being used
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, name="chart-results", daemon=True)
        self._reader.start()
        threading.Thread(target=self._drain_stderr, name="chart-stderr", daemon=True).start()
        self._send(("language", language))

    @classmethod
    def start(cls, language: str, command: list[str] | None = None) -> Renderer:
        """A chart process for a report in `language`, or (when none can be started)
        the inline renderer, with the reason logged."""
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if os.name == "nt" else 0
        try:
            proc = subprocess.Popen(command or worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, creationflags=flags)
        except OSError as exc:
            log.warning("chart process not started (%s): the charts are drawn in this process", exc)
            return InlineRenderer()
        return cls(proc, language)

    # -- this side of the pipe ------------------------------------------------------

    def _send(self, message: Any) -> None:
        if self._broken is not None or self._proc.stdin is None:
            return
        try:
            write_frame(self._proc.stdin, message)
        except (OSError, ValueError) as exc:  # the process has gone (ValueError: pipe closed)
            self._broken = f"the chart process stopped taking charts ({exc})"

    def _read(self) -> None:
        assert self._proc.stdout is not None
        while True:
            try:
                message = read_frame(self._proc.stdout)
            except Exception as exc:  # noqa: BLE001 - a garbled answer: the rest is drawn here
                message = None
                self._broken = f"unreadable answer from the chart process ({exc!r})"
            if message is None:
                return
            kind, key, payload = message
            with self._lock:
                if kind == "chart":
                    self._done[key] = payload
                else:
                    self._failed[key] = payload

    def _drain_stderr(self) -> None:
        assert self._proc.stderr is not None
        for line in self._proc.stderr:
            self._stderr.append(line)

    def submit(self, key: str, spec: ChartSpec) -> None:
        self._send(("chart", key, spec))

    def placed(self, key: str) -> None:
        pass  # drawn already, or being drawn

    def recordings(self, specs: dict[str, ChartSpec]) -> dict[str, list[Call]]:
        """Every chart of `specs`: from the chart process, which is told there are no more
        and waited for; whatever it did not deliver is drawn here."""
        self._send(("end", None, None))
        if self._proc.stdin is not None:
            with contextlib.suppress(OSError):  # already gone: its answers are read all the same
                self._proc.stdin.close()
        self._reader.join(WAIT_BASE_S + WAIT_PER_CHART_S * len(specs))
        if self._reader.is_alive():
            self._broken = "the chart process did not finish in time"
            self._proc.kill()
            self._reader.join(5)
        with self._lock:
            done, failed = dict(self._done), dict(self._failed)
        missing = [key for key in specs if key not in done]
        if missing:
            why = self._why(failed, missing)
            log.warning("%d of %d charts drawn in this process instead: %s", len(missing), len(specs), why)
            for key in missing:
                done[key] = draw_here(specs[key])
        return {key: done[key] for key in specs}

    def _why(self, failed: dict[str, str], missing: list[str]) -> str:
        reason = next((f"{key}: {failed[key]}" for key in missing if key in failed), None)
        if reason is None:
            reason = self._broken or f"the chart process ended (exit code {self._proc.poll()})"
        tail = b"".join(self._stderr).decode(errors="replace").strip()
        return reason + (f"; its last words: {tail[-2000:]}" if tail else "")

    def close(self) -> None:
        """Stop the chart process if it is still there: after the report it has ended by
        itself; after an error in the arguments or the report it holds nothing worth
        waiting for."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        for stream in (self._proc.stdin, self._proc.stdout, self._proc.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
