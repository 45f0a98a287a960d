"""The command line: help everywhere, one-line errors, the JSON shapes scripts rely on."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from kyojo_desk.cli import build_parser, main


def all_parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield (*path, name), sub
                assert helps.get(name), (
                    f"`{' '.join((*path, name))}` has no help in its parent's list"
                )
                yield from list(all_parsers(sub, (*path, name)))[1:]


def test_every_command_and_option_has_help():
    parsers = list(all_parsers(build_parser()))
    assert len(parsers) > 8
    for path, parser in parsers:
        assert parser.description or parser.format_help(), path
        for action in parser._actions:
            if isinstance(
                action, (argparse._HelpAction, argparse._SubParsersAction, argparse._VersionAction)
            ):
                continue
            assert action.help, f"`{' '.join(path)}` option {action.dest} has no help"


def test_help_runs_for_every_command(capsys):
    for path, _ in all_parsers(build_parser()):
        with pytest.raises(SystemExit) as exited:
            main([*path, "--help"])
        assert exited.value.code == 0


def run(*args, data_dir):
    return subprocess.run(
        [sys.executable, "-m", "kyojo_desk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_demo_search_json_and_resident_set(data_dir):
    assert run("demo", "--residents", "40", "--seed", "3", data_dir=data_dir).returncode == 0
    result = run("search", "あ", "--json", "--limit", "5", data_dir=data_dir)
    assert result.returncode == 0
    found = json.loads(result.stdout)
    assert 0 < len(found) <= 5
    for key in (
        "id",
        "family_name",
        "given_name",
        "family_reading",
        "given_reading",
        "birth_date",
        "district",
        "phone",
        "card_code",
    ):
        assert key in found[0]
    target = found[0]["id"]
    edited = run(
        "resident",
        "set",
        target,
        "phone=０５５４－６２－９９９９",
        "birth_date=S23.3.2",
        data_dir=data_dir,
    )
    assert edited.returncode == 0, edited.stderr
    assert json.loads(edited.stdout)["birth_date"] == "1948-03-02"
    again = json.loads(run("search", "9999", "--json", data_dir=data_dir).stdout)
    assert [r["id"] for r in again] == [target]


def test_errors_are_one_line_and_non_zero(data_dir):
    bad = run("resident", "set", "no-such-id", "phone=0554-62-1111", data_dir=data_dir)
    assert bad.returncode == 1
    assert bad.stderr.strip().startswith("error:") and len(bad.stderr.strip().splitlines()) == 1
    run("demo", "--residents", "3", data_dir=data_dir)
    some_id = json.loads(run("search", "あ", "--json", data_dir=data_dir).stdout or "[]")
    if some_id:
        wrong = run("resident", "set", some_id[0]["id"], "phone=12", data_dir=data_dir)
        assert wrong.returncode == 1 and "電話番号" in wrong.stderr
    missing = run("import", "residents", "/no/such/file.csv", data_dir=data_dir)
    assert missing.returncode == 1 and len(missing.stderr.strip().splitlines()) == 1


def test_import_and_export_commands(data_dir, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_bytes(
        "氏名,ふりがな,生年月日\n高橋 花子,たかはし はなこ,S23.3.2\n悪い 行,,S1.1.1\n".encode(
            "cp932"
        )
    )
    dry = run("import", "residents", str(roster), "--dry-run", data_dir=data_dir)
    assert "would import 1" in dry.stdout and "rejected 1" in dry.stdout
    rejects = tmp_path / "rejects.csv"
    real = run("import", "residents", str(roster), "--rejects", str(rejects), data_dir=data_dir)
    assert "imported 1" in real.stdout and rejects.exists()
    out = tmp_path / "out.csv"
    assert run("export", "residents", "-o", str(out), data_dir=data_dir).returncode == 0
    assert "高橋" in out.read_text(encoding="utf-8-sig")


def test_the_parser_can_be_built_again_and_again():
    # Shared verbs (`export residents`, `export kpi`) must not leak from one parser to the next.
    for _ in range(50):
        parser = build_parser()
        assert parser.parse_args(["export", "residents", "-o", "x.csv"]).output == "x.csv"
        assert parser.parse_args(
            ["export", "kpi", "--from", "2026-01-01", "--to", "2026-01-31", "-o", "k.xlsx"]
        )
