"""Both sample plans, with both engines, equal their hand-written gold in every field."""

from __future__ import annotations

import json

import pytest
from conftest import ENGINES, SAMPLE_NAMES, SAMPLES, differences, extracted, gold


def test_there_are_samples_to_check():
    assert {"rotherham-cyps-improvement-plan-2018", "rotherham-inspection-recommendations-2010"} <= set(SAMPLE_NAMES)
    assert all((SAMPLES / f"{name}.pdf").is_file() for name in SAMPLE_NAMES)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_extracted_plan_equals_gold(name: str, engine: str):
    plan = json.loads(extracted(name, engine).model_dump_json())
    expected = gold(name)
    assert plan["source"]["path"] == str(SAMPLES / f"{name}.pdf")
    plan["source"]["path"] = expected["source"]["path"]  # the gold names the file, the plan the path given
    problems = differences(expected, plan)
    assert not problems, f"{len(problems)} fields differ:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_gold_source_block_matches_the_committed_pdf(name: str):
    import hashlib

    pdf = SAMPLES / f"{name}.pdf"
    source = gold(name)["source"]
    assert source["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert source["path"] == pdf.name


def test_hard_cases_of_the_2018_plan():
    """The cases DESIGN.md names, spelled out so a regression says which one broke."""
    plan = extracted("rotherham-cyps-improvement-plan-2018", "pdfplumber")
    findings = {f.number: f for f in plan.findings}
    assert [f.number for f in plan.findings] == [str(n) for n in range(1, 9)]
    assert [a.id for a in findings["4"].actions] == ["4a", "4b", "4c", "4d", "4e", "4f", "4g"]  # row over a page
    assert findings["4"].actions[3].progress == findings["4"].actions[4].progress  # "d & e)" serves both
    assert findings["2"].actions[0].leads == ["Ian Walker", "Ailsa Barr", "Rebecca Wall"]
    assert findings["2"].actions[1].leads == ["Rebecca Wall", "Susa Claydon"]
    action_5a = findings["5"].actions[0]
    assert (action_5a.due.date, action_5a.completed.date, action_5a.status) == ("2018-05-31", "2018-06-30", "complete")
    assert findings["5"].notes[0].startswith("Overarching Note: Whilst the above actions")
    assert findings["6"].references == ["LAC 5", "LAC 6"]
    assert findings["6"].actions[2].status == "delayed"  # "an extension to August 2019 has been agreed"
    assert plan.columns["number"] == ""  # the narrow unheaded number column from finding 4 on


def test_hard_cases_of_the_2010_plan():
    plan = extracted("rotherham-inspection-recommendations-2010", "pdfplumber")
    assert [(f.section, f.number) for f in plan.findings] == [
        ("Safeguarding", "1"), ("Safeguarding", "2"), ("Safeguarding", "3"), ("Safeguarding", "4"),
        ("Safeguarding", "5"), ("NHS", "1"), ("NHS", "2"), ("Looked After Children", "1"),
        ("Looked After Children", "2"), ("Looked After Children", "3"),
    ]
    first = plan.findings[0].actions[0]
    assert first.due.text == "Immediate/ 30th September 2010"  # superscript ordinal kept on its line
    assert first.leads == ["Director, Safeguarding and Corporate Parenting", "CIN Service Managers"]
    second = plan.findings[1]
    assert len(second.actions) == 10 and second.actions[-1].id == "safeguarding-2.10"
    assert second.actions[8].text == (
        "Identify specific Conference Chair for each locality to assist in quality development "
        "and consultation including locality based audits."
    )  # a bullet broken by the page break is one action
    assert second.actions[9].leads == second.actions[0].leads  # continuation row inherits the officers
    assert plan.findings[7].actions[0].progress == "Process in place for completion September/ October 2010."
    assert plan.as_at.date == "2010-09-30"
