"""The registry page: search as you type, the registration form, duplicates, edit, merge."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kyojo_desk.gui.dialogs.duplicate_dialog import DuplicateDialog
from kyojo_desk.gui.pages.residents_page import ResidentsPage
from tests.conftest import consent
from tests.gui.conftest import on_db, type_text, wait_idle


def register(context, **values):
    base = {
        "family_name": "高橋",
        "given_name": "花子",
        "family_reading": "たかはし",
        "given_reading": "はなこ",
        "birth_date": "1948-03-02",
        "district": "01",
    }
    base.update(values)
    resident = on_db(
        context, lambda store: store.register_resident(base, consent(), allow_duplicate=True)
    )
    context.announce("residents")  # as a sync pull or an import would
    return resident


def fill_form(qtbot, dialog, **typed):
    for name, text in typed.items():
        dialog.inputs[name].clear()
        type_text(qtbot, dialog.inputs[name], text)


def test_typing_in_the_search_box_lists_matches_in_gojuon_order(qtbot, window, desk_context):
    register(
        desk_context,
        family_name="渡邊",
        family_reading="わたなべ",
        given_name="一郎",
        given_reading="いちろう",
    )
    register(
        desk_context,
        family_name="渡辺",
        family_reading="わたなべ",
        given_name="あや",
        given_reading="あや",
    )
    register(desk_context, family_name="佐藤", family_reading="さとう")
    page = window.page(ResidentsPage)
    type_text(qtbot, page.search_box, "ﾜﾀﾅﾍﾞ")  # half-width katakana, as some keyboards type it
    wait_idle(qtbot, desk_context)
    names = [page.model.resident_at(r).full_name for r in range(page.model.rowCount())]
    assert names == ["渡辺　あや", "渡邊　一郎"]
    page.search_box.clear()
    type_text(qtbot, page.search_box, "渡辺")  # folds 邊 to 辺: both found
    wait_idle(qtbot, desk_context)
    assert page.model.rowCount() == 2
    assert "2人" in page.count_label.text()


def test_search_by_last_phone_digits(qtbot, window, desk_context):
    register(desk_context, phone="0554-62-1234")
    page = window.page(ResidentsPage)
    type_text(qtbot, page.search_box, "1234")
    wait_idle(qtbot, desk_context)
    assert page.model.rowCount() == 1
    assert page.model.resident_at(0).phone == "0554-62-1234"


def test_empty_search_shows_nobody(qtbot, window, desk_context):
    register(desk_context)
    page = window.page(ResidentsPage)
    wait_idle(qtbot, desk_context)
    assert page.model.rowCount() == 0
    assert "1人" in page.count_label.text()


def test_form_registers_a_resident_with_consent(qtbot, window, desk_context):
    page = window.page(ResidentsPage)
    dialog = page.register_new()
    fill_form(
        qtbot,
        dialog,
        family_name="髙橋",
        given_name="ハナ",
        family_reading="タカハシ",
        given_reading="ハナ",
        birth_date="昭和23年3月2日",
        phone="０５５４－６２－１１１１",
    )
    assert "1948" in dialog.birth_preview.text()
    dialog.district.setCurrentIndex(dialog.district.findData("02"))
    dialog.needs["large_print"].setChecked(True)
    qtbot.mouseClick(dialog.scopes["keep_record"], Qt.MouseButton.LeftButton)
    type_text(qtbot, dialog.witness, "受付 一郎")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert not dialog.isVisible()
    found = on_db(desk_context, lambda store: store.search_residents("たかはし"))
    assert len(found) == 1
    resident = found[0]
    assert (resident.birth_date, resident.phone, resident.district) == (
        "1948-03-02",
        "0554-62-1111",
        "02",
    )
    assert resident.support_needs == ["large_print"]
    consents = on_db(desk_context, lambda store: store.consents_of(resident.id))
    assert consents[0].scopes == ["keep_record"] and consents[0].witnessed_by == "受付 一郎"
    assert page.model.rowCount() == 1  # the page shows the new resident


def test_form_shows_each_error_beside_its_field_and_saves_nothing(qtbot, window, desk_context):
    page = window.page(ResidentsPage)
    dialog = page.register_new()
    fill_form(
        qtbot,
        dialog,
        family_name="高橋",
        family_reading="takahashi",
        birth_date="平成31年5月1日",
        phone="12-34",
    )
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert dialog.isVisible()
    assert "ひらがな か カタカナ" in dialog.errors["family_reading"].text()
    assert "平成31年5月1日はありません" in dialog.errors["birth_date"].text()
    assert "電話番号" in dialog.errors["phone"].text()
    assert "記録を残す" in dialog.errors["consent_scopes"].text()
    assert dialog.errors["family_reading"].isVisible()
    assert on_db(desk_context, lambda store: store.count_residents()) == 0
    assert on_db(desk_context, lambda store: store.pending_changes()) == 9  # only the districts


def test_duplicate_warning_offers_to_open_the_existing_record(
    qtbot, window, desk_context, monkeypatch
):
    existing = register(desk_context, phone="0554-62-9999")
    page = window.page(ResidentsPage)
    opened: list[str] = []
    monkeypatch.setattr(page, "open_resident", lambda resident_id: opened.append(resident_id))
    shown: list[list] = []

    def choose_open(self):
        shown.append([m.id for m in self.model.residents])
        self._choose(DuplicateDialog.OPEN_EXISTING)
        return self.choice

    monkeypatch.setattr(DuplicateDialog, "exec_choice", choose_open)
    dialog = page.register_new()
    dialog.open_existing_requested.disconnect()
    dialog.open_existing_requested.connect(page.open_resident)
    fill_form(
        qtbot,
        dialog,
        family_name="高はし",
        family_reading="タカハシ",
        given_name="花子",
        given_reading="ハナコ",
        birth_date="S23.3.2",
    )
    dialog.scopes["keep_record"].setChecked(True)
    type_text(qtbot, dialog.witness, "受付")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert shown == [[existing.id]]
    assert opened == [existing.id]
    assert on_db(desk_context, lambda store: store.count_residents()) == 1


def test_duplicate_can_be_registered_anyway(qtbot, window, desk_context, monkeypatch):
    register(desk_context)
    monkeypatch.setattr(
        DuplicateDialog, "exec_choice", lambda self: DuplicateDialog.REGISTER_ANYWAY
    )
    page = window.page(ResidentsPage)
    dialog = page.register_new()
    fill_form(
        qtbot,
        dialog,
        family_name="高橋",
        family_reading="たかはし",
        given_name="花子",
        given_reading="はなこ",
        birth_date="1948-03-02",
    )
    dialog.scopes["keep_record"].setChecked(True)
    type_text(qtbot, dialog.witness, "受付")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert on_db(desk_context, lambda store: store.count_residents()) == 2


def test_edit_changes_the_store(qtbot, window, desk_context):
    resident = register(desk_context)
    page = window.page(ResidentsPage)
    page.open_resident(resident.id)
    wait_idle(qtbot, desk_context)
    dialog = page.open_dialog
    assert dialog.inputs["family_name"].text() == "高橋"
    assert not dialog.consent_box.isVisible()
    fill_form(qtbot, dialog, phone="090-1234-5678")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    assert not dialog.isVisible()
    assert (
        on_db(desk_context, lambda store: store.get_resident(resident.id).phone) == "090-1234-5678"
    )


def test_merge_two_selected_records(qtbot, window, desk_context, monkeypatch):
    first = register(desk_context, phone="")
    second = register(desk_context, given_name="はな子", phone="0554-62-2222", notes="耳が遠い")
    from kyojo_desk.gui.dialogs import merge_dialog
    from kyojo_desk.gui.pages import residents_page

    monkeypatch.setattr(merge_dialog.MergeDialog, "exec", lambda self: True)
    monkeypatch.setattr(residents_page, "ask_yes_no", lambda *a, **k: True)
    page = window.page(ResidentsPage)
    type_text(qtbot, page.search_box, "たかはし")
    wait_idle(qtbot, desk_context)
    page.table.selectAll()
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk_context)
    kept_ids = {page.model.resident_at(r).id for r in range(page.model.rowCount())}
    assert len(kept_ids) == 1
    kept = on_db(desk_context, lambda store: store.get_resident(kept_ids.pop()))
    other_id = ({first.id, second.id} - {kept.id}).pop()
    other = on_db(desk_context, lambda store: store.get_resident(other_id))
    assert other.merged_into == kept.id and other.deleted
    assert kept.phone == "0554-62-2222"
    assert "耳が遠い" in kept.notes


def test_roster_import_tries_first_then_imports(qtbot, window, desk_context, tmp_path, monkeypatch):
    from kyojo_desk.gui import prompts

    roster = tmp_path / "名簿.csv"
    roster.write_bytes(
        "氏名,ふりがな,生年月日\n高橋 花子,たかはし はなこ,S23.3.2\n悪い 行,,S1.1.1\n".encode(
            "cp932"
        )
    )
    questions: list[str] = []
    messages: list[str] = []
    monkeypatch.setattr(prompts, "choose_open_path", lambda *a: str(roster))
    monkeypatch.setattr(
        prompts, "ask_yes_no", lambda parent, title, text, **k: questions.append(text) or True
    )
    monkeypatch.setattr(
        prompts, "show_message", lambda parent, title, text, *a: messages.append(text)
    )
    page = window.page(ResidentsPage)
    page.import_action.trigger()
    wait_idle(qtbot, desk_context)
    assert "取り込める方：1人" in questions[0] and "3行目" in questions[0]
    assert "1人を登録しました" in messages[-1]
    assert on_db(desk_context, lambda store: store.count_residents()) == 1
    assert (tmp_path / "名簿_取り込めなかった行.csv").exists()


def test_roster_import_declined_writes_nothing(qtbot, window, desk_context, tmp_path, monkeypatch):
    from kyojo_desk.gui import prompts

    roster = tmp_path / "r.csv"
    roster.write_text("氏名,ふりがな\n高橋 花子,たかはし はなこ\n", encoding="utf-8")
    monkeypatch.setattr(prompts, "choose_open_path", lambda *a: str(roster))
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *a, **k: False)
    page = window.page(ResidentsPage)
    page.import_roster()
    wait_idle(qtbot, desk_context)
    assert on_db(desk_context, lambda store: store.count_residents()) == 0


def test_roster_export(qtbot, window, desk_context, tmp_path, monkeypatch):
    from kyojo_desk.gui import prompts

    register(desk_context)
    target = tmp_path / "out.csv"
    monkeypatch.setattr(prompts, "choose_save_path", lambda *a: str(target))
    monkeypatch.setattr(prompts, "show_message", lambda *a: None)
    window.page(ResidentsPage).export_roster()
    wait_idle(qtbot, desk_context)
    assert "高橋" in target.read_text(encoding="utf-8-sig")


def test_a_search_that_found_nobody_starts_the_form(qtbot, window, desk_context):
    page = window.page(ResidentsPage)
    type_text(qtbot, page.search_box, "みなみ")
    wait_idle(qtbot, desk_context)
    assert page.register_new().inputs["family_reading"].text() == "みなみ"
    register(desk_context, family_name="南", family_reading="みなみ")
    wait_idle(qtbot, desk_context)
    assert page.model.rowCount() == 1
    assert page.register_new().inputs["family_reading"].text() == ""


def test_disclosure_and_withdrawal_from_the_page(
    qtbot, window, desk_context, tmp_path, monkeypatch
):
    from kyojo_desk.gui import prompts

    keep = register(desk_context, family_name="残る", family_reading="のこる")
    leave = register(desk_context, family_name="去る", family_reading="さる", phone="0554-55-6666")
    monkeypatch.setattr(prompts, "choose_folder", lambda *a: str(tmp_path))
    monkeypatch.setattr(prompts, "show_message", lambda *a, **k: None)
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *a, **k: True)
    page = window.page(ResidentsPage)
    type_text(qtbot, page.search_box, "さる")
    wait_idle(qtbot, desk_context)
    page.table.selectRow(0)
    page.disclose_action.trigger()
    wait_idle(qtbot, desk_context)
    assert sorted(p.suffix for p in tmp_path.glob("開示_*")) == [".csv", ".pdf"]
    page.withdraw_action.trigger()
    wait_idle(qtbot, desk_context)
    assert [r.id for r in on_db(desk_context, lambda store: store.list_residents())] == [keep.id]
    actions = [e.action for e in on_db(desk_context, lambda store: store.list_audit())]
    assert "erased" in actions and "exported_person" in actions
    assert leave.id not in [r.id for r in page.model.residents]


def test_retention_review_from_the_page(qtbot, window, desk_context, monkeypatch):
    from kyojo_desk.gui import prompts

    register(desk_context)
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_message", lambda parent, title, text, *a: shown.append(text))
    window.page(ResidentsPage).review_retention()
    wait_idle(qtbot, desk_context)
    assert "利用のない方はいません" in shown[0]
