"""Finding numbers and cross-references taken off the finding text (DESIGN hard cases 4 and 9)."""

from __future__ import annotations

import pytest

from extract.fields.references import parse_number_cell, split_finding_text


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        (
            "1. Ensure that children are safe (CYPS Imp Plan Ref: LMG-1, LMG-3, LMG-7)",
            ("1", "Ensure that children are safe", ["LMG-1", "LMG-3", "LMG-7"]),
        ),
        (
            "2. Improve the quality of plans (CYPs Imp Plan Ref: LAC-2, H&P-2)",
            ("2", "Improve the quality of plans", ["LAC-2", "H&P-2"]),
        ),
        ("Review the offer (CYPS Imp Plan Ref: LAC 5 , LAC 6)", (None, "Review the offer", ["LAC 5", "LAC 6"])),
        ("Ensure (CYPS Imp Plan Ref: H&P-2).", (None, "Ensure", ["H&P-2"])),
        ("10. Ensure   that\n children (Ref: LMG-1; LMG-2)", ("10", "Ensure that children", ["LMG-1", "LMG-2"])),
        ("Ensure that managers oversee cases", (None, "Ensure that managers oversee cases", [])),
        ("12 month trial of the new model", (None, "12 month trial of the new model", [])),
        ("Recommendation 3: Improve supervision", ("3", "Improve supervision", [])),
        ("3) Improve supervision", ("3", "Improve supervision", [])),
        ("Ensure the plan (see 4.2) is used", (None, "Ensure the plan (see 4.2) is used", [])),
    ],
)
def test_split_finding_text(printed: str, expected: tuple[str | None, str, list[str]]) -> None:
    assert split_finding_text(printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("4", "4"),
        ("4.", "4"),
        ("4:", "4"),
        (" 12 ", "12"),
        ("Recommendation 4:", "4"),
        ("Finding 3)", "3"),
        ("No 4", "4"),
        ("1.1", "1.1"),
        ("", None),
    ],
)
def test_parse_number_cell(printed: str, expected: str | None) -> None:
    assert parse_number_cell(printed) == expected


def test_parse_number_cell_no_dot_label() -> None:
    assert parse_number_cell("No. 4") == "4"
