"""The Python API: a PDF path to a validated Plan, and the Plan as pandas DataFrames."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from conftest import extracted

import extract
from extract.errors import MissingFileError, NotAPdfError
from extract.pipeline import Extractor, ExtractSettings
from extract.writers import CSV_COLUMNS, action_records, records_to_csv
from schemas.plan import json_schema_text


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
    assert plans.loc[0, "as_at"] == date(2018, 10, 31)
    assert (plans.loc[0, "findings"], plans.loc[0, "actions"]) == (8, 34)
    assert list(findings["number"]) == [str(n) for n in range(1, 9)]
    assert len(actions) == 34
    for frame, column in ((actions, "due_date"), (actions, "completed_date"), (plans, "as_at")):
        assert frame[column].dtype.pyarrow_dtype == pa.date32()
    row = actions.set_index("action_id").loc["5a"]
    assert (row["due_date"], row["completed_date"], row["status"]) == (date(2018, 5, 31), date(2018, 6, 30), "complete")
    assert row["leads"] == ["Mary Jarrett"] and row["pages"] == [5] and row["finding_references"] == ["EH-2"]
    overdue = actions[(actions["due_date"] < plans.loc[0, "as_at"]) & (actions["status"] != "complete")]
    assert list(overdue["action_id"]) == []


def test_actions_frame_has_the_columns_and_values_of_actions_csv():
    plan = extracted("rotherham-cyps-improvement-plan-2018", "pdfplumber")
    actions = extract.plan_to_frames(plan)["actions"]
    assert list(actions.columns) == list(CSV_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(records_to_csv(action_records(plan)))))
    for column in CSV_COLUMNS:  # the frame's values printed as the CSV prints them
        assert [shown(value) for value in actions[column].tolist()] == [row[column] for row in rows], column


def shown(value: object) -> str:
    """A frame value as the CSV prints it: lists joined with "; ", missing values empty."""
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return "" if value is None or pd.isna(value) else str(value)


def test_every_failure_is_an_extraction_error(tmp_path):
    assert extract.ExtractionError is extract.errors.ExtractionError
    with pytest.raises(MissingFileError, match=f"^{tmp_path / 'nowhere.pdf'}: no such file$"):
        extract.extract_plan(tmp_path / "nowhere.pdf")
    with pytest.raises(MissingFileError, match="is a folder, not a PDF file"):
        extract.extract_plan(tmp_path)
    (tmp_path / "notes.pdf").write_text("not a pdf", encoding="utf-8")
    with pytest.raises(NotAPdfError):
        extract.extract_plan(tmp_path / "notes.pdf")
    for error in (MissingFileError, NotAPdfError):
        assert issubclass(error, extract.ExtractionError)


def test_messages_speak_to_the_caller(corpus_dir):
    with pytest.raises(extract.ExtractionError) as locked:
        extract.extract_plan(corpus_dir / "camelot-health_protected.pdf")
    locked_path = corpus_dir / "camelot-health_protected.pdf"
    assert str(locked.value) == f"{locked_path} is encrypted; give its password (password=...)"
    scanned = Path(__file__).parent / "fixtures" / "scanned" / "rotherham-cyps-improvement-plan-2018.pdf"
    with pytest.raises(extract.ExtractionError) as no_text:
        extract.extract_plan(scanned)
    assert str(no_text.value) == f"{scanned}: no text layer (a scanned PDF?); read it with OCR (ocr=True)"
    assert "--" not in str(locked.value) + str(no_text.value)


def test_version_and_python_m_extract():
    assert extract.__version__ == "0.1.0"
    result = subprocess.run([sys.executable, "-m", "extract", "--version"], capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, f"planextract {extract.__version__}\n")
    result = subprocess.run([sys.executable, "-m", "extract", "schema"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == json_schema_text()
