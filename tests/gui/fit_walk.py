"""Walk every page and dialog of the desk on a real X display and measure what a person sees.

Run in a child process on Xvfb (see tests/xdisplay.py), once per text size and language:

    python -m tests.gui.fit_walk --scale 200 --language en [--shots DIR]

It fills a new desk with practice data (residents, an event today, volunteers, help sessions, a
共助 request), builds the window the way the desk starts it, visits each page and opens each
dialog, and prints one JSON line per screen: its name, its size and the problems found from the
widgets' geometry. `--shots` also saves a PNG of each screen for a person to look at.

What counts as a problem (what a volunteer would trip over):
- the window or dialog is larger than the screen's free area;
- a list, table or scroll area scrolls sideways;
- a label, button, check box or radio button is narrower or lower than its text needs;
- a wrapped label breaks inside an English word, or is so narrow that Japanese wraps after a
  few characters;
- a screen's main action (its save, record or search button) is not visible without scrolling;
- in English, any Japanese text that is not residents' own data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QWidget,
    QWizard,
)

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# Shorter than this many characters per line, a wrapped Japanese label is unreadable.
MINIMUM_JAPANESE_LINE = 5


@dataclass
class Screen:
    """One page or dialog as measured."""

    name: str
    width: int
    height: int
    problems: list[str] = field(default_factory=list)


def visible_rect(widget: QWidget, top: QWidget) -> QRect:
    """The part of `widget` a person sees in `top`'s coordinates (clipped by every ancestor)."""
    rect = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        rect = rect.intersected(QRect(parent.mapTo(top, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect.intersected(top.rect())


def shown_widgets(top: QWidget) -> Iterable[QWidget]:
    for widget in top.findChildren(QWidget):
        if widget.isVisible() and not widget.isWindow():
            yield widget


def describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = widget.text().replace("\n", " ")[:40]
    return f"{type(widget).__name__}#{widget.objectName()} {text!r}"


def scrolled_away(widget: QWidget, top: QWidget) -> bool:
    """True when some of `widget` is hidden by an enclosing scroll area or clipped by a parent."""
    full = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
    return visible_rect(widget, top) != full


def longest_unbreakable(text: str) -> str:
    """The longest run of a wrapped text that must not be broken: an English word, or (for
    Japanese) the first few characters."""
    runs = re.split(r"\s+", re.sub(r"<[^>]+>", " ", text))
    longest = max(runs, key=len, default="")
    if JAPANESE.search(longest):
        return longest[:MINIMUM_JAPANESE_LINE]
    return longest


def text_problems(top: QWidget) -> list[str]:
    problems = []
    for widget in shown_widgets(top):
        if isinstance(widget, QAbstractScrollArea):
            bar = widget.horizontalScrollBar()
            if bar.isVisible() and bar.maximum() > 0:
                problems.append(f"scrolls sideways: {describe(widget)}")
        if isinstance(widget, QLabel) and widget.text() and not widget.pixmap():
            hint = widget.minimumSizeHint()
            margins = widget.contentsMargins()
            if widget.wordWrap():
                word = longest_unbreakable(widget.text())
                needed = widget.fontMetrics().horizontalAdvance(word)
                inner = widget.contentsRect().width() - 2 * widget.margin() - widget.indent()
                if inner + 1 < needed:
                    problems.append(f"wraps within a word ({word!r}): {describe(widget)}")
                if widget.height() + 1 < widget.heightForWidth(widget.width()):
                    problems.append(f"text cut off at the bottom: {describe(widget)}")
            elif widget.width() + 1 < hint.width() - margins.left() - margins.right():
                problems.append(
                    f"text cut off ({widget.width()} < {hint.width()} px): {describe(widget)}"
                )
            elif widget.height() + 1 < hint.height():
                problems.append(f"text cut off at the bottom: {describe(widget)}")
        elif isinstance(widget, (QPushButton, QCheckBox, QRadioButton)) and widget.text():
            hint = widget.sizeHint()
            if widget.width() + 1 < hint.width():
                problems.append(
                    f"text cut off ({widget.width()} < {hint.width()} px): {describe(widget)}"
                )
            elif widget.height() + 1 < widget.minimumSizeHint().height():
                problems.append(f"text cut off at the bottom: {describe(widget)}")
    return problems


def header_problems(top: QWidget) -> list[str]:
    """Column titles cut off: a table's header section narrower than its title."""
    from PySide6.QtWidgets import QHeaderView

    problems = []
    for header in top.findChildren(QHeaderView):
        if not header.isVisible() or header.orientation() != Qt.Orientation.Horizontal:
            continue
        model = header.model()
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            title = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
            if not title:
                continue
            width = header.sectionSize(section)
            if header.defaultAlignment() & Qt.TextFlag.TextWordWrap:
                # A wrapping title: its longest word must fit, and all its lines must show.
                word = longest_unbreakable(title)
                bold = QFont(header.font())
                bold.setBold(True)  # the style sheet draws titles in bold
                needed = QFontMetrics(bold).horizontalAdvance(word) + 8
                tall = header.sectionSizeFromContents(section).height()
                if width < needed or header.height() + 1 < tall:
                    problems.append(f"column title cut off (wrapped, {width} px): {title!r}")
                continue
            needed = header.sectionSizeFromContents(section).width()
            if width + 2 < needed:
                problems.append(f"column title cut off ({width} < {needed} px): {title!r}")
    return problems


def navigation_problems(top: QWidget) -> list[str]:
    """The page list on the left shows every page without scrolling."""
    problems = []
    for navigation in top.findChildren(QAbstractScrollArea, "navigation"):
        bar = navigation.verticalScrollBar()
        if navigation.isVisible() and bar.isVisible() and bar.maximum() > 0:
            problems.append("the page list scrolls: not every page's name is on the screen")
    return problems


def main_action_problems(top: QWidget, actions: list[QWidget]) -> list[str]:
    problems = []
    for action in actions:
        if not action.isVisible():
            problems.append(f"main action not shown: {describe(action)}")
        elif scrolled_away(action, top):
            problems.append(f"main action needs scrolling: {describe(action)}")
    return problems


def english_problems(top: QWidget, data_texts: list[str]) -> list[str]:
    """Japanese left on `top` once the desk's data (names, readings, districts, titles) and the
    examples of what to type (a reading is typed in kana) are taken out."""
    from tests.gui.test_translation import EXAMPLE, visible_texts

    texts = visible_texts(top)
    # Charts paint their labels themselves (the dashboard's BarChart keeps them in `bars`).
    for widget in top.findChildren(QWidget):
        bars = getattr(widget, "bars", None)
        if widget.isVisible() and isinstance(bars, list):
            texts += [(f"{type(widget).__name__} bar", str(label)) for label, _value in bars]
    problems = []
    for where, text in texts:
        rest = EXAMPLE.sub("", text)
        for data in data_texts:
            rest = rest.replace(data, "")
        if JAPANESE.search(rest):
            problems.append(f"Japanese in English mode: {where} {text[:60]!r}")
    return problems


def window_problems(top: QWidget) -> list[str]:
    screen = top.screen().availableGeometry()
    frame = top.frameGeometry()
    problems = []
    if frame.width() > screen.width() or frame.height() > screen.height():
        problems.append(
            f"larger than the screen: {frame.width()}×{frame.height()}"
            f" on {screen.width()}×{screen.height()}"
        )
    minimum = top.minimumSizeHint()
    if minimum.width() > screen.width() or minimum.height() > screen.height():
        problems.append(f"cannot shrink to the screen: needs {minimum.width()}×{minimum.height()}")
    return problems


def settle(app: QApplication, context=None, rounds: int = 4) -> None:
    for _ in range(rounds):
        app.processEvents()
        if context is not None:
            while not context.taskman.idle:
                app.processEvents()
        app.processEvents()


class Walk:
    """One walk over the desk at one text size in one language."""

    def __init__(self, language: str, shots: Path | None, data_texts: list[str]) -> None:
        self.language = language
        self.data_texts = sorted(set(filter(None, data_texts)), key=len, reverse=True)
        self.shots = shots
        self.screens: list[Screen] = []

    def measure(self, name: str, top: QWidget, main_actions: list[QWidget]) -> Screen:
        screen = Screen(name, top.frameGeometry().width(), top.frameGeometry().height())
        screen.problems += window_problems(top)
        screen.problems += text_problems(top)
        screen.problems += main_action_problems(top, main_actions)
        screen.problems += navigation_problems(top)
        screen.problems += header_problems(top)
        if self.language == "en":
            screen.problems += english_problems(top, self.data_texts)
        if self.shots is not None:
            top.grab().save(str(self.shots / f"{name}.png"))
        self.screens.append(screen)
        print(json.dumps(screen.__dict__, ensure_ascii=False), flush=True)
        return screen


def fill_desk(store) -> dict:
    """Practice data as a centre has it after a few weeks: what every page shows."""
    from kyojo_desk.demo import load_demo

    load_demo(store, residents=60, seed=1)
    today = dt.date.today()
    residents = store.list_residents(limit=10)
    event = store.create_event(
        {"title": "ふれあいサロン", "starts_at": f"{today}T00:05", "capacity": 20}
    )
    store.sign_up(event.id, [r.id for r in residents[:6]])
    store.check_in(event.id, residents[0].id, method="search")
    first = store.add_volunteer("山田 一郎", "やまだ いちろう", ["concierge", "coordinator"])
    store.add_volunteer("佐藤 花子", "さとう はなこ", ["digital_supporter"])
    for index, resident in enumerate(residents[:3]):
        store.log_help_session(
            {
                "volunteer_id": first.id,
                "resident_id": resident.id,
                "topics": ["LINE", "カメラ・写真"][: index + 1],
                "minutes": 15,
                "outcome": "continue" if index else "solved",
                "follow_up_due": (today + dt.timedelta(days=index)).isoformat() if index else None,
                "note": "写真の送り方をもう一度",
            }
        )
    store.create_aid_request({"resident_id": residents[1].id, "kind": "transport"})
    # 担い手活動: a partner organisation's three-day activity (its last day today) and a person
    # who came on each day.
    town = store.create_organisation({"name": "上野原東自治会", "kind": "neighbourhood"})
    festival = store.create_event(
        {
            "title": "夏まつり運営",
            "starts_at": f"{today - dt.timedelta(days=2)}T09:00",
            "ends_at": f"{today}T17:00",
            "ninaite_activity": True,
            "designated_by": town.id,
        }
    )
    for days_ago in (2, 1, 0):
        day = (today - dt.timedelta(days=days_ago)).isoformat()
        store.check_in(festival.id, residents[2].id, "card", at=f"{day}T10:00:00+09:00")
    data_texts = [event.title, store.get_meta("centre_name") or ""]
    data_texts += [town.name, festival.title]
    for resident in store.list_residents():
        data_texts += [
            resident.family_name,
            resident.given_name,
            resident.family_reading,
            resident.given_reading,
        ]
    for volunteer in store.list_volunteers():
        data_texts += [*volunteer.name.split(), *volunteer.reading.split()]
    for district in store.list_districts():
        data_texts += [district.name, district.reading]
    return {
        "event": event,
        "residents": residents,
        "volunteer": first,
        "data_texts": data_texts,
    }


def dialogs(window, store_data: dict, context) -> list[tuple[str, Callable[[], QWidget], str]]:
    """(name, builder, main action objectName or "") for every dialog of the desk."""
    from kyojo_desk.gui.dialogs.consent_change_dialog import ConsentChangeDialog
    from kyojo_desk.gui.dialogs.duplicate_dialog import DuplicateDialog
    from kyojo_desk.gui.dialogs.event_dialog import EventDialog
    from kyojo_desk.gui.dialogs.first_run_wizard import FirstRunWizard
    from kyojo_desk.gui.dialogs.merge_dialog import MergeDialog
    from kyojo_desk.gui.dialogs.pin_dialog import PinDialog
    from kyojo_desk.gui.dialogs.resident_dialog import ResidentDialog
    from kyojo_desk.gui.dialogs.resident_history_dialog import ResidentHistoryDialog
    from kyojo_desk.gui.dialogs.settings_dialog import SettingsDialog
    from kyojo_desk.gui.dialogs.sheet_entry_dialog import SheetEntryDialog
    from kyojo_desk.gui.dialogs.walk_in_dialog import WalkInDialog
    from kyojo_desk.gui.dialogs.who_is_at_desk_dialog import WhoIsAtDeskDialog
    from kyojo_desk.gui.i18n import configured_language
    from kyojo_desk.store.districts import default_districts

    residents = store_data["residents"]
    districts = context.taskman.run_on_db_now(lambda store: store.list_districts())
    volunteers = context.taskman.run_on_db_now(lambda store: store.list_volunteers())
    history = context.taskman.run_on_db_now(lambda store: store.resident_history(residents[0].id))
    expected = context.taskman.run_on_db_now(
        lambda store: store.expected_residents(store_data["event"].id)
    )

    def wizard_page(index: int) -> Callable[[], QWidget]:
        def build() -> QWidget:
            wizard = FirstRunWizard(default_districts(), parent=window)
            wizard.show()
            for _ in range(index):
                wizard.next()
            return wizard

        return build

    built: list[tuple[str, Callable[[], QWidget], str]] = [
        (
            "resident_new",
            lambda: ResidentDialog(districts=districts, witness="山田 一郎", parent=window),
            "save",
        ),
        (
            "resident_edit",
            lambda: ResidentDialog(
                districts=districts,
                resident=residents[0],
                parent=window,
                consent_scopes=["keep_record", "phone_contact", "share_with_city"],
            ),
            "save",
        ),
        (
            "consent_change",
            lambda: ConsentChangeDialog(
                residents[0].full_name, ["keep_record", "share_with_city"], parent=window
            ),
            "save",
        ),
        ("walk_in", lambda: WalkInDialog(parent=window), "save"),
        ("event", lambda: EventDialog(parent=window), "save"),
        (
            "settings",
            lambda: SettingsDialog(
                100, parent=window, language=configured_language(context.settings)
            ),
            "",
        ),
        (
            "pin_set",
            lambda: PinDialog(
                setting=True,
                reason=QCoreApplication.translate("MainWindow", "練習用データを消す"),
                parent=window,
            ),
            "",
        ),
        ("who_is_at_desk", lambda: WhoIsAtDeskDialog(volunteers, parent=window), ""),
        (
            "duplicate",
            lambda: DuplicateDialog(
                residents[:2],
                parent=window,
                district_names={d.code: d.name for d in districts},
            ),
            "",
        ),
        ("merge", lambda: MergeDialog(residents[0], residents[1], parent=window), ""),
        ("history", lambda: ResidentHistoryDialog(residents[0], history, parent=window), ""),
        (
            "sheet_entry",
            lambda: SheetEntryDialog(store_data["event"], expected, set(), parent=window),
            "",
        ),
    ]
    built.append(
        ("sheet_scan", lambda: sheet_scan_dialog_with_a_scan(window, store_data, context), "save")
    )
    built += [(f"first_run_{index + 1}", wizard_page(index), "") for index in range(5)]
    from kyojo_desk.gui.dialogs.furusato_dialog import FurusatoDialog
    from kyojo_desk.gui.dialogs.link_code_dialog import LinkCodeDialog

    built += [
        ("furusato", lambda: FurusatoDialog("APP-0001", parent=window), "save"),
        (
            "link_code",
            lambda: LinkCodeDialog("FURUSATO-APP:0001", lambda _text, _answer: None, parent=window),
            "link",
        ),
    ]
    return built


def sheet_scan_dialog_with_a_scan(window, store_data: dict, context) -> QWidget:
    """The sheet-reading dialog after reading a scan of the event's sheet: a clear tick, an
    unclear row to confirm and a handwritten walk-in row with its form."""
    import random

    from kyojo_desk.gui.dialogs.sheet_scan_dialog import SheetScanDialog
    from kyojo_desk.printing.signin import render_signin
    from kyojo_desk.scanning.reader import read_page
    from kyojo_desk.scanning.sheet_import import DayChoice, ReadPage, import_preview, match_pages
    from tests.sheet_scans import DrawnPage, draw_mark, render_page

    event = store_data["event"]
    pdf = Path(tempfile.mkdtemp(prefix="kyojo-fit-")) / "sheet.pdf"
    context.taskman.run_on_db_now(lambda store: render_signin(store, event.id, pdf, blank_rows=3))
    rng = random.Random(1)
    page = DrawnPage(render_page(pdf, 0, 200), 200)
    for slot, style in ((0, "tick"), (1, "scribbled"), (6, "tick")):
        draw_mark(page, slot, style, rng)
    read = [ReadPage(str(pdf), 1, read_page(page.image))]

    def match(store):
        scan = match_pages(store, read, event.id)
        return scan, import_preview(store, scan)

    scan, preview = context.taskman.run_on_db_now(match)
    dialog = SheetScanDialog(event.title, parent=window)
    dialog.show()
    # The question a multi-day event's page without its day asks (here for a three-day event).
    first = dt.date.fromisoformat(event.first_day)
    days = [(first + dt.timedelta(days=n)).isoformat() for n in range(3)]
    choice = DayChoice(event.id, event.title, days, days[1])
    dialog.show_scan(scan, preview.checked_in, preview.already, [choice])
    return dialog


# Fields a dialog cannot be finished without, on the screen without scrolling at 100 % text, in
# Japanese and in English.
DIALOG_REQUIRED_AT_NORMAL_SIZE = {"resident_new": ["scope_keep_record", "witness"]}


def dialog_main_actions(dialog: QWidget, name: str, key: str = "", scale: int = 100) -> list:
    """The buttons that finish a dialog: its button box (or wizard buttons), or a named one;
    at 100 % also the fields it requires."""
    actions: list[QWidget] = []
    if scale < 150:
        for required in DIALOG_REQUIRED_AT_NORMAL_SIZE.get(key, []):
            actions += [w for w in dialog.findChildren(QWidget, required) if w.isVisible()]
    if name:
        actions += [w for w in dialog.findChildren(QPushButton, name) if w.isVisible()]
    for box in dialog.findChildren(QDialogButtonBox):
        if box.isVisible():
            actions += [b for b in box.buttons() if b.isVisible()]
    if isinstance(dialog, QWizard):
        actions += [
            dialog.button(which)
            for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton)
            if dialog.button(which).isVisible()
        ]
    return actions


# The help log is filled in one go at a busy table: every step's controls (① the person, ② the
# topics, ③ the device, ④ the time, ⑤ the outcome) and 記録する are on the screen at once.
# A name ending in "_*" stands for every button of that group (topic_0, topic_1, …).
HELP_LOG_STEPS = [
    "change_who",
    "resident_search",
    "resident_results",
    "history",
    "anonymous",
    "topic_*",
    "device_*",
    "minutes_*",
    "outcome_*",
    "follow_up",
    "note",
    "save",
]

# The action each page is for: it must be on the screen without scrolling.
PAGE_MAIN_ACTIONS = {
    "ResidentsPage": ["search", "register"],
    "ReceptionPage": ["name_search", "check_in_selected", "undo", "walk_in", "enter_sheet"],
    "HelpLogPage": HELP_LOG_STEPS,
    "FollowUpsPage": ["follow_ups"],
    "AidRequestsPage": ["match", "done"],
    "PrintPage": ["print", "save_pdf"],
    "DashboardPage": ["export_xlsx"],
    "VolunteersPage": ["volunteer_list"],
    "ConflictsPage": ["keep"],
    "AuditPage": ["show_audit"],
    "NinaitePage": ["ninaite_search", "print_record"],
    "OrganisationsPage": ["add_organisation"],
}


# At 100 % text these are on the screen too; at 200 % they may need scrolling.
PAGE_ACTIONS_AT_NORMAL_SIZE = {
    "ReceptionPage": [
        f"age_{band}" for band in ("0-19", "20-39", "40-59", "60-69", "70-79", "80-")
    ],
}


def page_main_actions(page: QWidget, scale: int) -> list[QWidget]:
    names = PAGE_MAIN_ACTIONS.get(type(page).__name__, [])
    if scale < 150:
        names = names + PAGE_ACTIONS_AT_NORMAL_SIZE.get(type(page).__name__, [])
    found = []
    for name in names:
        if name.endswith("_*"):
            group = [w for w in page.findChildren(QWidget) if w.objectName().startswith(name[:-1])]
            if not group:
                raise LookupError(f"no {name} on {type(page).__name__}")  # a renamed control
            found += group
            continue
        widget = page.findChild(QWidget, name)
        if widget is not None:
            found.append(widget)
    return found


def message_boxes(window) -> list[tuple[str, Callable[[], QWidget]]]:
    """The questions the desk asks through gui.prompts, built as prompts builds them."""
    from kyojo_desk.gui import prompts

    shown_boxes: list[QWidget] = []

    def capture(box: QMessageBox) -> int:
        shown_boxes.append(box)
        return 0

    def build(call: Callable[[], object]) -> Callable[[], QWidget]:
        def run() -> QWidget:
            original = QMessageBox.exec
            QMessageBox.exec = capture  # type: ignore[method-assign]
            try:
                call()
            finally:
                QMessageBox.exec = original  # type: ignore[method-assign]
            return shown_boxes.pop()

        return run

    return [
        (
            "question_remove_demo",
            build(
                lambda: prompts.ask_yes_no(
                    window,
                    QCoreApplication.translate("MainWindow", "練習用データを消す"),
                    QCoreApplication.translate(
                        "MainWindow", "練習用の住民をすべて消します。よろしいですか。"
                    ),
                )
            ),
        )
    ]


def walk(scale: int, language: str, shots: Path | None) -> list[Screen]:
    os.environ["KYOJO_LANG"] = language
    os.environ.setdefault("KYOJO_KEYRING", "file")
    app = QApplication.instance() or QApplication(sys.argv)
    from kyojo_desk.gui.app import create_context, create_window

    directory = Path(tempfile.mkdtemp(prefix="kyojo-fit-"))
    context = create_context(directory)
    context.settings.setValue("display/text_scale", scale)
    context.settings.sync()
    data = context.taskman.run_on_db_now(fill_desk)
    window = create_window(context)
    window.show()
    settle(app, context)
    window.fit_to_screen()
    settle(app, context)
    run = Walk(language, shots, data["data_texts"])
    prefix = f"{language}_{scale}"
    for row, page in enumerate(window.pages):
        window.navigation.setCurrentRow(row)
        settle(app, context)
        page_name = type(page).__name__
        run.measure(
            f"{prefix}_page_{row + 1:02d}_{page_name}", window, page_main_actions(page, scale)
        )
    # Visiting every page must not have grown the window past the screen.
    run.measure(f"{prefix}_window_after_walk", window, [])
    for name, build, action in dialogs(window, data, context):
        dialog = build()
        if isinstance(dialog, QDialog):
            dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.show()
        settle(app, context)
        run.measure(
            f"{prefix}_dialog_{name}",
            dialog,
            dialog_main_actions(dialog, action, name, scale),
        )
        dialog.close()
        dialog.deleteLater()
        settle(app, context)
    for name, build in message_boxes(window):
        box = build()
        box.show()
        settle(app, context)
        run.measure(f"{prefix}_dialog_{name}", box, [])
        box.close()
    window.close()
    context.taskman.shutdown()
    return run.screens


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--language", default="ja")
    parser.add_argument("--shots", type=Path)
    options = parser.parse_args(argv)
    if options.shots:
        options.shots.mkdir(parents=True, exist_ok=True)
    walk(options.scale, options.language, options.shots)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
