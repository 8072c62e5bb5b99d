"""Hjälp → Användarhandbok (F1): the coordinator's guide, a Markdown file shipped in
resources/guide, shown in a QTextBrowser (no network, no web engine). One window, kept
while the main window lives, so F1 twice does not stack guides."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from tryggapp.i18n import _
from tryggapp.paths import resource
from tryggapp.ui.widgets.dialog import Dialog

GUIDE_FILE = ("guide", "guide.md")


def guide_text() -> str:
    path = resource(*GUIDE_FILE)
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return _("The user guide could not be found ({path}). Reinstalling Tryggapp restores it.").format(path=path)


class GuideWindow(Dialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Tryggapp user guide"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setModal(False)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)  # the app never touches the network
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(_("User guide"))
        self.browser.setMarkdown(guide_text())
        # A readable measure and a touch more line height than Qt's default.
        self.browser.document().setDocumentMargin(24)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(760, 680)


def show_guide(parent: QWidget) -> GuideWindow:
    window = getattr(parent, "_guide_window", None)
    if window is None:
        window = GuideWindow(parent)
        parent._guide_window = window  # type: ignore[attr-defined]
        window.resize(window.sizeHint())
    window.show()
    if QGuiApplication.platformName() != "offscreen":  # no window stacking there (it warns)
        window.raise_()
    window.activateWindow()
    return window
