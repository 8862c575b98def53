"""`planextract diff`: two hand-made editions of the 2018 plan, and their hand-written diff."""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_NAMES, SAMPLES, differences, gold

from extract.cli import build_parser
from extract.diff import (
    DIFF_COLUMNS,
    PlanDiff,
    diff_plans,
    diff_records,
    format_diff,
    load_plan,
    match_actions,
    run,
)
from schemas.plan import Plan

EDITIONS = REPO / "tests" / "fixtures" / "editions"
OLD, NEW = EDITIONS / "old.json", EDITIONS / "new.json"


def expected() -> dict:
    return json.loads((EDITIONS / "expected.json").read_text(encoding="utf-8"))


def parse(*argv: str | Path) -> argparse.Namespace:
    """The arguments as `planextract diff` parses them."""
    return build_parser().parse_args(["diff", *(str(a) for a in argv)])


def edited(change: Callable[[dict], None]) -> Plan:
    """The old edition with `change` applied to its JSON."""
    data = json.loads(OLD.read_text(encoding="utf-8"))
    change(data)
    return Plan.model_validate(data)


def finding(data: dict, number: str) -> dict:
    return next(f for f in data["findings"] if f["number"] == number)


def reletter(actions: list[dict], number: str) -> None:
    for index, action in enumerate(actions, start=1):
        action["index"], action["letter"] = index, "abcdefgh"[index - 1]
        action["id"] = f"{number}{action['letter']}"


def test_old_edition_is_the_gold_and_new_is_a_valid_plan():
    assert json.loads(OLD.read_text(encoding="utf-8")) == gold("rotherham-cyps-improvement-plan-2018")
    assert sum(len(f.actions) for f in load_plan(NEW).findings) == 34 + 2 - 1


def test_diff_of_the_editions_is_the_hand_written_one():
    got = diff_plans(load_plan(OLD), load_plan(NEW)).model_dump(mode="json")
    assert got == expected(), "\n".join(differences(expected(), got))


def test_expected_counts_are_what_the_new_edition_changed():
    diff = PlanDiff.model_validate(expected())
    assert [(name, len(changes)) for name, changes in diff.groups()] == [
        ("findings_added", 1), ("findings_removed", 0), ("actions_added", 2), ("actions_removed", 1),
        ("status_changed", 3), ("due_moved", 3), ("progress_changed", 5),  # 2 texts + the 3 whose status changed
    ]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_a_plan_diffed_with_itself_is_empty(name):
    plan = load_plan(SAMPLES / f"{name}.gold.json")
    diff = diff_plans(plan, plan)
    assert diff.is_empty()
    assert diff_records(diff) == []
    assert format_diff(diff).splitlines()[-1] == "no changes"
    assert len(match_actions(plan, plan)) == sum(len(f.actions) for f in plan.findings)


def test_relettered_actions_are_matched_by_text():
    def drop_3b(data: dict) -> None:  # 3c and 3d become 3b and 3c
        actions = finding(data, "3")["actions"]
        del actions[1]
        reletter(actions, "3")

    def insert_4a(data: dict) -> None:  # a new 4a; 4a..4g become 4b..4h
        actions = finding(data, "4")["actions"]
        actions.insert(0, {**actions[0], "text": "Recruit two further specialist foster carers.", "progress": None})
        reletter(actions, "4")

    old = load_plan(OLD)
    pairs = {(o.action.id, n.action.id) for o, n in match_actions(old, edited(drop_3b))}
    assert {("3a", "3a"), ("3c", "3b"), ("3d", "3c")} <= pairs
    diff = diff_plans(old, edited(drop_3b))
    assert [c.old_id for c in diff.actions_removed] == ["3b"]
    assert diff.actions_added == diff.status_changed == diff.due_moved == diff.progress_changed == []

    pairs = {(o.action.id, n.action.id) for o, n in match_actions(old, edited(insert_4a))}
    assert {(f"4{a}", f"4{b}") for a, b in zip("abcdefg", "bcdefgh")} <= pairs
    diff = diff_plans(old, edited(insert_4a))
    assert [(c.new_id, c.text) for c in diff.actions_added] == [("4a", "Recruit two further specialist foster carers.")]
    assert diff.actions_removed == diff.progress_changed == []


