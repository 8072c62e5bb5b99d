"""Excel round trip and import checks: an export imported into an empty database gives the
same plan, field by field; a broken file changes nothing and names the row."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlmodel import select

from tryggapp import domain as d
from tryggapp.cli import run as cli_run
from tryggapp.domain.enums import MeasureStatus
from tryggapp.errors import UserError
from tryggapp.services import excel, measures
from tryggapp.storage import open_database

TODAY = dt.date(2026, 11, 25)  # the day the demo is pinned to (tests/conftest.py)


def plan_snapshot(db, year: int) -> list[dict]:
    """Every field of every measure of a year, by name (ids differ between databases)."""
    out = []
    for r in measures.rows_for_year(db, year, TODAY):
        detail = measures.detail(db, r.id, TODAY)
        out.append({
            "number": r.number, "title": r.title, "description": r.description,
            "expected_effect": r.expected_effect, "focus_area": r.focus_area,
            "responsible_person": r.responsible_person, "responsible_organisation": r.responsible_organisation,
            "partners": r.partners, "start_date": r.start_date, "deadline": r.deadline, "status": r.status,
            "cancel_reason": r.cancel_reason, "late": r.late,
            "notes": sorted((n.noted_on, n.text, n.author) for n in detail.notes if not n.inherited),
            "history": [(h.changed_on, h.old_status, h.new_status, h.reason)
                        for h in reversed(detail.history) if not h.inherited],
        })
    return out


def goals_snapshot(db) -> list[tuple]:
    with db.session() as s:
        rows = s.exec(select(d.Goal, d.FocusArea).join(d.FocusArea, d.FocusArea.id == d.Goal.focus_area_id)
                      .order_by(d.FocusArea.number, d.Goal.position)).all()
        return [(fa.number, fa.title, g.kind, g.text, g.indicator, g.unit, g.baseline, g.baseline_year, g.target,
                 g.higher_is_better, g.due) for g, fa in rows]


def db_state(db) -> dict[str, list]:
    """All rows of the tables an import may write, to prove a refused import wrote nothing."""
    state = {}
    with db.session() as s:
        for model in (d.ActionPlan, d.Measure, d.MeasureNote, d.MeasureStatusChange, d.MeasurePartner,
                      d.Organisation, d.Person, d.FocusArea, d.Direction, d.Programme, d.Goal):
            state[model.__tablename__] = sorted(repr(sorted(o.model_dump().items())) for o in s.exec(select(model)))
    return state


@pytest.fixture
def empty_db(tmp_path):
    database = open_database(tmp_path / "empty.db", create=True)
    yield database
    database.close()


def _with_goals(db, seed) -> None:
    with db.session() as s:
        s.add(d.Goal(focus_area_id=seed["fa3"], text="Fler känner sig trygga i centrum", indicator="Andel trygga",
                     unit="%", baseline=61.5, baseline_year=2024, target=70, due=dt.date(2028, 12, 31)))
        s.add(d.Goal(focus_area_id=seed["fa3"], kind=d.GoalKind.PERFORMANCE, position=1,
                     text="Två trygghetsvandringar per år", target=2, higher_is_better=True))
        s.commit()


# --------------------------------------------------------------------------- round trip


def test_export_then_import_into_an_empty_database_gives_the_same_plan(seeded, empty_db, tmp_path):
    db, seed = seeded
    _with_goals(db, seed)
    path = excel.export_plan(db, 2026, tmp_path / "plan.xlsx", TODAY).path
    report = excel.import_plan(empty_db, path, None, None, TODAY)  # year from the sheet name
    assert report.created == 6 and report.year == 2026
    assert plan_snapshot(empty_db, 2026) == plan_snapshot(db, 2026)
    assert goals_snapshot(empty_db) == goals_snapshot(db)
    # Importing the same file again changes nothing.
    again = excel.import_plan(empty_db, path, 2026, None, TODAY)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    assert plan_snapshot(empty_db, 2026) == plan_snapshot(db, 2026)


def test_round_trip_of_the_demo_plan(demo_db, empty_db, tmp_path):
    year = measures.plans(demo_db)[-1].year
    path = excel.export_plan(demo_db, year, tmp_path / "demo.xlsx", TODAY).path
    excel.import_plan(empty_db, path, year, None, TODAY)
    assert plan_snapshot(empty_db, year) == plan_snapshot(demo_db, year)


def test_export_is_formatted_for_print_with_real_dates(seeded, tmp_path):
    db, _seed = seeded
    path = excel.export_plan(db, 2026, tmp_path / "plan", TODAY).path
    assert path.suffix == ".xlsx"
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    assert ws.title == "Handlingsplan 2026"
    headers = [c.value for c in ws[1]]
    assert headers[:12] == ["Nr", "Fokusområde", "Åtgärd", "Beskrivning", "Förväntad effekt", "Ansvarig person",
                            "Ansvarig organisation", "Samverkanspartner", "Start", "Deadline", "Status",
                            "Statusorsak"]
    assert "Senaste anteckning" in headers
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:")
    assert ws.print_title_rows in ("1:1", "$1:$1")
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["C"].width >= 30
    deadline = ws.cell(row=2, column=headers.index("Deadline") + 1)
    assert isinstance(deadline.value, dt.datetime) and deadline.number_format == "yyyy-mm-dd"
    late_col = headers.index("Försenad") + 1
    assert [ws.cell(row=r, column=late_col).value for r in range(2, 8)] == [None, "Ja", None, None, None, None]
    assert [s.title for s in wb.worksheets[1:]] == ["Fokusområden och mål", "Anteckningar", "Statushistorik"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_file_saved_again_by_libreoffice_imports(seeded, empty_db, tmp_path):
    """LibreOffice writes dates back as datetimes (PITFALLS): the import takes both."""
    db, _seed = seeded
    path = excel.export_plan(db, 2026, tmp_path / "plan.xlsx", TODAY).path
    out = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=120)
    excel.import_plan(empty_db, out / "plan.xlsx", 2026, None, TODAY)
    assert plan_snapshot(empty_db, 2026) == plan_snapshot(db, 2026)


# --------------------------------------------------------------------------- broken files


def _export_and_edit(db, tmp_path, edit) -> Path:
    path = excel.export_plan(db, 2026, tmp_path / "plan.xlsx", TODAY).path
    wb = load_workbook(path)
    edit(wb.worksheets[0], [c.value for c in wb.worksheets[0][1]])
    wb.save(path)
    return path


def _col(headers: list, name: str) -> int:
    return headers.index(name) + 1


def test_bad_date_unknown_status_and_empty_title_name_every_row_and_change_nothing(seeded, tmp_path):
    db, _seed = seeded

    def edit(ws, headers):
        ws.cell(row=7, column=_col(headers, "Deadline")).value = "2026-13-40"
        ws.cell(row=3, column=_col(headers, "Status")).value = "Kanske"
        ws.cell(row=4, column=_col(headers, "Åtgärd")).value = None
        ws.cell(row=5, column=_col(headers, "Start")).value = "i våras"
        ws.cell(row=6, column=_col(headers, "Deadline")).value = dt.datetime(2026, 12, 1)  # fine: a datetime
        ws.cell(row=7, column=_col(headers, "Nr")).value = "3"  # same number as row 4

    path = _export_and_edit(db, tmp_path, edit)
    before = db_state(db)
    with pytest.raises(excel.ImportFailed) as info:
        excel.import_plan(db, path, 2026, None, TODAY)
    lines = [str(e) for e in info.value.errors]
    assert "Rad 7, Deadline: ”2026-13-40” är inget giltigt datum (skriv det som ÅÅÅÅ-MM-DD)" in lines
    assert any(line.startswith("Rad 3, Status: ”Kanske” är ingen känd status") for line in lines)
    assert "Rad 4, Åtgärd: måste fyllas i" in lines
    assert any(line.startswith("Rad 5, Start: ”i våras”") for line in lines)
    assert "Rad 7, Nr: nummer 3 används redan på rad 4" in lines
    assert not any(line.startswith("Rad 6") for line in lines)
    assert str(info.value).startswith("Inget importerades")
    assert db_state(db) == before


def test_model_rules_are_checked_per_row_before_writing(seeded, empty_db, tmp_path):
    db, _seed = seeded

    def edit(ws, headers):
        ws.cell(row=2, column=_col(headers, "Deadline")).value = dt.date(2026, 1, 1)  # before its start
        ws.cell(row=3, column=_col(headers, "Status")).value = "Avbruten"  # without a reason
        ws.cell(row=3, column=_col(headers, "Statusorsak")).value = None

    path = _export_and_edit(db, tmp_path, edit)
    before = db_state(empty_db)
    with pytest.raises(excel.ImportFailed) as info:
        excel.import_plan(empty_db, path, 2026, None, TODAY)
    rows = {(e.row, e.column) for e in info.value.errors}
    assert (2, "Deadline") in rows and (3, "Statusorsak") in rows
    assert db_state(empty_db) == before  # not even the organisations it would have created


def test_wrong_headers_are_refused_with_the_missing_columns(seeded, tmp_path):
    db, _seed = seeded

    def edit(ws, headers):
        ws.cell(row=1, column=_col(headers, "Deadline")).value = "Klart när"

    path = _export_and_edit(db, tmp_path, edit)
    before = db_state(db)
    with pytest.raises(UserError) as info:
        excel.import_plan(db, path, 2026, None, TODAY)
    assert "”Deadline”" in str(info.value) and "rad 1" in str(info.value)
    assert not excel.read_headers(path).is_standard
    assert db_state(db) == before


def test_not_an_excel_file(seeded, tmp_path):
    db, _seed = seeded
    before = db_state(db)
    for name, content in (("plan.xlsx", b"Nr;Atgard\n1;Belysning\n"), ("plan.csv", b"Nr;Atgard\n"),
                          ("plan.xls", b"\xd0\xcf\x11\xe0")):
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(UserError) as info:
            excel.import_plan(db, path, 2026, None, TODAY)
        assert name in str(info.value)
    with pytest.raises(UserError, match="finns inte"):
        excel.read_headers(tmp_path / "missing.xlsx")
    assert db_state(db) == before


def test_empty_workbook(seeded, tmp_path):
    db, _seed = seeded
    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    with pytest.raises(UserError, match="tomt"):
        excel.import_plan(db, path, 2026, None, TODAY)


# --------------------------------------------------------------------------- a user's own workbook


def _plain_workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Blad1"
    ws.append(["Handlingsplan för trygghet, Ekdala kommun"])  # a title line above the headers
    ws.append([])
    ws.append(["Aktivitet", "Ansvarig", "Förvaltning", "Klart senast", "Status", "Samverkan", "Kommentar"])
    ws.append(["Belysning vid skolan", "Anna Berg", "samhällsbyggnadsförvaltningen", dt.datetime(2026, 6, 30),
               "Klar", "Polisen, lokalpolisområde Ekdala; Ekdalabostäder AB", "Klart i juni"])
    ws.append(["Nattvandring", "Ny Person", "Föreningen Nattvandrarna", "2026-09-30", "pågår", "", ""])
    ws.append(["Kameror", "", "", 46387, "Försenad", "", ""])  # an Excel serial date: 2026-12-31
    wb.save(path)
    return path


def test_plain_workbook_with_mapped_columns(seeded, tmp_path):
    db, _seed = seeded
    path = _plain_workbook(tmp_path / "egen.xlsx")
    preview = excel.read_headers(path)
    assert not preview.is_standard and preview.header_row == 3 and preview.row_count == 3
    assert preview.headers[0] == "Aktivitet"
    assert preview.sample_rows[0][3] == "2026-06-30"
    mapping = preview.suggested
    assert mapping["title"] == 0 and mapping["deadline"] == 3 and mapping["status"] == 4
    assert mapping["responsible_person"] == 1 and mapping["responsible_organisation"] == 2
    assert mapping["partners"] == 5 and mapping["note"] == 6

    before = db_state(db)
    check = excel.import_plan(db, path, 2026, mapping, TODAY, dry_run=True)
    assert check.created == 3 and check.created_people == ["Ny Person"]
    assert db_state(db) == before  # a dry run writes nothing
    report = excel.import_plan(db, path, 2026, mapping, TODAY)
    assert report.created == 3
    assert sorted(report.created_organisations) == ["Föreningen Nattvandrarna", "Polisen, lokalpolisområde Ekdala"]
    rows = {r.title: r for r in measures.rows_for_year(db, 2026, TODAY)}
    light = rows["Belysning vid skolan"]
    assert light.number == 7 and light.status == MeasureStatus.DONE and light.deadline == dt.date(2026, 6, 30)
    assert light.responsible_organisation == "Samhällsbyggnadsförvaltningen"  # matched regardless of case
    assert light.responsible_person == "Anna Berg"
    assert light.partners == ("Ekdalabostäder AB", "Polisen, lokalpolisområde Ekdala")
    assert (light.latest_note, light.latest_note_on) == ("Klart i juni", TODAY)
    walk = rows["Nattvandring"]
    assert walk.status == MeasureStatus.ONGOING and walk.responsible_person == "Ny Person"
    cams = rows["Kameror"]
    assert cams.deadline == dt.date(2026, 12, 31) and cams.status == MeasureStatus.ONGOING
    with db.session() as s:
        person = s.exec(select(d.Person).where(d.Person.name == "Ny Person")).one()
        org = s.get(d.Organisation, person.organisation_id)
        assert org.name == "Föreningen Nattvandrarna"  # created in the row's organisation


def test_mapping_must_name_the_measure_column(seeded, tmp_path):
    db, _seed = seeded
    path = _plain_workbook(tmp_path / "egen.xlsx")
    with pytest.raises(UserError, match="åtgärden"):
        excel.import_plan(db, path, 2026, {"deadline": 3}, TODAY)
    with pytest.raises(UserError):
        excel.import_plan(db, path, 2026, {"title": 0, "nonsense": 1}, TODAY)


def test_reimport_updates_measures_by_number_and_records_the_status_change(seeded, tmp_path):
    db, seed = seeded

    def edit(ws, headers):
        ws.cell(row=3, column=_col(headers, "Status")).value = "Genomförd"  # measure 2
        ws.cell(row=3, column=_col(headers, "Deadline")).value = dt.date(2026, 12, 20)
        ws.append([8, "", "En helt ny åtgärd"])

    path = _export_and_edit(db, tmp_path, edit)
    report = excel.import_plan(db, path, 2026, None, TODAY)
    assert (report.created, report.updated, report.unchanged) == (1, 1, 5)
    row = measures.row(db, seed["m2"], TODAY)
    assert row.status == MeasureStatus.DONE and row.deadline == dt.date(2026, 12, 20)
    last = measures.detail(db, seed["m2"], TODAY).history[0]
    assert (last.changed_on, last.old_status, last.new_status) == (TODAY, MeasureStatus.ONGOING, MeasureStatus.DONE)
    assert [r.number for r in measures.rows_for_year(db, 2026, TODAY)] == [1, 2, 3, 4, 5, 6, 8]


def test_import_takes_a_backup_first(seeded, tmp_path):
    db, _seed = seeded
    path = excel.export_plan(db, 2026, tmp_path / "plan.xlsx", TODAY).path
    report = excel.import_plan(db, path, 2027, None, TODAY)
    assert report.backup is not None and report.backup.exists() and "före-import" in report.backup.name
    dry = excel.import_plan(db, path, 2028, None, TODAY, dry_run=True)
    assert dry.backup is None and measures.plan_for_year(db, 2028) is None


def test_status_words_from_users_own_plans():
    assert excel.parse_status("Ej påbörjad") == MeasureStatus.NOT_STARTED
    assert excel.parse_status(" KLAR ") == MeasureStatus.DONE
    assert excel.parse_status("") == MeasureStatus.NOT_STARTED
    assert excel.parse_status("cancelled") == MeasureStatus.CANCELLED
    with pytest.raises(ValueError):
        excel.parse_status("Kanske")
    assert excel.parse_date_cell("2026-05-12 00:00:00") == dt.date(2026, 5, 12)
    with pytest.raises(ValueError):
        excel.parse_date_cell("12/5 2026")


# --------------------------------------------------------------------------- command line


def test_cli_export_and_import(seeded, tmp_path, capsys):
    db, _seed = seeded
    out = tmp_path / "cli.xlsx"
    assert cli_run(["export-plan", "--db", str(db.path), "--year", "2026", "-o", str(out), "--today",
                    "2026-11-25"]) == 0
    assert "6 åtgärder" in capsys.readouterr().out
    target = tmp_path / "target.db"
    open_database(target, create=True).close()
    assert cli_run(["import-plan", "--db", str(target), str(out), "--dry-run"]) == 0
    assert "inget skrivet" in capsys.readouterr().out
    assert cli_run(["import-plan", "--db", str(target), str(out), "--year", "2026"]) == 0
    assert "6 nya åtgärder" in capsys.readouterr().out


def test_cli_import_with_a_column_map(seeded, tmp_path, capsys):
    db, _seed = seeded
    path = _plain_workbook(tmp_path / "egen.xlsx")
    code = cli_run(["import-plan", "--db", str(db.path), str(path), "--year", "2026",
                    "--map", "title=Aktivitet", "--map", "deadline=D", "--map", "status=Status"])
    assert code == 0, capsys.readouterr().err
    assert "3 nya åtgärder" in capsys.readouterr().out


def test_cli_bad_input_is_one_swedish_message_and_a_failing_exit(seeded, tmp_path, capsys):
    db, _seed = seeded
    bad = tmp_path / "bad.xlsx"
    bad.write_text("inte excel")
    assert cli_run(["import-plan", "--db", str(db.path), str(bad)]) != 0
    err = capsys.readouterr().err
    assert err.startswith("tryggapp: ”bad.xlsx” gick inte att läsa") and "Traceback" not in err

    def edit(ws, headers):
        ws.cell(row=7, column=_col(headers, "Deadline")).value = "2026-13-40"

    path = _export_and_edit(db, tmp_path, edit)
    assert cli_run(["import-plan", "--db", str(db.path), str(path)]) == 2
    err = capsys.readouterr().err
    assert "Rad 7, Deadline: ”2026-13-40” är inget giltigt datum" in err and "Traceback" not in err
    assert cli_run(["export-plan", "--db", str(db.path), "--year", "1999", "-o", str(tmp_path / "x.xlsx")]) == 1
    assert "1999" in capsys.readouterr().err
    assert cli_run(["import-plan", "--db", str(db.path), str(path), "--map", "titel=A"]) != 0
    assert "FÄLT=KOLUMN" in capsys.readouterr().err


def test_merged_cells_apply_to_every_row_they_span(seeded, tmp_path):
    """Users' own plans merge a focus area or responsible cell down over its measures.
    openpyxl gives the value to the top cell only: every row under it must get it too,
    not silently lose its focus area and responsible."""
    db, _seed = seeded
    wb = Workbook()
    ws = wb.active
    ws.title = "Handlingsplan 2026"
    ws.append(["Fokusområde", "Aktivitet", "Förvaltning", "Klart senast"])
    ws.append(["Trygg skolväg", "Belysning vid skolan", "Tekniska förvaltningen", "2026-06-30"])
    ws.append([None, "Klippa buskage", None, "2026-07-31"])
    ws.append([None, "Övergångsställe", None, "2026-08-31"])
    ws.append(["Ungdomar", "Fältgrupp", "Socialförvaltningen", "2026-09-30"])
    ws.merge_cells("A2:A4")
    ws.merge_cells("C2:C4")
    ws.append([None, "Nattvandring", None, None])
    path = tmp_path / "sammanslagna.xlsx"
    wb.save(path)

    mapping = {"focus_area": 0, "title": 1, "responsible_organisation": 2, "deadline": 3}
    excel.import_plan(db, path, 2026, mapping, TODAY)
    rows = {r.title: r for r in measures.rows_for_year(db, 2026, TODAY)}
    for title in ("Belysning vid skolan", "Klippa buskage", "Övergångsställe"):
        assert rows[title].focus_area.endswith("Trygg skolväg"), title
        assert rows[title].responsible_organisation == "Tekniska förvaltningen", title
    assert rows["Fältgrupp"].focus_area.endswith("Ungdomar")
    assert rows["Nattvandring"].focus_area == ""  # not merged: empty stays empty


def test_reimport_of_a_carried_over_plan_does_not_copy_the_old_years_note(seeded, tmp_path):
    """A carried-over measure shows its predecessor's latest note in the export's
    'Latest note' column. Importing the file back (after editing it in Excel) must not
    add that note again to the new year's row."""
    db, seed = seeded
    measures.add_note(db, seed["m2"], "Belysningen beställd", on=dt.date(2026, 10, 1))
    revision = measures.revise_into_new_year(db, 2026, 2027, TODAY)
    new_id = revision.carried[seed["m2"]]
    assert measures.row(db, new_id, TODAY).latest_note == "Belysningen beställd"  # inherited, shown
    before = [(n.text, n.inherited) for n in measures.detail(db, new_id, TODAY).notes]
    assert all(inherited for _text, inherited in before)
    path = excel.export_plan(db, 2027, tmp_path / "plan2027.xlsx", TODAY).path
    excel.import_plan(db, path, 2027, None, TODAY)
    assert [(n.text, n.inherited) for n in measures.detail(db, new_id, TODAY).notes] == before

    # A new note typed into the column is still taken.
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == measures.row(db, new_id, TODAY).number)
    ws.cell(row=row, column=_col(headers, "Senaste anteckning")).value = "Ny lampa på plats"
    ws.cell(row=row, column=_col(headers, "Anteckningsdatum")).value = dt.date(2027, 2, 1)
    wb.save(path)
    excel.import_plan(db, path, 2027, None, TODAY)
    assert [(n.text, n.inherited) for n in measures.detail(db, new_id, TODAY).notes] == [
        ("Ny lampa på plats", False), *before]


