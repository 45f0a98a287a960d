"""The desk window: navigation on the left, one page at a time on the right, status below."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kyojo_desk.gui.context import DeskContext
from kyojo_desk.gui.i18n import configured_language
from kyojo_desk.gui.idle_lock import IdleLock
from kyojo_desk.gui.pages import PAGE_CLASSES
from kyojo_desk.gui.screen_fit import fit_to_screen
from kyojo_desk.gui.sounds import SETTING as SOUND_SETTING
from kyojo_desk.gui.sync_status_bar import SyncStatusBar
from kyojo_desk.gui.theme import apply_theme


class MainWindow(QMainWindow):
    """One desk window over one DeskContext."""

    def __init__(self, desk_context: DeskContext) -> None:
        super().__init__()
        self.desk_context = desk_context
        self.setWindowTitle(self.tr("共助デスク"))
        self.navigation = QListWidget(objectName="navigation")
        self.navigation.setAccessibleName(self.tr("ページの切りかえ"))
        self.stack = QStackedWidget()
        self.pages: list[QWidget] = []
        for page_class in PAGE_CLASSES:
            page = page_class(desk_context)
            page.setParent(self.stack)
            self.pages.append(page)
            self.stack.addWidget(page)
            self.navigation.addItem(page.tr(page.title))
        self.navigation.setFixedWidth(self.navigation.sizeHintForColumn(0) + 48)
        self.navigation.currentRowChanged.connect(self._show_page)
        self.demo_banner = self._build_demo_banner()
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.navigation)
        body.addWidget(self.stack, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.demo_banner)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)
        self.status_message = QLabel()
        self.statusBar().addWidget(self.status_message, 1)
        self.sync_status = SyncStatusBar(desk_context)
        self.statusBar().addPermanentWidget(self.sync_status)
        self._build_menu()
        desk_context.text_scale_changed.connect(self._rescale)
        self.navigation.setCurrentRow(0)
        self.idle_lock = IdleLock(desk_context, self)
        self.refresh_demo_banner()
        geometry = desk_context.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            scale = desk_context.text_scale() / 100
            # As wide as a 1366×768 laptop's screen (the commonest at community centres); the
            # screen filter shrinks it to smaller screens.
            self.resize(round(1366 * scale), round(800 * scale))
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """Keep the window inside its screen (a remembered size may be from a larger one)."""
        fit_to_screen(self)

    def _build_demo_banner(self) -> QWidget:
        """A band across the top while practice data is in the desk, with the way to remove it."""
        banner = QWidget(objectName="demo_banner")
        label = QLabel(self.tr("練習用データが入っています（架空の住民です）"))
        label.setStyleSheet("font-weight: bold;")  # body size: the band takes little height
        remove = QPushButton(self.tr("練習用データを消す"), objectName="remove_demo")
        remove.clicked.connect(self.remove_demo)
        row = QHBoxLayout(banner)
        row.setContentsMargins(8, 2, 8, 2)
        row.addWidget(QLabel("⚠"))
        row.addWidget(label, 1)
        row.addWidget(remove)
        banner.setStyleSheet("#demo_banner { border-bottom: 3px dashed #b00020; }")
        banner.hide()
        self.desk_context.changes_applied.connect(lambda _changes: self.refresh_demo_banner())
        return banner

    def refresh_demo_banner(self) -> None:
        def shown(flag: str | None) -> None:
            self.demo_banner.setVisible(flag == "1")

        self.desk_context.taskman.run_on_db(
            lambda store: store.get_meta("demo_data"), shown, lambda _error: None
        )

    def remove_demo(self) -> None:
        from kyojo_desk.gui.prompts import ask_yes_no
        from kyojo_desk.gui.roles import require_coordinator

        if not require_coordinator(self, self.tr("練習用データを消す")):
            return
        if not ask_yes_no(
            self,
            self.tr("練習用データを消す"),
            self.tr("練習用の住民をすべて消します。よろしいですか。"),
        ):
            return
        from kyojo_desk.demo import remove_demo
        from kyojo_desk.gui.ops.base import Operation

        Operation(
            parent=self, work=remove_demo, changes=("residents", "consents")
        ).run_in_background()

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("設定"))
        text_size = QAction(self.tr("文字の大きさ・見やすさ…"), self)
        text_size.setShortcut(QKeySequence("Ctrl+,"))
        text_size.triggered.connect(self.open_settings)
        menu.addAction(text_size)
        for index, _page in enumerate(self.pages[:9]):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Alt+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.navigation.setCurrentRow(i))
            self.addAction(action)

    def open_settings(self) -> None:
        from kyojo_desk.gui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.desk_context.text_scale(),
            self.desk_context.high_contrast(),
            parent=self,
            language=configured_language(self.desk_context.settings),
            reception_sound=str(self.desk_context.settings.value(SOUND_SETTING, "false")).lower()
            == "true",
        )
        if dialog.exec():
            self.desk_context.settings.setValue(
                SOUND_SETTING, "true" if dialog.reception_sound() else "false"
            )
            self.desk_context.set_language(dialog.chosen_language())
            self.desk_context.settings.setValue(
                "display/high_contrast", "true" if dialog.high_contrast() else "false"
            )
            self.desk_context.set_text_scale(dialog.text_scale())

    def page(self, page_class: type) -> QWidget:
        """The page of a class (tests and shortcuts)."""
        return next(p for p in self.pages if isinstance(p, page_class))

    def show_page(self, page_class: type) -> QWidget:
        page = self.page(page_class)
        self.navigation.setCurrentRow(self.pages.index(page))
        return page

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        page = self.pages[row]
        focus = getattr(page, "focus_first", None)
        if callable(focus):
            focus()

    def _rescale(self, percent: int) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, percent, self.desk_context.high_contrast())
        self.navigation.setFixedWidth(self.navigation.sizeHintForColumn(0) + 48)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if self._import_holds_the_close() or self._unsaved_input_holds_the_close():
            event.ignore()
            return
        self.desk_context.settings.setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)

    def _import_holds_the_close(self) -> bool:
        """While a roster import runs, closing asks whether to wait for it or cancel it (it is
        then rolled back); either way the window closes once the import has ended."""
        from kyojo_desk.gui.pages.residents_page import ResidentsPage
        from kyojo_desk.gui.prompts import ask_yes_no

        page = self.page(ResidentsPage)
        if not page.import_running():
            return False
        if page.closing_after_import:  # asked already; still waiting
            return True
        cancel = ask_yes_no(
            self,
            self.tr("名簿の取り込み中です"),
            self.tr(
                "名簿の取り込みが終わっていません。\n"
                "取り込みをやめると、この名簿からは だれも登録されません。\n"
                "終わるまで待つと、終わってから画面を閉じます。"
            ),
            yes=self.tr("取り込みをやめる"),
            no=self.tr("終わるまで待つ"),
        )
        page.closing_after_import = True
        if cancel:
            page.cancel_import()
            self.statusBar().showMessage(self.tr("取り込みをやめています。終わったら閉じます。"))
        else:
            self.statusBar().showMessage(self.tr("取り込みが終わったら閉じます。"))
        page.import_finished.connect(self._close_after_import)
        if not page.import_running():  # it ended while the question was open
            QTimer.singleShot(0, self._close_after_import)
        return True

    def _unsaved_input_holds_the_close(self) -> bool:
        """Closing the window with a form on a page typed but not saved (a request, a help
        session, a partner, a volunteer) asks first, as the dialogs do; keeping it shows the
        first such page."""
        from kyojo_desk.gui.prompts import ask_yes_no

        unsaved = [
            page
            for page in self.pages
            if callable(getattr(page, "unsaved_input", None)) and page.unsaved_input()
        ]
        if not unsaved:
            return False
        names = self.tr("、").join(page.tr(page.title) for page in unsaved)
        close = ask_yes_no(
            self,
            self.tr("保存していない入力"),
            self.tr(
                "次のページに、まだ保存していない入力があります：{pages}\n閉じると、入力した内容は消えます。"
            ).format(pages=names),
            yes=self.tr("消して閉じる"),
            no=self.tr("入力にもどる"),
        )
        if not close:
            self.show_page(type(unsaved[0]))
        return not close

    def _close_after_import(self) -> None:
        QTimer.singleShot(0, self.close)
