"""Fonts and the style sheet: BIZ UDPGothic everywhere, large calm type, scaled 100–200 %."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kyojo_desk.paths import resources_dir

FONT_FAMILY = "BIZ UDPGothic"
BASE_POINT_SIZE = 13  # at 100 %: already larger than a desktop default, for senior volunteers

_loaded = False


def load_fonts() -> str:
    """Register the shipped fonts with Qt once; returns the family name to use."""
    global _loaded
    if not _loaded:
        for name in ("BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf"):
            QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / name))
        _loaded = True
    return FONT_FAMILY


def points(base: float, scale_percent: int) -> int:
    return max(1, round(base * scale_percent / 100))


def arrow_images(colour: str, height: int) -> dict[str, str]:
    """Up and down triangles as PNG files (drawn here, once per colour and size) for the spin
    boxes' buttons: a style sheet that styles a spin box must also give its arrows."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPolygonF

    folder = Path(tempfile.gettempdir()) / "kyojo-desk-arrows"
    folder.mkdir(exist_ok=True)
    paths = {}
    for direction in ("up", "down"):
        path = folder / f"{direction}-{colour.lstrip('#')}-{height}.png"
        if not path.exists():
            width = height * 2
            image = QImage(width, height, QImage.Format.Format_ARGB32)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            if direction == "up":
                points_ = [QPointF(0, height), QPointF(width, height), QPointF(width / 2, 0)]
            else:
                points_ = [QPointF(0, 0), QPointF(width, 0), QPointF(width / 2, height)]
            painter.drawPolygon(QPolygonF(points_))
            painter.end()
            image.save(str(path))
        paths[direction] = path.as_posix()
    return paths


def style_sheet(scale_percent: int, high_contrast: bool = False) -> str:
    """The application style sheet for a text scale; sizes grow together so nothing clips."""
    body = points(BASE_POINT_SIZE, scale_percent)
    large = points(BASE_POINT_SIZE * 1.4, scale_percent)
    huge = points(BASE_POINT_SIZE * 2.4, scale_percent)
    # A little larger than the body: twelve pages' names must fit a 1080-pixel-high screen at
    # 200 % without the list scrolling.
    nav = points(BASE_POINT_SIZE * 1.15, scale_percent)
    pad = points(6, scale_percent)
    # A button in a row of many (the help log's choices): less padding than a lone button, but
    # never lower than a fingertip at 100 %.
    compact = max(points(20, scale_percent), 36)
    # The headings of a form's steps: above the body at 100 %, the body's size at large text,
    # where the height is short.
    step = max(body, points(BASE_POINT_SIZE * 1.15, 100))
    # Spin boxes keep visible arrows under the style sheet: a button column and drawn triangles.
    arrow_box = points(24, scale_percent)
    arrow = points(6, scale_percent)
    fg, bg, accent, soft = ("#000000", "#ffffff", "#0b4f8a", "#f1f4f8")
    if high_contrast:
        fg, bg, accent, soft = ("#ffffff", "#000000", "#ffd400", "#1a1a1a")
    arrows = arrow_images(fg, arrow)
    return f"""
* {{ font-family: "{FONT_FAMILY}"; font-size: {body}pt; }}
QWidget {{ color: {fg}; background: {bg}; }}
QLabel[role="title"] {{ font-size: {large}pt; font-weight: bold; }}
QLabel[role="step"] {{ font-size: {step}pt; font-weight: bold; }}
QLabel[role="huge"] {{ font-size: {huge}pt; font-weight: bold; }}
QLabel[role="error"] {{ color: #b00020; font-weight: bold; }}
QLabel[role="hint"] {{ color: #444444; }}
QLabel[role="saved"] {{ color: {"#8cff8c" if high_contrast else "#1b5e20"}; font-weight: bold; }}
QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit {{
    padding: {pad}px; border: 2px solid #555555; border-radius: 4px; background: {bg};
}}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QTextEdit:focus,
QAbstractSpinBox:focus {{ border: 3px solid {accent}; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
    width: {arrow_box}px; border-left: 1px solid #888888; background: {soft};
}}
QComboBox::drop-down, QDateEdit::drop-down {{
    width: {arrow_box}px; border-left: 1px solid #888888; background: {soft};
}}
QComboBox::down-arrow, QDateEdit::down-arrow {{
    image: url({arrows["down"]}); width: {arrow * 2}px; height: {arrow}px;
}}
QAbstractSpinBox::up-arrow {{ image: url({arrows["up"]}); width: {arrow * 2}px; height: {arrow}px; }}
QAbstractSpinBox::down-arrow {{
    image: url({arrows["down"]}); width: {arrow * 2}px; height: {arrow}px;
}}
QLineEdit[invalid="true"], QComboBox[invalid="true"] {{ border: 3px solid #b00020; }}
QPushButton {{
    padding: {pad}px {pad * 2}px; border: 2px solid {accent}; border-radius: 6px;
    background: {soft}; min-height: {points(28, scale_percent)}px;
}}
QPushButton:focus {{ border: 4px solid {accent}; }}
QPushButton[compact="true"] {{ padding: {pad // 2}px {pad}px; min-height: {compact}px; }}
QPushButton[primary="true"] {{ background: {accent}; color: {bg}; font-weight: bold; }}
QPushButton:checked {{ background: {accent}; color: {bg}; font-weight: bold; }}
QPushButton:disabled {{ color: #888888; border-color: #aaaaaa; }}
QPushButton[primary="true"]:disabled {{ background: {soft}; color: #888888; font-weight: normal; }}
QCheckBox, QRadioButton {{ spacing: {pad}px; }}
QCheckBox::indicator, QRadioButton::indicator {{
    width: {points(20, scale_percent)}px; height: {points(20, scale_percent)}px;
}}
QListWidget#navigation {{ font-size: {nav}pt; border: none; background: {soft}; }}
QListWidget#navigation::item {{ padding: {pad}px {pad * 2}px; }}
QListWidget#navigation::item:selected {{ background: {accent}; color: {bg}; }}
QTableView {{ gridline-color: #cccccc; selection-background-color: {accent}; selection-color: {bg}; }}
QTableView:focus {{ border: 3px solid {accent}; }}
QTableView::item {{ padding: {pad // 2}px {pad}px; }}
QHeaderView::section {{ padding: {pad}px; font-weight: bold; background: {soft}; border: 1px solid #cccccc; }}
QGroupBox {{ font-weight: bold; border: 1px solid #999999; border-radius: 6px; margin-top: {large}px; padding: {pad}px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: {pad}px; }}
QStatusBar {{ background: {soft}; }}
"""


def apply_theme(app: QApplication, scale_percent: int, high_contrast: bool = False) -> None:
    family = load_fonts()
    font = QFont(family)
    font.setPointSize(points(BASE_POINT_SIZE, scale_percent))
    app.setFont(font)
    app.setStyleSheet(style_sheet(scale_percent, high_contrast))
