"""Backups the user asks for are kept: the next manual or daily backup the same day must
not delete them (found in review: a second `tryggapp backup` removed the first)."""

from __future__ import annotations

import datetime as dt

from tryggapp.storage import rotation
from tryggapp.storage.backup import DAILY, MANUAL


def _touch(folder, stem, when, reason):
    path = folder / f"{stem}-{when:%Y%m%d-%H%M%S}-{reason}.db"
    path.write_bytes(b"x")
    return path


def test_manual_backups_the_same_day_are_all_kept(tmp_path):
    day = dt.datetime(2026, 11, 25, 9, 0, 0)
    first = _touch(tmp_path, "tryggapp", day, MANUAL)
    second = _touch(tmp_path, "tryggapp", day + dt.timedelta(hours=2), MANUAL)
    daily = _touch(tmp_path, "tryggapp", day + dt.timedelta(hours=3), DAILY)
    removed = rotation.rotate(tmp_path, "tryggapp", day + dt.timedelta(hours=4))
    assert removed == []
    assert first.exists() and second.exists() and daily.exists()


def test_manual_backups_expire_after_the_special_age(tmp_path):
    now = dt.datetime(2026, 11, 25, 12, 0, 0)
    old = _touch(tmp_path, "tryggapp", now - dt.timedelta(days=120), MANUAL)
    recent = _touch(tmp_path, "tryggapp", now - dt.timedelta(days=10), MANUAL)
    daily = _touch(tmp_path, "tryggapp", now - dt.timedelta(hours=1), DAILY)
    removed = rotation.rotate(tmp_path, "tryggapp", now)
    assert removed == [old]
    assert recent.exists() and daily.exists()


def test_daily_backups_are_thinned_to_one_per_day(tmp_path):
    day = dt.datetime(2026, 11, 25, 8, 0, 0)
    early = _touch(tmp_path, "tryggapp", day, DAILY)
    late = _touch(tmp_path, "tryggapp", day + dt.timedelta(hours=5), DAILY)
    removed = rotation.rotate(tmp_path, "tryggapp", day + dt.timedelta(hours=6))
    assert removed == [early]
    assert late.exists()
