"""Text size 100–200 % from the settings, kept per desk."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from kyojo_desk.gui.dialogs.settings_dialog import SettingsDialog
from kyojo_desk.gui.theme import BASE_POINT_SIZE


def test_text_scale_enlarges_every_text_and_is_remembered(qtbot, window, desk_context, monkeypatch):
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: (self.slider.setValue(200), True)[1])
    window.open_settings()
    assert desk_context.text_scale() == 200
    assert QApplication.instance().font().pointSize() == BASE_POINT_SIZE * 2
    assert f"font-size: {BASE_POINT_SIZE * 2}pt" in QApplication.instance().styleSheet()
    desk_context.settings.sync()
    assert "text_scale=200" in (desk_context.data_dir / "settings.ini").read_text()


def test_text_scale_is_bounded(desk_context):
    desk_context.set_text_scale(350)
    assert desk_context.text_scale() == 200
    desk_context.set_text_scale(50)
    assert desk_context.text_scale() == 100


def test_high_contrast_theme_is_chosen_and_remembered(qtbot, window, desk_context, monkeypatch):
    def choose(self):
        self.contrast.setChecked(True)
        return True

    monkeypatch.setattr(SettingsDialog, "exec", choose)
    window.open_settings()
    assert desk_context.high_contrast()
    sheet = QApplication.instance().styleSheet()
    assert "background: #000000" in sheet and "#ffd400" in sheet
