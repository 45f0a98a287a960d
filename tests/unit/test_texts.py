"""Texts marked for translation read as plain Japanese to the domain, the CLI and the printers."""

from __future__ import annotations

import json
import pickle

from kyojo_desk.errors import ValidationError
from kyojo_desk.texts import N_, Message, message


def test_marker_returns_the_text_unchanged():
    assert N_("受付しました") == "受付しました"


def test_message_reads_as_the_filled_template_and_keeps_both():
    made = message("{count}人を受付しました（{time}）", count=3, time="10:32")
    assert made == "3人を受付しました（10:32）"
    assert isinstance(made, str) and isinstance(made, Message)
    assert made.template == "{count}人を受付しました（{time}）"
    assert made.values == {"count": 3, "time": "10:32"}
    assert json.dumps({"m": made}, ensure_ascii=False) == '{"m": "3人を受付しました（10:32）"}'


def test_message_survives_pickling_with_its_template():
    made = pickle.loads(pickle.dumps(message("{n}行目", n=4)))
    assert made == "4行目" and made.template == "{n}行目" and made.values == {"n": 4}


def test_validation_errors_carry_messages_unchanged():
    error = ValidationError("phone", message("{digits}桁の番号は使えません。", digits=5))
    assert error.message == "5桁の番号は使えません。"
    assert error.errors["phone"].template == "{digits}桁の番号は使えません。"
