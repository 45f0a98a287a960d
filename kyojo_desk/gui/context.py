"""What every page and operation of one desk window shares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from kyojo_desk.gui.i18n import SETTING as LANGUAGE_SETTING
from kyojo_desk.gui.taskman import TaskManager


@dataclass(frozen=True)
class Changes:
    """What an operation changed: the synced (or local) tables it wrote."""

    tables: frozenset[str]

    def touches(self, *tables: str) -> bool:
        return bool(self.tables.intersection(tables))


@dataclass
class DeskUser:
    """Who is at the desk: a volunteer (by id and name) and whether the coordinator unlocked."""

    volunteer_id: str | None = None
    name: str = ""
    coordinator: bool = False


class DeskContext(QObject):
    """The task manager, the settings and the one `changes_applied` signal of a desk window."""

    changes_applied = Signal(object)  # Changes
    text_scale_changed = Signal(int)
    user_changed = Signal(object)  # DeskUser

    def __init__(self, taskman: TaskManager, data_dir: Path) -> None:
        super().__init__()
        self.taskman = taskman
        self.data_dir = data_dir
        self.settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
        self.user = DeskUser()

    def text_scale(self) -> int:
        """Text size in percent (100–200), a per-desk setting."""
        return max(100, min(200, int(self.settings.value("display/text_scale", 100))))

    def set_text_scale(self, percent: int) -> None:
        percent = max(100, min(200, int(percent)))
        self.settings.setValue("display/text_scale", percent)
        self.settings.sync()
        self.text_scale_changed.emit(percent)

    def high_contrast(self) -> bool:
        """White on black with yellow focus, for volunteers who see contrast better than colour."""
        return str(self.settings.value("display/high_contrast", "false")).lower() == "true"

    def set_high_contrast(self, enabled: bool) -> None:
        self.settings.setValue("display/high_contrast", "true" if enabled else "false")
        self.settings.sync()
        self.text_scale_changed.emit(self.text_scale())  # the theme is rebuilt on this signal

    def set_language(self, language: str) -> None:
        """The GUI language from the next start ("ja", "en"; see gui.i18n)."""
        self.settings.setValue(LANGUAGE_SETTING, language)
        self.settings.sync()

    def set_user(self, user: DeskUser) -> None:
        self.user = user
        self.user_changed.emit(user)

    def announce(self, *tables: str) -> None:
        """Tell every page that these tables changed."""
        self.changes_applied.emit(Changes(frozenset(tables)))
