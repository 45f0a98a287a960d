"""住民 (registry): search as you type, register, edit, merge.

The list starts empty: people at the table can see the screen, so names appear only for a search.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui import prompts
from kyojo_desk.gui.context import Changes, DeskContext
from kyojo_desk.gui.dialogs.consent_change_dialog import ConsentChangeDialog
from kyojo_desk.gui.dialogs.merge_dialog import MergeDialog
from kyojo_desk.gui.dialogs.resident_dialog import ResidentDialog
from kyojo_desk.gui.errors import show_error
from kyojo_desk.gui.flow_layout import flow_row
from kyojo_desk.gui.i18n import shown
from kyojo_desk.gui.models.resident_table_model import ResidentTableModel
from kyojo_desk.gui.ops import residents as ops
from kyojo_desk.gui.prompts import ask_yes_no
from kyojo_desk.gui.roles import require_coordinator
from kyojo_desk.gui.widgets import hint_label, primary_button, title_label
from kyojo_desk.records.resident import Resident
from kyojo_desk.store.districts import District


class ResidentsPage(QWidget):
    title = QT_TRANSLATE_NOOP("ResidentsPage", "住民をさがす・登録")
    import_finished = Signal()  # a roster import (or its trial) ended: done, failed or cancelled

    def __init__(self, desk_context: DeskContext) -> None:
        super().__init__()
        self.desk_context = desk_context
        # While a roster import (or its trial) runs: the event that cancels it.
        self.import_cancel: threading.Event | None = None
        self.import_progress: QProgressDialog | None = None  # its progress bar, meanwhile
        self.closing_after_import = False  # the window waits for the import, then closes
        self.districts: list[District] = []
        self._search_generation = 0
        self.last_query = ""

        self.search_box = QLineEdit(objectName="search")
        self.search_box.setPlaceholderText(self.tr("お名前・ふりがな・電話番号の下4けた"))
        self.search_box.setAccessibleName(self.tr("住民をさがす"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self.search)
        self.search_box.returnPressed.connect(self._open_first)

        self.model = ResidentTableModel()
        self.table = QTableView(objectName="results")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("さがした結果"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Row height follows the text size, so 200 % text is never squeezed.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(
            lambda index: self.open_resident(self.model.resident_at(index.row()).id)
        )
        self.table.activated.connect(
            lambda index: self.open_resident(self.model.resident_at(index.row()).id)
        )

        self.count_label = hint_label("")
        self.register_button = primary_button(self.tr("新しく登録する"))
        self.register_button.setObjectName("register")
        self.register_button.clicked.connect(self.register_new)
        self.edit_button = QPushButton(self.tr("開く・直す"))
        self.edit_button.setObjectName("edit")
        self.edit_button.clicked.connect(self._edit_selected)
        self.merge_button = QPushButton(self.tr("同じ人をまとめる"))
        self.merge_button.setObjectName("merge")
        self.merge_button.setToolTip(self.tr("2人を選んで押してください（コーディネーター用）"))
        self.merge_button.clicked.connect(self._merge_selected)
        # Roster import/export are occasional: one button with a menu keeps the row short at 200 %.
        self.roster_button = QPushButton(self.tr("名簿（CSV）"))
        self.roster_button.setObjectName("roster")
        self.roster_button.setAccessibleName(self.tr("名簿の取り込みと書き出し"))
        roster_menu = QMenu(self.roster_button)
        self.import_action = roster_menu.addAction(
            self.tr("Excelの名簿を取り込む…"), self.import_roster
        )
        self.export_action = roster_menu.addAction(self.tr("名簿を書き出す…"), self.export_roster)
        self.roster_button.setMenu(roster_menu)
        self.rights_button = QPushButton(self.tr("本人の権利"))
        self.rights_button.setObjectName("rights")
        self.rights_button.setAccessibleName(self.tr("開示・同意の撤回・保存期間の見直し"))
        rights_menu = QMenu(self.rights_button)
        self.disclose_action = rights_menu.addAction(
            self.tr("選んだ方の記録を開示する（PDF・CSV）…"), self.disclose_selected
        )
        self.withdraw_action = rights_menu.addAction(
            self.tr("選んだ方の同意を撤回し、記録を消す…"), self.withdraw_selected
        )
        self.retention_action = rights_menu.addAction(
            self.tr("長く利用のない方を見る…"), self.review_retention
        )
        self.rights_button.setMenu(rights_menu)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.register_new)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.focus_first)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("さがす")))
        top.addWidget(self.search_box, 1)
        top.addWidget(self.register_button)
        # Wraps onto a second line when the text is large (200 %) or the language longer.
        actions = flow_row(
            self.edit_button, self.merge_button, self.rights_button, self.roster_button
        )
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr(self.title)))
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addLayout(actions)
        self.setTabOrder(self.search_box, self.register_button)
        self.setTabOrder(self.register_button, self.table)

        desk_context.changes_applied.connect(self._changes_applied)
        self._load_districts()
        self._show_count()

    def focus_first(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    # -- data ---------------------------------------------------------------------------------

    def _load_districts(self) -> None:
        def loaded(districts: list[District]) -> None:
            self.districts = districts
            self.model.set_district_names({d.code: d.name for d in districts})

        ops.list_districts(parent=self).success(loaded).run_in_background()

    def _show_count(self) -> None:
        ops.count_residents(parent=self).success(
            lambda n: (
                self.count_label.setText(
                    self.tr("登録されている方：{n}人　（さがすと一覧に出ます）").format(n=n)
                )
                if not self.last_query
                else None
            )
        ).run_in_background()

    def search(self, text: str) -> None:
        """Search as you type; an answer to an older keystroke is dropped."""
        self.last_query = text.strip()
        self._search_generation += 1
        generation = self._search_generation
        if not self.last_query:
            self.model.set_residents([])
            self._show_count()
            return

        def found(residents: list[Resident]) -> None:
            if generation != self._search_generation:
                return
            self.model.set_residents(residents)
            ops.shared_with_city(parent=self, resident_ids=[r.id for r in residents]).success(
                self.model.set_shared
            ).run_in_background()
            self.count_label.setText(
                self.tr("{value}人 見つかりました").format(value=len(residents))
                if residents
                else self.tr("見つかりません。ふりがなでも さがせます。")
            )
            if residents:
                self.table.selectRow(0)

        ops.search_residents(parent=self, query=self.last_query).success(found).run_in_background()

    def _changes_applied(self, changes: Changes) -> None:
        if changes.touches("districts"):
            self._load_districts()
        if changes.touches("residents"):
            self.search(self.search_box.text())

    # -- actions ------------------------------------------------------------------------------

    def _selected(self) -> list[Resident]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.resident_at(row) for row in rows]

    def _open_first(self) -> None:
        if self.model.rowCount() == 1:
            self.open_resident(self.model.resident_at(0).id)
        elif self.model.rowCount() > 1:
            self.table.setFocus()

    def _edit_selected(self) -> None:
        selected = self._selected()
        if selected:
            self.open_resident(selected[0].id)

    def register_new(self) -> ResidentDialog:
        dialog = ResidentDialog(self.districts, witness=self.desk_context.user.name, parent=self)
        # A search that found nobody is usually the new person's name: start the form with it.
        prefill = self.search_box.text().strip() if self.model.rowCount() == 0 else ""
        if prefill and not any(ch.isdigit() for ch in prefill):
            from kyojo_desk.text.fold import is_kana_reading

            target = "family_reading" if is_kana_reading(prefill) else "family_name"
            dialog.inputs[target].setText(prefill)

        def save(values: dict, consent, allow_duplicate: bool) -> None:
            ops.register_resident(
                parent=self, values=values, consent=consent, allow_duplicate=allow_duplicate
            ).success(lambda resident: self._registered(dialog, resident)).failure(
                dialog.save_failed
            ).run_in_background()

        dialog.save_requested.connect(save)
        dialog.open_existing_requested.connect(self.open_resident)
        dialog.open()
        return dialog

    def _registered(self, dialog: ResidentDialog, resident: Resident) -> None:
        dialog.saved()
        self.search_box.setText(resident.full_reading.replace(self.tr("　"), ""))

    def open_resident(self, resident_id: str) -> None:
        def loaded(result: tuple[Resident, list]) -> None:
            resident, consents = result
            if resident.merged_into:
                self.open_resident(resident.merged_into)
                return
            scopes = {
                scope
                for consent in consents
                if not consent.withdrawn_on
                for scope in consent.scopes
            }
            dialog = ResidentDialog(
                self.districts, resident=resident, parent=self, consent_scopes=scopes
            )

            def save(values: dict, _consent, _allow: bool) -> None:
                ops.update_resident(parent=self, resident_id=resident.id, changes=values).success(
                    lambda _r: dialog.saved()
                ).failure(dialog.save_failed).run_in_background()

            dialog.save_requested.connect(save)
            dialog.consent_change_requested.connect(lambda: self.change_consent(dialog, resident))
            self.open_dialog = dialog
            dialog.open()

        ops.load_resident(
            parent=self, resident_id=resident_id, viewer=self.desk_context.user.name
        ).success(loaded).run_in_background()

    def change_consent(self, dialog: ResidentDialog, resident: Resident) -> None:
        """Add or withdraw one consent scope of the person open in `dialog` (coordinator)."""
        if not require_coordinator(dialog, self.tr("同意の項目を変える")):
            return
        change = ConsentChangeDialog(resident.full_name, dialog.consent_scopes, parent=dialog)
        # Deleted once closed; it may close while the change is being written.
        closed: list[bool] = []
        change.finished.connect(lambda _result: (closed.append(True), change.deleteLater()))

        def requested(add: list[str], remove: list[str], witness: str, method: str) -> None:
            def done(scopes: list[str]) -> None:
                dialog.show_consent(scopes)
                if not closed:
                    change.changed(scopes)

            def failed(error: BaseException) -> None:
                if not closed:
                    change.change_failed(error)
                else:
                    show_error(parent=self, error=error)

            ops.change_consent(
                parent=self,
                resident_id=resident.id,
                add=add,
                remove=remove,
                witness=witness,
                method=method,
                by=self.desk_context.user.name,
            ).success(done).failure(failed).run_in_background()

        change.change_requested.connect(requested)
        self.consent_dialog = change
        change.open()

    def _merge_selected(self) -> None:
        # What to choose first, the PIN after: nobody should type a PIN only to hear that two
        # people must be chosen.
        selected = self._selected()
        if len(selected) != 2:
            from kyojo_desk.gui.prompts import show_message

            show_message(
                self,
                self.tr("同じ人をまとめる"),
                self.tr("一覧で2人を選んでから押してください（Ctrlキーを押しながらクリック）。"),
            )
            return
        if not require_coordinator(self, self.tr("同じ人をまとめる")):
            return
        dialog = MergeDialog(*selected, parent=self)
        if not dialog.exec():
            return
        keep_id, other_id = dialog.keep_and_other()
        if not ask_yes_no(
            self,
            self.tr("確認"),
            self.tr("2つの記録を1つにまとめます。よろしいですか。"),
            yes=self.tr("まとめる"),
            no=self.tr("やめる"),
        ):
            return
        ops.merge_residents(
            parent=self, keep_id=keep_id, other_id=other_id, by=self.desk_context.user.name
        ).run_in_background()

    # -- roster CSV ---------------------------------------------------------------------------

    def import_roster(self) -> None:
        """Try the file first (nothing written), show what would happen, then import on yes."""
        if not require_coordinator(self, self.tr("名簿の取り込み")):
            return
        path = prompts.choose_open_path(
            self,
            self.tr("取り込む名簿（CSV）を選ぶ"),
            self.tr("名簿ファイル (*.csv *.txt);;すべて (*)"),
        )
        if not path:
            return
        rejects = str(Path(path).with_name(Path(path).stem + self.tr("_取り込めなかった行.csv")))
        witness = self.desk_context.user.name

        def tried(report) -> None:
            if self.closing_after_import:  # the window is closing: do not start the import
                return
            text = self.tr("取り込める方：{imported}人\n取り込めない行：{rejected_count}行").format(
                imported=report.imported, rejected_count=report.rejected_count
            )
            if report.repaired:
                # What Excel had changed and was read back: shown so a person can check it.
                text += self.tr("\n\nExcelが変えていた所を直して読んだ行：{count}行").format(
                    count=len(report.repaired)
                )
                text += "\n" + "\n".join(
                    self.tr("{row_number}行目：{reason}").format(
                        row_number=r.row_number, reason=shown(r.reason)
                    )
                    for r in report.repaired[:5]
                )
            if report.rejected:
                text += "\n\n" + "\n".join(
                    self.tr("{row_number}行目：{reason}").format(
                        row_number=r.row_number, reason=shown(r.reason)
                    )
                    for r in report.rejected[:5]
                )
                if report.rejected_count > 5:
                    text += self.tr("\n…ほか{value}行").format(value=report.rejected_count - 5)
                text += self.tr(
                    "\n\n取り込めない行は次のファイルに書き出します：\n{rejects}"
                ).format(rejects=rejects)
            if report.imported == 0:
                prompts.show_message(
                    self, self.tr("名簿の取り込み"), text + self.tr("\n\n取り込める方がいません。")
                )
                return
            if not report.looks_like_a_roster and not prompts.ask_yes_no(
                self,
                self.tr("名簿ではないようです"),
                self.tr(
                    "取り込めない行のほうが多いため、このファイルは住民の名簿ではないようです。"
                    "ファイルをたしかめてください。"
                )
                + "\n\n"
                + text,
                yes=self.tr("名簿にまちがいない（取り込みへ進む）"),
                no=self.tr("やめる"),
            ):
                return
            if prompts.ask_yes_no(
                self,
                self.tr("名簿の取り込み"),
                text + self.tr("\n\n取り込みますか。"),
                yes=self.tr("取り込む"),
                no=self.tr("やめる"),
            ):
                self._run_import(path, False, rejects, witness, done)

        def done(report) -> None:
            self.last_import = report
            if self.closing_after_import:  # the window closes now; the audit log has the import
                return
            prompts.show_message(
                self,
                self.tr("名簿の取り込み"),
                self.tr("{imported}人を登録しました。取り込めない行：{rejected_count}行").format(
                    imported=report.imported, rejected_count=report.rejected_count
                ),
            )

        self._run_import(path, True, None, witness, tried)

    def import_running(self) -> bool:
        return self.import_cancel is not None

    def cancel_import(self) -> None:
        """Stop the running import; it is rolled back (nothing of it is written)."""
        if self.import_cancel is not None:
            self.import_cancel.set()

    def _run_import(
        self, path: str, dry_run: bool, rejects: str | None, witness: str, then
    ) -> None:
        from kyojo_desk.gui.errors import show_error
        from kyojo_desk.store.roster_csv import ImportCancelled, ImportProgress

        cancel = threading.Event()
        self.import_cancel = cancel
        # A large file takes a while: a progress bar that can stop it, and a busy cursor.
        progress = ImportProgress()
        dialog = QProgressDialog(
            self.tr("名簿を読んでいます…") if dry_run else self.tr("名簿を取り込んでいます…"),
            self.tr("やめる"),
            0,
            0,
            self,
        )
        dialog.setObjectName("import_progress")
        dialog.setWindowTitle(self.tr("名簿の取り込み"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(cancel.set)
        self.import_progress = dialog
        poll = QTimer(dialog, interval=100)

        def show_progress() -> None:
            if progress.total:
                dialog.setMaximum(progress.total)
                dialog.setValue(min(progress.done, progress.total - 1))

        poll.timeout.connect(show_progress)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        poll.start()
        dialog.show()

        def ended() -> None:
            poll.stop()
            QApplication.restoreOverrideCursor()
            dialog.canceled.disconnect(cancel.set)
            dialog.hide()
            dialog.deleteLater()
            self.import_progress = None
            self.import_cancel = None
            self.import_finished.emit()

        def succeeded(report) -> None:
            ended()
            then(report)

        def failed(error: BaseException) -> None:
            ended()
            if not isinstance(error, ImportCancelled):
                show_error(parent=self, error=error)
            elif not self.closing_after_import:  # stopped with the progress bar's やめる
                prompts.show_message(self, self.tr("名簿の取り込み"), shown(error.message))

        ops.import_roster(
            parent=self,
            path=path,
            dry_run=dry_run,
            rejects_path=rejects,
            witness=witness,
            cancel=cancel,
            progress=progress,
        ).success(succeeded).failure(failed).run_in_background()

    def export_roster(self) -> None:
        if not require_coordinator(self, self.tr("名簿の書き出し")):
            return
        path = prompts.choose_save_path(
            self, self.tr("名簿を書き出す"), self.tr("住民名簿.csv"), self.tr("CSVファイル (*.csv)")
        )
        if not path:
            return
        ops.export_roster(parent=self, path=path, by=self.desk_context.user.name).success(
            lambda count: prompts.show_message(
                self,
                self.tr("名簿を書き出す"),
                self.tr("{count}人分を書き出しました。\n{path}").format(count=count, path=path),
            )
        ).run_in_background()

    # -- a resident's rights --------------------------------------------------------------------

    def _one_selected(self, action: str) -> Resident | None:
        selected = self._selected()
        if len(selected) != 1:
            prompts.show_message(self, action, self.tr("一覧で1人を選んでから押してください。"))
            return None
        return selected[0]

    def disclose_selected(self) -> None:
        resident = self._one_selected(self.tr("記録の開示"))
        if resident is None or not require_coordinator(self, self.tr("記録の開示")):
            return
        folder = prompts.choose_folder(self, self.tr("開示する書類を保存する場所"))
        if not folder:
            return
        ops.export_person(
            parent=self, resident_id=resident.id, folder=folder, by=self.desk_context.user.name
        ).success(
            lambda paths: prompts.show_message(
                self,
                self.tr("記録の開示"),
                self.tr("次のファイルを作りました。\n") + "\n".join(str(p) for p in paths),
            )
        ).run_in_background()

    def withdraw_selected(self) -> None:
        resident = self._one_selected(self.tr("同意の撤回"))
        if resident is None or not require_coordinator(self, self.tr("同意の撤回")):
            return
        if not prompts.ask_yes_no(
            self,
            self.tr("同意の撤回"),
            self.tr(
                "{full_name} さんの同意を撤回し、この方の記録をすべて消します。\n市のサーバーやほかの端末からも消えます。元に戻せません。よろしいですか。"
            ).format(full_name=resident.full_name),
            yes=self.tr("撤回して消す"),
            no=self.tr("やめる"),
        ):
            return
        ops.withdraw_consent(
            parent=self, resident_id=resident.id, by=self.desk_context.user.name
        ).run_in_background()

    def review_retention(self) -> None:
        if not require_coordinator(self, self.tr("保存期間の見直し")):
            return
        years = 3

        def found(candidates) -> None:
            self.last_retention = candidates
            if not candidates:
                text = self.tr("{years}年以上利用のない方はいません。").format(years=years)
            else:
                lines = [
                    self.tr("{name}（最後の記録：{year}年{month}月）").format(
                        name=c.name, year=c.last_activity.year, month=c.last_activity.month
                    )
                    for c in candidates[:30]
                ]
                more = (
                    self.tr("\n…ほか{value}人").format(value=len(candidates) - 30)
                    if len(candidates) > 30
                    else ""
                )
                text = (
                    self.tr("{years}年以上利用のない方：{value}人\n\n").format(
                        years=years, value=len(candidates)
                    )
                    + "\n".join(lines)
                    + more
                )
                text += self.tr("\n\n続けて記録を残すか、ご本人に確かめてから決めてください。")
            prompts.show_message(self, self.tr("保存期間の見直し"), text)

        ops.retention_review(parent=self, years=years).success(found).run_in_background()
