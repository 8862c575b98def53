"""Header text to column role by synonyms (DESIGN hard cases 1 and 2)."""

from __future__ import annotations

import pytest

from extract.columns import header_role, normalise_header

HEADERS = [
    ("Findings", "finding"),
    ("Finding", "finding"),
    ("Areas for Improvement", "finding"),
    ("Area for Improvement", "finding"),
    ("Recommendation", "finding"),
    ("Recommendations", "finding"),
    ("Area for Development", "finding"),
    ("Areas for Development", "finding"),
    ("Action(s)", "action"),
    ("Action", "action"),
    ("Actions", "action"),
    ("Task/Action", "action"),
    ("Task / Action", "action"),
    ("Key Actions", "action"),
    ("What we will do", "action"),
    ("Lead", "lead"),
    ("Lead(s)", "lead"),
    ("Responsible Officer", "lead"),
    ("Lead Officer", "lead"),
    ("Owner", "lead"),
    ("Action Owner", "lead"),
    ("By When", "due"),
    ("Date for Completion", "due"),
    ("Target Date", "due"),
    ("Timescale", "due"),
    ("Timescales", "due"),
    ("Deadline", "due"),
    ("Progress Update", "progress"),
    ("Current Position/ Progress as at September 2010", "progress"),
    ("Current Position", "progress"),
    ("Update", "progress"),
    ("Evidence", "progress"),
    ("RAG", "rag"),
    ("Status", "rag"),
    ("RAG Status", "rag"),
    ("Overall Lead", "overall_lead"),
    ("No.", "number"),
    ("Ref", "number"),
]


@pytest.mark.parametrize(("header", "role"), HEADERS)
def test_header_role(header: str, role: str) -> None:
    assert header_role(header) == role


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("OVERALL LEAD", "overall_lead"),
        ("overall\nlead", "overall_lead"),
        ("BY WHEN?", "due"),
        ("By-When", "due"),
        ("by  when:", "due"),
        ("Responsible\nOfficer", "lead"),
        ("Date for\nCompletion", "due"),
        ("Key\nActions", "action"),
        ("Current Position/\nProgress as at\nSeptember 2010", "progress"),
        ("AREAS FOR IMPROVEMENT", "finding"),
        ("  Target-Date  ", "due"),
        ("progress update:", "progress"),
    ],
)
def test_header_role_ignores_case_punctuation_and_wrapping(header: str, role: str) -> None:
    assert header_role(header) == role


def test_header_role_dotted_rag() -> None:
    assert header_role("R.A.G.") == "rag"


@pytest.mark.parametrize("header", ["", "   ", "Foo", "/"])
def test_unknown_header(header: str) -> None:
    assert header_role(header) is None


def test_normalise_header() -> None:
    assert normalise_header("Current Position/\nProgress  as at\tSeptember 2010") == (
        "current position progress as at september 2010"
    )
