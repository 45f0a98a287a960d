"""Desk settings a volunteer may change: the text size (100–200 %), contrast and language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.i18n import LANGUAGES, SOURCE_LANGUAGE
from kyojo_desk.gui.theme import BASE_POINT_SIZE, FONT_FAMILY, points
from kyojo_desk.gui.widgets import hint_label, primary_button, title_label

# In both languages, never translated: whoever opens this must find the way back.
LANGUAGE_CAPTION = "表示の言語 / Language"


class SettingsDialog(QDialog):
    def __init__(
        self,
        text_scale: int,
        high_contrast: bool = False,
        parent: QWidget | None = None,
        language: str = SOURCE_LANGUAGE,
        reception_sound: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("文字の大きさ・見やすさ"))
        self.contrast = QCheckBox(
            self.tr("白黒をはっきりさせる（黒地に白い文字）"), objectName="high_contrast"
        )
        self.contrast.setChecked(high_contrast)
        self.slider = QSlider(Qt.Orientation.Horizontal, objectName="text_scale")
        self.slider.setRange(100, 200)
        self.slider.setSingleStep(10)
        self.slider.setPageStep(10)
        self.slider.setTickInterval(10)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setAccessibleName(self.tr("文字の大きさ"))
        # Long enough to aim at with a shaky hand: one step of 10 % is some 30 pixels.
        self.slider.setMinimumWidth(self.fontMetrics().horizontalAdvance("あ") * 18)
        self.sound = QCheckBox(
            self.tr("受付で音を鳴らす（✔ と ！ で ちがう音）"),
            objectName="reception_sound",
        )
        self.sound.setChecked(reception_sound)
        self.percent = QLabel()
        self.sample = QLabel(self.tr("共助デスク　あいうえお　123"))
        self.language = QComboBox(objectName="language")
        self.language.setAccessibleName(LANGUAGE_CAPTION)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language_hint = hint_label(
            self.tr("言語の切りかえは、次に起動したときから使われます。")
        )
        self.slider.valueChanged.connect(self._update)
        self.slider.setValue(text_scale)
        self._update(text_scale)
        smaller = QPushButton(self.tr("小さく"))
        smaller.clicked.connect(lambda: self.slider.setValue(self.slider.value() - 10))
        larger = QPushButton(self.tr("大きく"))
        larger.clicked.connect(lambda: self.slider.setValue(self.slider.value() + 10))
        ok = primary_button(self.tr("決定"))
        ok.setObjectName("ok")
        ok.clicked.connect(self.accept)
        cancel = QPushButton(self.tr("やめる"))
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(smaller)
        row.addWidget(self.slider, 1)
        row.addWidget(larger)
        row.addWidget(self.percent)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("文字の大きさ")))
        layout.addLayout(row)
        layout.addWidget(self.sample)
        layout.addWidget(self.contrast)
        layout.addWidget(self.sound)
        language_row = QHBoxLayout()
        language_label = QLabel(LANGUAGE_CAPTION, objectName="language_label")
        language_label.setBuddy(self.language)
        language_row.addWidget(language_label)
        language_row.addWidget(self.language, 1)
        layout.addLayout(language_row)
        layout.addWidget(self.language_hint)
        layout.addLayout(buttons)

    def _update(self, value: int) -> None:
        value = round(value / 10) * 10
        self.percent.setText(f"{value}%")
        # The application style sheet sets every font size, so the sample needs its own rule.
        self.sample.setStyleSheet(
            f'font-family: "{FONT_FAMILY}"; font-size: {points(BASE_POINT_SIZE, value)}pt;'
        )

    def reception_sound(self) -> bool:
        return self.sound.isChecked()

    def high_contrast(self) -> bool:
        return self.contrast.isChecked()

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def text_scale(self) -> int:
        return round(self.slider.value() / 10) * 10
