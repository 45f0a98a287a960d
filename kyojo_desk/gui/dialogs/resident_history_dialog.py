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

from kyojo_desk.gui.i18n import shown
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
        self.setWindowTitle(
            self.tr("{full_name} さんのこれまで").format(full_name=resident.full_name)
        )
        self.sessions = QListWidget(objectName="sessions")
        self.sessions.setAccessibleName(self.tr("相談の記録"))
        for session in history.help_sessions:
            self.sessions.addItem(
                self.tr("{value}　{value2}　{value3}").format(
                    value=session.at[:10],
                    value2="・".join(shown(topic) for topic in session.topics),
                    value3=shown(OUTCOME_LABELS.get(session.outcome, "")),
                )
                + (self.tr("　{notes}").format(notes=session.notes) if session.notes else "")
            )
        self.events = QListWidget(objectName="events")
        self.events.setAccessibleName(self.tr("参加したイベント"))
        for event in history.events:
            self.events.addItem(
                self.tr("{value}　{value2}").format(
                    value=event["starts_at"][:10], value2=event["title"]
                )
            )
        skills = QGridLayout()
        self.skill_boxes: dict[str, QCheckBox] = {}
        for index, (skill, label) in enumerate(SKILL_LABELS.items()):
            label = shown(label)
            since = history.skills.get(skill)
            box = QCheckBox(
                self.tr("{label}：ひとりでできる").format(label=label)
                + (self.tr("（{since}から）").format(since=since) if since else "")
            )
            box.setObjectName(f"skill_{skill}")
            box.setChecked(since is not None)
            box.setEnabled(since is None)  # once seen it stays: the first date is the record
            box.toggled.connect(lambda on, s=skill: on and self.skill_marked.emit(s))
            self.skill_boxes[skill] = box
            skills.addWidget(box, index // 2, index % 2)
        close = QPushButton(self.tr("閉じる"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(
            title_label(
                self.tr("{full_name}（{full_reading}）さんのこれまで").format(
                    full_name=resident.full_name, full_reading=resident.full_reading
                )
            )
        )
        layout.addWidget(
            title_label(self.tr("相談 {value}回").format(value=len(history.help_sessions)))
        )
        layout.addWidget(self.sessions, 1)
        layout.addWidget(
            title_label(self.tr("イベント {value}回").format(value=len(history.events)))
        )
        layout.addWidget(self.events, 1)
        layout.addWidget(title_label(self.tr("デジタルの力（ひとりでできること）")))
        layout.addLayout(skills)
        layout.addLayout(buttons)
        self.resize(760, 720)
