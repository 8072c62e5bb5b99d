"""The first start (and Arkiv → Ny databas…): choose an empty database, the demo or another
file, then tell whose database it is: the municipality's name (it stands on every report)
and, if at hand, its logo. An empty start is always the default choice: the demo is for
looking around, never where real work lands by a pressed Enter."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tryggapp.formatting import os_reason
from tryggapp.i18n import _
from tryggapp.ui.widgets.dialog import Dialog

# The demo never goes into the user's real file: it gets its own, beside it.
DEMO_FILE_NAME = "Tryggvik-demo.db"
LOGO_FILTER = "PNG, JPEG (*.png *.jpg *.jpeg)"
MAX_LOGO_BYTES = 2_000_000


@dataclass(frozen=True)
class NewMunicipality:
    name: str
    logo: bytes | None = None
    logo_mime: str | None = None


def demo_path_for(path: Path) -> Path:
    """Where the demo goes when the user's database would be `path`."""
    return path.parent / DEMO_FILE_NAME


def first_start(path: Path, parent: QWidget | None = None) -> str:
    """No database yet: ask whether to start empty, with the demo, or open a file.
    Returns 'empty', 'demo', 'open' or 'cancel'."""
    box = QMessageBox(parent)
    box.setWindowTitle(_("Welcome to Tryggapp"))
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(_("There is no database yet."))
    box.setInformativeText(_(
        "Tryggapp keeps everything in one file: {path}\n\nStart with an empty database for your "
        "municipality, or look around in a demo municipality first? The demo is kept in a file of "
        "its own ({demo}) and is marked DEMO on screen and on every printed page; Arkiv → Öppna "
        "databas takes you back to your own file.").format(path=path, demo=DEMO_FILE_NAME))
    empty = box.addButton(_("Create empty database"), QMessageBox.ButtonRole.AcceptRole)
    demo = box.addButton(_("Open the demo"), QMessageBox.ButtonRole.ActionRole)
    other = box.addButton(_("Open other file…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(empty)
    box.exec()
    clicked = box.clickedButton()
    return {empty: "empty", demo: "demo", other: "open"}.get(clicked, "cancel")  # type: ignore[arg-type]


def read_logo(path: Path) -> tuple[bytes, str]:
    """The logo file's bytes and MIME type; ValueError with a Swedish message when it is not
    a usable picture (too large, unreadable, not PNG/JPEG)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(_("The picture {path} could not be read ({reason}).").format(
            path=path, reason=os_reason(exc))) from exc
    if len(data) > MAX_LOGO_BYTES:
        raise ValueError(_("The picture {path} is larger than 2 MB: choose a smaller one.").format(path=path))
    if data.startswith(b"\x89PNG"):
        mime = "image/png"
    elif data.startswith(b"\xff\xd8"):
        mime = "image/jpeg"
    else:
        raise ValueError(_("{path} is not a PNG or JPEG picture.").format(path=path))
    if QPixmap().loadFromData(data) is False:
        raise ValueError(_("{path} is not a PNG or JPEG picture.").format(path=path))
    return data, mime


class LogoPicker(QWidget):
    """A preview of the logo with Välj… and Ta bort (shared by the first start and the
    settings dialog)."""

    def __init__(self, logo: bytes | None = None, mime: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.logo, self.mime = logo, mime
        self.preview = QLabel()
        self.preview.setFixedSize(140, 52)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("QLabel { border: 1px dashed #9aa5b1; color: #5f6b7a; padding: 2px; }")
        self.preview.setAccessibleName(_("Logo preview"))
        self.choose_button = QPushButton(_("Choose picture…"))
        self.choose_button.setAccessibleName(_("Choose logo"))
        self.clear_button = QPushButton(_("Remove"))
        self.clear_button.setAccessibleName(_("Remove logo"))
        self.choose_button.clicked.connect(self.choose)
        self.clear_button.clicked.connect(lambda: self.set_logo(None, None))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview)
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        # QFormLayout squeezed the row to a line's height without this.
        self.setMinimumHeight(self.preview.height() + 4)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.set_logo(logo, mime)

    def set_logo(self, logo: bytes | None, mime: str | None) -> None:
        self.logo, self.mime = logo, mime
        pixmap = QPixmap()
        if logo and pixmap.loadFromData(logo):
            self.preview.setPixmap(pixmap.scaled(136, 48, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.clear()
            self.preview.setText(_("(no logo)"))
        self.clear_button.setEnabled(logo is not None)

    def choose(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, _("Choose logo"), "", LOGO_FILTER)
        if not chosen:
            return
        try:
            data, mime = read_logo(Path(chosen))
        except ValueError as exc:
            QMessageBox.warning(self, _("Logo"), str(exc))
            return
        self.set_logo(data, mime)


class MunicipalityDialog(Dialog):
    """Whose database: the name (required, no made-up default) and an optional logo."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New database"))
        intro = QLabel(_("Which municipality is the database for? The name stands on every report; "
                         "a logo can be added now or later under Arkiv → Inställningar."))
        intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("e.g. Exempelstads kommun"))
        self.name_edit.setAccessibleName(_("The municipality's name"))
        self.logo = LogoPicker()
        form = QFormLayout()
        form.addRow(_("&Municipality:"), self.name_edit)
        form.addRow(_("Logo (optional):"), self.logo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Create database"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self._update()
        self.resize(self.sizeHint())

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.name_edit.text().strip()))

    def result_value(self) -> NewMunicipality:
        return NewMunicipality(self.name_edit.text().strip(), self.logo.logo, self.logo.mime)


def ask_municipality(parent: QWidget | None = None) -> NewMunicipality | None:
    """The one thing an empty database needs before work starts. None when cancelled."""
    dialog = MunicipalityDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.result_value()
