"""The PDF as a reader gets it, read back with poppler: Swedish text, page numbers,
embedded fonts, metadata, charts as text (vector), sections left out, and a stress
database (5 000-character texts, å ä ö é and emoji, 300 measures in one focus area)."""

from __future__ import annotations

import re
from io import BytesIO

import pytest

from tests.reports.conftest import needs_poppler, page_texts, pdffonts, pdfinfo, pdftotext
from tests.reports.factory import FOCUS_TITLES, TODAY
from tryggapp import reports
from tryggapp.domain import periods
from tryggapp.services import followup

pytestmark = needs_poppler


def build(db, code: str, path, sections=None) -> int:
    data = followup.collect(db, periods.parse(code), TODAY)
    return reports.build_pdf(data, path, sections)


def assert_page_numbers(path, pages: int) -> None:
    texts = page_texts(path)
    assert len(texts) == pages
    for number, text in enumerate(texts, start=1):
        assert f"Sida {number} av {pages}" in text


def assert_fonts_embedded(path) -> None:
    fonts = pdffonts(path)
    assert fonts, "no fonts listed"
    assert all(f["emb"] == "yes" for f in fonts), fonts
    assert not any("Helvetica" in f["name"] for f in fonts), fonts


def test_tertial_report_text_page_numbers_fonts_and_metadata(small_db, tmp_path):
    path = tmp_path / "t2.pdf"
    pages = build(small_db, "2026-T2", path)
    assert pages >= 5
    text = pdftotext(path)
    assert "andra tertialet 2026" in text
    assert "1 maj – 31 augusti 2026" in text
    assert "Uppföljning av handlingsplan för trygghet och säkerhet" in text
    for title in FOCUS_TITLES:
        assert title in text
    for heading in ("Sammanfattning", "Inriktningar och fokusområden", "Organisation och möten",
                    "Trygghetsvandringar", "Kommande: tredje tertialet 2026", "Bilaga: handlingsplanen"):
        assert heading in text
    assert "Diarienummer" in text and "KS 2024/0123" in text
    assert "25 november 2026" in text  # the report date, in words
    assert_page_numbers(path, pages)
    assert_fonts_embedded(path)
    info = pdfinfo(path)
    assert info["Title"].startswith("Uppföljning av handlingsplan för trygghet och säkerhet")
    assert info["Author"] == "Maria Öberg"
    assert "andra tertialet 2026" in info["Subject"]
    assert info["Page size"].startswith("595.276 x 841.89")  # A4
    raw = path.read_bytes()
    assert b"/Lang (sv-SE)" in raw
    assert b"/Outlines" in raw  # headings are bookmarks


def test_counts_in_the_pdf_match_the_database(small_db, tmp_path):
    path = tmp_path / "year.pdf"
    build(small_db, "2026", path)
    summary = next(p for p in page_texts(path) if "Åtgärdernas status" in p).replace("\u00a0", " ")
    layout = pdftotext(path, layout=True).replace("\u00a0", " ")
    # Status table of the summary: the counts computed by hand in test_followup.
    for label, count in (("Ej påbörjad", 2), ("Pågående", 1), ("Försenad", 2), ("Pausad", 0),
                         ("Genomförd", 2), ("Avbruten", 1), ("Totalt", 8)):
        assert re.search(rf"{label}\s+{count}\b", layout), label
    assert "Åtgärder vars deadline har passerat utan att de är genomförda: 2." in summary
    assert re.search(r"Möten genomförda / krav\s+19 / 21", layout)
    assert "Under perioden höll grupperna 19 av de 21 möten" in pdftotext(path).replace("\n", " ")
    # Swedish number format in a table and in a chart label (charts are vectors: their text is text).
    assert "1 234,5" in layout
    assert "Antal åtgärder" in layout and "Antal iakttagelser" in layout
    assert "Figur 1." in layout


def test_sections_can_be_left_out(small_db, tmp_path):
    path = tmp_path / "short.pdf"
    pages = build(small_db, "2026", path, ["summary", "upcoming"])
    text = pdftotext(path)
    assert "1 Sammanfattning" in text and "2 Kommande" in text
    assert "Bilaga" not in text and "Trygghetsvandringar under perioden" not in text
    assert_page_numbers(path, pages)


