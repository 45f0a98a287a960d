"""The first start of a desk: the centre, its districts, the coordinator PIN, the city's server
and practice data — one calm page at a time. Nothing is written until 「完了」."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from kyojo_desk.gui.errors import error_text
from kyojo_desk.gui.widgets import AsksBeforeDiscarding, error_label, hint_label, title_label
from kyojo_desk.store.districts import District


@dataclass
class FirstRunAnswers:
    centre_name: str
    centre_phone: str
    districts: list[District]
    pin: str
    server_url: str = ""
    enrol_code: str = ""
    load_demo: bool = False
    problems: list[str] = field(default_factory=list)


class CentrePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("センターの名前と電話番号"))
        self.setSubTitle(self.tr("会員カードに印刷されます。"))
        self.name = QLineEdit(objectName="centre_name")
        self.name.setAccessibleName(self.tr("センターの名前"))
        self.name.setPlaceholderText(self.tr("例：上野原市 コミュニティセンター"))
        self.phone = QLineEdit(objectName="centre_phone")
        self.phone.setAccessibleName(self.tr("センターの電話番号"))
        self.phone.setPlaceholderText(self.tr("例：0554-62-3111"))
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("センターの名前")))
        layout.addWidget(self.name)
        layout.addWidget(QLabel(self.tr("電話番号")))
        layout.addWidget(self.phone)
        layout.addWidget(self.error)
        self.name.textChanged.connect(lambda: self.completeChanged.emit())

    def isComplete(self) -> bool:  # noqa: N802 (Qt name)
        return bool(self.name.text().strip())

    def validatePage(self) -> bool:  # noqa: N802 (Qt name)
        from kyojo_desk.errors import ValidationError
        from kyojo_desk.text.phone import normalize_phone

        try:
            self.phone.setText(normalize_phone(self.phone.text()))
        except ValidationError as error:
            self.error.setText(error_text(error))
            self.error.show()
            return False
        self.error.hide()
        return True


class DistrictsPage(QWizardPage):
    def __init__(self, districts: list[District]) -> None:
        super().__init__()
        self.setTitle(self.tr("地区の一覧"))
        self.setSubTitle(self.tr("住民の登録で選ぶ地区です。あとで直すこともできます。"))
        self.table = QTableWidget(0, 3, objectName="districts")
        self.table.setHorizontalHeaderLabels(
            [self.tr("番号"), self.tr("地区の名前"), self.tr("よみ")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("地区の一覧"))
        for district in districts:
            self.add_row(district)
        add = QPushButton(self.tr("行を足す"))
        add.clicked.connect(lambda: self.add_row(District("", "")))
        remove = QPushButton(self.tr("選んだ行を消す"))
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        self.error = error_label()
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)

    def add_row(self, district: District) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, value in enumerate((district.code, district.name, district.reading)):
            self.table.setItem(row, column, QTableWidgetItem(value))

    def districts(self) -> list[District]:
        result = []
        for row in range(self.table.rowCount()):
            cells = [
                (self.table.item(row, c).text().strip() if self.table.item(row, c) else "")
                for c in range(3)
            ]
            if any(cells):
                result.append(District(cells[0], cells[1], cells[2], row + 1))
        return result

    def validatePage(self) -> bool:  # noqa: N802 (Qt name)
        districts = self.districts()
        codes = [d.code for d in districts]
        if not districts or any(not d.code or not d.name for d in districts):
            self.error.setText(self.tr("どの行にも番号と地区の名前を入れてください（1行以上）。"))
        elif len(set(codes)) != len(codes):
            self.error.setText(self.tr("同じ番号の地区があります。"))
        else:
            self.error.hide()
            return True
        self.error.show()
        return False


class PinPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("コーディネーターのPIN"))
        self.setSubTitle(self.tr("名簿の書き出しや記録のまとめなど、大事な操作の前に聞かれます。"))
        self.pin = QLineEdit(objectName="pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName("PIN")
        self.repeat = QLineEdit(objectName="pin_repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(self.tr("PIN（もう一度）"))
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("PIN（4〜8けたの数字）")))
        layout.addWidget(self.pin)
        layout.addWidget(QLabel(self.tr("もう一度")))
        layout.addWidget(self.repeat)
        layout.addWidget(self.error)

    def validatePage(self) -> bool:  # noqa: N802 (Qt name)
        pin = self.pin.text().strip()
        if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
            self.error.setText(self.tr("PINは4〜8けたの数字にしてください。"))
        elif pin != self.repeat.text().strip():
            self.error.setText(self.tr("2回の入力が同じではありません。"))
        else:
            self.error.hide()
            return True
        self.error.show()
        return False


class ServerPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("市のサーバーとつなぐ（あとでもできます）"))
        self.setSubTitle(
            self.tr(
                "市から受け取ったサーバーのアドレスと登録コードを入れます。なければ空のまま「次へ」。"
            )
        )
        self.url = QLineEdit(objectName="server_url")
        self.url.setAccessibleName(self.tr("サーバーのアドレス"))
        self.url.setPlaceholderText(self.tr("例：https://kyojo.city.example.jp"))
        self.code = QLineEdit(objectName="enrol_code")
        self.code.setAccessibleName(self.tr("登録コード"))
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("サーバーのアドレス")))
        layout.addWidget(self.url)
        layout.addWidget(QLabel(self.tr("登録コード")))
        layout.addWidget(self.code)
        layout.addWidget(self.error)

    def validatePage(self) -> bool:  # noqa: N802 (Qt name)
        if bool(self.url.text().strip()) != bool(self.code.text().strip()):
            self.error.setText(
                self.tr("アドレスと登録コードの両方を入れるか、両方とも空にしてください。")
            )
            self.error.show()
            return False
        self.error.hide()
        return True


class DemoPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("練習用のデータ"))
        self.demo = QCheckBox(
            self.tr("練習用の住民（300人、架空の人）を入れる"), objectName="load_demo"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                self.tr(
                    "操作の練習に使えます。練習用のデータが入っている間は、画面の上にそのことが表示されます。"
                    "「練習用データを消す」ボタンで、いつでも全部消せます。"
                )
            )
        )
        layout.addWidget(self.demo)
        layout.addStretch(1)


class FirstRunWizard(AsksBeforeDiscarding, QWizard):
    """Collects the answers; the caller writes them (see `answers()`)."""

    def __init__(self, default_districts: list[District], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("共助デスクをはじめる"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("次へ"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("もどる"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完了"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("あとで"))
        self.centre = CentrePage()
        self.districts_page = DistrictsPage(default_districts)
        self.pin_page = PinPage()
        self.server = ServerPage()
        self.demo_page = DemoPage()
        pages = (self.centre, self.districts_page, self.pin_page, self.server, self.demo_page)
        for step, page in enumerate(pages, start=1):
            self._put_heading_in_page(page, step, len(pages))
            self.addPage(page)
        scale = max(1.0, self.fontMetrics().height() / 20)  # grows with the text size
        self.resize(int(760 * scale), int(620 * scale))

    def _put_heading_in_page(self, page: QWizardPage, step: int, steps: int) -> None:
        """The page's title (with the step, 「1/5」) as a large label and its explanation as a
        wrapped hint, both inside the page: QWizard's own header has a fixed height that cut
        long titles off and drew them smaller than their explanation."""
        title, explanation = page.title(), page.subTitle()
        page.setTitle("")
        page.setSubTitle("")
        heading = title_label(
            self.tr("{step}/{steps}　{title}").format(step=step, steps=steps, title=title)
        )
        heading.setObjectName("step_title")
        heading.setWordWrap(True)
        layout = page.layout()
        layout.insertWidget(0, heading)
        if explanation:
            layout.insertWidget(1, hint_label(explanation))

    def answers(self) -> FirstRunAnswers:
        return FirstRunAnswers(
            centre_name=self.centre.name.text().strip(),
            centre_phone=self.centre.phone.text().strip(),
            districts=self.districts_page.districts(),
            pin=self.pin_page.pin.text().strip(),
            server_url=self.server.url.text().strip(),
            enrol_code=self.server.code.text().strip(),
            load_demo=self.demo_page.demo.isChecked(),
        )
