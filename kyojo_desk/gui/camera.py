"""Scanning member cards with a camera: QtMultimedia frames decoded with zxing-cpp.

QtMultimedia comes with PySide6-Addons (and needs libpulse on Linux). When it is missing, or no
camera is connected (`QMediaDevices.videoInputs()` is empty), `camera_available()` is False and
the reception page hides the camera button. Frames arrive on a `QVideoSink`; a few per second
are turned into images and decoded on the task manager's pool, so the window never waits, and
a card held in front of the camera is reported once, not once per frame.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)

# Decode at most this often: a card needs no more, and it keeps the pool free.
DECODE_INTERVAL_S = 0.2
# The same code seen again within this time is the same card still held up: not a new scan.
REPEAT_QUIET_S = 3.0


def decode_qr_codes(image: QImage) -> list[str]:
    """The texts of the QR codes in an image (empty when there is none)."""
    import zxingcpp

    if image.isNull():
        return []
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    found = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
    return [barcode.text for barcode in found if barcode.valid and barcode.text]


def multimedia_available() -> bool:
    """True when QtMultimedia can be loaded here (PySide6-Addons and its system libraries)."""
    try:
        from PySide6 import QtMultimedia  # noqa: F401
    except ImportError:
        return False
    return True


def camera_available() -> bool:
    """True when a camera is connected and QtMultimedia works."""
    if not multimedia_available():
        return False
    from PySide6.QtMultimedia import QMediaDevices

    return bool(QMediaDevices.videoInputs())


class CameraScanner(QObject):
    """Decodes the frames arriving on a video sink and emits `code_read(text)` once per card.

    With `sink=None` the scanner makes its own sink; `start()` connects the default camera to
    it (and to `preview`, a widget showing what the camera sees, when given).
    """

    code_read = Signal(str)
    failed = Signal(str)

    def __init__(self, taskman: Any, sink: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QVideoSink

        self.taskman = taskman
        self.sink = sink if sink is not None else QVideoSink(self)
        self.sink.videoFrameChanged.connect(self.handle_frame)
        self.camera: Any = None
        self.session: Any = None
        self._decoding = False
        self._last_decode = 0.0
        self._last_code = ""
        self._last_code_at = 0.0

    def start(self, preview: Any = None) -> bool:
        """Start the default camera; False when there is none."""
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices

        device = QMediaDevices.defaultVideoInput()
        if device.isNull():
            return False
        self.camera = QCamera(device, self)
        self.camera.errorOccurred.connect(lambda _error, text: self.failed.emit(text))
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        if preview is not None:
            # The preview widget owns the sink frames are shown on; decode from that one.
            self.session.setVideoOutput(preview)
            preview.videoSink().videoFrameChanged.connect(self.handle_frame)
        else:
            self.session.setVideoSink(self.sink)
        self.camera.start()
        return True

    def stop(self) -> None:
        if self.camera is not None:
            self.camera.stop()
            self.camera.deleteLater()
            self.camera = None
        self.session = None

    @property
    def running(self) -> bool:
        return self.camera is not None

    def handle_frame(self, frame: Any) -> None:
        """Take a frame from the camera (or a test); a few per second go to the decoder."""
        now = time.monotonic()
        if self._decoding or now - self._last_decode < DECODE_INTERVAL_S:
            return
        if not frame.isValid():
            return
        image = frame.toImage()
        if image.isNull():
            return
        self._decoding = True
        self._last_decode = now
        # A deep copy: the frame's memory belongs to the camera and is reused.
        image = image.copy()
        self.taskman.run_in_pool(lambda: decode_qr_codes(image), self._decoded, self._failed)

    def _decoded(self, texts: list[str]) -> None:
        self._decoding = False
        now = time.monotonic()
        for text in texts:
            if text == self._last_code and now - self._last_code_at < REPEAT_QUIET_S:
                self._last_code_at = now
                continue
            self._last_code, self._last_code_at = text, now
            self.code_read.emit(text)

    def _failed(self, error: BaseException) -> None:
        self._decoding = False
        log.warning("camera frame could not be decoded: %s", error)
