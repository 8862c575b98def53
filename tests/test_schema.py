"""The models are strict, and the committed JSON Schema is exactly what they export."""

from __future__ import annotations

import json

import pytest
from conftest import REPO, SAMPLE_NAMES, SAMPLES
from pydantic import ValidationError

from schemas.plan import Action, DateValue, Plan, json_schema_text


def test_committed_schema_equals_the_models_export():
    assert (REPO / "schemas" / "plan.schema.json").read_text(encoding="utf-8") == json_schema_text()


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_gold_files_are_valid_plans(name):
    plan = Plan.model_validate_json((SAMPLES / f"{name}.gold.json").read_text(encoding="utf-8"))
    assert plan.schema_version == "1.1"


def test_unknown_fields_are_rejected():
    with pytest.raises(ValidationError, match="extra_forbidden"):
        DateValue.model_validate({"text": "May 2018", "date": "2018-05-31", "precision": "month", "day": 3})


@pytest.mark.parametrize(
    ("field", "value"),
    [("index", "1"), ("status", "done"), ("rag", "purple"), ("pages", [0]), ("leads", "Jo Smith")],
)
def test_wrong_types_and_values_are_rejected(field, value):
    action = {
        "index": 1, "letter": "a", "id": "1a", "text": "Do it", "progress": None, "leads": [], "due": None,
        "completed": None, "status": "ongoing", "rag": None, "pages": [1],
    }
    Action.model_validate(action)
    with pytest.raises(ValidationError):
        Action.model_validate(action | {field: value})


def test_dates_must_be_iso():
    with pytest.raises(ValidationError, match="pattern"):
        DateValue.model_validate({"text": "30/11/2018", "date": "30/11/2018", "precision": "day"})


def test_schema_names_every_role():
    schema = json.loads(json_schema_text())
    roles = schema["properties"]["columns"]["propertyNames"]["enum"]
    assert roles == ["number", "finding", "overall_lead", "action", "progress", "lead", "due", "rag", "measure"]
