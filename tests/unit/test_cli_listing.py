"""The `list` commands print a JSON array with --json and one tab-separated line a record without;
a kind's label falls back to the text a centre typed for a kind of its own."""

from __future__ import annotations

import json

from kyojo_desk.cli import main


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_org_list_as_lines_and_as_json(capsys, data_dir):
    fire = json.loads(run(capsys, "org", "add", "--name", "第3分団", "--kind", "消防団", "--json"))
    lines = run(capsys, "org", "list").splitlines()
    assert lines == [f"{fire['id']}\t消防団\t第3分団\t"]
    assert [o["kind"] for o in json.loads(run(capsys, "org", "list", "--json"))] == ["fire_brigade"]


def add_event(capsys, title: str, kind: str, starts: str) -> str:
    return run(capsys, "event", "add", "--title", title, "--kind", kind, "--starts", starts).strip()


def test_event_list_shows_a_centre_s_own_kind_as_typed(capsys, data_dir):
    own = add_event(capsys, "餅つき会", "餅つき", "2026-12-27 10:00")
    class_id = add_event(capsys, "スマホ", "smartphone_class", "2026-12-01 10:00")
    lines = [line.split("\t") for line in run(capsys, "event", "list").splitlines()]
    assert [(cells[0], cells[2]) for cells in lines] == [(own, "餅つき"), (class_id, "スマホ教室")]
    listed = json.loads(run(capsys, "event", "list", "--json"))
    assert [e["kind"] for e in listed] == ["餅つき", "smartphone_class"]


def test_app_figure_list_as_lines_and_as_json(capsys, data_dir):
    run(capsys, "app-figure", "set", "2026-03", "12", "--source", "月報")
    assert run(capsys, "app-figure", "list").splitlines() == ["2026-03\t12\t月報"]
    assert json.loads(run(capsys, "app-figure", "list", "--json"))[0]["count"] == 12
