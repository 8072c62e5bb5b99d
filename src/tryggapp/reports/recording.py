"""Canvas calls recorded for replay: how a chart drawn once (reports.mplvector) reaches
the PDF, in this process or from the chart process (reports.chartwork).

Kept apart from mplvector so the process that replays the calls need not import
matplotlib."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Call = tuple[str, tuple[Any, ...], dict[str, Any]]


class Recording:
    """Canvas calls recorded as (method name, args, kwargs) for replay on any canvas."""

    def __init__(self, calls: list[Call] | None = None) -> None:
        self.calls: list[Call] = [] if calls is None else calls

    def __getattr__(self, name: str) -> Callable[..., None]:
        if name.startswith("__"):  # copy, pickle and friends probe for dunders: not canvas calls
            raise AttributeError(name)

        def record(*args: Any, **kwargs: Any) -> None:
            self.calls.append((name, args, kwargs))
        return record

    def replay(self, canvas: Any) -> None:
        for name, args, kwargs in self.calls:
            getattr(canvas, name)(*args, **kwargs)
