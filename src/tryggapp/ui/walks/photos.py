"""Photos of an observation: thumbnails in an icon-mode list, adding from files (checked
by content and downscaled by services.photos, stored in the database), opening one in
full size scaled to the screen, deleting one (undoable)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tryggapp.errors import UserError
from tryggapp.formatting import date_short
from tryggapp.i18n import _, ngettext
from tryggapp.services import photos as photo_service
from tryggapp.services import walks as svc
from tryggapp.ui.context import AppContext
from tryggapp.ui.walks import ops
from tryggapp.ui.widgets import style
from tryggapp.ui.widgets.dialog import Dialog
from tryggapp.ui.widgets.form import ErrorLabel

THUMB = 132  # thumbnail box, pixels
PHOTO_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def choose_photo_files(parent: QWidget | None) -> list[str]:
    """The file dialog (a module function, so tests can answer it)."""
    files, _filter = QFileDialog.getOpenFileNames(parent, _("Add photos"), "",
                                                  _("Photos (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)"))
    return list(files)


def image_of(data: bytes) -> QImage:
    image = QImage()
    image.loadFromData(QByteArray(data))
    return image


def thumbnail(data: bytes, size: int = THUMB) -> QPixmap:
    image = image_of(data)
    if image.isNull():
        return QPixmap()
    if image.width() <= size and image.height() <= size:
        return QPixmap.fromImage(image)  # never blown up: a small image stays sharp
    return QPixmap.fromImage(image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))


class PhotoDialog(Dialog):
    """One photo in full size, scaled down to fit the screen (never up), with its name."""

    def __init__(self, info: svc.PhotoInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(info.caption or info.filename)
        image = image_of(info.data)
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry().size() if screen is not None else QSize(1280, 800)
        room = QSize(int(area.width() * 0.9) - 40, int(area.height() * 0.9) - 110)
        shown = image.scaled(room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation) \
            if image.width() > room.width() or image.height() > room.height() else image
        self.image = QLabel()
        self.image.setPixmap(QPixmap.fromImage(shown))
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setAccessibleName(_("Photo: {name}").format(name=info.filename))
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        facts = [info.filename, _("{w} × {h} pixels").format(w=image.width(), h=image.height())]
        if info.taken_at:
            facts.append(_("taken {date}").format(date=date_short(info.taken_at.date())))
        self.caption = QLabel(" · ".join(facts))
        self.caption.setStyleSheet(f"color: {style.MUTED};")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.caption)
        layout.addWidget(buttons)
        self.resize(shown.width() + 40, shown.height() + 110)


def ask_caption(parent: QWidget | None, info: svc.PhotoInfo) -> str | None:
    """The caption the user types, or None when cancelled (a module function, so tests
    can answer it)."""
    text, ok = QInputDialog.getText(parent, _("Caption"), _("Caption of “{name}”:").format(name=info.filename),
                                    text=info.caption)
    return text if ok else None


def show_photo(parent: QWidget | None, info: svc.PhotoInfo) -> None:
    """Open the full-size view (a module function, so tests can replace the modal part)."""
    PhotoDialog(info, parent).exec()


class PhotoStrip(QWidget):
    """The photos of one observation as thumbnails, with Add / Show / Delete."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.observation_id: int | None = None
        self.infos: dict[int, svc.PhotoInfo] = {}
        self.model = QStandardItemModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setIconSize(QSize(THUMB, THUMB))
        self.view.setGridSize(QSize(THUMB + 24, THUMB + 34))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setWrapping(True)
        self.view.setUniformItemSizes(True)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setMinimumHeight(THUMB + 44)
        self.view.setMaximumHeight(THUMB + 44)
        self.view.setAccessibleName(_("Photos of the observation"))
        self.view.activated.connect(lambda _i: self.show_current())
        self.view.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())
        self.empty = QLabel(_("No photos yet. Add the photos taken at this place with “Add photo…” "
                              "(JPEG or PNG; large photos are made smaller)."))
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {style.MUTED};")
        self.add_button = QPushButton(style.icon("mdi6.image-plus"), _("Add photo…"))
        self.add_button.setAccessibleName(_("Add photo"))
        self.add_button.clicked.connect(self.add_photos)
        self.show_button = QPushButton(style.icon("mdi6.magnify-plus-outline"), _("Show full size"))
        self.show_button.setAccessibleName(_("Show the photo in full size"))
        self.show_button.clicked.connect(self.show_current)
        self.caption_button = QPushButton(style.icon("mdi6.form-textbox"), _("Caption…"))
        self.caption_button.setAccessibleName(_("Write a caption for the photo"))
        self.caption_button.clicked.connect(self.edit_caption)
        self.delete_button = QPushButton(style.icon("mdi6.delete-outline"), _("Delete photo"))
        self.delete_button.setAccessibleName(_("Delete the photo"))
        self.delete_button.clicked.connect(self.delete_current)
        self.error = ErrorLabel(self)
        self.note = QLabel()  # which photos were made smaller, so nobody wonders
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {style.MUTED};")
        self.note.hide()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.caption_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        self.set_observation(None)

    def set_observation(self, observation_id: int | None) -> None:
        if observation_id != self.observation_id:
            self.error.set_message("")
            self.note.hide()
        self.observation_id = observation_id
        self.reload()

    def reload(self) -> None:
        current = self.current_photo_id()
        self.model.clear()
        self.infos = {}
        if self.observation_id is not None:
            for info in svc.photos_of(self.ctx.db, self.observation_id):
                self.infos[info.id] = info
                item = QStandardItem(QIcon(thumbnail(info.data)), info.caption or info.filename)
                item.setData(info.id, PHOTO_ID_ROLE)
                item.setToolTip(info.filename)
                item.setData(_("Photo: {name}").format(name=info.filename), Qt.ItemDataRole.AccessibleTextRole)
                self.model.appendRow(item)
                if info.id == current:
                    self.view.setCurrentIndex(item.index())
        if self.model.rowCount() and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 0))
        has = bool(self.model.rowCount())
        self.view.setVisible(has)
        self.empty.setVisible(not has and self.observation_id is not None)
        self.add_button.setEnabled(self.observation_id is not None and not self.ctx.db.read_only)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.current_photo_id() is not None
        self.show_button.setEnabled(chosen)
        self.caption_button.setEnabled(chosen and not self.ctx.db.read_only)
        self.delete_button.setEnabled(chosen and not self.ctx.db.read_only)

    def current_photo_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(PHOTO_ID_ROLE) if index.isValid() else None

    def add_photos(self) -> None:
        if self.observation_id is None:
            return
        self.add_files(choose_photo_files(self))

    def add_files(self, paths: list[str]) -> int:
        """Add each file; the ones refused are named under the photos. Returns how many
        were added."""
        problems, notes, added = [], [], 0
        for name in paths:
            try:
                prepared = photo_service.prepare(photo_service.read_file(Path(name)), Path(name).name)
            except UserError as exc:
                problems.append(exc.message)
                continue
            if ops.add_photo(self.ctx, self.observation_id, prepared) is not None:
                added += 1
                if prepared.downscaled:
                    w, h = prepared.original_size
                    notes.append(_("“{name}” was made smaller: {w} × {h} → {w2} × {h2} pixels.").format(
                        name=Path(name).name, w=w, h=h, w2=prepared.width, h2=prepared.height))
        self.reload()
        self.error.set_message("\n".join(problems))
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))
        if added:
            self.changed.emit()
        return added

    def show_current(self) -> None:
        ident = self.current_photo_id()
        if ident is not None:
            show_photo(self.window(), self.infos[ident])

    def edit_caption(self) -> None:
        ident = self.current_photo_id()
        if ident is None:
            return
        info = self.infos[ident]
        caption = ask_caption(self.window(), info)
        if caption is not None and caption.strip() != info.caption and ops.set_photo_caption(
                self.ctx, ident, info.filename, caption):
            self.reload()
            self.changed.emit()

    def delete_current(self) -> None:
        ident = self.current_photo_id()
        if ident is not None and ops.delete_photo(self.ctx, ident, self.infos[ident].filename):
            self.reload()
            self.changed.emit()

    def count_text(self) -> str:
        n = self.model.rowCount()
        return ngettext("{n} photo", "{n} photos", n).format(n=n)
