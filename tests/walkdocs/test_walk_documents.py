"""The walk protocol and the residents' feedback, made with `tryggapp vandring` and read
back with pdftotext: every observation and organisation is in them, pages are numbered,
photos are small, and the feedback holds no name, e-mail address or phone number of any
person in the database (nor any other e-mail address or phone number)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import DEMO_TODAY
from tests.engines import raw
from tests.reports.conftest import needs_poppler, page_texts, pdfinfo, pdftotext
from tryggapp.main import main
from tryggapp.services import walk_documents

TODAY = "2026-11-25"
TODAY_DATE = DEMO_TODAY


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["vandring", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def flat(text: str) -> str:
    """pdftotext's text with line breaks (and words hyphenated at them) joined up, so a
    name split over two lines is still found."""
    return " ".join(re.sub(r"-\n", "", text).split())


def people(db) -> list[tuple[str, str, str]]:  # noqa: ANN001
    with raw(db) as con:
        rows = con.execute("SELECT name, email, phone FROM person").fetchall()
        rows += con.execute("SELECT coordinator_name, coordinator_email, '' FROM municipality").fetchall()
    return [tuple(r) for r in rows]


def personal_data_in(text: str, persons: list[tuple[str, str, str]]) -> list[str]:
    """Every name (also first or last name alone, as a word), e-mail address and phone
    number (by its digits, however spaced) of `persons` found in `text`."""
    joined = flat(text)
    digits = re.sub(r"\D", "", joined)
    found = []
    for name, email, phone in persons:
        for word in [name, *name.split()]:
            if len(word) > 2 and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", joined, re.IGNORECASE):
                found.append(word)
        if email and email.lower() in joined.lower():
            found.append(email)
        number = re.sub(r"\D", "", phone)
        if number and (number in digits or number.lstrip("0") in digits.replace("46", "", 1)):
            found.append(phone)
    if re.search(r"[\w.+-]+@[\w-]+\.\w+", joined):
        found.append("an e-mail address")
    return found


def pages_numbered(path: Path) -> bool:
    pages = page_texts(path)
    total = int(pdfinfo(path)["Pages"])
    return len(pages) == total and all(f"Sida {i} av {total}" in flat(t) for i, t in enumerate(pages, start=1))


# --------------------------------------------------------------------------- the demo


@needs_poppler
def test_both_documents_of_every_demo_walk(demo_db, tmp_path, capsys):
    persons = people(demo_db)
    code, listing, err = run(capsys, "--db", str(demo_db.path), "--list")
    assert code == 0, err
    walks = walk_documents.list_walks(demo_db)
    assert len(walks) == 3 and sum(w.observations for w in walks) == 27
    for w in walks:
        assert re.search(rf"^\s*{w.id}\s+{w.date.isoformat()}\s+{w.observations}\s+{w.area}$", listing, re.M)
    db = demo_db
    for w in walks:
        proto = walk_documents.protocol(db, w.id, DEMO_TODAY)
        fb = walk_documents.feedback(db, w.id, DEMO_TODAY)
        p_pdf, f_pdf = tmp_path / f"protokoll-{w.id}.pdf", tmp_path / f"återkoppling-{w.id}.pdf"
        code, out, err = run(capsys, "--db", str(demo_db.path), "--walk", str(w.id), "-o", str(p_pdf), "--today", TODAY)
        assert code == 0 and "Skrev" in out, err
        code, out, err = run(capsys, "--db", str(demo_db.path), "--walk", str(w.id), "--feedback", "-o", str(f_pdf),
                             "--today", TODAY)
        assert code == 0 and "Skrev" in out, err
        protocol_text, feedback_text = flat(pdftotext(p_pdf)), flat(pdftotext(f_pdf))
        assert f"Trygghetsvandring i {w.area}" in protocol_text
        assert f"Återkoppling efter trygghetsvandringen i {w.area}" in feedback_text
        for o in proto.observations:
            assert f"{o.number}. {flat(o.place)}" in protocol_text
            assert f"{o.number}. {flat(o.place)}" in feedback_text
            for m in o.measures:  # who does what
                assert m.ref in protocol_text and flat(m.responsible_organisation) in protocol_text
        for org in proto.organisations:
            assert org in protocol_text
        for item in fb.items:
            for org in item.by_whom:  # by whom, in the feedback
                assert org in feedback_text
        for person in proto.people:  # the protocol names its participants...
            assert person.name in protocol_text
        # ...the feedback names no one.
        assert personal_data_in(pdftotext(f_pdf), persons) == []
        assert pages_numbered(p_pdf) and pages_numbered(f_pdf)
        # No internal codes for residents: no measure numbers, no status words of the plan.
        for o in proto.observations:
            for m in o.measures:
                assert m.ref not in feedback_text
        assert "Försenad" not in feedback_text and "Prioritet" not in feedback_text


@needs_poppler
def test_the_demo_feedback_says_what_is_done_by_whom_and_when(demo_db, tmp_path, capsys):
    walks = {w.area: w.id for w in walk_documents.list_walks(demo_db)}
    target = tmp_path / "norrby.pdf"
    code, _out, err = run(capsys, "--db", str(demo_db.path), "--walk", str(walks["Norrby"]), "--feedback", "-o",
                          str(target), "--today", TODAY)
    assert code == 0, err
    text = flat(pdftotext(target))
    assert "Det här har gjorts Byte av trasiga armaturer på Lärkvägen" in text
    assert "Vem Samhällsbyggnadsförvaltningen Klart 31 juli 2026" in text
    assert "Tack för att ni lyfte fram det här!" in text  # positive notes are thanked
    centrum = tmp_path / "centrum.pdf"
    run(capsys, "--db", str(demo_db.path), "--walk", str(walks["Centrum"]), "--feedback", "-o", str(centrum),
        "--today", TODAY)
    text = flat(pdftotext(centrum))
    # Why it cannot be done: the private owner decides.
    assert "Det här kan vi inte åtgärda själva. Varför Privat fastighetsägare beslutar själv" in text
    # The cancelled graffiti clean-up: the reason, and no decision yet.
    assert "Det som var planerat blir inte av: Fastigheten har sålts" in text


# --------------------------------------------------------------------------- planted personal data


@needs_poppler
def test_names_emails_and_phones_in_free_texts_stay_out_of_the_feedback(walks_db, tmp_path, capsys):
    walk = walks_db.ids["walk"]
    p_pdf, f_pdf = tmp_path / "p.pdf", tmp_path / "f.pdf"
    assert run(capsys, "--db", str(walks_db.path), "--walk", str(walk), "-o", str(p_pdf), "--today", TODAY)[0] == 0
    assert run(capsys, "--db", str(walks_db.path), "--walk", str(walk), "--feedback", "-o", str(f_pdf),
               "--today", TODAY)[0] == 0
    persons = people(walks_db)
    # The texts do hold them: the protocol, for the participants, shows them.
    leaked = personal_data_in(pdftotext(p_pdf), persons)
    assert {"Kalle Berg", "kalle.berg@soderby.example", "070-123 45 67", "Zoran Petrović"} <= set(leaked)
    assert personal_data_in(pdftotext(f_pdf), persons) == []
    text = flat(pdftotext(f_pdf))
    assert "(telefonnummer borttaget)" in text  # a resident's number in a description
    assert "Ny belysning vid skolan (Tekniska förvaltningen)" in text  # a name becomes the organisation
    assert "Polisen Söderby" in text  # measure 5: the responsible person's organisation
    assert "Söderbyhem AB" not in text or "Hamnens fastighets AB" in text


def test_the_redactor():
    r = walk_documents.Redactor([("Anna Berg", "anna@x.se", "070-111 22 33", "Kommunen"), ("Bo Ek", "", "", "")])
    assert r("Ring anna  berg på 0701112233 eller +46 70 111 22 33") == (
        "Ring Kommunen på (telefonnummer borttaget) eller (telefonnummer borttaget)")
    assert r("Mejla ANNA@X.SE eller kalle@y.se") == "Mejla (e-postadress borttagen) eller (e-postadress borttagen)"
    assert r("Bo Ek har sett det, inte Ekdahl") == "(namn borttaget) har sett det, inte Ekdahl"
    # Dates and postcodes are not phone numbers.
    assert r("Klart 2026-08-31, 123 45 Söderby") == "Klart 2026-08-31, 123 45 Söderby"


# --------------------------------------------------------------------------- photos and layout


@needs_poppler
def test_photos_are_small_thumbnails_and_a_broken_one_is_named(walks_db, tmp_path, capsys):
    target = tmp_path / "p.pdf"
    code, _out, err = run(capsys, "--db", str(walks_db.path), "--walk", str(walks_db.ids["walk"]), "-o",
                          str(target), "--today", TODAY)
    assert code == 0, err
    # The 2 400 × 1 600 photo is several MB; in the PDF it is a thumbnail.
    assert target.stat().st_size < 250_000
    text = flat(pdftotext(target))
    assert "Gångvägen i mörker" in text and "bilden kunde inte läsas: trasig.jpg" in text
    assert "58,75312° N, 17,00981° Ö (WGS84)" in text
    # The cancelled measure is shown with its reason; the observation is open again.
    assert "Alla åtgärder har avbrutits: inget nytt beslut ännu." in text


@needs_poppler
def test_no_heading_ends_a_page(demo_db, tmp_path, capsys):
    db = demo_db
    walks = walk_documents.list_walks(db)
    headings = []
    for w in walks:
        proto = walk_documents.protocol(db, w.id, DEMO_TODAY)
        headings += [f"{o.number}. {o.place}" for o in proto.observations]
    headings += SECTION_HEADINGS
    for w in walks:
        for extra in ([], ["--feedback"]):
            target = tmp_path / f"{w.id}{extra}.pdf"
            run(capsys, "--db", str(demo_db.path), "--walk", str(w.id), "-o", str(target), "--today", TODAY, *extra)
            assert headings_ending_pages(target, headings) == []


SECTION_HEADINGS = ["Vem gör vad", "Uppföljning", "Deltagare", "Översikt", "Iakttagelser", "Sammanfattning",
                    "Det vi såg och vad som händer nu"]


def headings_ending_pages(path: Path, headings: list[str]) -> list[str]:
    """The headings that are the last line of a page above its footer (the page cropped
    18 mm above its bottom edge, where the footer's rule is)."""
    import subprocess

    found = []
    for page in range(1, int(pdfinfo(path)["Pages"]) + 1):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), "-x", "0", "-y", "0",
                               "-W", "595", "-H", "790", str(path), "-"], check=True, capture_output=True,
                              text=True).stdout
        body = [line.strip() for line in text.splitlines() if line.strip()]
        if body and body[-1] in headings:
            found.append(body[-1])
    return found


