"""Rapporter: choose a period and the parts of the follow-up report, make it off the UI
thread with a progress bar, read its pages here (QtPdf), then save or print it.

The report is made into memory first: what the user sees is exactly what is saved or
printed, and nothing is written (nor recorded as a FollowUpReport) until they save."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QDate,
    QIODevice,
    QObject,
    QRect,
    QRunnable,
    QSize,
    QStandardPaths,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tryggapp.domain import periods
from tryggapp.domain.enums import PeriodKind
from tryggapp.domain.periods import Period
from tryggapp.errors import UserError
from tryggapp.i18n import _, current_language, ngettext
from tryggapp.reports import SECTIONS, section_label
from tryggapp.ui.context import AppContext
from tryggapp.ui.sections.base import Section
from tryggapp.ui.widgets import style
from tryggapp.ui.widgets.empty_state import EmptyState

if TYPE_CHECKING:
    from tryggapp.reports.chartwork import ChartProcess, Renderer

log = logging.getLogger(__name__)

CUSTOM = "custom"
PRINT_DPI_MAX = 600  # a page image of ~140 MB at most


class _Signals(QObject):
    progress = Signal(float, str)
    done = Signal(object, bytes, int)  # ReportData, the PDF, its page count
    failed = Signal(object)  # the exception


class ReportJob(QRunnable):
    """Collect the data and build the PDF in a worker thread. Only signals cross back to
    the UI thread; the job touches no widget. `renderer` draws the charts (a batch of the
    section's chart process; None: in this thread)."""

    def __init__(self, ctx: AppContext, period: Period, sections: list[str], today: dt.date,
                 renderer: Renderer | None = None) -> None:
        super().__init__()
        self.ctx, self.period, self.sections, self.today = ctx, period, sections, today
        self.renderer = renderer
        self.signals = _Signals()

    def run(self) -> None:
        from io import BytesIO

        from tryggapp import reports
        from tryggapp.services import followup

        db = self.ctx.db
        try:
            if db.read_only:
                # A read-only database shares one connection; the window keeps using it
                # while the report is made, so the job reads through a connection of its own.
                from tryggapp.storage import open_database

                db = open_database(db.path, read_only=True)
            self.signals.progress.emit(0.01, _("Reading the database"))
            plan, on_directions = (reports.early_charts(self.renderer, self.sections) if self.renderer is not None
                                   else (None, None))
            data = followup.collect(db, self.period, self.today, on_directions=on_directions)
            buffer = BytesIO()
            pages = reports.build_pdf(data, buffer, self.sections,
                                      progress=lambda fraction, text: self.signals.progress.emit(fraction, text),
                                      plan=plan)
        except UserError as exc:
            self.signals.failed.emit(exc)
        except Exception as exc:  # a bug: logged with its traceback, shown as an unexpected error
            log.exception("report generation failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(data, buffer.getvalue(), pages)
        finally:
            if db is not self.ctx.db:
                db.close()
            if self.renderer is not None:
                self.renderer.close()


class ReportsSection(Section):
    key = "reports"
    icon = "mdi6.file-chart-outline"

    @classmethod
    def title(cls) -> str:
        return _("Reports")

    # The charts are drawn by a chart process kept while the window lives (started when
    # this view is first shown, so matplotlib is imported before the first report is asked
    # for): the report's own thread lays out the pages meanwhile, and the window's thread
    # does not compete with matplotlib for Python's lock. Tests turn it off where they do
    # not test it (each would start a process).
    use_chart_process = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.pool = QThreadPool.globalInstance()
        self.job: ReportJob | None = None
        self.chart_process: ChartProcess | None = None
        self.data = None  # ReportData of the report shown
        self.pdf: bytes = b""
        self.page_count = 0
        self.shown_sections: list[str] = []
        self._buffer: QBuffer | None = None

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setPageSpacing(12)
        self.view.setAccessibleName(_("Report preview"))
        self.empty = EmptyState("mdi6.file-chart-outline", _("No report made yet"),
                                _("Choose the period and the parts to include, then make the report. Its pages are "
                                  "shown here before you save or print it."), parent=self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.view)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING)
        layout.addWidget(self._options_panel())
        right = QVBoxLayout()
        right.addLayout(self._view_bar())
        right.addWidget(self.pages, 1)
        layout.addLayout(right, 1)
        self._set_default_period()
        self._update_period_widgets()
        self._set_busy(False)

    # -- building the form -----------------------------------------------------------

    def _options_panel(self) -> QWidget:
        panel = QWidget()
        # Wide enough for "Inriktningar och fokusområden" at any text size, in characters
        # rather than pixels.
        panel.setFixedWidth(max(300, 40 * self.fontMetrics().averageCharWidth()))
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)

        period_box = QGroupBox(_("Period"), panel)
        form = QFormLayout(period_box)
        self.kind = QComboBox(period_box)
        for label, value in ((_("Year"), PeriodKind.YEAR.value), (_("Tertial"), PeriodKind.TERTIAL.value),
                             (_("Quarter"), PeriodKind.QUARTER.value), (_("From – to"), CUSTOM)):
            self.kind.addItem(label, value)
        self.year = QSpinBox(period_box)
        self.year.setRange(1900, 2200)
        self.year.setGroupSeparatorShown(False)
        self.number = QSpinBox(period_box)
        self.number.setRange(1, 4)
        for spin in (self.year, self.number):
            spin.setToolTip(_("Type the number, or step it with the Up and Down arrow keys."))
        self.date_from = QDateEdit(period_box)
        self.date_to = QDateEdit(period_box)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.number_label = QLabel(_("&Number"), period_box)
        self.from_label = QLabel(_("F&rom"), period_box)
        self.to_label = QLabel(_("&To"), period_box)
        self.number_label.setBuddy(self.number)
        self.from_label.setBuddy(self.date_from)
        self.to_label.setBuddy(self.date_to)
        # Mnemonics (Alt+letter) for keyboard users; each label is the field's buddy.
        form.addRow(_("&Kind"), self.kind)
        form.addRow(_("&Year"), self.year)
        form.addRow(self.number_label, self.number)
        form.addRow(self.from_label, self.date_from)
        form.addRow(self.to_label, self.date_to)
        self.period_words = QLabel(period_box)
        self.period_words.setWordWrap(True)
        self.period_words.setStyleSheet(f"color: {style.MUTED};")
        form.addRow(self.period_words)
        for signal in (self.kind.currentIndexChanged, self.year.valueChanged, self.number.valueChanged,
                       self.date_from.dateChanged, self.date_to.dateChanged):
            signal.connect(self._update_period_widgets)

        parts_box = QGroupBox(_("Contents"), panel)
        parts = QVBoxLayout(parts_box)
        parts.addWidget(QLabel(_("Cover (always included)"), parts_box))
        self.checks: dict[str, QCheckBox] = {}
        for key in SECTIONS:
            box = QCheckBox(section_label(key), parts_box)
            box.setChecked(True)
            self.checks[key] = box
            parts.addWidget(box)

        # The coordinator's own words for the period, printed first in the report.
        self.words_button = QPushButton(style.icon("mdi6.text-box-edit-outline"), _("&Write the assessment…"), panel)
        self.words_button.clicked.connect(self.edit_words)
        parts.addWidget(self.words_button)

        self.make_button = QPushButton(style.icon("mdi6.file-cog-outline"), _("&Make report"), panel)
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.make_report)
        self.progress = QProgressBar(panel)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.status = QLabel(panel)
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {style.MUTED};")
        self.save_button = QPushButton(style.icon("mdi6.content-save-outline"), _("&Save as…"), panel)
        self.save_button.clicked.connect(self.save_as)
        self.print_button = QPushButton(style.icon("mdi6.printer-outline"), _("&Print…"), panel)
        self.print_button.clicked.connect(self.print_report)
        out = QHBoxLayout()
        out.addWidget(self.save_button)
        out.addWidget(self.print_button)

        column.addWidget(period_box)
        column.addWidget(parts_box)
        column.addWidget(self.make_button)
        column.addWidget(self.progress)
        column.addWidget(self.status)
        column.addLayout(out)
        column.addStretch(1)
        # On a small screen at 125–150 % the period, the contents list and the buttons are
        # taller than the window: the panel scrolls rather than being cut off.
        scroll = QScrollArea(self)
        scroll.setWidget(panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setFixedWidth(panel.width() + scroll.verticalScrollBar().sizeHint().width() + 2)
        return scroll

    def edit_words(self) -> bool:
        """Open the text of the chosen period; after saving, make the report again."""
        from tryggapp.ui.sections.report_words import WordsDialog

        try:
            dialog = WordsDialog(self.ctx, self.period(), self)
        except UserError as exc:
            self.ctx.report_error(exc)
            return False
        self.words_dialog = dialog  # tests reach it
        if dialog.exec() == WordsDialog.DialogCode.Accepted:
            self.status.setText(_("The text was saved."))
            if self.data is not None:
                self.make_report()
            return True
        return False

    def focus_target(self) -> QWidget | None:
        return self.kind

    def _view_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.page_label = QLabel(self)
        self.zoom = QComboBox(self)
        # Whole pages by default: this is a print preview.
        self.zoom.addItem(_("Whole page"), "page")
        self.zoom.addItem(_("Fit width"), "width")
        self.zoom.addItem("100 %", "100")
        self.zoom.currentIndexChanged.connect(self._apply_zoom)
        self.zoom.setAccessibleName(_("Zoom"))
        self.view.pageNavigator().currentPageChanged.connect(lambda _page: self._update_page_label())
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        bar.addWidget(self.zoom)
        return bar

    # -- the period ------------------------------------------------------------------

    def _set_default_period(self) -> None:
        """The last finished tertial: the follow-up the coordinator usually makes next."""
        today = self.ctx.today()
        current = periods.containing(today, PeriodKind.TERTIAL)
        last = periods.tertial(current.year - (current.number == 1), (current.number - 2) % 3 + 1)
        self.kind.setCurrentIndex(self.kind.findData(PeriodKind.TERTIAL.value))
        self.year.setValue(last.year)
        self.number.setRange(1, 3)
        self.number.setValue(last.number)
        self.date_from.setDate(QDate(today.year, 1, 1))
        self.date_to.setDate(QDate(today.year, today.month, today.day))

    def _update_period_widgets(self) -> None:
        kind = self.kind.currentData()
        custom = kind == CUSTOM
        numbered = kind in (PeriodKind.TERTIAL.value, PeriodKind.QUARTER.value)
        self.number.setMaximum(3 if kind == PeriodKind.TERTIAL.value else 4)
        for widget in (self.number_label, self.number):
            widget.setVisible(numbered)
        for widget in (self.from_label, self.date_from, self.to_label, self.date_to):
            widget.setVisible(custom)
        self.year.setEnabled(not custom)
        try:
            period = self.period()
        except UserError as exc:
            self.period_words.setText(exc.message)
            self.make_button.setEnabled(False)
            return
        self.make_button.setEnabled(self.job is None)
        words = period.words()
        text = words[:1].upper() + words[1:]
        if period.kind is not None:
            text += f" ({period.range_words()})"
        self.period_words.setText(text)

    def period(self) -> Period:
        kind = self.kind.currentData()
        if kind == CUSTOM:
            return periods.between(self.date_from.date().toPython(), self.date_to.date().toPython())
        return periods.of_kind(PeriodKind(kind), self.year.value(), self.number.value())

    def set_period(self, period: Period) -> None:
        """Select `period` in the form (used by tests and by other views)."""
        if period.kind is None:
            self.kind.setCurrentIndex(self.kind.findData(CUSTOM))
            self.date_from.setDate(QDate(period.start.year, period.start.month, period.start.day))
            self.date_to.setDate(QDate(period.end.year, period.end.month, period.end.day))
        else:
            self.kind.setCurrentIndex(self.kind.findData(period.kind.value))
            self.year.setValue(period.year or period.start.year)
            self.number.setValue(period.number)

    def sections(self) -> list[str]:
        return [key for key, box in self.checks.items() if box.isChecked()]

    # -- making the report -------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._chart_process()  # ready by the time the period is chosen

    def _chart_process(self) -> ChartProcess | None:
        """The kept chart process, started (again, if it has gone) when needed."""
        if not self.use_chart_process:
            return None
        if self.chart_process is not None and not self.chart_process.alive:
            log.warning("chart process gone (%s): starting another", self.chart_process.why())
            self.chart_process.close()
            self.chart_process = None
        if self.chart_process is None:
            from tryggapp.reports.chartwork import ChartProcess

            self.chart_process = ChartProcess.start()
            if self.chart_process is not None:
                # It ends with its input; closing that with the view spares it the wait.
                self.destroyed.connect(self.chart_process.end_input)
        return self.chart_process

    def make_report(self) -> None:
        if self.job is not None:
            return
        try:
            period = self.period()
        except UserError as exc:
            self.ctx.report_error(exc)
            return
        process = self._chart_process()
        renderer = process.renderer(current_language()) if process is not None else None
        self.job = ReportJob(self.ctx, period, self.sections(), self.ctx.today(), renderer)
        self.job.signals.progress.connect(self._on_progress)
        self.job.signals.done.connect(self._on_done)
        self.job.signals.failed.connect(self._on_failed)
        self._set_busy(True)
        self.progress.setValue(0)
        self.status.setText(_("Making the report…"))
        self.pool.start(self.job)

    def _set_busy(self, busy: bool) -> None:
        self.make_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        has_report = bool(self.pdf) and not busy
        self.save_button.setEnabled(has_report)
        self.print_button.setEnabled(has_report)
        self.zoom.setVisible(bool(self.pdf))

    def _on_progress(self, fraction: float, text: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.status.setText(text)

    def _on_done(self, data: object, pdf: bytes, pages: int) -> None:
        self.job = None
        self.data, self.pdf, self.page_count = data, pdf, pages
        self.shown_sections = self.sections()
        self._show_pdf(pdf)
        self._set_busy(False)
        self.status.setText(ngettext("{pages} page, made {time}. Save or print it when it looks right.",
                                     "{pages} pages, made {time}. Save or print it when it looks right.",
                                     pages).format(
            pages=pages, time=dt.datetime.now().strftime("%H.%M")))

    def _on_failed(self, exc: BaseException) -> None:
        self.job = None
        self._set_busy(False)
        self.status.setText(_("The report could not be made."))
        self.ctx.report_error(exc)

    def _show_pdf(self, pdf: bytes) -> None:
        # The document reads from the buffer lazily: keep both alive while shown.
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.pages.setCurrentWidget(self.view)
        self._apply_zoom()
        self.view.pageNavigator().jump(0, self.view.pageNavigator().currentLocation())
        self._update_page_label()

    def _apply_zoom(self) -> None:
        mode = self.zoom.currentData()
        if mode == "width":
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif mode == "page":
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(1.0)

    def _update_page_label(self) -> None:
        count = self.document.pageCount()
        if count <= 0:
            self.page_label.setText("")
            return
        page = self.view.pageNavigator().currentPage() + 1
        self.page_label.setText(_("Page {page} of {total}").format(page=page, total=count))

    # -- saving and printing -------------------------------------------------------------

    def default_file_name(self) -> str:
        period = self.data.period if self.data is not None else self.period()
        return _("Follow-up-{period}.pdf").format(period=period.code)

    def save_as(self) -> None:
        if not self.pdf:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = str(Path(folder or Path.home()) / self.default_file_name())
        name, _filter = QFileDialog.getSaveFileName(self, _("Save the report"), start, _("PDF documents (*.pdf)"))
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> bool:
        """Write the report shown and record it as a FollowUpReport."""
        from tryggapp.reports.output import write_pdf
        from tryggapp.services import followup

        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_pdf(self.pdf, path)
            if not self.ctx.db.read_only:  # a read-only database cannot keep the record
                followup.record_report(self.ctx.db, self.data, sections=self.shown_sections,
                                       file_path=str(path.resolve()), page_count=self.page_count)
        except UserError as exc:
            self.ctx.report_error(exc)
            return False
        self.ctx.changes.emit_tables("follow_up_report")
        self.status.setText(_("Saved as {path}.").format(path=path))
        return True

    def print_report(self) -> None:
        if not self.pdf:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName(self.default_file_name())
        printer.setFromTo(1, self.document.pageCount())
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print the chosen pages; returns how many. A PDF printer (Qt's "print to file")
        gets the report's own vector PDF, with its fonts and text; a paper printer gets
        the pages rendered at its own resolution."""
        count = self.document.pageCount()
        first, last = printer.fromPage(), printer.toPage()
        if first == 0 and last == 0:  # "all pages"
            first, last = 1, count
        first, last = max(first, 1), min(last, count)
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            return self._print_pdf_file(Path(printer.outputFileName()), first, last)
        return self._print_pages(printer, first, last)

    def _print_pdf_file(self, path: Path, first: int, last: int) -> int:
        """Painting pages onto Qt's PDF engine would write page bitmaps (27 MB, no text):
        write the report's own pages instead."""
        from tryggapp.reports.output import pdf_pages, write_pdf

        try:
            write_pdf(pdf_pages(self.pdf, first, last), path)
        except UserError as exc:
            self.ctx.report_error(exc)
            return 0
        return last - first + 1

    def _print_pages(self, printer: QPrinter, first: int, last: int) -> int:
        progress = QProgressDialog(_("Printing…"), _("Cancel"), first - 1, last, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        painter = QPainter()
        self._orient(printer, first - 1)  # the first page's layout must be set before begin()
        if not painter.begin(printer):
            progress.close()
            self.ctx.report_error(UserError(_("The printer could not be started.")))
            return 0
        printed = 0
        try:
            # The printer's own resolution, so text is as sharp as it prints; at most
            # PRINT_DPI_MAX, as a whole A4 page at 1 200 dpi would be a 550 MB image.
            dpi = min(printer.resolution(), PRINT_DPI_MAX)
            for index in range(first - 1, last):
                if progress.wasCanceled():
                    break
                if printed:
                    self._orient(printer, index)  # the appendix is landscape
                    printer.newPage()
                self._paint_page(painter, printer, index, dpi)
                printed += 1
                progress.setValue(index + 1)
        finally:
            painter.end()
            progress.close()
        return printed

    def _orient(self, printer: QPrinter, index: int) -> None:
        size = self.document.pagePointSize(index)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if size.width() > size.height()
                                   else QPageLayout.Orientation.Portrait)

    def _paint_page(self, painter: QPainter, printer: QPrinter, index: int, dpi: int) -> None:
        # The painter's origin is the printable area's corner; fit the page in that area
        # keeping its proportions (the PDF already has its own margins).
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        paint_page(painter, self.document, index, dpi, area.size())


def paint_page(painter: QPainter, document: QPdfDocument, index: int, dpi: int, area: QSize) -> None:
    """Draw page `index` rendered at `dpi`, fitted into `area` (device pixels)."""
    points = document.pagePointSize(index)
    pixels = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
    image: QImage = document.render(index, pixels)
    scaled = image.size().scaled(area, Qt.AspectRatioMode.KeepAspectRatio)
    painter.drawImage(QRect(0, 0, scaled.width(), scaled.height()), image)
