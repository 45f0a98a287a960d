"""これまでの記録: every visit, help session and event of one resident, and their digital
skills — 「ひとりでできる」 with the date it was first seen. This is how the city sees that
support works."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.widgets import title_label
from kyojo_desk.records.help import OUTCOME_LABELS, SKILL_LABELS
from kyojo_desk.records.resident import Resident
from kyojo_desk.store.help_log import ResidentHistory


class ResidentHistoryDialog(QDialog):
    skill_marked = Signal(str)

    def __init__(
        self, resident: Resident, history: ResidentHistory, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{resident.full_name} さんのこれまで")
        self.sessions = QListWidget(objectName="sessions")
        self.sessions.setAccessibleName("相談の記録")
        for session in history.help_sessions:
            self.sessions.addItem(
                f"{session.at[:10]}　{'・'.join(session.topics)}　{OUTCOME_LABELS.get(session.outcome, '')}"
                + (f"　{session.notes}" if session.notes else "")
            )
        self.events = QListWidget(objectName="events")
        self.events.setAccessibleName("参加したイベント")
        for event in history.events:
            self.events.addItem(f"{event['starts_at'][:10]}　{event['title']}")
        skills = QGridLayout()
        self.skill_boxes: dict[str, QCheckBox] = {}
        for index, (skill, label) in enumerate(SKILL_LABELS.items()):
            since = history.skills.get(skill)
            box = QCheckBox(f"{label}：ひとりでできる" + (f"（{since}から）" if since else ""))
            box.setObjectName(f"skill_{skill}")
            box.setChecked(since is not None)
            box.setEnabled(since is None)  # once seen it stays: the first date is the record
            box.toggled.connect(lambda on, s=skill: on and self.skill_marked.emit(s))
            self.skill_boxes[skill] = box
            skills.addWidget(box, index // 2, index % 2)
        close = QPushButton("閉じる")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(
            title_label(f"{resident.full_name}（{resident.full_reading}）さんのこれまで")
        )
        layout.addWidget(title_label(f"相談 {len(history.help_sessions)}回"))
        layout.addWidget(self.sessions, 1)
        layout.addWidget(title_label(f"イベント {len(history.events)}回"))
        layout.addWidget(self.events, 1)
        layout.addWidget(title_label("デジタルの力（ひとりでできること）"))
        layout.addLayout(skills)
        layout.addLayout(buttons)
        self.resize(760, 720)