def test_a_reworded_action_keeps_its_letter_and_a_moved_one_is_found_by_text():
    def reword_and_move(data: dict) -> None:
        finding(data, "7")["actions"][0]["text"] = "Co-produce life story work with children in care."
        moved = finding(data, "7")["actions"].pop()  # 7d goes to finding 8 as 8d, with a later date
        moved.update(id="8d", index=4, due={"text": "TBC", "date": None, "precision": None})
        finding(data, "8")["actions"].append(moved)

    diff = diff_plans(load_plan(OLD), edited(reword_and_move))
    assert diff.actions_added == diff.actions_removed == []
    [move] = diff.due_moved
    assert (move.old_id, move.new_id, move.finding_number) == ("7d", "8d", "8")
    assert (move.old, move.new, move.old_date, move.new_date, move.slippage_days) == (
        "January 2019", "TBC", "2019-01-31", None, None,
    )
    assert "  8d (was 7d)  January 2019 -> TBC  Develop performance measures" in format_diff(diff)


def test_format_diff_has_one_line_per_change_grouped():
    text = format_diff(diff_plans(load_plan(OLD), load_plan(NEW)))
    lines = text.splitlines()
    assert lines[:2] == [
        "old  rotherham-cyps-improvement-plan-2018.pdf  (as at October 2018)",
        "new  rotherham-cyps-improvement-plan-2019.pdf  (as at January 2019)",
    ]
    headings = [line for line in lines if line and not line.startswith(" ")][2:]
    assert headings == [
        "findings added (1)", "actions added (2)", "actions removed (1)", "status changed (3)", "due moved (3)",
        "progress changed (5)",
    ]
    assert len([line for line in lines if line.startswith("  ")]) == 1 + 2 + 1 + 3 + 3 + 5
    assert "  + 9  Ensure that care leavers are supported into education, em..." in lines
    assert "  + 2e  Hold a quarterly practice week in which senior managers o..." in lines
    assert "  - 7d  Develop performance measures to monitor the number of Lif..." in lines
    assert "    1a  ongoing -> complete  Develop the role of the IRO Service to support the Early..." in lines
    assert "    2b  delayed -> ongoing   Refresh the Assessment Form to embed SoS methodology and..." in lines
    assert (
        "    2c  December 2018 -> March 2019 (+90 days)  Undertake further Cumulative Risk of Harm training to ena..."
    ) in lines
    assert any(line.startswith("    3d  March 2019 -> February 2019 (-31 days)  ") for line in lines)
    assert any(line.startswith("    4g  December 2019 -> June 2020 (+182 days)  ") for line in lines)
    assert '    6e  "...2019/20." -> "...2019/20. Recruitment of Phase 3 schools..."' in lines
    assert (
        '    2b  "There is a delay due to the Liquidlogic sy..." -> "Liquidlogic is now in place and the refres..."'
    ) in lines


def test_out_writes_diff_json_and_csv(tmp_path, capsys):
    assert run(parse(OLD, NEW, "--out", tmp_path / "out")) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "due moved (3)" in captured.out
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["diff.csv", "diff.json"]  # no temporary left
    written = (tmp_path / "out" / "diff.json").read_text(encoding="utf-8")
    assert PlanDiff.model_validate_json(written).model_dump(mode="json") == expected() == json.loads(written)
    with (tmp_path / "out" / "diff.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == list(DIFF_COLUMNS)
    assert len(rows) == 15
    assert [r["change"] for r in rows].count("progress_changed") == 5
    due = next(r for r in rows if r["change"] == "due_moved" and r["new_id"] == "4g")
    assert (due["old"], due["new"], due["old_date"], due["new_date"], due["slippage_days"]) == (
        "December 2019", "June 2020", "2019-12-31", "2020-06-30", "182",
    )
    added = next(r for r in rows if r["change"] == "findings_added")
    assert (added["finding_number"], added["old_id"], added["slippage_days"]) == ("9", "", "")


def test_a_pdf_edition_against_a_json_one(tmp_path, capsys):
    pdf = SAMPLES / "rotherham-cyps-improvement-plan-2018.pdf"
    assert run(parse(pdf, NEW, "--out", tmp_path)) == 0
    assert capsys.readouterr().out.startswith(f"old  {pdf}  (as at October 2018)\n")
    got = json.loads((tmp_path / "diff.json").read_text(encoding="utf-8"))
    want = expected()
    assert got.pop("old") == {**want.pop("old"), "source": str(pdf)}
    assert got == want, "\n".join(differences(want, got))


@pytest.mark.parametrize("bad", ["missing.json", "missing.pdf", "not-a-plan.json", "notes.txt"])
@pytest.mark.parametrize("side", ["old", "new"])
def test_an_unreadable_file_exits_1_with_one_line_naming_it(tmp_path, capsys, bad, side):
    (tmp_path / "not-a-plan.json").write_text('{"findings": []}', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a plan", encoding="utf-8")
    paths = [tmp_path / bad, NEW] if side == "old" else [OLD, tmp_path / bad]
    assert run(parse(*paths, "--out", tmp_path / "out")) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1
    assert captured.err.startswith(f"planextract: {tmp_path / bad}")
    assert not (tmp_path / "out").exists()
