"""packaging/i18n.py runs on Windows (issue 15): it imported fcntl at the top, so the
README's Windows steps and the test suite's start-up (which compiles the catalog with it)
failed there. Its lock takes msvcrt's byte lock on Windows and flock elsewhere."""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load(monkeypatch, *, fcntl_available: bool):
    if not fcntl_available:
        monkeypatch.setitem(sys.modules, "fcntl", None)  # import fcntl -> ImportError
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "packaging" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_loads_and_locks_where_fcntl_does_not_exist(monkeypatch, tmp_path):
    module = _load(monkeypatch, fcntl_available=False)
    calls = []
    fake = types.SimpleNamespace(LK_LOCK=1, LK_UNLCK=0,
                                 locking=lambda fd, mode, n: calls.append((mode, n)))
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(module, "os", types.SimpleNamespace(name="nt"))
    monkeypatch.setattr(module, "LOCK", tmp_path / ".lock")
    with module.locked():
        calls.append("inside")
    assert calls == [(1, 1), "inside", (0, 1)]


def test_the_posix_lock_still_works(monkeypatch, tmp_path):
    module = _load(monkeypatch, fcntl_available=True)
    monkeypatch.setattr(module, "LOCK", tmp_path / ".lock")
    with module.locked():
        assert (tmp_path / ".lock").exists()
