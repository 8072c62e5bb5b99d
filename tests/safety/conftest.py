"""Fixtures for the data-safety tests: a small database holding one of everything that
matters here (records that refer to each other, photos as BLOBs, a logo)."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from tryggapp import domain as d
from tryggapp.domain.enums import GroupLevel, MeasureStatus, ObservationCategory, OrganisationKind

TODAY = dt.date(2026, 11, 25)


def populate(db) -> dict[str, int]:
    """One municipality's worth of linked records, with three photos of random bytes
    (random so a truncated or shuffled copy cannot compare equal by accident)."""
    rng = random.Random(5)
    ids: dict[str, int] = {}
    with db.session() as s:
        s.add(d.Municipality(name="Ekdala kommun", coordinator_name="Anna Berg",
                             logo=bytes(rng.getrandbits(8) for _ in range(2048)), logo_mime="image/png"))
        org = d.Organisation(name="Samhällsbyggnadsförvaltningen", kind=OrganisationKind.MUNICIPAL)
        s.add(org)
        s.flush()
        person = d.Person(name="Örjan Åkesson", organisation_id=org.id, email="orjan@ekdala.se")
        other = d.Person(name="Lena Holm")
        group = d.Group(name="Samordningsgruppen", level=GroupLevel.COORDINATION, meetings_per_year=6)
        s.add_all([person, other, group])
        s.flush()
        s.add(d.Membership(group_id=group.id, person_id=person.id))
        prog = d.Programme(title="Handlingsprogram för trygghet 2025–2028")
        s.add(prog)
        s.flush()
        direction = d.Direction(programme_id=prog.id, title="Trygg stadsmiljö")
        s.add(direction)
        s.flush()
        area = d.FocusArea(direction_id=direction.id, number=1, title="Belysning och stråk",
                           owner_person_id=person.id)
        unused_area = d.FocusArea(direction_id=direction.id, number=2, title="Oanvänt fokusområde")
        s.add_all([area, unused_area])
        s.flush()
        goal = d.Goal(focus_area_id=area.id, text="Fler känner sig trygga i centrum", unit="%")
        s.add(goal)
        s.flush()
        s.add(d.Measurement(goal_id=goal.id, year=2025, period_kind=d.PeriodKind.YEAR, value=61.5))
        plan = d.ActionPlan(year=2026, programme_id=prog.id)
        s.add(plan)
        s.flush()
        measure = d.Measure(action_plan_id=plan.id, number=1, title="Ny belysning i gångtunneln",
                            focus_area_id=area.id, responsible_person_id=person.id,
                            deadline=dt.date(2026, 9, 30), status=MeasureStatus.ONGOING)
        s.add(measure)
        s.flush()
        s.add(d.MeasureNote(measure_id=measure.id, noted_on=dt.date(2026, 5, 12), text="Belysningen beställd"))
        walk = d.SafetyWalk(date=dt.date(2026, 4, 20), area="Centrum", organiser_group_id=group.id)
        s.add(walk)
        s.flush()
        obs = d.Observation(walk_id=walk.id, number=1, place="Gångtunneln vid stationen",
                            category=ObservationCategory.LIGHTING)
        s.add(obs)
        s.flush()
        for n in range(3):
            s.add(d.ObservationPhoto(observation_id=obs.id, filename=f"tunnel{n}.jpg",
                                     data=bytes(rng.getrandbits(8) for _ in range(30_000 + n))))
        s.flush()
        ids.update(org=org.id, person=person.id, other_person=other.id, group=group.id, programme=prog.id,
                   focus_area=area.id, unused_focus_area=unused_area.id, plan=plan.id, measure=measure.id,
                   walk=walk.id, observation=obs.id)
    return ids


@pytest.fixture
def filled_db(tmp_path, empty_template):
    from tryggapp.storage import open_database

    target = tmp_path / "kommun.db"
    shutil.copy(empty_template, target)  # tests/conftest.py: cheaper than migrating anew
    db = open_database(target)
    db.ids = populate(db)  # type: ignore[attr-defined]
    yield db
    db.close()


def all_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (the migration stamp included), in a stable order."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def foreign_lock(db_path: Path, *, host: str = "DATOR-12", user: str = "anna", pid: int = 4242,
                 started: dt.datetime | None = None, heartbeat: dt.datetime | None = None) -> Path:
    """Write a lock file as another instance (by default on another computer) would."""
    from tryggapp.storage.lock import LockInfo, lock_path

    started = started or dt.datetime.now(dt.UTC).replace(microsecond=0)
    info = LockInfo(hostname=host, user=user, pid=pid, started_at=started,
                    heartbeat_at=heartbeat or started, token="f" * 32)
    path = lock_path(db_path)
    path.write_text(info.to_json(), encoding="utf-8")
    return path
