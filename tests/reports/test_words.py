"""The coordinator's words (issue 8, item 2): a draft from the data to edit, kept per
report period, printed first; late measures with their reason and new date, groups
behind their cadence with a comment; the next period starts from this one's text."""

from __future__ import annotations

import io

from sqlmodel import select

from tests.reports.conftest import needs_poppler, pdftotext
from tests.reports.factory import TODAY, D
from tryggapp import domain as d
from tryggapp.domain import periods
from tryggapp.services import followup, report_texts
from tryggapp.services.report_texts import Words

T2, T3 = periods.parse("2026-T2"), periods.parse("2026-T3")


def _ids(db):
    with db.session() as s:
        late = s.exec(select(d.Measure.id).where(d.Measure.title == "Klottersanering inom 24 timmar")).one()
        samo = s.exec(select(d.Group.id).where(d.Group.name == "Samordningsgruppen")).one()
    return late, samo


def test_the_draft_is_built_from_the_data(small_db):
    data = followup.collect(small_db, T2, TODAY)
    words = report_texts.draft(data)
    assert not words.saved
    assert "31 augusti 2026" in words.assessment and "8 åtgärder" in words.assessment
    # The late measure with its reason: the latest note by the period's end.
    assert "– 2 Klottersanering inom 24 timmar: försenad 62 dagar. Orsak: Avtal med saneringsfirma." \
        in words.deviations
    assert "Byta belysning i gångtunneln" in words.results


def test_saved_words_come_back_with_the_report_and_print_first(small_db, tmp_path):
    late, samo = _ids(small_db)
    words = Words("Arbetet går enligt plan.", "– Belysningen är bytt.", "Se listan.", "– Anslå medel för kameror.",
                  measure_notes={late: (D(2026, 10, 31), "Upphandlingen överklagades")},
                  group_notes={samo: "Junimötet ställdes in: semester."})
    report_texts.save(small_db, T2, words, author="Maria")
    data = followup.collect(small_db, T2, TODAY)
    assert data.words is not None and data.words.saved and data.words.proposals == "– Anslå medel för kameror."
    late_row = next(m for m in data.late if m.id == late)
    assert (late_row.new_date, late_row.reason) == (D(2026, 10, 31), "Upphandlingen överklagades")
    assert next(g for g in data.groups if g.id == samo).comment == "Junimötet ställdes in: semester."
    # Saved again, it replaces the text rather than adding one.
    report_texts.save(small_db, T2, words, author="Maria")
    with small_db.session() as s:
        assert len(s.exec(select(d.ReportText)).all()) == 1

    from tryggapp import reports

    buffer = io.BytesIO()
    reports.build_pdf(data, buffer)
    path = tmp_path / "t2.pdf"
    path.write_bytes(buffer.getvalue())
    if needs_poppler.args[0]:
        return
    pages = [" ".join(p.split()) for p in pdftotext(path).split("\f")]
    assert "säkerhet 1 Samordnarens bedömning" in pages[2]  # first after the cover and the contents
    assert "1.1 Sammanfattande bedömning Arbetet går enligt plan." in pages[2]
    text = " ".join(pages)
    for expected in ("Arbetet går enligt plan.", "Anslå medel för kameror", "Förslag till kommunledningsgruppen",
                     "Orsak: Upphandlingen överklagades", "Ny planerad tidpunkt: 2026-10-31",
                     "Junimötet ställdes in: semester."):
        assert expected in text, expected


def test_next_tertial_starts_from_last_tertials_text(small_db):
    report_texts.save(small_db, T2, Words("Bedömning i augusti.", "", "", "Förslag från augusti."))
    earlier = report_texts.previous(small_db, T3)
    assert earlier is not None and earlier.period_label == "andra tertialet 2026"
    assert report_texts.load(small_db, T3) is None
    draft = report_texts.draft(followup.collect(small_db, T3, TODAY), earlier)
    assert draft.assessment.startswith("[Från andra tertialet 2026:] Bedömning i augusti.")
    assert draft.proposals == "Förslag från augusti."


def test_without_saved_words_the_report_says_its_text_is_a_draft(small_db, tmp_path):
    from tryggapp import reports

    buffer = io.BytesIO()
    reports.build_pdf(followup.collect(small_db, T2, TODAY), buffer, sections=["words"])
    path = tmp_path / "draft.pdf"
    path.write_bytes(buffer.getvalue())
    if needs_poppler.args[0]:
        return
    text = " ".join(pdftotext(path).split())
    assert "Sammanställt automatiskt ur uppgifterna" in text and "Klottersanering" in text
