"""The translation catalogue collector reads every kind of marked text from the source."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import update_translations  # noqa: E402

sys.path.pop(0)

SOURCE = """
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from kyojo_desk.texts import N_, message

TITLE = N_("住民")


class Page:
    title = QT_TRANSLATE_NOOP("Page", "受付")

    def build(self):
        self.tr("受付", "how many are checked in")
        self.tr(
            "二行に"
            "わたる文"
        )
        self.tr(some_variable)


def helper(count):
    QCoreApplication.translate("helper", "{count}人", "people")
    return message("{count}行目", count=count)
"""


def test_every_kind_of_marked_text_is_collected(tmp_path):
    package = tmp_path / "kyojo_desk"
    package.mkdir()
    (package / "page.py").write_text(SOURCE, encoding="utf-8")
    texts = update_translations.collect(package).texts
    assert set(texts["kyojo"]) == {("住民", ""), ("{count}行目", "")}
    assert set(texts["Page"]) == {
        ("受付", ""),
        ("受付", "how many are checked in"),
        ("二行にわたる文", ""),
    }
    assert set(texts["helper"]) == {("{count}人", "people")}


def test_a_rendered_catalogue_keeps_translations_and_marks_new_texts(tmp_path):
    package = tmp_path / "kyojo_desk"
    package.mkdir()
    (package / "page.py").write_text(SOURCE, encoding="utf-8")
    catalog = update_translations.collect(package)
    known = {("Page", "受付", "how many are checked in"): "Checked in"}
    rendered = update_translations.render_ts(catalog, "en_GB", known)
    ts_file = tmp_path / "out.ts"
    ts_file.write_text(rendered, encoding="utf-8")
    assert update_translations.read_translations(ts_file) == known
    unfinished = update_translations.unfinished(rendered)
    assert "Page: 受付" in unfinished and len(unfinished) == 5
