"""Backups: consistent copies (backup API) that restore to an identical database with
every photo, taken daily / before imports / before restores, and pruned by rotation."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tests.safety.conftest import all_rows, foreign_lock, integrity
from tryggapp import domain as d
from tryggapp.main import main
from tryggapp.services import backups, crud
from tryggapp.storage import backup as sb
from tryggapp.storage import open_database, rotation
from tryggapp.storage.lock import DatabaseLocked


def photos(path: Path) -> dict[int, bytes]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT id, data FROM observation_photo"))
    finally:
        conn.close()


def test_cli_backup_restores_on_another_path_to_an_identical_database(filled_db, tmp_path, capsys):
    """The 'done when' test: `tryggapp backup`, then `tryggapp restore` to a new path;
    every row of every table (photos and logo included) equals the original."""
    original = filled_db.path
    crud.update(filled_db, d.Measure, filled_db.ids["measure"], {"title": "Belysning i gångtunneln, etapp 2"})
    # The app keeps the database open while backing up: the backup must still see
    # everything committed (some of it still only in the -wal file).
    assert Path(str(original) + "-wal").stat().st_size > 0
    assert main(["backup", "--db", str(original), "--to", str(tmp_path / "ut")]) == 0
    made = sorted((tmp_path / "ut").glob("kommun-*-manuell.db"))
    assert len(made) == 1 and "Säkerhetskopian skrevs" in capsys.readouterr().out

    other = tmp_path / "annan plats" / "återställd.db"
    other.parent.mkdir()
    assert main(["restore", "--db", str(other), str(made[0]), "--yes"]) == 0
    assert "Återställde" in capsys.readouterr().out

    before, after = all_rows(original), all_rows(other)
    assert set(before) == set(after) and len(before) > 30
    for table in before:
        assert after[table] == before[table], table
    assert len(photos(other)) == 3 and photos(other) == photos(original)
    assert integrity(other) == ["ok"]
    db = open_database(other)  # and the app opens it normally
    assert crud.get(db, d.Measure, filled_db.ids["measure"]).title == "Belysning i gångtunneln, etapp 2"
    db.close()


def test_backup_is_one_self_contained_file(filled_db, tmp_path):
    made = backups.backup_now(filled_db)
    assert made.parent == filled_db.backup_dir
    assert backups.verify_backup(made)
    # Not in WAL mode: reading it creates no -wal/-shm, copying the .db copies everything.
    # (The hidden location file beside it says which database it belongs to.)
    assert sorted(p.name for p in made.parent.iterdir() if not p.name.startswith(".")) == [made.name]


def test_restore_backs_up_the_current_file_first_and_drops_its_wal(filled_db, tmp_path):
    path = filled_db.path
    old = backups.backup_now(filled_db)
    crud.update(filled_db, d.Person, filled_db.ids["person"], {"name": "Ändrad efter säkerhetskopian"})
    filled_db.close()
    # A crash can leave a -wal beside the file. If restore kept it, SQLite would replay
    # its pages into the restored database: make one (its content is also checkpointed
    # into the file when the connection closes, so the pre-restore copy has it).
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE person SET name='Bara i WAL' WHERE id=?", (filled_db.ids["other_person"],))
    conn.commit()
    wal = Path(str(path) + "-wal")
    leftover = wal.read_bytes()
    assert leftover
    conn.close()  # closing checkpoints and removes the -wal; put a copy back
    wal.write_bytes(leftover)

    result = backups.restore_backup(path, old)
    assert result.previous_copy is not None and result.previous_copy.exists()
    assert sb.BEFORE_RESTORE in result.previous_copy.name
    assert not wal.exists()
    names = dict(all_rows(path)["person"][i][:2] for i in range(2))
    assert "Ändrad efter säkerhetskopian" not in names.values() and "Bara i WAL" not in names.values()
    # The copy taken before restoring has the edits the restore threw away.
    kept = {row[1] for row in all_rows(result.previous_copy)["person"]}
    assert {"Ändrad efter säkerhetskopian", "Bara i WAL"} <= kept
    assert integrity(path) == ["ok"]


def test_restore_refuses_a_bad_backup_and_changes_nothing(filled_db, tmp_path, capsys):
    path = filled_db.path
    filled_db.close()
    before = path.read_bytes()
    junk = tmp_path / "kommun-20260101-120000-manuell.db"
    junk.write_bytes(b"inte en databas" * 100)
    newer = tmp_path / "newer.db"
    sb.backup_file(path, newer)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num='9999_future'")
    conn.commit()
    conn.close()
    for bad, words in [(junk, "inte en Tryggapp-databas"), (newer, "nyare version"),
                       (tmp_path / "saknas.db", "finns inte")]:
        code = main(["restore", "--db", str(path), str(bad), "--yes"])
        err = capsys.readouterr().err
        assert code != 0 and words in err and "inte ändrats" in err, err
        assert "Traceback" not in err
    assert path.read_bytes() == before
    assert not list(filled_db.backup_dir.glob("*före-återställning*"))


def test_restore_is_refused_while_someone_has_the_database_open(filled_db, tmp_path):
    backup = backups.backup_now(filled_db)
    with pytest.raises(RuntimeError):  # our own process: a programming error
        backups.restore_backup(filled_db.path, backup)
    # Another instance (on another computer) holding the lock: a user-facing refusal.
    filled_db.close()
    foreign_lock(filled_db.path, host="DATOR-12", user="anna")
    with pytest.raises(DatabaseLocked) as info:
        backups.restore_backup(filled_db.path, backup)
    assert "anna på DATOR-12" in str(info.value)


def test_restore_without_yes_asks_and_refuses_without_a_terminal(filled_db, tmp_path, capsys, monkeypatch):
    backup = backups.backup_now(filled_db)
    filled_db.close()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    code = main(["restore", "--db", str(filled_db.path), str(backup)])
    assert code != 0 and "--yes" in capsys.readouterr().err


def test_restore_over_a_damaged_file_keeps_its_bytes(filled_db, tmp_path):
    path = filled_db.path
    good = backups.backup_now(filled_db)
    filled_db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    data[len(data) // 2: len(data) // 2 + 4096] = b"\xff" * 4096
    path.write_bytes(bytes(data))
    result = backups.restore_backup(path, good)
    assert result.previous_copy is not None and "skadad" in result.previous_copy.name
    assert result.previous_copy.read_bytes() == bytes(data)
    assert integrity(path) == ["ok"]


def test_daily_backup_is_made_once_a_day(filled_db):
    day = dt.date(2026, 11, 25)
    first = backups.ensure_daily_backup(filled_db, day)
    assert first is not None and "daglig" in first.name
    assert backups.ensure_daily_backup(filled_db, day) is None
    nxt = backups.ensure_daily_backup(filled_db, day + dt.timedelta(days=1))
    assert nxt is not None and nxt != first


def test_daily_backup_goes_to_the_folder_the_user_chose(filled_db, tmp_path):
    chosen = tmp_path / "mina kopior"
    backups.set_backup_dir(filled_db, chosen)
    made = backups.ensure_daily_backup(filled_db, dt.date(2026, 11, 25))
    assert made is not None and made.parent == chosen
    # The choice is stored in the file: the CLI and the next start find it.
    assert backups.configured_backup_dir(filled_db.path) == chosen
    filled_db.close()
    db = open_database(filled_db.path)
    assert db.backup_dir == chosen
    db.close()


def test_backup_before_import(filled_db):
    made = backups.backup_now(filled_db, backups.BEFORE_IMPORT)
    assert "före-import" in made.name
    assert all_rows(made)["measure"] == all_rows(filled_db.path)["measure"]


def test_migration_backup_lands_in_the_chosen_folder(filled_db, tmp_path, monkeypatch):
    """A real upgrade (the probe revision on top of the shipped chain, no stub)."""
    from tests.storage.probe_versions import KEEP, package_head, use_probe

    chosen = tmp_path / "valda"
    backups.set_backup_dir(filled_db, chosen)
    filled_db.close()
    before = all_rows(filled_db.path)
    probe = use_probe(monkeypatch, KEEP)
    db = open_database(filled_db.path)
    assert db.revision() == probe
    assert db.migration_backup is not None and db.migration_backup.parent == chosen
    assert package_head() in db.migration_backup.name
    assert all_rows(db.migration_backup)["measure"] == before["measure"]
    db.close()


# --- rotation -----------------------------------------------------------------------


def fake_backups(folder: Path, times: list[dt.datetime], reason: str = "daglig") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for t in times:
        p = folder / sb.backup_name(Path("kommun.db"), reason, t)
        p.write_bytes(b"")
        out.append(p)
    return out


def test_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path):
    now = dt.datetime(2026, 11, 25, 9, 0)
    # Two years of a backup every day, some days two.
    times = [now - dt.timedelta(days=n, hours=h) for n in range(730) for h in ((0, 5) if n % 3 else (0,))]
    fake_backups(tmp_path, times)
    rotation.rotate(tmp_path, "kommun", now)
    kept = sorted(b.taken_at for b in rotation.list_backups(tmp_path, "kommun"))
    days = {t.date() for t in kept}
    # The newest of each of the last 7 days ...
    assert {now.date() - dt.timedelta(days=n) for n in range(7)} <= days
    assert all(t.hour == 9 for t in kept if (now - t).days < 7)  # the newest of that day
    # ... of each of the last 4 ISO weeks and 12 months.
    assert len({t.isocalendar()[:2] for t in kept}) >= 4
    assert len({(t.year, t.month) for t in kept}) == 12
    assert len(kept) <= 7 + 4 + 12
    assert min(kept) > now - dt.timedelta(days=366)


def test_rotation_counts_days_with_backups_not_calendar_days(tmp_path):
    """A laptop that was off for two months still keeps its last seven daily copies."""
    now = dt.datetime(2026, 11, 25, 9, 0)
    times = [dt.datetime(2026, 9, 1, 8) + dt.timedelta(days=n) for n in range(10)]
    fake_backups(tmp_path, times)
    rotation.rotate(tmp_path, "kommun", now)
    kept = {b.taken_at.date() for b in rotation.list_backups(tmp_path, "kommun")}
    assert {dt.date(2026, 9, n) for n in range(4, 11)} <= kept


def test_rotation_keeps_special_backups_by_age_and_leaves_other_files_alone(tmp_path):
    now = dt.datetime(2026, 11, 25, 9, 0)
    recent = fake_backups(tmp_path, [now - dt.timedelta(days=10)], "före-import")
    old = fake_backups(tmp_path, [now - dt.timedelta(days=200)], "före-migrering-0001")
    restore = fake_backups(tmp_path, [now - dt.timedelta(days=89)], "före-återställning")
    fake_backups(tmp_path, [now - dt.timedelta(days=1)])
    foreign = [tmp_path / "semesterbilder.db", tmp_path / "annan-20200101-000000-daglig.db",
               tmp_path / "kommun-anteckningar.txt"]
    for f in foreign:
        f.write_bytes(b"x")
    removed = rotation.rotate(tmp_path, "kommun", now)
    assert removed == old
    assert all(p.exists() for p in recent + restore + foreign)


def test_rotation_never_deletes_the_only_backup_or_a_protected_one(tmp_path):
    now = dt.datetime(2026, 11, 25, 9, 0)
    only = fake_backups(tmp_path, [now - dt.timedelta(days=400)], "före-import")
    assert rotation.rotate(tmp_path, "kommun", now) == []
    assert only[0].exists()


def test_backup_now_prunes_with_the_rotation(filled_db):
    folder = filled_db.backup_dir
    now = dt.datetime(2026, 11, 25, 9, 0)
    fake_backups(folder, [now - dt.timedelta(days=n) for n in range(1, 60)])
    made = backups.backup_now(filled_db, now=now)
    names = [b.path for b in backups.list_backups(filled_db.path)]
    assert made in names and len(names) < 20


# --- finding a good backup when the database is damaged ------------------------------


def test_latest_backup_skips_damaged_and_foreign_backups(filled_db, tmp_path):
    folder = filled_db.backup_dir
    good = backups.backup_now(filled_db, now=dt.datetime(2026, 11, 20, 8, 0))
    broken = folder / sb.backup_name(filled_db.path, "daglig", dt.datetime(2026, 11, 24, 8, 0))
    data = bytearray(good.read_bytes())
    data[len(data) // 2:len(data) // 2 + 8192] = b"\x00\xff" * 4096
    broken.write_bytes(bytes(data))
    junk = folder / sb.backup_name(filled_db.path, "daglig", dt.datetime(2026, 11, 25, 8, 0))
    junk.write_bytes(b"nej")
    found = backups.latest_backup(filled_db.path)
    assert found is not None and found.path == good
