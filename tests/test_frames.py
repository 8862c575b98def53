"""The Python API: a PDF path to a validated Plan, and the Plan as pandas DataFrames."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import extracted

import extract
from extract.pipeline import Extractor, ExtractSettings


def test_api_names_are_exported():
    assert extract.extract_plan.__module__ == "extract.pipeline"
    assert extract.plan_to_frames.__module__ == "extract.frames"


def test_settings_reject_unknown_keys():
    with pytest.raises(ValueError, match="extra"):
        ExtractSettings(engine="pdfplumber", engnie="camelot")
    with pytest.raises(ValueError):
        Extractor(engine="tabula")


def test_frames_hold_the_plan():
    plan = extracted("rotherham-cyps-improvement-plan-2018", "pdfplumber")
    frames = extract.plan_to_frames(plan)
    assert set(frames) == {"plans", "findings", "actions"}
    plans, findings, actions = frames["plans"], frames["findings"], frames["actions"]
    assert plans.loc[0, "organisation"] == "Rotherham Metropolitan Borough Council"
    assert plans.loc[0, "as_at"] == pd.Timestamp("2018-10-31")
    assert (plans.loc[0, "findings"], plans.loc[0, "actions"]) == (8, 34)
    assert list(findings["number"]) == [str(n) for n in range(1, 9)]
    assert len(actions) == 34 and actions["due_date"].dtype.kind == "M"
    row = actions.set_index("action_id").loc["5a"]
    assert (row["due_date"], row["completed_date"], row["status"]) == (
        pd.Timestamp("2018-05-31"), pd.Timestamp("2018-06-30"), "complete",
    )
    assert row["leads"] == ["Mary Jarrett"]
    assert set(actions["finding_key"]) <= set(findings["finding_key"])
    overdue = actions[(actions["due_date"] < plans.loc[0, "as_at"]) & (actions["status"] != "complete")]
    assert list(overdue["action_id"]) == []
