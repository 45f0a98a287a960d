"""The reception page: scanner keystrokes, double scans, undo, walk-ins, name search, head
counts, the paper sheet, the camera path — asserted on the screen and in the Store."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from kyojo_desk.gui import prompts
from kyojo_desk.gui.pages.reception_page import ReceptionPage
from kyojo_desk.qr import card_payload
from kyojo_desk.store.events import attendance_id
from tests.conftest import consent
from tests.gui.conftest import on_db, type_text, wait_idle

TODAY = dt.date.today().isoformat()
FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


def register(context, family_name="高橋", family_reading="たかはし", **values):
    base = {
        "family_name": family_name,
        "given_name": "花子",
        "family_reading": family_reading,
        "given_reading": "はなこ",
        "birth_date": "1948-03-02",
    }
    base.update(values)
    return on_db(
        context, lambda store: store.register_resident(base, consent(), allow_duplicate=True)
    )


@pytest.fixture
def event(desk_context):
    return on_db(
        desk_context,
        lambda store: store.create_event(
            {"title": "ふれあいサロン", "starts_at": f"{TODAY}T10:00", "capacity": 20}
        ),
    )


@pytest.fixture
def page(qtbot, window, desk_context, event) -> ReceptionPage:
    reception = window.show_page(ReceptionPage)
    reception.load_events()
    wait_idle(qtbot, desk_context)
    assert reception.current_event().id == event.id
    return reception


def scan(qtbot, page: ReceptionPage, text: str, context) -> None:
    """What a USB scanner does: type the payload as key presses, then Enter."""
    type_text(qtbot, page.scan_input, text)
    qtbot.keyClick(page.scan_input, Qt.Key.Key_Return)
    wait_idle(qtbot, context)


def attendance(context, event_id):
    return on_db(context, lambda store: store.list_attendance(event_id))


def test_scan_shows_name_and_reading_and_counts_once(qtbot, page, desk_context, event):
    resident = register(desk_context)
    scan(qtbot, page, card_payload(resident.card_code), desk_context)
    assert page.mark_label.text() == "✔"
    assert page.status_label.text() == "受付しました"
    assert page.name_label.text() == "高橋　花子"
    assert page.reading_label.text() == "たかはし　はなこ"
    assert page.count_labels["checked_in"].text() == "1人"
    assert page.count_labels["first_time"].text() == "1人"
    assert page.count_labels["capacity_left"].text() == "19席"
    assert page.scan_input.text() == "" and page.scan_input.hasFocus()
    rows = attendance(desk_context, event.id)
    assert [(a.resident_id, a.method) for a in rows] == [(resident.id, "card")]

    scan(qtbot, page, card_payload(resident.card_code), desk_context)  # the same card again
    assert page.mark_label.text() == "！"
    assert page.status_label.text() == f"もう受付済みです（{rows[0].checked_in_at[11:16]}）"
    assert page.name_label.text() == "高橋　花子"
    assert page.count_labels["checked_in"].text() == "1人"
    assert len(attendance(desk_context, event.id)) == 1


@pytest.mark.parametrize(
    "mangle",
    [
        lambda p: p.translate(FULL_WIDTH),  # ＫＪ１：Ｒ：… from an IME in full-width mode
        lambda p: p.replace(":", "ー"),  # KJ1ーRー… from an IME in kana mode
        lambda p: p.lower(),
        lambda p: p.replace(":", "+"),  # a US-layout scanner on a Japanese keyboard
    ],
    ids=["full-width", "long-vowel-marks", "lower-case", "plus-signs"],
)
def test_mangled_scanner_input_still_checks_in(qtbot, page, desk_context, event, mangle):
    resident = register(desk_context)
    scan(qtbot, page, mangle(card_payload(resident.card_code)), desk_context)
    assert page.status_label.text() == "受付しました"
    assert page.name_label.text() == "高橋　花子"
    assert [a.resident_id for a in attendance(desk_context, event.id)] == [resident.id]


def test_unreadable_scan_changes_nothing_and_keeps_focus(qtbot, page, desk_context, event):
    resident = register(desk_context)
    code = resident.card_code
    misread = card_payload(code[:-1] + ("2" if code[-1] != "2" else "3"))
    scan(qtbot, page, misread, desk_context)
    assert page.mark_label.text() == "！"
    assert page.status_label.text() == "このカードは読み取れませんでした"
    assert page.name_label.text() == "" and not page.name_label.isVisible()
    assert page.scan_input.hasFocus()
    assert attendance(desk_context, event.id) == []


def test_undo_takes_back_the_last_check_in(qtbot, page, desk_context, event):
    first = register(desk_context)
    second = register(desk_context, family_name="佐藤", family_reading="さとう")
    scan(qtbot, page, card_payload(first.card_code), desk_context)
    scan(qtbot, page, card_payload(second.card_code), desk_context)
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert page.mark_label.text() == "↩"
    assert page.status_label.text() == "取り消しました：佐藤　花子"
    assert page.count_labels["checked_in"].text() == "1人"
    assert [a.resident_id for a in attendance(desk_context, event.id)] == [first.id]
    row = on_db(desk_context, lambda s: s.get_row("attendance", attendance_id(event.id, second.id)))
    assert row["deleted"] == 1
    assert page.scan_input.hasFocus()


def test_name_search_shows_nothing_until_typed_then_checks_in(qtbot, page, desk_context, event):
    resident = register(desk_context)
    register(desk_context, family_name="佐藤", family_reading="さとう")
    assert page.results.count() == 0  # the registry is never shown on its own
    type_text(qtbot, page.name_search, "たかは")
    wait_idle(qtbot, desk_context)
    assert page.results.count() == 1
    assert "高橋　花子（たかはし　はなこ）" in page.results.item(0).text()
    qtbot.keyClick(page.name_search, Qt.Key.Key_Return)
    wait_idle(qtbot, desk_context)
    assert page.name_label.text() == "高橋　花子"
    assert page.name_search.text() == "" and page.results.count() == 0
    assert page.scan_input.hasFocus()
    rows = attendance(desk_context, event.id)
    assert [(a.resident_id, a.method) for a in rows] == [(resident.id, "search")]
    # Found again, the person is marked as already counted.
    type_text(qtbot, page.name_search, "たかは")
    wait_idle(qtbot, desk_context)
    assert page.results.item(0).text().startswith("✔ 受付済み")
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    wait_idle(qtbot, desk_context)
    assert not page.results.item(0).text().startswith("✔")  # the mark follows the undo


def test_card_scanned_into_the_name_field_is_still_a_scan(qtbot, page, desk_context, event):
    resident = register(desk_context)
    type_text(qtbot, page.name_search, card_payload(resident.card_code))
    qtbot.keyClick(page.name_search, Qt.Key.Key_Return)
    wait_idle(qtbot, desk_context)
    assert page.status_label.text() == "受付しました"
    assert [a.method for a in attendance(desk_context, event.id)] == ["card"]


def test_walk_in_is_registered_for_completion_and_checked_in(qtbot, page, desk_context, event):
    qtbot.mouseClick(page.walk_in_button, Qt.MouseButton.LeftButton)
    dialog = page.open_dialog
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # nothing typed yet
    wait_idle(qtbot, desk_context)
    assert dialog.isVisible() and dialog.errors["family_name"].text()
    assert attendance(desk_context, event.id) == []
    type_text(qtbot, dialog.inputs["family_name"], "新井")
    type_text(qtbot, dialog.inputs["family_reading"], "あらい")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert not dialog.isVisible()
    assert page.name_label.text() == "新井" and page.reading_label.text() == "あらい"
    rows = attendance(desk_context, event.id)
    assert [a.method for a in rows] == ["walk_in"]
    resident = on_db(desk_context, lambda s: s.get_resident(rows[0].resident_id))
    assert resident.needs_completion
    qtbot.waitUntil(page.scan_input.hasFocus)


def test_walk_in_who_is_already_registered_is_checked_in_as_themselves(
    qtbot, page, desk_context, event, monkeypatch
):
    existing = register(desk_context, phone="0554-62-1111")
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args, **kwargs: True)
    qtbot.mouseClick(page.walk_in_button, Qt.MouseButton.LeftButton)
    dialog = page.open_dialog
    type_text(qtbot, dialog.inputs["family_name"], "高橋")
    type_text(qtbot, dialog.inputs["family_reading"], "たかはし")
    type_text(qtbot, dialog.inputs["phone"], "0554621111")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    wait_idle(qtbot, desk_context)
    assert [a.resident_id for a in attendance(desk_context, event.id)] == [existing.id]
    assert on_db(desk_context, lambda s: s.count_residents()) == 1


def test_anonymous_head_count_by_age_band(qtbot, page, desk_context, event):
    qtbot.mouseClick(page.age_band_buttons["70-79"], Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert page.status_label.text() == "名前なしで1人 数えました（70代）"
    assert page.count_labels["anonymous"].text() == "1人"
    assert page.count_labels["checked_in"].text() == "1人"
    rows = attendance(desk_context, event.id)
    assert [(a.resident_id, a.age_band, a.method) for a in rows] == [(None, "70-79", "anonymous")]
    assert page.scan_input.hasFocus()


def test_scan_input_takes_focus_back_when_the_window_is_activated(qtbot, page, window):
    page.undo_button.setFocus()
    assert not page.scan_input.hasFocus()
    window.activateWindow()
    QApplication.sendEvent(page, QEvent(QEvent.Type.WindowActivate))
    qtbot.waitUntil(page.scan_input.hasFocus)


def test_create_event_from_the_page(qtbot, page, desk_context):
    qtbot.mouseClick(page.create_event_button, Qt.MouseButton.LeftButton)
    dialog = page.open_dialog
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert dialog.isVisible() and dialog.errors["title"].text()
    type_text(qtbot, dialog.title_input, "スマホ教室")
    dialog.kind.setCurrentIndex(dialog.kind.findData("smartphone_class"))
    dialog.volunteer_led.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    wait_idle(qtbot, desk_context)
    assert not dialog.isVisible()
    events = on_db(desk_context, lambda s: s.events_on(dt.date.today()))
    created = next(e for e in events if e.title == "スマホ教室")
    assert created.kind == "smartphone_class" and created.volunteer_led
    assert page.current_event().id == created.id
    assert "スマホ教室" in page.event_picker.currentText()


def test_paper_sheet_entry_in_sheet_order(qtbot, page, desk_context, event):
    watanabe = register(desk_context, family_name="渡辺", family_reading="わたなべ")
    abe = register(desk_context, family_name="阿部", family_reading="あべ")
    kato = register(desk_context, family_name="加藤", family_reading="かとう")
    on_db(desk_context, lambda s: s.sign_up(event.id, [watanabe.id, abe.id, kato.id]))
    scan(qtbot, page, card_payload(kato.card_code), desk_context)  # came with the card
    qtbot.mouseClick(page.sheet_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    dialog = page.open_dialog
    names = [dialog.people.item(i).text() for i in range(dialog.people.count())]
    assert [n.split()[1] for n in names] == ["阿部", "加藤", "渡辺"]  # 五十音, as printed
    assert names[1].endswith("✔ 受付済み")
    # Tick 阿部 (a click anywhere on the row) and write a walk-in on a blank row.
    rect = dialog.people.visualItemRect(dialog.people.item(0))
    qtbot.mouseClick(dialog.people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.ticked_ids() == [abe.id]
    dialog.set_walk_in(0, family_name="新井", family_reading="あらい")
    dialog.set_walk_in(1, given_name="誠")  # a half-written row is refused, nothing saved
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert "2行目" in dialog.summary.text()
    assert len(attendance(desk_context, event.id)) == 1
    dialog.set_walk_in(1, given_name="")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert not dialog.isVisible()
    assert page.status_label.text() == "紙の受付表を保存しました"
    rows = {a.resident_id: a for a in attendance(desk_context, event.id)}
    assert rows[kato.id].method == "card"
    assert rows[abe.id].method == "sheet" and rows[abe.id].checked_in_at == event.starts_at
    assert watanabe.id not in rows
    walk_in = next(a for rid, a in rows.items() if rid not in (kato.id, abe.id))
    assert walk_in.method == "sheet"
    wait_idle(qtbot, desk_context)
    assert page.count_labels["checked_in"].text() == "3人"


def test_camera_frames_are_decoded_and_checked_in(qtbot, page, desk_context, event):
    """A frame made from a rendered QR image goes the camera's way: sink → decoder → check-in."""
    pytest.importorskip("PySide6.QtMultimedia")
    import io

    import qrcode
    from PySide6.QtGui import QImage
    from PySide6.QtMultimedia import QVideoFrame, QVideoSink

    from kyojo_desk.gui.camera import CameraScanner, camera_available

    assert page.camera_button.isVisible() == camera_available()
    resident = register(desk_context)
    png = io.BytesIO()
    qrcode.make(card_payload(resident.card_code)).save(png, format="PNG")
    image = QImage.fromData(png.getvalue()).convertToFormat(QImage.Format.Format_ARGB32)
    sink = QVideoSink()
    scanner = CameraScanner(desk_context.taskman, sink=sink)
    page.attach_scanner(scanner)
    with qtbot.waitSignal(scanner.code_read, timeout=5000) as read:
        sink.setVideoFrame(QVideoFrame(image))
    assert read.args == [card_payload(resident.card_code)]
    wait_idle(qtbot, desk_context)
    assert page.name_label.text() == "高橋　花子"
    assert [a.resident_id for a in attendance(desk_context, event.id)] == [resident.id]
    # The same card still in front of the camera is not a second scan.
    scanner._last_decode = 0.0
    with qtbot.assertNotEmitted(scanner.code_read, wait=300):
        sink.setVideoFrame(QVideoFrame(image))
        wait_idle(qtbot, desk_context)
    assert len(attendance(desk_context, event.id)) == 1