def test_free_period_in_words_and_a_file_object_target(small_db):
    data = followup.collect(small_db, periods.between(periods.parse("2026-T1").start,
                                                      periods.parse("2026-T2").end), TODAY)
    buffer = BytesIO()
    pages = reports.build_pdf(data, buffer, progress=lambda fraction, message: None)
    assert buffer.getvalue().startswith(b"%PDF") and pages > 1


def test_progress_reaches_the_end_in_order(small_db, tmp_path):
    seen: list[float] = []
    data = followup.collect(small_db, periods.parse("2026"), TODAY)
    reports.build_pdf(data, tmp_path / "p.pdf", progress=lambda fraction, message: seen.append(fraction))
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 5


def test_stress_database_gives_a_well_formed_report(stress_db, tmp_path):
    path = tmp_path / "stress.pdf"
    pages = build(stress_db, "2026", path)
    assert pages > 20
    text = pdftotext(path)
    assert "Stressåtgärd 299 – åäö é" in text
    assert "Ödeshögs kommun" in text and "Maria Öberg" in text  # emoji dropped, names kept
    assert "Lång text med åäö och é." in text
    assert "Kostnad <b>under</b> 5 $ & mer" in " ".join(text.split())  # markup stays text
    assert " ".join(text.split()).count("Kronor per $ & <i>") == 2  # table and chart title: no mathtext
    assert_page_numbers(path, pages)
    assert_fonts_embedded(path)
    assert "Ödeshögs kommun" in pdfinfo(path)["Subject"]  # metadata keeps the text as typed


def test_saving_over_an_unwritable_path_is_a_user_error(small_db, tmp_path):
    from tryggapp.errors import UserError

    target = tmp_path / "dir.pdf"
    target.mkdir()  # a folder where the file should go
    with pytest.raises(UserError, match="kunde inte sparas"):
        build(small_db, "2026", target)


def test_contents_give_the_pages_the_sections_start_on(small_db, tmp_path):
    import re

    path = tmp_path / "toc.pdf"
    build(small_db, "2026", path)
    pages = page_texts(path)
    contents = pdftotext(path, layout=True).split("\f")[1]
    assert "Innehåll" in contents
    # The leader's dots come out spaced or run together, as pdftotext lays out the line.
    found = re.findall(r"^\s*(\d)\s+(\S.*?)\s*(?:\.\s?)+\.?\s*(\d+)\s*$", contents, re.MULTILINE)
    assert [title for _n, title, _p in found] == [
        "Samordnarens bedömning", "Sammanfattning", "Inriktningar och fokusområden", "Organisation och möten",
        "Trygghetsvandringar", "Lägesbild", "Medborgarlöften och samverkan", "Kommande: året 2027", "Bilaga: handlingsplanen"]
    for number, title, page in found:
        assert f"{number} {title}" in " ".join(pages[int(page) - 1].split()), (title, page)


def test_demo_report_says_demo_on_every_page(small_db, tmp_path):
    """A fictional municipality's report never passes for a real one (issue 11)."""
    from tryggapp import domain as d
    from tryggapp.services import crud

    path = tmp_path / "vanlig.pdf"
    build(small_db, "2026-T2", path)
    assert not any("DEMO" in text for text in page_texts(path))
    crud.update(small_db, d.Municipality, 1, {"demo": True})
    path = tmp_path / "demo.pdf"
    pages = build(small_db, "2026-T2", path)
    texts = page_texts(path)
    assert len(texts) == pages and all("DEMO – påhittad kommun" in text for text in texts)


def test_the_garbage_collector_is_paused_while_building_and_restored(small_db, tmp_path):
    """reports.collector_paused (issue 16): off during the build, as it was afterwards,
    also when the build fails; a pause inside a pause does not switch it back on early."""
    import gc

    data = followup.collect(small_db, periods.parse("2026"), TODAY)
    during: list[bool] = []
    assert gc.isenabled()
    reports.build_pdf(data, tmp_path / "p.pdf", progress=lambda fraction, message: during.append(gc.isenabled()))
    assert during and not any(during) and gc.isenabled()
    with pytest.raises(RuntimeError), reports.collector_paused():
        with reports.collector_paused():
            pass
        assert not gc.isenabled()
        raise RuntimeError("a failed build")
    assert gc.isenabled()
    gc.disable()  # a caller that had it off keeps it off
    try:
        reports.build_pdf(data, tmp_path / "q.pdf")
        assert not gc.isenabled()
    finally:
        gc.enable()
