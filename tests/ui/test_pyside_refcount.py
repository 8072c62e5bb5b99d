"""Guard against the PySide6 6.12.0 bug that made every void Qt call drop a reference to
None until Python aborted ("none_dealloc") in a long session: pyproject pins 6.11 for it."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_do_not_leak_references_to_none(qtbot):
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        obj.setObjectName("x")
    # A little slack for unrelated objects; the bug loses one reference per call.
    assert before - sys.getrefcount(None) < 50
