"""`tryggapp import-stats` (issue 14, item 6): a file with any bad row is refused naming
each row (exit 2, one Swedish line per bad row, nothing saved); --dry-run saves nothing;
a good file imports after a backup; stored values change only with --replace."""

from __future__ import annotations

import sqlite3

import pytest
from tests.programme.stats_data import BROKEN_ROW, UNKNOWN_ROW, crime_goal, write_crime_csv

from tryggapp.main import main
from tryggapp.storage import open_database


@pytest.fixture
def crime_db(tmp_path):
    path = tmp_path / "kommun.db"
    db = open_database(path, create=True)
    goal = crime_goal(db)
    db.close()
    return path, goal


def values(path) -> tuple[int, int]:
    with sqlite3.connect(path) as conn:
        return (conn.execute("SELECT count(*) FROM measurement").fetchone()[0],
                conn.execute("SELECT count(*) FROM category_measurement").fetchone()[0])


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import-stats", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_bad_rows_exit_2_one_line_each_and_nothing_saved(crime_db, tmp_path, capsys):
    path, goal = crime_db
    csv = write_crime_csv(tmp_path / "brott.csv", broken=True)
    code, out, err = run(capsys, "--db", str(path), str(csv), "--indicator", str(goal))
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert lines[0] == "tryggapp: Inget importerades: 2 fel behöver rättas."
    assert lines[1] == f"Rad {BROKEN_ROW}, Antal anmälda brott: ”5x61” är inget tal (t.ex. 1 234,5 eller 12 %)"
    assert lines[2].startswith(f"Rad {UNKNOWN_ROW}, Brottskategori: ”Skadegörlese” är inte en av indikatorns")
    assert len(lines) == 3 and "Traceback" not in err
    assert values(path) == (0, 0)
    assert not (tmp_path / "säkerhetskopior").exists()  # refused before any backup


def test_dry_run_says_what_would_be_imported_and_saves_nothing(crime_db, tmp_path, capsys):
    path, goal = crime_db
    csv = write_crime_csv(tmp_path / "brott.csv", broken=False)
    code, out, err = run(capsys, "--db", str(path), str(csv), "--indicator", str(goal), "--dry-run")
    assert code == 0 and err == ""
    assert "Kontrollerad, inget skrivet: 50 nya värden." in out
    assert "period ”År”, värde ”Antal anmälda brott”, kategori ”Brottskategori”" in out
    assert values(path) == (0, 0)


def test_good_file_imports_after_a_backup(crime_db, tmp_path, capsys):
    path, goal = crime_db
    csv = write_crime_csv(tmp_path / "brott.csv", broken=False)
    code, out, err = run(capsys, "--db", str(path), str(csv), "--indicator", str(goal), "--today", "2026-11-25")
    assert code == 0, err
    assert "Importerat: 50 nya värden, 0 ersatta." in out
    assert "Säkerhetskopia tagen först:" in out
    assert values(path) == (10, 40)
    # Again, with a changed value: refused until --replace or --keep says what to do.
    text = csv.read_bytes().replace(b"2024;Totalt;", b"2024;Totalt;9")  # 9 in front of the total
    csv.write_bytes(text)
    code, out, err = run(capsys, "--db", str(path), str(csv), "--indicator", str(goal))
    assert code == 1 and "inget importerades" in err and "--replace eller --keep" in err
    code, out, err = run(capsys, "--db", str(path), str(csv), "--indicator", str(goal), "--keep")
    assert code == 0 and "Importerat: 0 nya värden, 0 ersatta, 1 sparat värde behålls, 49 finns redan." in out
    code, out, err = run(capsys, "--db", str(path), str(csv), "--indicator", str(goal), "--replace")
    assert code == 0 and "Importerat: 0 nya värden, 1 ersatt, 49 finns redan." in out


def test_columns_named_on_the_command_line(crime_db, tmp_path, capsys):
    path, goal = crime_db
    csv = tmp_path / "egen.csv"
    csv.write_text("Mätår;Siffra;Grupp\n2023;1 200;Totalt\n2024;1 150;Totalt\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", str(path), str(csv), "--indicator", str(goal), "--period-column", "A",
                         "--value-column", "siffra", "--category-column", "Grupp", "--dry-run")
    assert code == 0, err
    assert "2 nya värden" in out
    code, out, err = run(capsys, "--db", str(path), str(csv), "--indicator", str(goal), "--value-column", "Värdet")
    assert code == 2 and err.startswith("tryggapp: ”egen.csv” har ingen kolumn ”Värdet”")


def test_unknown_indicator_and_missing_file(crime_db, tmp_path, capsys):
    path, _goal = crime_db
    csv = write_crime_csv(tmp_path / "brott.csv", broken=False)
    code, _out, err = run(capsys, "--db", str(path), str(csv), "--indicator", "999")
    assert code == 2 and err == "tryggapp: Det finns inget mål med id 999 i databasen.\n"
    code, _out, err = run(capsys, "--db", str(path), str(tmp_path / "saknas.csv"), "--indicator", "1")
    assert code != 0 and err.count("\n") == 1 and "saknas.csv" in err


def test_list_names_the_goals_ids(crime_db, capsys):
    path, goal = crime_db
    code, out, _err = run(capsys, "--db", str(path), "--list")
    assert code == 0
    assert f"{goal}  1.1  Anmälda brott per år  (kategorier: Skadegörelse, Våldsbrott, Stöld, Narkotikabrott)" in out


def test_every_bad_row_is_named_even_past_twenty(crime_db, tmp_path, capsys):
    path, goal = crime_db
    csv = tmp_path / "manga.csv"
    csv.write_text("År;Antal\n" + "".join(f"{y};x{y}\n" for y in range(1990, 2020)), encoding="utf-8")
    code, _out, err = run(capsys, "--db", str(path), str(csv), "--indicator", str(goal))
    lines = err.strip().splitlines()
    assert code == 2 and lines[0] == "tryggapp: Inget importerades: 30 fel behöver rättas."
    assert len(lines) == 31 and lines[-1].startswith("Rad 31, Antal: ”x2019” är inget tal")
    assert values(path) == (0, 0)
