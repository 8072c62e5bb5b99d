"""Importing a statistics series as an indicator's measurements (issue 14, item 2): Swedish
number formats and periods, every bad row named before anything is saved, nothing saved
while any row is bad, stored values never replaced without the user's choice."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.engines import rows_in_backup
from tests.programme.stats_data import (
    BROKEN_ROW,
    CATEGORIES,
    COUNTS,
    UNKNOWN_ROW,
    YEARS,
    crime_goal,
    write_crime_csv,
)
from tryggapp import domain as d
from tryggapp.domain.enums import PeriodKind
from tryggapp.services import crud, indicators
from tryggapp.services import programme as svc
from tryggapp.services.excel import ImportFailed
from tryggapp.services.indicators.parse import CellProblem, parse_period, parse_value

TODAY = dt.date(2026, 11, 25)


def count(db, model) -> int:
    return len(crud.list_all(db, model))


# --------------------------------------------------------------------------- cells


@pytest.mark.parametrize(("text", "value"), [
    ("1 234,5", 1234.5),
    ("1\u00a0234,5", 1234.5),  # no-break space, as babel and Excel write it
    ("1\u2009234,5", 1234.5),  # thin space
    ("1\u202f234", 1234.0),  # narrow no-break space
    ("12 %", 12.0),
    ("12,5%", 12.5),
    ("\u22123", -3.0),  # a real minus sign
    ("-3,25", -3.25),
    ("1.234,5", 1234.5),
    ("0,5", 0.5),
    (" 42 ", 42.0),
    ("", None),
    ("..", None),  # SCB: no value
    (None, None),
    (1234, 1234.0),
    (12.5, 12.5),
])
def test_swedish_numbers(text, value):
    assert parse_value(text) == value


@pytest.mark.parametrize("text", ["12x4", "1,2,3", "tolv", "12 st", "--3"])
def test_bad_numbers_say_why_in_swedish(text):
    with pytest.raises(CellProblem) as info:
        parse_value(text)
    assert f"”{text}” är inget tal" in info.value.message


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("2019", PeriodKind.YEAR, (2019, 1)),
    (2019, PeriodKind.YEAR, (2019, 1)),
    ("2026-T2", PeriodKind.TERTIAL, (2026, 2)),
    ("T3 2024", PeriodKind.TERTIAL, (2024, 3)),
    ("2026 kv 3", PeriodKind.QUARTER, (2026, 3)),
    ("2026 kv. 3", PeriodKind.QUARTER, (2026, 3)),
    ("2026K3", PeriodKind.QUARTER, (2026, 3)),
    ("Q4 2025", PeriodKind.QUARTER, (2025, 4)),
    ("2026 kvartal 1", PeriodKind.QUARTER, (2026, 1)),
    ("2026-03", PeriodKind.QUARTER, (2026, 1)),  # March is in the first quarter
    ("2026-05", PeriodKind.TERTIAL, (2026, 2)),
    ("2026-03", PeriodKind.YEAR, (2026, 1)),
    (dt.date(2026, 8, 31), PeriodKind.TERTIAL, (2026, 2)),  # a date cell
    ("2026M11", PeriodKind.QUARTER, (2026, 4)),  # SCB's month
])
def test_periods_in_the_indicators_kind(text, kind, expected):
    assert parse_period(text).as_kind(kind, str(text)) == expected


def test_a_period_of_another_length_is_refused_naming_the_kind():
    with pytest.raises(CellProblem) as info:
        parse_period("2026-T2").as_kind(PeriodKind.YEAR, "2026-T2")
    assert info.value.message == "”2026-T2” är ett tertial, men indikatorn mäts per år (t.ex. 2026)"
    with pytest.raises(CellProblem, match="ett helt år"):
        parse_period("2026").as_kind(PeriodKind.QUARTER, "2026")
    for bad in ("2026-T4", "2026 kv 5", "2026-13", "våren 2026", "26"):
        with pytest.raises(CellProblem):
            parse_period(bad)


# --------------------------------------------------------------------------- the file


def test_cp1252_semicolon_file_is_read_with_its_swedish_headers(tmp_path):
    path = write_crime_csv(tmp_path / "brott.csv", broken=False)
    assert b"\xc5r;Brottskategori" in path.read_bytes()  # "År" in cp1252, as Excel on Swedish Windows writes it
    file = indicators.read_file(path)
    assert file.headers == ["År", "Brottskategori", "Antal anmälda brott"]
    assert file.header_row == 1 and len(file.rows) == 50
    assert indicators.guess_columns(file) == indicators.Columns(period=0, value=2, category=1)


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8-sig", ","), ("utf-8", "\t"), ("utf-8", ";"),
                                                     ("utf-16", "\t")])
def test_other_encodings_and_delimiters(tmp_path, encoding, delimiter):
    path = tmp_path / "brott.csv"
    rows = ["År;Andel otrygga;Kommentar", "2024;\"12,5 %\";Enkät", "2025;\"11,9 %\";\"Enkät, webb\""]
    text = "\n".join(r.replace(";", delimiter) if delimiter != "," else
                     r.replace(";", ",") for r in rows)
    path.write_bytes(text.encode(encoding))
    file = indicators.read_file(path)
    assert file.headers == ["År", "Andel otrygga", "Kommentar"]
    assert [r for _n, r in file.rows][1][1] in ("11,9 %",)


def test_decimal_commas_do_not_fool_the_delimiter(tmp_path):
    """More decimal commas than semicolons on every line: still split on ';'."""
    path = tmp_path / "andel.csv"
    path.write_bytes("År;Andel\n2024;12,5\n2025;11,25\n".encode("cp1252"))
    file = indicators.read_file(path)
    assert file.headers == ["År", "Andel"] and file.rows[0][1] == ("2024", "12,5")


def test_header_row_below_a_title_is_found(tmp_path):
    path = tmp_path / "kolada.csv"
    path.write_text("Anmälda brott, Tryggviks kommun\n\nÅr;Antal\n2023;1 200\n2024;1 150\n", encoding="utf-8")
    file = indicators.read_file(path)
    assert file.header_row == 3 and file.headers == ["År", "Antal"]
    assert indicators.guess_columns(file) == indicators.Columns(period=0, value=1)


def test_columns_are_guessed_from_their_content_without_known_headers(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Kommun;Mätning;Resultatet\nTryggvik;2023;61\nTryggvik;2024;63\n", encoding="utf-8")
    file = indicators.read_file(path)
    assert indicators.guess_columns(file) == indicators.Columns(period=1, value=2)


# --------------------------------------------------------------------------- the import


def test_broken_file_names_every_bad_row_and_saves_nothing(db, tmp_path):
    goal = crime_goal(db)
    path = write_crime_csv(tmp_path / "brott.csv", broken=True)
    plan = indicators.check_import(db, goal, indicators.read_file(path))
    assert [(e.row, e.column) for e in plan.errors] == [(BROKEN_ROW, "Antal anmälda brott"),
                                                        (UNKNOWN_ROW, "Brottskategori")]
    assert str(plan.errors[0]) == "Rad 19, Antal anmälda brott: ”5x61” är inget tal (t.ex. 1 234,5 eller 12 %)"
    assert str(plan.errors[1]) == ("Rad 33, Brottskategori: ”Skadegörlese” är inte en av indikatorns kategorier "
                                   "(Skadegörelse, Våldsbrott, Stöld, Narkotikabrott)")
    assert plan.unknown_categories == ["Skadegörlese"]
    with pytest.raises(ImportFailed) as info:
        indicators.apply_import(db, plan, replace=True)
    assert info.value.exit_code == 2
    with pytest.raises(ImportFailed):
        indicators.import_stats(db, goal, path, today=TODAY)
    assert count(db, d.Measurement) == 0 and count(db, d.CategoryMeasurement) == 0


def test_corrected_file_imports_totals_and_categories(db, tmp_path):
    goal = crime_goal(db)
    path = write_crime_csv(tmp_path / "brott.csv", broken=False)
    plan, done = indicators.import_stats(db, goal, path, today=TODAY)
    assert plan.kind is PeriodKind.YEAR and plan.kind_from_file
    assert len(done.created) == 50 and not done.replaced
    totals = svc.measurements(db, goal)
    assert [m.year for m in totals] == list(YEARS)
    assert totals[0].value == sum(COUNTS[c][0] for c in CATEGORIES)
    assert totals[0].comment == "Importerad från brott.csv den 2026-11-25"
    series = indicators.series(db, goal)
    assert [line.name for line in series.categories] == list(CATEGORIES)
    assert [p.value for p in series.categories[0].points] == list(COUNTS["Skadegörelse"])
    assert [p.year for p in series.categories[3].points] == list(YEARS)


def test_stored_values_are_never_replaced_without_a_choice(db, tmp_path):
    goal = crime_goal(db)
    svc.set_measurement(db, goal, 2015, PeriodKind.YEAR, 1, 4000)  # differs from the file's total
    svc.set_measurement(db, goal, 2016, PeriodKind.YEAR, 1, sum(COUNTS[c][1] for c in CATEGORIES))  # the same
    path = write_crime_csv(tmp_path / "brott.csv", broken=False)
    plan = indicators.check_import(db, goal, indicators.read_file(path))
    assert (plan.new, plan.conflicts, plan.same) == (48, 1, 1)
    assert plan.summary() == "48 nya värden, 1 ersätter ett sparat värde, 1 finns redan."
    assert plan.summary(replace=False) == "48 nya värden, 1 sparat värde behålls, 1 finns redan."
    with pytest.raises(indicators.ChoiceNeeded) as info:
        indicators.import_stats(db, goal, path, today=TODAY)
    assert info.value.exit_code == 1 and "inget importerades" in info.value.message
    assert count(db, d.Measurement) == 2 and count(db, d.CategoryMeasurement) == 0

    _plan, kept = indicators.import_stats(db, goal, path, replace=False, today=TODAY)
    assert (len(kept.created), len(kept.replaced), kept.kept, kept.unchanged) == (48, 0, 1, 1)
    assert svc.get_measurement(db, goal, 2015, PeriodKind.YEAR, 1).value == 4000

    _plan, replaced = indicators.import_stats(db, goal, path, replace=True, today=TODAY)
    assert (len(replaced.created), len(replaced.replaced)) == (0, 1)
    assert svc.get_measurement(db, goal, 2015, PeriodKind.YEAR, 1).value == 4505
    indicators.undo_import(db, replaced)
    assert svc.get_measurement(db, goal, 2015, PeriodKind.YEAR, 1).value == 4000


def test_undo_removes_what_the_import_added(db, tmp_path):
    goal = crime_goal(db)
    path = write_crime_csv(tmp_path / "brott.csv", broken=False)
    _plan, done = indicators.import_stats(db, goal, path, today=TODAY)
    indicators.undo_import(db, done)
    assert count(db, d.Measurement) == 0 and count(db, d.CategoryMeasurement) == 0


def test_an_import_that_writes_takes_a_backup_first(db, tmp_path):
    goal = crime_goal(db)
    path = write_crime_csv(tmp_path / "brott.csv", broken=False)
    _plan, dry = indicators.import_stats(db, goal, path, dry_run=True)
    assert dry is None and count(db, d.Measurement) == 0
    _plan, done = indicators.import_stats(db, goal, path, today=TODAY)
    assert done.backup is not None and done.backup.exists() and "före-import" in done.backup.name
    # The backup (a file, or a team database's pg_dump) is the database before the import.
    assert rows_in_backup(done.backup, "measurement") == 0
    assert rows_in_backup(done.backup, "goal") == 1


def test_duplicate_periods_and_kind_mismatch_are_bad_rows(db, tmp_path):
    goal = crime_goal(db, with_categories=False)
    svc.set_measurement(db, goal, 2024, PeriodKind.YEAR, 1, 4000)  # the goal is measured per year
    path = tmp_path / "x.csv"
    path.write_text("År;Antal\n2023;1 200\n2023;1 250\n2025-T1;300\n;12\n2026;\n", encoding="utf-8")
    plan = indicators.check_import(db, goal, indicators.read_file(path))
    assert [str(e) for e in plan.errors] == [
        "Rad 3, År: 2023 finns också på rad 2",
        "Rad 4, År: ”2025-T1” är ett tertial, men indikatorn mäts per år (t.ex. 2026)",
        "Rad 5, År: perioden saknas",
    ]
    assert plan.skipped == [6]  # 2026 without a value: skipped, and said


def test_a_category_the_indicator_does_not_have(db, tmp_path):
    goal = crime_goal(db, with_categories=False)
    path = tmp_path / "x.csv"
    path.write_text("År;Kategori;Antal\n2023;Totalt;1 200\n2023;Stöld;600\n", encoding="utf-8")
    plan = indicators.check_import(db, goal, indicators.read_file(path))
    assert [e.row for e in plan.errors] == [3] and "har inga kategorier än" in plan.errors[0].message
    indicators.add_categories(db, goal, plan.unknown_categories)
    plan = indicators.check_import(db, goal, indicators.read_file(path))
    assert plan.ok and plan.new == 2


def test_excel_workbook_with_number_and_percent_cells(db, tmp_path):
    from openpyxl import Workbook

    goal = crime_goal(db, with_categories=False)
    crud.update(db, d.Goal, goal, {"unit": "%"})
    wb = Workbook()
    ws = wb.active
    ws.append(["Andel som känner sig otrygga", None])
    ws.append(["År", "Andel"])
    for year, share in ((2022, 0.183), (2023, 0.175)):
        ws.append([year, share])
        ws.cell(ws.max_row, 2).number_format = "0.0%"
    ws.append([2024, "16,9 %"])
    path = tmp_path / "enkat.xlsx"
    wb.save(path)
    _plan, done = indicators.import_stats(db, goal, path, today=TODAY)
    assert [round(m.value, 6) for m in svc.measurements(db, goal)] == [18.3, 17.5, 16.9]
    assert len(done.created) == 3


def test_quarterly_file_for_a_new_indicator_takes_the_files_kind(db, tmp_path):
    goal = crime_goal(db, with_categories=False)
    path = tmp_path / "kv.csv"
    path.write_text("Period;Antal\n2025 kv 4;310\n2026 kv 1;295\n2026 kv 2;301\n", encoding="utf-8")
    _plan, done = indicators.import_stats(db, goal, path, today=TODAY)
    assert done.kind is PeriodKind.QUARTER
    assert [(m.year, m.period_no) for m in svc.measurements(db, goal)] == [(2025, 4), (2026, 1), (2026, 2)]


def test_removing_a_category_takes_its_values_and_undo_puts_them_back(db, tmp_path):
    goal = crime_goal(db)
    indicators.import_stats(db, goal, write_crime_csv(tmp_path / "b.csv", broken=False), today=TODAY)
    stold = next(c for c in indicators.list_categories(db, goal) if c.name == "Stöld")
    assert indicators.value_counts(db, goal)[stold.id] == 10
    snapshot = indicators.remove_category(db, stold.id)
    assert count(db, d.CategoryMeasurement) == 30
    crud.restore(db, snapshot)
    assert count(db, d.CategoryMeasurement) == 40
    # Deleting the goal takes its categories and their values; undo brings all back.
    removal = svc.remove_goal(db, goal)
    assert count(db, d.IndicatorCategory) == 0 and count(db, d.CategoryMeasurement) == 0
    svc.undo_removal(db, removal)
    assert count(db, d.IndicatorCategory) == 4 and count(db, d.CategoryMeasurement) == 40


def test_category_names_are_unique_per_indicator(db):
    from tryggapp.services.validation import ValidationError

    goal = crime_goal(db)
    with pytest.raises(ValidationError, match="redan en kategori"):
        indicators.add_category(db, goal, "  stöld ")
    other = crime_goal(db, with_categories=False)
    indicators.add_category(db, other, "Stöld")  # another indicator may have the same name