def test_cli_year_zero_is_refused_not_read_as_this_year(seeded, tmp_path, capsys):
    db, _seed = seeded
    out = tmp_path / "x.xlsx"
    assert cli_run(["export-plan", "--db", str(db.path), "--year", "0", "-o", str(out), "--today", "2026-11-25"]) != 0
    assert not out.exists()
    err = capsys.readouterr().err
    assert "”0”" in err and "Traceback" not in err
    path = excel.export_plan(db, 2026, tmp_path / "plan.xlsx", TODAY).path
    with pytest.raises(UserError, match="”0” är inget giltigt år"):
        excel.import_plan(db, path, 0, None, TODAY)


def test_export_to_a_folder_or_a_missing_folder_is_a_clear_message(demo_db, tmp_path):
    with pytest.raises(UserError, match="är en mapp"):
        excel.export_plan(demo_db, 2026, tmp_path, dt.date(2026, 11, 25))
    with pytest.raises(UserError, match="finns inte"):
        excel.export_plan(demo_db, 2026, tmp_path / "saknas" / "plan.xlsx", dt.date(2026, 11, 25))
    assert not (tmp_path / "saknas").exists()


def test_exported_workbook_has_normal_permissions(demo_db, tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        out = tmp_path / "export"
        out.mkdir()
        report = excel.export_plan(demo_db, 2026, out / "plan.xlsx", dt.date(2026, 11, 25))
    finally:
        os.umask(old)
    assert stat.S_IMODE(report.path.stat().st_mode) == 0o644
    assert [p.name for p in out.iterdir()] == ["plan.xlsx"]  # no temporary file left
