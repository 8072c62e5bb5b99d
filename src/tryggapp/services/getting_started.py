"""The empty start's checklist (issue 11): what a new database still lacks before the
coordinator's real work can start. Each step is done as soon as there is one of its kind,
so the list shrinks as the coordinator works through it and is gone once all are done."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from tryggapp import domain as d
from tryggapp.storage import Database

# In the order the work is usually done: the programme gives the focus areas, the people
# and organisations are who answers for the measures, and the plan holds the measures.
STEPS = ("programme", "focus_areas", "people", "plan")


@dataclass(frozen=True)
class Progress:
    done: frozenset[str]
    groups: int  # groups with a meeting cadence, active or not: "all keep their cadence" needs one
    observations: int  # problems seen on safety walks: "all are answered" needs one

    @property
    def open_steps(self) -> list[str]:
        return [s for s in STEPS if s not in self.done]

    @property
    def finished(self) -> bool:
        return not self.open_steps


def progress(db: Database) -> Progress:
    def count(model: type, *where: sa.ColumnElement) -> int:
        return s.execute(sa.select(sa.func.count()).select_from(model).where(*where)).scalar() or 0

    with db.session() as s:
        done = set()
        if count(d.Programme):
            done.add("programme")
        if count(d.FocusArea):
            done.add("focus_areas")
        if count(d.Person) or count(d.Organisation):
            done.add("people")
        if count(d.Measure):
            done.add("plan")
        groups = count(d.Group, d.Group.meetings_per_year > 0)
        observations = count(d.Observation)
    return Progress(frozenset(done), groups, observations)
