"""The demo's minutes through the CLI (pdftotext), the kallelse, the meeting list, and the
.ics of a demo group read by the icalendar library."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import icalendar
import pytest

from tests.conftest import DEMO_TODAY
from tests.engines import raw as raw_sql
from tryggapp.main import main
from tryggapp.services import calendar


def pdftext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def justerade_meeting(db) -> tuple[int, int, int]:
    with raw_sql(db) as conn:
        return tuple(conn.execute(
        "SELECT m.id, min(i.number), max(i.number) FROM meeting m JOIN minutes mi ON mi.meeting_id = m.id "
        "JOIN minutes_item i ON i.minutes_id = mi.id WHERE mi.locked_at IS NOT NULL AND mi.posted_from IS NOT NULL "
            "GROUP BY m.id ORDER BY m.date DESC LIMIT 1").fetchone())


def test_the_demos_minutes_print_through_the_cli(demo_db, tmp_path, capsys):
    meeting, first, last = justerade_meeting(demo_db)
    out = tmp_path / "protokoll.pdf"
    code = main(["protokoll", "--db", str(demo_db.path), "--meeting", str(meeting), "-o", str(out),
                 "--today", DEMO_TODAY.isoformat()])
    assert code == 0, capsys.readouterr().err
    assert "Skrev" in capsys.readouterr().out
    text = pdftext(out)
    for word in ("Protokoll", "Plats och tid", "Beslutande", "Övriga närvarande", "Anmält förhinder",
                 "Justerare", "Justeringens plats och tid", "Paragrafer", f"{first}–{last}", "Underskrifter",
                 "Sekreterare", "Ordförande", "Anslag", "Justerandes signatur", "Sida 1 av", "Beslut"):
        assert word in text, word
    for number in range(first, last + 1):
        assert re.search(rf"§ {number}\b", text), number
    assert re.search(r"^\s*att ", text, re.MULTILINE)  # decisions as "att …" clauses
    assert "Utkast" not in text  # justerade minutes are no draft


def test_kallelse_and_list(demo_db, tmp_path, capsys):
    assert main(["protokoll", "--db", str(demo_db.path), "--list", "--today", DEMO_TODAY.isoformat()]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert len(listing) == 82
    planned = next(line for line in listing if "planerat" in line)
    meeting = int(planned.split()[0])
    out = tmp_path / "kallelse.pdf"
    assert main(["protokoll", "--db", str(demo_db.path), "--meeting", str(meeting), "--kallelse", "-o", str(out),
                 "--today", DEMO_TODAY.isoformat()]) == 0
    text = pdftext(out)
    for word in ("Kallelse", "Kallade", "Förslag till dagordning", "Mötets öppnande", "Val av justerare",
                 "Föregående mötes protokoll", "Övriga frågor", "Mötets avslutande"):
        assert word in text, word


@pytest.mark.parametrize("argv, message", [
    (["protokoll"], "Vilket möte?"),
    (["protokoll", "--meeting", "99999"], "Det finns inget möte med id 99999"),
    (["kalender", "--group", "Finns inte"], "Ingen grupp heter"),
    (["kalender"], "Vilken grupp?"),
])
def test_cli_mistakes_are_one_swedish_line(demo_db, capsys, argv, message):
    code = main([argv[0], "--db", str(demo_db.path), *argv[1:]])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and message in err and "Traceback" not in err


def test_ics_of_a_demo_group_has_one_event_per_planned_meeting(demo_db, tmp_path, capsys):
    out = tmp_path / "möten.ics"
    assert main(["kalender", "--db", str(demo_db.path), "--group", "Samordningsgruppen för brottsförebyggande arbete",
                 "-o", str(out), "--today", DEMO_TODAY.isoformat()]) == 0
    raw = out.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF only
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded at 75 octets
    cal = icalendar.Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    with raw_sql(demo_db) as conn:
        planned = conn.execute(
            "SELECT m.id, m.date, m.start_time FROM meeting m JOIN work_group g ON g.id = m.group_id "
            "WHERE g.name = 'Samordningsgruppen för brottsförebyggande arbete' AND m.date >= ? AND NOT m.cancelled "
            "ORDER BY m.date", (DEMO_TODAY.isoformat(),)).fetchall()
    assert planned and len(events) == len(planned)
    assert len({str(e["UID"]) for e in events}) == len(events)
    first = events[0]
    start = first.decoded("DTSTART")
    assert start.date().isoformat() == str(planned[0][1]) and str(start.tzinfo) == "Europe/Stockholm"
    assert "Samordningsgruppen för brottsförebyggande arbete" in str(first["SUMMARY"])
    assert cal.walk("VTIMEZONE")


def test_ics_escapes_and_folds_long_swedish_text(db):
    from tests.meetings.conftest import make_group
    from tryggapp.services import meetings as mt

    group = make_group(db, "Grupp; med, komma och en mycket lång rubrik med åäö som måste vikas över flera rader")
    mt.plan_meeting(db, group.id, dt.date(2026, 12, 1), start_time=dt.time(13), end_time=dt.time(14, 30),
                    place="Stadshuset, rum 3; plan 2", agenda=["Ärende ett", "Ärende två"])
    mt.plan_meeting(db, group.id, dt.date(2026, 12, 8))  # no time: a day event
    mt.plan_meeting(db, group.id, dt.date(2025, 12, 8))  # past: not exported
    result = calendar.build(db, group.id, dt.date(2026, 11, 1), now=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    raw = result.text.encode("utf-8")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    raw.decode("utf-8")  # no UTF-8 sequence cut by the folding
    cal = icalendar.Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    assert len(events) == 2 == result.events
    assert str(events[0]["LOCATION"]) == "Stadshuset, rum 3; plan 2"
    assert "Ärende två" in str(events[0]["DESCRIPTION"])
    assert group_name_in(events[0]) and events[1].decoded("DTSTART") == dt.date(2026, 12, 8)


def group_name_in(event) -> bool:
    return "mycket lång rubrik med åäö" in str(event["SUMMARY"])