def test_decoder_finds_nothing_in_a_blank_frame(qapp):
    from PySide6.QtGui import QImage

    from kyojo_desk.gui.camera import decode_qr_codes

    blank = QImage(320, 240, QImage.Format.Format_RGB32)
    blank.fill(Qt.GlobalColor.white)
    assert decode_qr_codes(blank) == []


def test_an_event_is_led_by_a_share_concierge_chosen_in_the_dialog(qtbot, page, desk_context):
    """The leader list puts trained share concierges first; the one chosen is stored."""
    from kyojo_desk.records.help import CONCIERGE_COURSE

    def roster(store):
        helper = store.add_volunteer("青木 一", "あおき はじめ", ["digital_supporter"])
        concierge = store.add_volunteer("渡辺 二三", "わたなべ ふみ", ["concierge"])
        store.record_training(concierge.id, CONCIERGE_COURSE, "2025-04-01")
        return helper, concierge

    helper, concierge = on_db(desk_context, roster)
    qtbot.mouseClick(page.create_event_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    dialog = page.open_dialog
    assert [dialog.led_by.itemData(i) for i in range(dialog.led_by.count())] == [
        None,
        concierge.id,
        helper.id,
    ]
    assert "シェア・コンシェルジュ" in dialog.led_by.itemText(1)
    type_text(qtbot, dialog.title_input, "防災さんぽ")
    dialog.led_by.setCurrentIndex(1)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    wait_idle(qtbot, desk_context)
    events = on_db(desk_context, lambda s: s.events_on(dt.date.today()))
    created = next(e for e in events if e.title == "防災さんぽ")
    assert created.led_by == concierge.id and created.volunteer_led
