"""`volunteer add`, `help log`, `kpi`, `export kpi` as scripts use them."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from openpyxl import load_workbook


def run(data_dir, *args):
    return subprocess.run(
        [sys.executable, "-m", "kyojo_desk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_volunteer_help_and_kpi_commands(data_dir, tmp_path):
    added = run(
        data_dir,
        "volunteer",
        "add",
        "--name",
        "山田 一郎",
        "--reading",
        "やまだ いちろう",
        "--role",
        "concierge",
        "--json",
    )
    assert added.returncode == 0, added.stderr
    volunteer = json.loads(added.stdout)
    assert volunteer["roles"] == ["concierge"]
    logged = run(
        data_dir,
        "help",
        "log",
        "--volunteer",
        volunteer["id"],
        "--topic",
        "LINE",
        "--topic",
        "設定",
        "--minutes",
        "15",
        "--outcome",
        "continue",
        "--follow-up",
        "2030-01-01",
        "--json",
    )
    assert logged.returncode == 0, logged.stderr
    assert json.loads(logged.stdout)["topics"] == ["LINE", "設定"]
    refused = run(
        data_dir,
        "help",
        "log",
        "--volunteer",
        volunteer["id"],
        "--topic",
        "LINE",
        "--minutes",
        "15",
        "--outcome",
        "continue",
    )
    assert refused.returncode == 1 and "次の予定日" in refused.stderr
    today = dt.date.today().isoformat()
    figures = json.loads(run(data_dir, "kpi", "--from", today, "--to", today, "--json").stdout)
    for key in (
        "new_residents",
        "residents_supported",
        "help_sessions",
        "events_held",
        "volunteer_led_events",
        "attendance_total",
        "attendance_unique",
        "first_time_participants",
        "volunteers_trained",
        "aid_matches_completed",
        "open_follow_ups",
    ):
        assert key in figures
    assert figures["help_sessions"] == 1 and figures["open_follow_ups"] == 1
    sheet = tmp_path / "kpi.xlsx"
    assert (
        run(data_dir, "export", "kpi", "--from", today, "--to", today, "-o", str(sheet)).returncode
        == 0
    )
    rows = list(load_workbook(sheet).active.iter_rows(values_only=True))
    assert ("主な数字", "相談の件数", 1) in rows
    bad = run(data_dir, "kpi", "--from", "昨日", "--to", today)
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1
