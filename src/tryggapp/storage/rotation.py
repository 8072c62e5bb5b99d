"""Which backups to keep: the newest automatic backup of each of the last 7 days, 4 weeks
and 12 months that have backups (like restic's --keep-daily/weekly/monthly), plus every
backup the user asked for ("Säkerhetskopiera nu", `tryggapp backup`) and every backup
taken before a migration, an import or a restore, until it is older than `special_max_age`.
A backup the user made by hand is never thinned out by the automatic one that follows.

Counting days *with backups* rather than calendar days means a laptop that was off for
a month still keeps its last seven daily copies. Only files whose names this program
writes (`<db stem>-<YYYYmmdd-HHMMSS>-<reason>.db`) are ever considered: the folder is
the user's choice and may hold other things."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tryggapp.storage.backup import DAILY

# Backups that take part in the daily/weekly/monthly buckets; all others are "special".
# MANUAL is special: a second backup the same day must not delete the first one.
REGULAR_REASONS = frozenset({DAILY})


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime
    reason: str

    @property
    def regular(self) -> bool:
        return self.kind in REGULAR_REASONS

    @property
    def kind(self) -> str:
        """The reason without a migration's revision or a same-second counter."""
        return re.sub(r"-(\d+|[0-9a-f]{4,})$", "", self.reason)


@dataclass(frozen=True)
class Policy:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    special_max_age: dt.timedelta = dt.timedelta(days=90)


DEFAULT_POLICY = Policy()


def _pattern(stem: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(stem)}-(\d{{8}}-\d{{6}})-(.+)\.db$")


def parse(path: Path, stem: str) -> BackupFile | None:
    """The backup a file name describes, or None if it is not one of ours for `stem`."""
    m = _pattern(stem).match(Path(path).name)
    if not m:
        return None
    try:
        taken = dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return BackupFile(Path(path), taken, m.group(2))


def list_backups(folder: Path, stem: str) -> list[BackupFile]:
    """The backups of database `stem` in `folder`, newest first."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = [b for p in folder.iterdir() if p.is_file() and (b := parse(p, stem)) is not None]
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def _newest_per_bucket(
    backups: list[BackupFile], count: int, bucket: Callable[[dt.datetime], Hashable]
) -> set[Path]:
    keep: set[Path] = set()
    seen: set[Hashable] = set()
    for b in backups:  # newest first
        if len(seen) >= count:
            break
        key = bucket(b.taken_at)
        if key not in seen:
            seen.add(key)
            keep.add(b.path)
    return keep


def to_keep(backups: Iterable[BackupFile], now: dt.datetime, policy: Policy = DEFAULT_POLICY) -> set[Path]:
    ordered = sorted(backups, key=lambda b: (b.taken_at, b.path.name), reverse=True)
    regular = [b for b in ordered if b.regular]
    keep = _newest_per_bucket(regular, policy.daily, lambda t: t.date())
    keep |= _newest_per_bucket(regular, policy.weekly, lambda t: t.isocalendar()[:2])
    keep |= _newest_per_bucket(regular, policy.monthly, lambda t: (t.year, t.month))
    keep |= {b.path for b in ordered if not b.regular and now - b.taken_at <= policy.special_max_age}
    if ordered and not keep:
        keep.add(ordered[0].path)  # never leave the folder without a single backup
    return keep


def rotate(
    folder: Path,
    stem: str,
    now: dt.datetime,
    policy: Policy = DEFAULT_POLICY,
    protect: Iterable[Path] = (),
) -> list[Path]:
    """Delete the backups `to_keep` does not keep (never those in `protect`). Returns
    what was deleted. Leftover `.part` files from an interrupted backup older than a
    day go too."""
    backups = list_backups(folder, stem)
    keep = to_keep(backups, now, policy) | {Path(p) for p in protect}
    removed: list[Path] = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                removed.append(b.path)
                # A raw copy of a damaged file keeps its WAL beside it.
                b.path.with_name(b.path.name + "-wal").unlink(missing_ok=True)
            except OSError:
                pass  # open elsewhere or read-only: try again next time
    pattern = _pattern(stem)
    for part in Path(folder).glob(f"{stem}-*.db.part"):
        if pattern.match(part.name[: -len(".part")]):
            try:
                if now.timestamp() - part.stat().st_mtime > 86400:
                    part.unlink()
                    removed.append(part)
            except OSError:
                pass
    return removed
