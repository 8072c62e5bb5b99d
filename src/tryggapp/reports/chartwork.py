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
            self._specs.setdefault(key, spec)
            self.placed(key)  # drawn now if the story never placed it
        return {key: self._done[key] for key in specs}

    def close(self) -> None:
        self._done.clear()


class ChartPlan:
    """The charts of one report, handed to the renderer as soon as they are known
    (reports.chartdata), each under a form name (chart1, chart2 …). Charts may come in
    turns (`extend`): those of the focus areas while the rest is still being collected."""

    def __init__(self, renderer: Renderer, named: dict[Any, list[ChartSpec]] | None = None) -> None:
        self.renderer = renderer
        self.specs: dict[str, ChartSpec] = {}
        self.keys: dict[Any, list[str]] = {}
        self.extend(named or {})

    def extend(self, named: dict[Any, list[ChartSpec]]) -> None:
        """Submit the charts of `named` not submitted yet (by name)."""
        for name, specs in named.items():
            if name in self.keys:
                continue
            for spec in specs:
                key = f"chart{len(self.specs) + 1}"
                self.specs[key] = spec
                self.keys.setdefault(name, []).append(key)
                self.renderer.submit(key, spec)


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


class ChartProcess:
    """A chart process, which may draw the charts of several reports one after another
    (the window keeps one while the Reports view is in use): each report is a batch of
    its own. It ends by itself when its input closes, so it never outlives this process."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self._proc = proc
        self._send_lock = threading.Lock()
        self._lock = threading.Lock()
        self._batches: dict[int, _Batch] = {}
        self._next_batch = 0
        self._stderr: deque[bytes] = deque(maxlen=40)  # its last words, for the log
        self.broken: str | None = None  # why the chart process stopped being used
        self._reader = threading.Thread(target=self._read, name="chart-results", daemon=True)
        self._reader.start()
        threading.Thread(target=self._drain_stderr, name="chart-stderr", daemon=True).start()

    @classmethod
    def start(cls, command: list[str] | None = None) -> ChartProcess | None:
        """A new chart process, or None (the reason logged) when none can be started."""
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if os.name == "nt" else 0
        try:
            proc = subprocess.Popen(command or worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, creationflags=flags)
        except OSError as exc:
            log.warning("chart process not started (%s): the charts are drawn in this process", exc)
            return None
        return cls(proc)

    @property
    def alive(self) -> bool:
        return self.broken is None and self._proc.poll() is None

    def renderer(self, language: str, *, owned: bool = False) -> ProcessRenderer:
        """A renderer for the next report. `owned`: closing the renderer ends the process
        (the command line's one report)."""
        with self._lock:
            self._next_batch += 1
            batch = self._batches[self._next_batch] = _Batch(self._next_batch)
        self.send(("begin", batch.number, None, language))
        return ProcessRenderer(self, batch, owned=owned)

    def send(self, message: tuple[str, int, Any, Any]) -> None:
        with self._send_lock:
            if self.broken is not None or self._proc.stdin is None:
                return
            try:
                write_frame(self._proc.stdin, message)
            except (OSError, ValueError) as exc:  # the process has gone (ValueError: pipe closed)
                self.broken = f"the chart process stopped taking charts ({exc})"

    def end_input(self) -> None:
        """No more reports: the process ends once it has answered what it was sent."""
        with self._send_lock:
            if self._proc.stdin is not None:
                with contextlib.suppress(OSError):  # already gone: its answers are read all the same
                    self._proc.stdin.close()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        while True:
            try:
                message = read_frame(self._proc.stdout)
            except Exception as exc:  # noqa: BLE001 - a garbled answer: the rest is drawn here
                message = None
                self.broken = f"unreadable answer from the chart process ({exc!r})"
            if message is None:
                break
            kind, number, key, payload = message
            with self._lock:
                batch = self._batches.get(number)
            if batch is None:
                continue  # a report that has stopped waiting
            if kind == "chart":
                batch.done[key] = payload
            elif kind == "error":
                batch.failed[key] = payload
            elif kind == "done":
                batch.finished.set()
        with self._lock:  # the process has ended: nobody waits for more
            for batch in self._batches.values():
                batch.finished.set()

    def _drain_stderr(self) -> None:
        assert self._proc.stderr is not None
        for line in self._proc.stderr:
            self._stderr.append(line)

    def forget(self, batch: _Batch) -> None:
        with self._lock:
            self._batches.pop(batch.number, None)

    def why(self) -> str:
        reason = self.broken or (f"the chart process ended (exit code {self._proc.poll()})"
                                 if self._proc.poll() is not None else "")
        tail = b"".join(self._stderr).decode(errors="replace").strip()
        return reason + (f"; its last words: {tail[-2000:]}" if tail else "")

    def kill(self, reason: str) -> None:
        self.broken = self.broken or reason
        if self._proc.poll() is None:
            self._proc.kill()

    def close(self) -> None:
        """Stop the chart process if it is still there: after the last report it ends by
        itself; after an error it holds nothing worth waiting for."""
        self.end_input()
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        self._reader.join(5)
        for stream in (self._proc.stdout, self._proc.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    @property
    def pid(self) -> int:
        return self._proc.pid


class _Batch:
    """One report's charts in a chart process: what came back, and whether all has."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.done: dict[str, list[Call]] = {}
        self.failed: dict[str, str] = {}  # key -> why the chart process could not draw it
        self.finished = threading.Event()


class ProcessRenderer:
    """One report's charts, drawn by a chart process."""

    def __init__(self, process: ChartProcess, batch: _Batch, *, owned: bool) -> None:
        self.process = process
        self._batch = batch
        self._owned = owned

    @classmethod
    def start(cls, language: str, command: list[str] | None = None) -> Renderer:
        """A chart process of its own for one report in `language` (the command line), or
        (when none can be started) the inline renderer, with the reason logged."""
        process = ChartProcess.start(command)
        if process is None:
            return InlineRenderer()
        return process.renderer(language, owned=True)

    def submit(self, key: str, spec: ChartSpec) -> None:
        self.process.send(("chart", self._batch.number, key, spec))

    def placed(self, key: str) -> None:
        pass  # drawn already, or being drawn

    def recordings(self, specs: dict[str, ChartSpec]) -> dict[str, list[Call]]:
        """Every chart of `specs`: from the chart process, which is told there are no more
        and waited for; whatever it did not deliver is drawn here."""
        self.process.send(("end", self._batch.number, None, None))
        if self._owned:
            self.process.end_input()
        if not self._batch.finished.wait(WAIT_BASE_S + WAIT_PER_CHART_S * len(specs)):
            self.process.kill("the chart process did not finish in time")
        done, failed = dict(self._batch.done), dict(self._batch.failed)
        missing = [key for key in specs if key not in done]
        if missing:
            reason = next((f"{key}: {failed[key]}" for key in missing if key in failed), None)
            why = reason if reason is not None and not self.process.broken else self.process.why() or str(reason)
            log.warning("%d of %d charts drawn in this process instead: %s", len(missing), len(specs), why)
            for key in missing:
                done[key] = draw_here(specs[key])
        return {key: done[key] for key in specs}

    def close(self) -> None:
        self.process.forget(self._batch)
        if self._owned:
            self.process.close()
