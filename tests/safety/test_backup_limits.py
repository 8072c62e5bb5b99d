"""Every kind of backup has a count limit (issue 9, item 4): in a 400-day simulation with
many imports, 45 före-import copies had piled up, kept only by age."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from pathlib import Path

from tryggapp.services import backups
from tryggapp.storage import backup as sb
from tryggapp.storage import rotation
from tryggapp.storage.rotation import DEFAULT_POLICY, SPECIAL_LIMITS

IDENTITY = "3f2a9c1b-7d4e-4f00-9a11-0123456789ab"
START = dt.datetime(2026, 1, 5, 8, 0)


def fake(folder: Path, when: dt.datetime, reason: str, identity: str | None = IDENTITY) -> Path:
    path = sb._unique(folder / sb.backup_name(Path("tryggapp.db"), reason, when, identity))
    path.write_bytes(b"")
    return path


def kinds(folder: Path, identity: str | None = IDENTITY) -> Counter[str]:
    return Counter(b.limit_kind for b in rotation.list_backups(folder, "tryggapp", identity))


def test_400_days_of_daily_use_keep_every_kind_bounded(tmp_path):
    """What backups.backup_now does on every backup (make it, then rotate), 400 days of
    a coordinator's year: a start-up backup daily, imports several times a week, manual
    backups, restores, upgrades, now and then a damaged file kept as evidence."""
    rng = random.Random(9)
    most = Counter[str]()
    for day in range(400):
        base = START + dt.timedelta(days=day)
        made = [(base, sb.DAILY)]
        made += [(base + dt.timedelta(hours=1, minutes=m), sb.BEFORE_IMPORT) for m in range(rng.choice([0, 1, 3, 5]))]
        if rng.random() < 0.3:
            made += [(base + dt.timedelta(hours=3, minutes=m), sb.MANUAL) for m in range(rng.randint(1, 4))]
        if day % 20 == 0:
            made.append((base + dt.timedelta(hours=5), sb.BEFORE_RESTORE))
            made.append((base + dt.timedelta(hours=5, minutes=1), f"{sb.BEFORE_RESTORE}-{sb.DAMAGED_COPY}"))
        if day % 45 == 0:
            made.append((base + dt.timedelta(hours=6), f"{sb.BEFORE_MIGRATION}-000{day // 45 + 1}"))
        for when, reason in made:
            path = fake(tmp_path, when, reason)
            rotation.rotate(tmp_path, "tryggapp", when, protect=[path], identity=IDENTITY)
        counts = kinds(tmp_path)
        for kind, n in counts.items():
            most[kind] = max(most[kind], n)
        assert sum(counts.values()) <= DEFAULT_POLICY.most()
    for kind, limit in SPECIAL_LIMITS.items():
        assert most[kind] <= limit, (kind, most[kind])
    assert most[sb.DAILY] <= DEFAULT_POLICY.daily + DEFAULT_POLICY.weekly + DEFAULT_POLICY.monthly
    final = kinds(tmp_path)
    assert final[sb.BEFORE_IMPORT] == SPECIAL_LIMITS[sb.BEFORE_IMPORT]  # was 45 with age alone
    assert final[sb.MANUAL] <= SPECIAL_LIMITS[sb.MANUAL] and final[sb.MANUAL] > 0
    assert sum(final.values()) < 60


def test_manual_backups_keep_their_90_days_up_to_their_count(tmp_path):
    now = START
    made = [fake(tmp_path, now - dt.timedelta(days=n), sb.MANUAL) for n in range(30)]
    rotation.rotate(tmp_path, "tryggapp", now, identity=IDENTITY)
    kept = {b.path for b in rotation.list_backups(tmp_path, "tryggapp", IDENTITY)}
    assert kept == set(made[:SPECIAL_LIMITS[sb.MANUAL]])  # the 20 newest


def test_other_kinds_and_older_names_are_limited_too(tmp_path):
    now = START
    for n in range(12):
        fake(tmp_path, now - dt.timedelta(days=n), "före-demo")
        fake(tmp_path, now - dt.timedelta(days=n), sb.BEFORE_IMPORT, identity=None)
    rotation.rotate(tmp_path, "tryggapp", now, identity=IDENTITY)
    rotation.rotate(tmp_path, "tryggapp", now)
    assert kinds(tmp_path)["före-demo"] == DEFAULT_POLICY.other_limit
    assert kinds(tmp_path, None)[sb.BEFORE_IMPORT] == SPECIAL_LIMITS[sb.BEFORE_IMPORT]


def test_real_imports_and_restores_stay_within_their_limits(filled_db, tmp_path):
    db = filled_db
    # Restoring rotates at the real time: these must be recent for the age limit.
    start = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=20)
    for n in range(14):
        backups.backup_now(db, backups.BEFORE_IMPORT, now=start + dt.timedelta(days=n))
    good = backups.backup_now(db, backups.MANUAL, now=start + dt.timedelta(days=15))
    path = db.path
    db.close()
    for _ in range(7):
        backups.restore_backup(path, good)
    found = Counter(b.kind for b in backups.list_backups(path))
    assert found[sb.BEFORE_IMPORT] == SPECIAL_LIMITS[sb.BEFORE_IMPORT]
    assert found[sb.BEFORE_RESTORE] == SPECIAL_LIMITS[sb.BEFORE_RESTORE]


def test_backups_in_the_same_second_count_newest_by_their_counter(tmp_path):
    """Seven restores within one second: "…-före-återställning-7.db" is the newest, though
    by name alone "…-före-återställning.db" sorts after it (found: 6 kept, limit 5)."""
    made = [fake(tmp_path, START, sb.BEFORE_RESTORE) for _ in range(7)]
    assert made[-1].name.endswith("-före-återställning-7.db")
    rotation.rotate(tmp_path, "tryggapp", START, protect=[made[-1]], identity=IDENTITY)
    kept = {b.path for b in rotation.list_backups(tmp_path, "tryggapp", IDENTITY)}
    assert kept == set(made[2:])


def test_a_backup_made_after_rotation_freed_a_name_in_its_second_sorts_newest(tmp_path):
    """Rotation deleted "…-manuell.db" of this second; the next backup must not take that
    free name, or it sorts as older than "…-2"/"…-3" and the count limit deletes it first
    (seen in CI: six före-återställning copies where five is the limit)."""
    from tryggapp.storage.backup import _unique
    from tryggapp.storage.rotation import parse

    first = tmp_path / "x-20261128-120000-manuell.db"
    for n in (2, 3):
        (tmp_path / f"x-20261128-120000-manuell-{n}.db").write_bytes(b"")
    new = _unique(first)
    assert new.name == "x-20261128-120000-manuell-4.db"
    orders = [parse(p, "x").order for p in (*tmp_path.iterdir(), new)]
    assert max(orders) == parse(new, "x").order
