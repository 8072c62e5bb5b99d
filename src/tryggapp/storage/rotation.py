"""Which backups to keep: the newest automatic backup of each of the last 7 days, 4 weeks
and 12 months that have backups (like restic's --keep-daily/weekly/monthly), plus the
backups the user asked for ("Säkerhetskopiera nu", `tryggapp backup`) and those taken
before a migration, an import or a restore, until they are older than `special_max_age`
*and* only the newest few of each kind (`Policy.limits`): a coordinator who imports every
other day must not fill the disk with före-import copies (45 of them piled up in a 400-day
simulation before the limits). A backup the user made by hand is never thinned out by the
automatic one that follows the same day; only the 20 newest manual ones are kept.

Every database has its own group: backups are matched by the identity in their names
(storage.identity), never by the file name alone. Files named the older way, without an
identity, form one group per file name stem.

Counting days *with backups* rather than calendar days means a laptop that was off for
a month still keeps its last seven daily copies. Only files whose names this program
writes (`<db stem>[-<identity>]-<YYYYmmdd-HHMMSS>-<reason>.db`) are ever considered: the folder is
the user's choice and may hold other things."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from tryggapp.storage import identity as sid
from tryggapp.storage.backup import (
    BEFORE_IMPORT,
    BEFORE_MIGRATION,
    BEFORE_RESTORE,
    DAILY,
    DAMAGED_COPY,
    MANUAL,
)

# Backups that take part in the daily/weekly/monthly buckets; all others are "special".
# MANUAL is special: a second backup the same day must not delete the first one.
REGULAR_REASONS = frozenset({DAILY})


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime
    reason: str
    identity: str | None = None  # the short identity in the name; None: an older name

    @property
    def regular(self) -> bool:
        return self.kind in REGULAR_REASONS

    @property
    def kind(self) -> str:
        """The reason without a migration's revision or a same-second counter."""
        return re.sub(r"-(\d+|[0-9a-f]{4,})$", "", self.reason)

    @property
    def sequence(self) -> int:
        """storage.backup._unique's counter for a second backup in the same second
        ("…-manuell-2.db"); 1 for the first. Revisions ("-0001") have a leading zero."""
        m = re.search(r"-([2-9]|[1-9]\d{1,2})$", self.reason)
        return int(m.group(1)) if m else 1

    @property
    def order(self) -> tuple[dt.datetime, int, str]:
        """Sort key, oldest first: by time, then by the same-second counter (by name
        alone "…-manuell.db" would sort after "…-manuell-2.db")."""
        return (self.taken_at, self.sequence, self.path.name)

    @property
    def limit_kind(self) -> str:
        """The kind whose count limit applies: raw copies of damaged files, whatever
        they were taken before, share one."""
        return DAMAGED_COPY if self.kind.endswith(DAMAGED_COPY) else self.kind


# How many of each kind of special backup are kept at most (the newest ones).
SPECIAL_LIMITS: Mapping[str, int] = MappingProxyType({
    MANUAL: 20,
    BEFORE_IMPORT: 10,
    BEFORE_RESTORE: 5,
    BEFORE_MIGRATION: 5,
    DAMAGED_COPY: 3,
})


@dataclass(frozen=True)
class Policy:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    special_max_age: dt.timedelta = dt.timedelta(days=90)
    limits: Mapping[str, int] = field(default_factory=lambda: SPECIAL_LIMITS)
    other_limit: int = 5  # any other reason (`tryggapp demo`'s före-demo, future kinds)

    def limit(self, kind: str) -> int:
        return self.limits.get(kind, self.other_limit)

    def most(self) -> int:
        """The most backups one database can have after a rotation (a bound for tests)."""
        return self.daily + self.weekly + self.monthly + sum(self.limits.values()) + self.other_limit


DEFAULT_POLICY = Policy()


def _pattern(stem: str) -> re.Pattern[str]:
    """Names without an identity (before revision 0002) of the database called `stem`."""
    return re.compile(rf"^{re.escape(stem)}-(\d{{8}}-\d{{6}})-(.+)\.db$")


# Names with an identity, whatever the database file was called when they were made (a
# renamed database keeps its backups).
# `.dump`: a team database's pg_dump backups (storage.server), named the same way.
_IDENTITY_PATTERN = re.compile(rf"^.+-([0-9a-f]{{{sid.SHORT_LENGTH}}})-(\d{{8}}-\d{{6}})-(.+)\.(?:db|dump)$")


def _when(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(text, "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def parse(path: Path, stem: str | None = None, identity: str | None = None) -> BackupFile | None:
    """The backup a file name describes, or None if it is not one of ours. With
    `identity`: a backup named with that database identity (full or short UUID); else
    one named the older way for the database file called `stem`."""
    name = Path(path).name
    if identity is not None:
        m = _IDENTITY_PATTERN.match(name)
        if not m or m.group(1) != sid.short(identity):
            return None
        taken = _when(m.group(2))
        return BackupFile(Path(path), taken, m.group(3), m.group(1)) if taken else None
    if stem is None:
        return None
    m = _pattern(stem).match(name)
    if not m:
        return None
    taken = _when(m.group(1))
    return BackupFile(Path(path), taken, m.group(2)) if taken else None


def list_backups(folder: Path, stem: str, identity: str | None = None) -> list[BackupFile]:
    """Newest first: the backups of the database `identity` in `folder`; without an
    identity, those named the older way for the database file called `stem`."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = [b for p in folder.iterdir() if p.is_file() and (b := parse(p, stem, identity)) is not None]
    return sorted(found, key=lambda b: b.order, reverse=True)


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
    ordered = sorted(backups, key=lambda b: b.order, reverse=True)
    regular = [b for b in ordered if b.regular]
    keep = _newest_per_bucket(regular, policy.daily, lambda t: t.date())
    keep |= _newest_per_bucket(regular, policy.weekly, lambda t: t.isocalendar()[:2])
    keep |= _newest_per_bucket(regular, policy.monthly, lambda t: (t.year, t.month))
    counted: dict[str, int] = {}
    for b in ordered:  # newest first: the newest `limit` of each kind within the age
        if b.regular or now - b.taken_at > policy.special_max_age:
            continue
        n = counted.get(b.limit_kind, 0)
        if n < policy.limit(b.limit_kind):
            keep.add(b.path)
            counted[b.limit_kind] = n + 1
    if ordered and not keep:
        keep.add(ordered[0].path)  # never leave the folder without a single backup
    return keep


def rotate(
    folder: Path,
    stem: str,
    now: dt.datetime,
    policy: Policy = DEFAULT_POLICY,
    protect: Iterable[Path] = (),
    identity: str | None = None,
) -> list[Path]:
    """Delete the backups `to_keep` does not keep (never those in `protect`) of one
    database: `identity`'s, or without it those named the older way for `stem`. Returns
    what was deleted. Leftover `.part` files from an interrupted backup older than a
    day go too."""
    backups = list_backups(folder, stem, identity)
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
    for part in Path(folder).glob("*.db.part"):
        name = part.name[: -len(".part")]
        if (parse(Path(name), None, identity) if identity else pattern.match(name)):
            try:
                if now.timestamp() - part.stat().st_mtime > 86400:
                    part.unlink()
                    removed.append(part)
            except OSError:
                pass
    return removed
