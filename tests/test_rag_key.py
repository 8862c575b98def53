"""RAG cells and status as the plan means them: negated slippage, colour words with more text, printed keys."""

from __future__ import annotations

import pytest

from extract.fields.rag import RagKey, legend_to_key, read_rag_key
from extract.fields.status import action_status, rag_from_fill, rag_from_text, reports_slippage
from extract.layout import TextLine
from extract.page import BBox, Fill


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No delays to date", False),
        ("no delays to date; recruitment complete", False),
        ("Progressing without delay", False),
        ("The project is not behind schedule", False),
        ("Work has not slipped", False),
        ("There has been no slippage", False),
        ("Training isn't delayed", False),
        ("There has been a delay in recruitment", True),
        ("No delays so far; however the audit was delayed", True),
        ("There were no delays but recruitment has slipped", True),
        ("Behind schedule", True),
        ("Not on track", True),
    ],
)
def test_reports_slippage_with_negation(text: str, expected: bool) -> None:
    assert reports_slippage(text) is expected


def test_negated_slippage_is_ongoing_not_delayed() -> None:
    assert action_status("No delays to date", completed=False, revised=False, finding_progress=[], rag=None) == (
        "ongoing"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Green - on track", "green"),
        ("Amber: some slippage", "amber"),
        ("Red (not started)", "red"),
        ("Blue – complete", "blue"),
        ("GREEN", "green"),
        ("G", "green"),
        ("A", "amber"),
        ("Complete", "blue"),
        ("On track", None),
        ("Agreed", None),
        ("", None),
    ],
)
def test_rag_from_text_without_a_key(text: str, expected: str | None) -> None:
    assert rag_from_text(text) == expected


KEY_LINES = ["RAG key: Blue = Complete   Amber: some slippage   Red - significant delay, Green = On track"]


def test_read_rag_key_words() -> None:
    assert read_rag_key(KEY_LINES) == RagKey(
        words={"complete": "blue", "some slippage": "amber", "significant delay": "red", "on track": "green"},
        colours={},
    )


def test_read_rag_key_colour_after_words_and_one_entry_a_line() -> None:
    assert read_rag_key(["Complete = Purple", "Some slippage: Yellow", "Progress is reported quarterly"]) == RagKey(
        words={"complete": "blue", "some slippage": "amber"}, colours={"purple": "blue"},
    )


def test_read_rag_key_none_printed() -> None:
    assert read_rag_key(["Children's Services Improvement Plan", "Updated: March 2019"]) == RagKey({}, {})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some slippage", "amber"),
        ("some slippage.", "amber"),
        ("On track", "green"),
        ("Significant delay", "red"),
        ("Complete", "blue"),
        ("Some slippage - recruitment", "amber"),
        ("Amber", "amber"),
        ("Not known", None),
    ],
)
def test_rag_from_text_through_the_key(text: str, expected: str | None) -> None:
    assert rag_from_text(text, read_rag_key(KEY_LINES)) == expected


PURPLE = (0.6, 0.3, 0.8)
YELLOW = (1.0, 0.93, 0.3)


def test_rag_from_fill_through_the_key() -> None:
    key = read_rag_key(["Complete = Purple"])
    assert rag_from_fill(PURPLE) == "red"  # without a key a purple hue is read as red
    assert rag_from_fill(PURPLE, key) == "blue"
    assert rag_from_fill(YELLOW, key) == "amber"


def line(text: str, x0: float, top: float) -> TextLine:
    return TextLine(text, x0, x0 + 80, top, top + 10, 10.0, False, 20.0, 1)


def test_legend_of_coloured_boxes() -> None:
    lines = [line("Completed", 50, 100), line("Some slippage", 150, 100), line("Plan title", 50, 40)]
    fills = [
        Fill(BBox(38, 101, 46, 109), (0.3, 0.5, 0.9)),
        Fill(BBox(138, 101, 146, 109), (1.0, 0.75, 0.0)),
        Fill(BBox(0, 0, 600, 30), (0.2, 0.3, 0.6)),  # a banner, not a legend box
        Fill(BBox(38, 200, 46, 208), (0.9, 0.1, 0.1)),  # a box with no words beside it
    ]
    assert legend_to_key(lines, fills) == RagKey(words={"completed": "blue", "some slippage": "amber"}, colours={})


def test_key_printed_in_a_header_cell() -> None:
    key = read_rag_key(["RAG (Blue = complete, Green = on track, Amber = at risk, Red = off track)"])
    assert key == RagKey(
        words={"complete": "blue", "on track": "green", "at risk": "amber", "off track": "red"}, colours={},
    )
    assert [rag_from_text(t, key) for t in ("At risk", "Off track", "On track")] == ["amber", "red", "green"]


def test_header_cells_without_a_key() -> None:
    assert read_rag_key(["RAG Status", "Red/Amber/Green", "Lead officer", "By when"]) == RagKey({}, {})
