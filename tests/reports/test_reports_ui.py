"""The Rapporter view, offscreen: choose a period, make the report off the UI thread,
read its pages in the view, save it (recorded as a FollowUpReport) and print it (to a
PDF printer, without the dialog)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlmodel import select

from tests.reports.factory import TODAY
from tryggapp import domain as d
from tryggapp.domain import periods

pytest.importorskip("PySide6.QtPdfWidgets")

SHOT = "/tmp/shot_reports.png"


@pytest.fixture
def section(qtbot, small_db):
    from tryggapp.ui.app import build_context
    from tryggapp.ui.sections.reports import ReportsSection

    ctx = build_context(small_db, today=lambda: TODAY)
    errors: list[BaseException] = []
    ctx.report_error = errors.append
    view = ReportsSection(ctx)
    view.errors = errors
    qtbot.addWidget(view)
    view.resize(1280, 820)
    view.show()
    qtbot.waitExposed(view)
    return view


def make(qtbot, section) -> None:
    qtbot.mouseClick(section.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.job is None, timeout=60_000)
    assert not section.errors, section.errors


def test_default_period_is_the_last_finished_tertial(section):
    assert section.period() == periods.parse("2026-T2")
    assert "Andra tertialet 2026 (1 maj – 31 augusti 2026)" in section.period_words.text()


def test_make_preview_save_and_print(section, qtbot, small_db, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    section.set_period(periods.parse("2026"))
    section.checks["appendix"].setChecked(False)
    make(qtbot, section)
    assert section.document.pageCount() == section.page_count > 0
    assert section.save_button.isEnabled() and section.print_button.isEnabled()
    assert "Sida 1 av" in section.page_label.text()
    qtbot.wait(200)  # let the view paint its first pages
    section.window().grab().save(SHOT)

    target = tmp_path / "rapport"
    assert section.save_to(target)
    saved = tmp_path / "rapport.pdf"
    assert saved.read_bytes() == section.pdf
    with small_db.session() as s:
        row = s.exec(select(d.FollowUpReport)).one()
    assert (row.period_label, row.page_count, row.sections) == (
        "året 2026", section.page_count, "words,summary,focus_areas,organisation,walks,situation,agreements,upcoming")

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setFromTo(1, 2)
    assert section.print_to(printer) == 2
    assert (tmp_path / "printed.pdf").stat().st_size > 1000


def test_a_custom_period_and_a_period_without_plan(section, qtbot):
    section.set_period(periods.between(periods.parse("2026-T1").start, periods.parse("2026-T2").end))
    assert "1 januari – 31 augusti 2026" in section.period_words.text()
    section.date_to.setDate(section.date_from.date().addDays(-1))
    assert not section.make_button.isEnabled()  # the form explains instead
    assert "slutar" in section.period_words.text()
    section.set_period(periods.parse("2031"))
    qtbot.mouseClick(section.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.job is None, timeout=30_000)
    assert section.errors and "ingen handlingsplan" in section.errors[0].message
    assert not section.save_button.isEnabled()


def test_read_only_database_makes_and_saves_without_recording(qtbot, small_db, tmp_path):
    from tryggapp.storage import open_database
    from tryggapp.ui.app import build_context
    from tryggapp.ui.sections.reports import ReportsSection

    small_db.close()
    db = open_database(small_db.path, read_only=True)
    try:
        ctx = build_context(db, today=lambda: TODAY)
        errors: list[BaseException] = []
        ctx.report_error = errors.append
        view = ReportsSection(ctx)
        view.errors = errors
        qtbot.addWidget(view)
        view.checks["appendix"].setChecked(False)
        make(qtbot, view)
        assert view.save_to(tmp_path / "ro.pdf") and not errors
        with db.session() as s:
            assert s.exec(select(d.FollowUpReport)).all() == []
    finally:
        db.close()


def test_printing_to_a_pdf_printer_writes_the_reports_own_vector_pdf(section, qtbot, tmp_path):
    """Qt's PDF printer gets the report's pages, not page bitmaps: about the size of
    'Spara som…', with its text extractable."""
    from PySide6.QtPrintSupport import QPrinter

    from tests.reports.conftest import needs_poppler, page_texts, pdffonts

    if needs_poppler.args[0]:
        pytest.skip("poppler-utils not installed")
    section.set_period(periods.parse("2026"))
    make(qtbot, section)
    assert section.save_to(tmp_path / "saved.pdf")
    saved = (tmp_path / "saved.pdf").stat().st_size
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert section.print_to(printer) == section.page_count
    printed = tmp_path / "printed.pdf"
    assert printed.stat().st_size < 3 * saved
    texts = page_texts(printed)
    assert len(texts) == section.page_count and "Sammanfattning" in "".join(texts)
    assert all(f["emb"] == "yes" for f in pdffonts(printed))
    # A page range: those pages, still text.
    printer.setFromTo(2, 3)
    assert section.print_to(printer) == 2
    assert len(page_texts(printed)) == 2 and printed.stat().st_size < 3 * saved



def test_the_coordinators_text_is_written_saved_and_printed(section, qtbot, small_db):
    from tryggapp.services import report_texts
    from tryggapp.ui.sections.report_words import WordsDialog

    section.set_period(periods.parse("2026-T2"))
    dialog = WordsDialog(section.ctx, section.period(), section)
    qtbot.addWidget(dialog)
    assert "Klottersanering inom 24 timmar" in dialog.edits["deviations"].toPlainText()  # the draft
    assert dialog.late.rowCount() == 1 and dialog.late.item(0, 2).text() == "Avtal med saneringsfirma"
    dialog.edits["proposals"].setPlainText("– Anslå medel för kameror.")
    dialog.late.item(0, 3).setText("2026-13-01")
    dialog.show()
    dialog.tabs.setCurrentIndex(3)
    dialog.grab().save("/tmp/shot_report_words.png")
    with pytest.raises(ValueError, match="inte ett datum"):
        dialog.words()
    dialog.late.item(0, 3).setText("2026-10-31")
    dialog.save()
    saved = report_texts.load(small_db, periods.parse("2026-T2"))
    assert saved is not None and saved.proposals == "– Anslå medel för kameror."
    assert list(saved.measure_notes.values()) == [(periods.parse("2026-T2").end.replace(month=10), "")]
    # Opened again, it shows what was saved.
    again = WordsDialog(section.ctx, section.period(), section)
    qtbot.addWidget(again)
    assert again.edits["proposals"].toPlainText() == "– Anslå medel för kameror."
    assert "Sparad text" in again.state.text()


@pytest.mark.chart_process
def test_the_view_keeps_one_chart_process_for_its_reports(section, qtbot, caplog):
    """Shown, the view starts a chart process (matplotlib imported before the first report
    is asked for); its reports use it in turn, and one that has gone is replaced."""
    import logging

    process = section.chart_process
    assert process is not None and process.alive
    section.set_period(periods.parse("2026"))
    try:
        with caplog.at_level(logging.WARNING, logger="tryggapp.reports.chartwork"):
            make(qtbot, section)
            first = section.pdf
            make(qtbot, section)
        assert section.chart_process is process and process.alive  # kept, not started again
        assert "drawn in this process instead" not in caplog.text
        assert first.count(b"/Subtype /Form") == section.pdf.count(b"/Subtype /Form") > 0

        process.kill("stopped by the test")
        make(qtbot, section)  # a new process for this report; its charts all there
        assert section.chart_process is not process and section.chart_process.alive
        assert section.pdf.count(b"/Subtype /Form") == first.count(b"/Subtype /Form")
    finally:
        process.close()
        if section.chart_process is not None:
            section.chart_process.close()
