"""`tryggapp report` as a user meets it: a PDF and one line on success, one Swedish line
and exit code 2 (never a traceback) for a bad period, a missing or empty database."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlmodel import select

from tests.reports.conftest import needs_poppler, pdftotext
from tests.reports.factory import TODAY
from tryggapp import domain as d
from tryggapp.main import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["report", *args, "--today", TODAY.isoformat()])
    out = capsys.readouterr()
    return code, out.out, out.err


@needs_poppler
def test_writes_the_pdf_and_records_it(small_db, tmp_path, capsys):
    target = tmp_path / "rapport.pdf"
    code, out, err = run(capsys, "--db", str(small_db.path), "--period", "2026-T2", "-o", str(target))
    assert code == 0, err
    assert "andra tertialet 2026" in out and "sidor" in out
    assert "andra tertialet 2026" in pdftotext(target)
    with small_db.session() as s:
        row = s.exec(select(d.FollowUpReport)).one()
    assert row.file_path == str(target.resolve()) and row.page_count > 0
    assert row.sections == "words,summary,focus_areas,organisation,walks,situation,agreements,upcoming,appendix"


@needs_poppler
def test_free_period_and_excluded_sections(small_db, tmp_path, capsys):
    target = tmp_path / "fri.pdf"
    code, _out, err = run(capsys, "--db", str(small_db.path), "--from", "2026-01-01", "--to", "2026-08-31",
                          "--exclude", "appendix", "--exclude", "walks", "-o", str(target))
    assert code == 0, err
    text = pdftotext(target)
    assert "1 januari – 31 augusti 2026" in text
    assert "Bilaga" not in text and "Trygghetsvandringar under perioden" not in text


@pytest.mark.parametrize(("args", "message"), [
    (["--period", "2026-T4"], "tre tertial"),
    (["--period", "våren"], "Ogiltig period"),
    (["--from", "2026-01-01"], "både --from och --to"),
    (["--from", "2026-13-01", "--to", "2026-05-01"], "Ogiltigt datum"),
    (["--from", "2026-06-01", "--to", "2026-05-01"], "slutar"),
    (["--period", "2026", "--from", "2026-01-01", "--to", "2026-02-01"], "inte båda"),
    ([], "Vilken period"),
    (["--period", "2026", "--exclude", "bilaga"], "Okänd del"),
    (["--period", "2031"], "ingen handlingsplan"),
])
def test_bad_input_is_one_swedish_line_and_exit_code_2(small_db, tmp_path, capsys, args, message):
    code, _out, err = run(capsys, "--db", str(small_db.path), "-o", str(tmp_path / "x.pdf"), *args)
    assert code == 2
    assert message in err and err.startswith("tryggapp: ")
    assert not (tmp_path / "x.pdf").exists()


def test_missing_database_exits_3_and_empty_one_2(db, tmp_path, capsys):
    # A missing database is a database problem (3) here as in every command (README).
    code, _out, err = run(capsys, "--db", str(tmp_path / "finns-inte.db"), "--period", "2026")
    assert code == 3 and "finns inte" in err
    code, _out, err = run(capsys, "--db", str(db.path), "--period", "2026", "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and "kommun" in err


def test_a_fresh_process_prints_no_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "tryggapp", "report", "--db", str(tmp_path / "nej.db"),
                           "--period", "2026-T9"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.startswith("tryggapp: ")


@needs_poppler
def test_output_naming_a_folder_writes_the_report_into_it(small_db, tmp_path, capsys):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    code, out, err = run(capsys, "--db", str(small_db.path), "--period", "2026-T2", "-o", str(folder))
    assert code == 0, err
    assert (folder / "Uppföljning-2026-T2.pdf").exists()
    # A folder in the place of the file itself: one Swedish line, no OS English.
    (folder / "Uppföljning-2026-T2.pdf").unlink()
    (folder / "Uppföljning-2026-T2.pdf").mkdir()
    code, out, err = run(capsys, "--db", str(small_db.path), "--period", "2026-T2", "-o", str(folder))
    assert code == 5 and err.count("\n") == 1  # a file that cannot be written (README)
    assert "det är en mapp, inte en fil" in err and "directory" not in err


def test_a_closed_pipe_ends_quietly(small_template, tmp_path):
    """`tryggapp check | head -1`: the reader stops after one line; no traceback, no English."""
    import os
    import shutil

    path = tmp_path / "pipe.db"
    shutil.copy(small_template, path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.run(f'"{sys.executable}" -m tryggapp --db "{path}" check | head -1',
                          shell=True, capture_output=True, text=True, env=env)
    assert proc.stdout.count("\n") == 1
    assert proc.stderr == ""


def test_one_page_is_one_sida():
    from tryggapp.i18n import ngettext

    line = ngettext("Wrote {path} ({pages} page, {period}).", "Wrote {path} ({pages} pages, {period}).", 1)
    assert line.format(path="x.pdf", pages=1, period="året 2026") == "Skrev x.pdf (1 sida, året 2026)."


@needs_poppler
def test_the_command_runs_with_the_collector_paused_and_restores_it(small_db, tmp_path, capsys, monkeypatch):
    """Issue 16: the garbage collector is off for the whole command (imports and collect
    included, not only the build: 400 collections while importing, 0.3 s of CPU), and on
    again afterwards."""
    import gc

    from tryggapp.services import followup

    seen = []
    real_collect = followup.collect

    def collect(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.append(gc.isenabled())
        return real_collect(*args, **kwargs)

    monkeypatch.setattr(followup, "collect", collect)
    assert gc.isenabled()
    code, _out, err = run(capsys, "--db", str(small_db.path), "--period", "2026", "-o", str(tmp_path / "r.pdf"))
    assert code == 0, err
    assert seen == [False]
    assert gc.isenabled()
