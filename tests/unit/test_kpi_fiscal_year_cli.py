"""`kpi --fiscal-year`, `event add --led-by` and `app-figure` as scripts use them."""

from __future__ import annotations

import json
import subprocess
import sys

from kyojo_desk.records.help import CONCIERGE_COURSE
from kyojo_desk.store import Store


def run(data_dir, *args):
    return subprocess.run(
        [sys.executable, "-m", "kyojo_desk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_fiscal_year_from_the_command_line(data_dir):
    with Store.open(data_dir / "kyojo.db") as store:
        leader = store.add_volunteer("山田 一郎", "やまだ いちろう", ["concierge"])
        store.record_training(leader.id, CONCIERGE_COURSE, "2025-04-10")
    for day in ("2025-05-01", "2026-03-31", "2026-04-01"):  # FY2025, FY2025, FY2026
        added = run(
            data_dir, "event", "add", "--title", "サロン", "--starts", f"{day}T10:00",
            "--led-by", leader.id, "--json",
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
        assert json.loads(added.stdout)["led_by"] == leader.id
    unknown = run(data_dir, "event", "add", "--title", "会", "--starts", "2025-05-01T10:00",
                  "--led-by", "nobody")  # fmt: skip
    assert unknown.returncode != 0 and "ボランティアの名簿" in unknown.stderr

    entered = run(data_dir, "app-figure", "set", "2026-03", "12", "--source", "月報", "--json")
    assert entered.returncode == 0, entered.stderr
    assert json.loads(entered.stdout)["count"] == 12
    refused = run(data_dir, "app-figure", "set", "2026-3x", "many", "--source", "月報")
    assert refused.returncode != 0 and "2026-05" in refused.stderr
    listed = run(data_dir, "app-figure", "list", "--json")
    assert [f["month"] for f in json.loads(listed.stdout)] == ["2026-03"]

    result = run(data_dir, "kpi", "--fiscal-year", "2025", "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["period"]["from"] == "2025-04-01" and figures["period"]["to"] == "2026-03-31"
    assert figures["fiscal_year"] == 2025
    assert figures["volunteer_led_events"] == 2 and figures["volunteers_trained"] == 1
    assert figures["aid_matches_total"] == 12
    assert figures["cumulative"]["volunteer_led_events"] == {
        "value": 2,
        "target": 30,
        "plan_target": 54,
    }
    same = run(data_dir, "kpi", "--from", "2025-04-01", "--to", "2026-03-31", "--json")
    assert json.loads(same.stdout) == figures
    text = run(data_dir, "kpi", "--fiscal-year", "2025")
    assert "年度 2025" in text.stdout and "(target 18)" in text.stdout

    both = run(data_dir, "kpi", "--fiscal-year", "2025", "--from", "2025-04-01")
    assert both.returncode != 0 and "not both" in both.stderr
    neither = run(data_dir, "kpi", "--from", "2025-04-01")
    assert neither.returncode != 0 and "--fiscal-year" in neither.stderr
