"""The Ändringslogg reads as Swedish: field names, status labels, Ja/Nej, dates and the
names of referred-to records instead of column names, stored codes and bare ids."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import SQLModel

from tests.conftest import DEMO_TODAY
from tests.safety.conftest import populate
from tryggapp import domain as d
from tryggapp.domain.enums import AuditAction, LabelledEnum, MeasureStatus
from tryggapp.i18n import _
from tryggapp.main import main
from tryggapp.services import audit, crud, measures
from tryggapp.services.labels import (
    FIELD_LABELS,
    display_value,
    field_label,
    reference_labels,
    references,
)

# What must never reach the reader: a column name as a label or a stored code as a value.
RAW = re.compile(r"\b[a-z]+_[a-z_]+\b|\b(not_started|ongoing|done|true|false|True|False)\b")

@pytest.fixture
def filled_db(db):
    """The safety tests' records (tests/safety/conftest.populate) in `db`: a file, or a
    team database (issue 18: the change log and the integrity rules are the services')."""
    db.ids = populate(db)  # type: ignore[attr-defined]
    return db


def columns():
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if column.name != "id":
                yield table.name, column


def test_every_column_of_every_table_has_a_translated_label():
    unlabelled = [f"{t}.{c.name}" for t, c in columns() if c.name not in FIELD_LABELS]
    assert unlabelled == []
    for table, column in columns():
        label = field_label(table, column.name)
        assert label and label != column.name and "_" not in label, (table, column.name)
    assert field_label("measure", "responsible_person_id") == "Ansvarig person"
    assert field_label("measure_note", "noted_on") == "Datum"
    assert field_label("measure_status_change", "new_status") == "Ny status"
    assert field_label("person", "title") == "Befattning"  # a person's title is a job title
    assert field_label("measure", "title") == "Titel"


def test_every_enum_code_shows_its_swedish_label():
    enum_columns = [(t, c) for t, c in columns() if isinstance(c.type, sa.Enum)]
    assert len(enum_columns) >= 15
    for table, column in enum_columns:
        enum_cls = column.type.enum_class
        assert issubclass(enum_cls, LabelledEnum)
        for member in enum_cls:
            assert display_value(table, column.name, member.value) == member.label
    assert display_value("measure", "status", "not_started") == "Ej påbörjad"
    assert display_value("measure_status_change", "old_status", "ongoing") == "Pågående"
    assert display_value("measure", "status", "no_such_code") == "no_such_code"  # shown, not lost


def test_plain_values():
    assert display_value("organisation", "archived", True) == "Ja"
    assert display_value("organisation", "archived", False) == "Nej"
    assert display_value("meeting", "cancelled", 1) == "Ja"  # a Boolean column stored as 0/1
    assert display_value("measure", "deadline", "2026-05-01") == "2026-05-01"
    assert display_value("meeting", "start_time", "13:00:00") == "13:00"
    assert display_value("measure_status_change", "recorded_at", "2026-11-25T13:05:09") == "2026-11-25 13:05"
    assert display_value("goal", "baseline", 61.5) == "61,5"
    assert display_value("goal", "baseline_year", 2024) == "2024"  # a year, not "2 024"
    assert display_value("observation_photo", "data", "<30000 byte>") == "<30000 byte>"
    assert display_value("measure", "title", None) == display_value("measure", "title", "") == "–"
    assert display_value("no_such_table", "whatever", 12) == "12"


def test_foreign_keys_show_the_record_or_its_id(filled_db):
    ids = filled_db.ids
    wanted = references("measure", {"responsible_person_id": ids["person"], "focus_area_id": ids["focus_area"],
                                    "title": "x", "number": 1, "origin_observation_id": 9999})
    assert wanted == {("person", ids["person"]), ("focus_area", ids["focus_area"]), ("observation", 9999)}
    with filled_db.session() as s:
        labels = reference_labels(s, wanted)
    assert labels == {("person", ids["person"]): "Örjan Åkesson",
                      ("focus_area", ids["focus_area"]): f"{ids['focus_area']} Belysning och stråk"}
    assert display_value("measure", "responsible_person_id", ids["person"], labels) == "Örjan Åkesson"
    assert display_value("measure", "origin_observation_id", 9999, labels) == "#9999"  # gone
    assert display_value("measure", "responsible_person_id", ids["person"]) == f"#{ids['person']}"  # no lookup


def test_status_and_deadline_change_reads_as_swedish(filled_db):
    ids = filled_db.ids
    crud.update(filled_db, d.Measure, ids["measure"], {"deadline": dt.date(2026, 12, 15),
                                                       "responsible_person_id": ids["other_person"]})
    measures.set_status(filled_db, ids["measure"], MeasureStatus.DONE, on=dt.date(2026, 11, 20))
    changed, status = audit.history(filled_db, "measure", ids["measure"])[-2:]
    assert changed.readable() == "Ansvarig person: Örjan Åkesson → Lena Holm; Deadline: 2026-09-30 → 2026-12-15"
    assert status.readable() == "Status: Pågående → Genomförd"
    assert [f.name for f in changed.fields] == ["responsible_person_id", "deadline"]  # column order
    # The technical account is still there (tryggapp audit --raw).
    assert "status: ongoing → done" in status.describe()

    change = audit.history(filled_db, "measure_status_change", _last_id(filled_db, "measure_status_change"))[0]
    assert change.readable() == (f"Åtgärd: nr {_number(filled_db, ids['measure'])} Ny belysning i gångtunneln; Datum: 2026-11-20; "
                                 "Tidigare status: Pågående; Ny status: Genomförd")


def _last_id(db, table: str) -> int:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(f"SELECT max(id) FROM {table}").scalar()


def test_created_record_lists_its_fields_without_noise(filled_db):
    ids = filled_db.ids
    note = crud.create(filled_db, d.MeasureNote(measure_id=ids["measure"], noted_on=dt.date(2026, 11, 15),
                                                text="Övergivna cyklar märkta.\nFler sopkärl beställda.",
                                                author="Lena"))
    (created,) = audit.history(filled_db, "measure_note", note.id)
    assert created.readable() == (f"Åtgärd: nr {_number(filled_db, ids['measure'])} Ny belysning i gångtunneln; Datum: 2026-11-15; "
                                  "Text: Övergivna cyklar märkta. Fler sopkärl beställda.; Författare: Lena")
    assert "id" not in [f.name for f in created.fields]
    # The detail keeps the whole text.
    assert created.fields[2].new == "Övergivna cyklar märkta.\nFler sopkärl beställda."

    group = crud.create(filled_db, d.Group(name="Arbetsgrupp Centrum", level=d.GroupLevel.WORKING))
    text = audit.history(filled_db, "work_group", group.id)[0].readable(max_fields=10)
    assert text.startswith("Namn: Arbetsgrupp Centrum; Nivå: Arbetsgrupp")
    assert "Arkiverad" not in text and "Möten per år" in text  # False left out, 0 shown


def test_deleted_record_and_a_reference_to_a_deleted_record(filled_db):
    ids = filled_db.ids
    person = crud.create(filled_db, d.Person(name="Kim Ek", organisation_id=ids["org"]))
    crud.delete(filled_db, d.Person, person.id)
    deleted, created = audit.query(filled_db, table="person", record_id=person.id)
    assert deleted.action is AuditAction.DELETE
    assert deleted.readable() == "Namn: Kim Ek; Organisation: Samhällsbyggnadsförvaltningen"
    membership = crud.create(filled_db, d.Membership(group_id=ids["group"], person_id=ids["other_person"]))
    crud.delete(filled_db, d.Membership, membership.id)
    crud.delete(filled_db, d.Person, ids["other_person"])
    row = audit.query(filled_db, table="membership", record_id=membership.id, action="create")[0]
    assert row.readable() == f"Grupp: Samordningsgruppen; Person: #{ids['other_person']}; Roll: Ledamot"


def test_two_thousand_rows_take_a_handful_of_queries(demo_db):
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(demo_db.engine, "before_cursor_execute", count)
    try:
        rows = audit.query(demo_db, limit=2000)
    finally:
        event.remove(demo_db.engine, "before_cursor_execute", count)
    assert len(rows) == 2000
    # The log itself, then one lookup per referred-to table (chunked at 500 ids).
    assert len(statements) < 40
    assert all(" IN (" in s or "audit_entry" in s for s in statements if s.lstrip().startswith("SELECT"))
    texts = [r.readable(max_fields=20) for r in rows]
    assert all(not RAW.search(t) for t in texts), next(t for t in texts if RAW.search(t))
    labels = [f.label for r in rows for f in r.fields]
    assert all("_" not in label for label in labels)


def test_cli_reads_as_swedish_and_raw_on_request(filled_db, capsys):
    ids = filled_db.ids
    crud.update(filled_db, d.Measure, ids["measure"], {"status": MeasureStatus.DONE})
    args = ["audit", "--db", str(filled_db.path), "--table", "measure", "--record", str(ids["measure"]),
            "--limit", "1"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Status: Pågående → Genomförd" in out and "ongoing" not in out
    assert main([*args, "--raw"]) == 0
    assert "status: ongoing → done" in capsys.readouterr().out


@pytest.fixture
def section(qtbot, demo_db):
    from tryggapp.ui.app import build_context
    from tryggapp.ui.sections.audit import AuditSection

    section = AuditSection(build_context(demo_db, today=lambda: DEMO_TODAY))
    qtbot.addWidget(section)
    section.resize(1300, 760)
    section.show()
    qtbot.waitExposed(section)
    return section


def test_section_shows_readable_changes_and_detail(section):
    model = section.pane.model
    assert model.rowCount() == 2000
    changes = [r["changes"] for r in model.rows]
    assert all(not RAW.search(t) for t in changes)
    note = next(r for r in model.rows if r["record"].startswith(_("Progress note")))
    assert re.match(r"Åtgärd: nr \d+ \w", note["changes"]) and "Datum: 20" in note["changes"]
    section.pane.select_id(note["id"])
    html = section.detail.toPlainText()
    assert "Åtgärd" in html and "Datum" in html and "measure_id" not in html


def _number(db, measure_id: int) -> int:
    return crud.get(db, d.Measure, measure_id).number


def test_change_log_names_a_measure_by_its_plan_number(filled_db):
    """The user knows 'nr 40' from the plan, not the database id (issue 11)."""
    ids = filled_db.ids
    measure = crud.get(filled_db, d.Measure, ids["measure"])
    plan = crud.get(filled_db, d.ActionPlan, measure.action_plan_id)
    crud.update(filled_db, d.Measure, measure.id, {"deadline": dt.date(2026, 12, 15)})
    row = audit.history(filled_db, "measure", measure.id)[-1]
    assert row.record_label.startswith(f"Åtgärd nr {measure.number} ({plan.year}): ")
    # A deleted measure keeps the number its entries recorded.
    snapshot = crud.delete(filled_db, d.Measure, measure.id)
    gone = audit.history(filled_db, "measure", measure.id)[-1]
    assert gone.record_label.startswith(f"Åtgärd nr {measure.number}: ")
    assert snapshot is not None
