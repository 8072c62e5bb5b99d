"""Canvas calls recorded for replay: how a chart drawn once (reports.mplvector) reaches
the PDF, in this process or from the chart process (reports.chartwork).

Kept apart from mplvector so the process that replays the calls need not import
matplotlib."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Call = tuple[str, tuple[Any, ...], dict[str, Any]]


_PLAIN = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """numpy's numbers (matplotlib computes coordinates in numpy) as Python's: a recording
    that carries a numpy float makes the process that unpickles it import numpy, a third
    of a second in the report's process for nothing."""
    kind = type(value)
    if kind in _PLAIN:  # the common case first: exact built-in types
        return value
    if kind.__module__ == "numpy" and hasattr(value, "item"):
        return value.item()
    if kind is list or kind is tuple:
        return kind(_plain(v) for v in value)
    return value


class Recording:
    """Canvas calls recorded as (method name, args, kwargs) for replay on any canvas."""

    def __init__(self, calls: list[Call] | None = None) -> None:
        self.calls: list[Call] = [] if calls is None else calls

    def __getattr__(self, name: str) -> Callable[..., None]:
        if name.startswith("__"):  # copy, pickle and friends probe for dunders: not canvas calls
            raise AttributeError(name)

        def record(*args: Any, **kwargs: Any) -> None:
            self.calls.append((name, tuple(_plain(a) for a in args), {k: _plain(v) for k, v in kwargs.items()}))
        return record

    def replay(self, canvas: Any) -> None:
        for name, args, kwargs in self.calls:
            getattr(canvas, name)(*args, **kwargs)
