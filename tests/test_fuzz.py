"""Fuzzing: random and mutated bytes, and random cell texts, never crash with an undocumented error.

A PDF input either gives a valid Plan or raises one of the documented ExtractionError
types; the text parsers take any string.
"""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.errors import ExtractionError
from extract.fields.dates import parse_date, parse_date_cell
from extract.fields.leads import split_leads
from extract.fields.references import parse_number_cell, split_finding_text
from extract.fields.status import action_status, rag_from_text
from extract.items import paragraphs_to_items
from extract.layout import Paragraph
from extract.pipeline import Extractor
from schemas.plan import Plan

SAMPLE = (SAMPLES / "rotherham-inspection-recommendations-2010.pdf").read_bytes()
EXTRACTOR = Extractor()
PDF_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def extract_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "input.pdf"
    path.write_bytes(data)
    try:
        plan = EXTRACTOR.extract(path)
    except ExtractionError as error:
        assert str(path) in str(error) and "\n" not in str(error)
    else:
        assert isinstance(Plan.model_validate(plan.model_dump()), Plan)


@PDF_SETTINGS
@given(data=st.binary(max_size=4096))
def test_random_bytes(tmp_path, data):
    extract_bytes(tmp_path, data)


@PDF_SETTINGS
@given(data=st.binary(min_size=1, max_size=200), prefix=st.booleans())
def test_random_bytes_behind_a_pdf_header(tmp_path, data, prefix):
    extract_bytes(tmp_path, (b"%PDF-1.4\n" if prefix else b"") + data)


@PDF_SETTINGS
@given(
    edits=st.lists(st.tuples(st.integers(0, len(SAMPLE) - 1), st.integers(0, 255)), min_size=1, max_size=20),
    cut=st.integers(len(SAMPLE) // 2, len(SAMPLE)),
)
def test_mutated_sample(tmp_path, edits, cut):
    data = bytearray(SAMPLE)
    for position, value in edits:
        data[position] = value
    extract_bytes(tmp_path, bytes(data[:cut]))


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_text_parsers_take_any_string(text):
    due = parse_date(text)
    assert due is None or due.text == " ".join(text.split())
    cell = parse_date_cell(text)
    assert cell.due is None or cell.due.date is None or len(cell.due.date) == 10
    number, body, references = split_finding_text(text)
    assert isinstance(body, str) and all(isinstance(r, str) for r in references)
    assert number is None or number[0].isdigit()
    parse_number_cell(text)
    rag_from_text(text)
    assert action_status(text or None, False, False, [], None, text or None) in (
        "complete", "delayed", "ongoing", "not_reported",
    )


@settings(max_examples=200, deadline=None)
@given(paragraphs=st.lists(texts, max_size=6))
def test_leads_and_items_take_any_paragraphs(paragraphs):
    leads = split_leads(paragraphs)
    assert all(lead and lead == lead.strip() for lead in leads)
    items = paragraphs_to_items([Paragraph(p, frozenset({1})) for p in paragraphs])
    assert all(item.pages == frozenset({1}) for item in items)
