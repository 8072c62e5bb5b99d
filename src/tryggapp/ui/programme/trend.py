"""How a trend is drawn: the arrow follows the values (up when they rise), the colour and
the word follow whether that is good (a falling number of crimes is a positive trend).
The word is always shown, so the meaning survives without colour."""

from __future__ import annotations

from tryggapp.domain.enums import Trend


def arrow_icon(delta: float | None) -> str:
    if delta is None:
        return "mdi6.minus"
    if delta > 0:
        return "mdi6.arrow-top-right"
    if delta < 0:
        return "mdi6.arrow-bottom-right"
    return "mdi6.arrow-right"


def trend_tone(trend: Trend) -> str:
    return {Trend.POSITIVE: "success", Trend.NEGATIVE: "danger"}.get(trend, "")