# --------------------------------------------------------------------------- errors


def test_errors_are_one_swedish_line_with_the_report_commands_exit_codes(demo_db, tmp_path, capsys):
    code, _out, err = run(capsys, "--db", str(tmp_path / "finns-inte.db"), "--walk", "1")
    assert code == 2 and err == f"tryggapp: Databasfilen {tmp_path / 'finns-inte.db'} finns inte.\n"
    code, _out, err = run(capsys, "--db", str(demo_db.path), "--walk", "99", "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and "Det finns ingen trygghetsvandring med id 99" in err and err.count("\n") == 1
    code, _out, err = run(capsys, "--db", str(demo_db.path))
    assert code == 2 and "Vilken vandring?" in err
    code, _out, err = run(capsys, "--db", str(demo_db.path), "--list", "--walk", "1")
    assert code == 2 and "--list" in err
    code, _out, err = run(capsys, "--db", str(demo_db.path), "--walk", "1", "-o", str(tmp_path / "nej" / "x.pdf"))
    assert code == 2 and "Mappen" in err and "finns inte" in err
    # Unwritable output: as `tryggapp report`, exit code 1 and nothing left behind.
    code, _out, err = run(capsys, "--db", str(demo_db.path), "--walk", "1", "-o", str(tmp_path / ("x" * 300 + ".pdf")))
    assert code == 1 and err.startswith("tryggapp: Dokumentet kunde inte sparas") and "namnet är för långt" in err
    assert list(tmp_path.glob("*.tmp")) == [] and list(tmp_path.glob(".*.tmp")) == []
    with pytest.raises(SystemExit) as exit_info:  # argparse: a usage error
        main(["vandring", "--db", str(demo_db.path), "--walk", "ett"])
    assert exit_info.value.code == 2
    assert "är inget id för en vandring" in capsys.readouterr().err


def test_default_file_name_and_folder_output(demo_db, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--db", str(demo_db.path), "--walk", "1", "--today", TODAY)
    assert code == 0, err
    assert (tmp_path / "Trygghetsvandring-Centrum-2025-10-14.pdf").exists()
    (tmp_path / "ut").mkdir()
    code, out, err = run(capsys, "--db", str(demo_db.path), "--walk", "3", "--feedback", "-o", str(tmp_path / "ut"),
                         "--today", TODAY)
    assert code == 0, err
    assert (tmp_path / "ut" / "Återkoppling-Stationsområdet-2026-10-01.pdf").exists()


def test_an_empty_database_has_no_walks(db, capsys):
    code, out, _err = run(capsys, "--db", str(db.path), "--list")
    assert code == 0 and "Databasen har inga trygghetsvandringar." in out


def test_one_call_for_the_window_writes_to_a_file_object_and_names_a_missing_walk(walks_db):
    from io import BytesIO

    from tryggapp.reports import walk_feedback, walk_protocol

    for module in (walk_protocol, walk_feedback):
        out = BytesIO()
        assert module.write(walks_db, walks_db.ids["walk"], out, TODAY_DATE) >= 1
        assert out.getvalue().startswith(b"%PDF")
        with pytest.raises(walk_documents.WalkNotFound, match="ingen trygghetsvandring med id 404"):
            module.write(walks_db, 404, BytesIO(), TODAY_DATE)


@needs_poppler
def test_long_texts_many_photos_and_emoji_lay_out(walks_db, tmp_path, capsys):
    """5 000-character texts (taller than a page in a table cell), seven photos, emoji."""
    from sqlmodel import select

    from tests.walkdocs.walkfactory import big_photo
    from tryggapp import domain as d

    long = ("Lång beskrivning med åäö, é och 👍🏽 emoji. " * 130)[:5000]
    with walks_db.session() as s:
        o = s.exec(select(d.Observation).where(d.Observation.number == 1)).first()
        o.description = long
        o.place = "En mycket lång platsbeskrivning " * 8
        m = s.exec(select(d.Measure).where(d.Measure.number == 1)).one()
        m.title = long
        s.add_all([d.ObservationPhoto(observation_id=o.id, filename=f"{i}.jpg", data=big_photo(), caption=long[:200])
                   for i in range(6)])
        w = s.get(d.SafetyWalk, walks_db.ids["walk"])
        w.feedback = long  # (the summary stays short: the observations then start low on a page)
    for extra in ([], ["--feedback"]):
        target = tmp_path / f"lång{len(extra)}.pdf"
        code, out, err = run(capsys, "--db", str(walks_db.path), "--walk", str(walks_db.ids["walk"]), "-o",
                             str(target), "--today", TODAY, *extra)
        assert code == 0, err
        assert pages_numbered(target)
        assert "Lång beskrivning med åäö, é och emoji." in flat(pdftotext(target))
        # The first observation is taller than a page: its section heading must not stay behind.
        assert headings_ending_pages(target, SECTION_HEADINGS) == []
    assert (tmp_path / "lång0.pdf").stat().st_size < 800_000  # seven photos, each a thumbnail
