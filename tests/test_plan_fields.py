"""Plan-level fields: page ranges, warnings, RAG shading and status, title, organisation and as-at date."""

from __future__ import annotations

import pytest

from extract.fields.status import action_status, rag_from_fill
from extract.headings import TextBlock, lines_to_blocks, organisation_in, title_and_organisation
from extract.items import ActionItems, FindingItems, next_letter_at, rag_fill
from extract.layout import TextLine
from extract.markers import is_page_number
from extract.page import Color
from extract.plan import as_at_date, missing_letter_warnings, page_ranges
from extract.rows import LogicalCell, TableRow, heading_above
from schemas.plan import DateValue


def rgb(hex_colour: str) -> Color:
    value = hex_colour.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


# --- page ranges ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ([1, 2, 3, 5], "1-3, 5"),
        ([4], "4"),
        ([1, 3, 5], "1, 3, 5"),
        ([1, 2, 4, 5, 7], "1-2, 4-5, 7"),
        ([3, 1, 2, 2], "1-3"),  # unsorted, repeated
        ([], ""),
    ],
)
def test_page_ranges(pages: list[int], expected: str) -> None:
    assert page_ranges(pages) == expected


# --- lettered actions without their own lead or date ---------------------------------------


def action(letter: str | None, lead: bool, date: bool, kind: str = "letter") -> ActionItems:
    return ActionItems(
        letter=letter, kind=kind, text=f"action {letter}", pages={1},
        lead_paragraphs=[f"{letter}) Jo Bloggs"] if lead else [], date_text="May 2019" if date else None,
    )


def finding_of(*actions: ActionItems) -> FindingItems:
    return FindingItems(None, "4", "Improve", "", {1}, actions=list(actions))


@pytest.mark.parametrize(
    ("actions", "expected"),
    [
        pytest.param(
            [action("a", True, True), action("b", True, True), action("c", False, True)],
            ["4c: no lead entry lettered 'c'; left empty"], id="one-lead-missing",
        ),
        pytest.param(
            [action("a", True, True), action("b", True, False), action("c", True, False), action("d", True, True)],
            ["4b: no date entry lettered 'b'; left empty", "4c: no date entry lettered 'c'; left empty"],
            id="half-have-dates",
        ),
        pytest.param(
            [action("a", True, True), action("b", False, False), action("c", False, False)],
            [], id="most-have-none-so-no-warning",
        ),
        pytest.param([action("a", True, True), action("b", True, True)], [], id="all-present"),
        pytest.param(
            [action(None, True, True, "bullet"), action(None, False, False, "bullet")], [], id="bullets-not-checked",
        ),
        pytest.param(
            [action("i", True, True, "roman"), action("ii", True, False, "roman")],
            ["4ii: no date entry lettered 'ii'; left empty"], id="roman",
        ),
        pytest.param([], [], id="no-actions"),
    ],
)
def test_missing_letter_warnings(actions: list[ActionItems], expected: list[str]) -> None:
    assert missing_letter_warnings(finding_of(*actions), "4") == expected


def test_missing_letter_warnings_use_the_section_prefix() -> None:
    finding = finding_of(action("a", True, True), action("b", True, True), action("c", True, False))
    assert missing_letter_warnings(finding, "looked-after-children-2") == [
        "looked-after-children-2c: no date entry lettered 'c'; left empty",
    ]


# --- RAG from shading ----------------------------------------------------------------------

GREY = rgb("#D9D9D9")
ZEBRA_BLUE = rgb("#DDEBF7")
RED = rgb("#FF0000")
GREEN = rgb("#00B050")


def row_of(**fills: Color | None) -> TableRow:
    return TableRow(cells={role: LogicalCell(fill=fill) for role, fill in fills.items()})


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        pytest.param(row_of(finding=GREY, action=GREY, lead=GREY, rag=GREY), None, id="grey-zebra-row"),
        pytest.param(
            row_of(finding=ZEBRA_BLUE, action=ZEBRA_BLUE, lead=ZEBRA_BLUE, rag=ZEBRA_BLUE), None, id="blue-zebra-row",
        ),
        pytest.param(row_of(finding=None, action=None, lead=None, rag=RED), RED, id="rag-cell-only"),
        pytest.param(row_of(finding=ZEBRA_BLUE, action=ZEBRA_BLUE, rag=GREEN), GREEN, id="rag-over-zebra"),
        pytest.param(row_of(finding=RED, action=None, lead=None, rag=RED), RED, id="a-third-alike"),
        pytest.param(row_of(rag=RED), RED, id="only-cell"),
        pytest.param(row_of(finding=GREY, rag=None), None, id="unfilled-rag"),
        pytest.param(row_of(finding=GREY, action=GREY), None, id="no-rag-column"),
    ],
)
def test_rag_fill(row: TableRow, expected: Color | None) -> None:
    assert rag_fill(row) == expected


@pytest.mark.parametrize(
    ("colour", "expected"),
    [
        pytest.param("#FF0000", "red", id="red"),
        pytest.param("#C00000", "red", id="dark-red"),
        pytest.param("#FFC7CE", "red", id="pastel-red"),
        pytest.param("#FF00FF", "red", id="magenta-wraps-to-red"),
        pytest.param("#FFC000", "amber", id="amber"),
        pytest.param("#FF9900", "amber", id="orange"),
        pytest.param("#FFEB9C", "amber", id="pastel-amber"),
        pytest.param("#00B050", "green", id="green"),
        pytest.param("#00FF00", "green", id="pure-green"),
        pytest.param("#C6EFCE", "green", id="pastel-green"),
        pytest.param("#0070C0", "blue", id="blue"),
        pytest.param("#0000FF", "blue", id="pure-blue"),
        pytest.param("#BDD7EE", "blue", id="pastel-blue"),
        pytest.param("#FFFFFF", None, id="white"),
        pytest.param("#000000", None, id="black"),
        pytest.param("#808080", None, id="grey"),
        pytest.param("#D9D9D9", None, id="light-grey"),
        pytest.param("#F2F2F2", None, id="lighter-grey"),
        pytest.param("#DDEBF7", None, id="light-blue-zebra"),
        pytest.param("#D9E1F2", None, id="light-blue-table-style"),
    ],
)
def test_rag_from_fill(colour: str, expected: str | None) -> None:
    assert rag_from_fill(rgb(colour)) == expected


def test_rag_from_no_fill() -> None:
    assert rag_from_fill(None) is None


# --- status from a Status cell's words -----------------------------------------------------


@pytest.mark.parametrize(
    ("status_text", "expected"),
    [
        ("Delayed", "delayed"),
        ("Behind schedule", "delayed"),
        ("Slipped", "delayed"),
        ("On track", "ongoing"),
        ("Not started", "ongoing"),
        ("Complete", "complete"),
        ("Completed", "complete"),
        (None, "not_reported"),
    ],
)
def test_action_status_from_status_cell(status_text: str | None, expected: str) -> None:
    assert action_status(None, False, False, [], None, status_text=status_text) == expected


def test_status_cell_complete_beats_slipped_progress() -> None:
    assert action_status("The launch was delayed", False, False, [], None, status_text="Complete") == "complete"


def test_status_cell_delayed_beats_an_ongoing_update() -> None:
    assert action_status("Training under way", False, False, [], None, status_text="Delayed") == "delayed"


# --- title, organisation, as-at date -------------------------------------------------------


def text_line(text: str, top: float, size: float = 14.0, bold: bool = True) -> TextLine:
    return TextLine(text, 40.0, 40.0 + 0.5 * size * len(text), top, top + size, size, bold, 30.0, 1)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            [text_line("Rotherham Metropolitan Borough Council", 40),
             text_line("Children and Young People's Services Improvement Plan", 58)],
            ("Children and Young People's Services Improvement Plan", "Rotherham Metropolitan Borough Council"),
            id="council-alone-on-a-line-of-the-title-size",
        ),
        pytest.param(
            [text_line("ROTHERHAM METROPOLITAN BOROUGH COUNCIL", 40), text_line("Improvement Plan", 58)],
            ("Improvement Plan", "Rotherham Metropolitan Borough Council"),
            id="council-in-capitals"
        ),
        pytest.param(
            [text_line("Harrow Borough Council - Ofsted Improvement Plan March 2019", 40)],
            ("Harrow Borough Council - Ofsted Improvement Plan March 2019", "Harrow Borough Council"),
            id="council-dash-title",
        ),
        pytest.param(
            [text_line("Children's Services", 40, 16.0), text_line("Improvement Plan 2019", 60, 16.0),
             text_line("Updated October 2019", 90, 11.0, bold=False)],
            ("Children's Services Improvement Plan 2019", None),
            id="two-line-title-largest-size",
        ),
        pytest.param(
            [text_line("Page 1 of 12", 20), text_line("Improvement Plan", 60)],
            ("Improvement Plan", None),
            id="page-number-is-no-title",
        ),
        pytest.param(
            [text_line("- 3 -", 20), text_line("Improvement Plan", 60)],
            ("Improvement Plan", None),
            id="dashed-page-number-is-no-title",
        ),
        pytest.param(
            [text_line("2019", 20), text_line("Improvement Plan", 60)],
            ("Improvement Plan", None),
            id="a-year-alone-is-no-title",
        ),
        pytest.param([text_line("Kingsford Council", 40)], (None, "Kingsford Council"), id="council-only"),
        pytest.param([], (None, None), id="nothing-above-the-table"),
    ],
)
def test_title_and_organisation(lines: list[TextLine], expected: tuple[str | None, str | None]) -> None:
    assert title_and_organisation(lines) == expected


def test_heading_above_a_table_is_no_page_number_nor_a_line_without_words() -> None:
    lines = [text_line("Improvement Plan", 20), text_line("Priority 2: Early Help", 80),
             text_line("- 4 -", 140), text_line("01/04/2019", 200)]
    assert heading_above(lines, 260) == "Priority 2: Early Help"
    assert heading_above(lines, 70) == "Improvement Plan"


@pytest.mark.parametrize(("text", "expected"), [
    ("Page 2", True), ("page 12 of 40", True), ("- 3 -", True), ("– 14 –", True), ("4 of 9", True), (" 7 ", True),
    ("2019", False),  # a year on a line of its own
    ("Page 2 of the plan", False), ("Section 3", False), ("3.1", False), ("", False),
])
def test_is_page_number(text: str, expected: bool) -> None:
    assert is_page_number(text) is expected


def test_lines_to_blocks_keeps_the_council_name_a_block_of_its_own() -> None:
    lines = [
        text_line("Improvement Plan", 78),  # out of order: blocks are read top down
        text_line("Rotherham Metropolitan Borough Council", 40),
        text_line("Children's Services", 58),
        text_line("Progress as at September 2010", 110, 10.0, bold=False),
    ]
    assert lines_to_blocks(lines) == [
        TextBlock("Rotherham Metropolitan Borough Council", 14.0, True),
        TextBlock("Children's Services Improvement Plan", 14.0, True),
        TextBlock("Progress as at September 2010", 10.0, False),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rotherham Metropolitan Borough Council - Improvement Plan", "Rotherham Metropolitan Borough Council"),
        ("Improvement Plan | Leeds City Council", "Leeds City Council"),
        ("Improvement Plan – Kingsford Council – 2022", "Kingsford Council"),
        ("NORFOLK COUNTY COUNCIL", "Norfolk County Council"),
        ("Wirral Council: SEND Written Statement of Action", "Wirral Council"),
        ("Improvement Plan 2019", None),
        ("", None),
        (
            "Eastmoor Borough Council and NHS Eastmoor Clinical Commissioning Group - Joint SEND Action Plan",
            "Eastmoor Borough Council and NHS Eastmoor Clinical Commissioning Group",
        ),
        ("Kirkby Council and Kirkby CCG", "Kirkby Council and Kirkby CCG"),
        ("Harbour City Council and partners: Improvement Plan", "Harbour City Council"),
        ("NHS Westshire Integrated Care Board", "NHS Westshire Integrated Care Board"),
    ],
)
def test_organisation_in(text: str, expected: str | None) -> None:
    assert organisation_in(text) == expected


SEPT_2010 = DateValue(text="September 2010", date="2010-09-30", precision="month")


@pytest.mark.parametrize(
    ("headers", "preamble", "title", "expected"),
    [
        pytest.param(["Action", "Progress as at September 2010"], [], None, SEPT_2010, id="header"),
        pytest.param(
            ["Progress as at 30th September 2010"], [], None,
            DateValue(text="30th September 2010", date="2010-09-30", precision="day"), id="header-day",
        ),
        pytest.param(
            ["Progress  as\nat September 2010"], [], None, SEPT_2010, id="header-wrapped",
        ),
        pytest.param(
            [], ["Updated as of 31/10/2018"], "Plan",
            DateValue(text="31/10/2018", date="2018-10-31", precision="day"), id="preamble",
        ),
        pytest.param(
            ["Progress as at September 2010"], ["Position as at October 2011"], None, SEPT_2010,
            id="header-before-preamble",
        ),
        pytest.param(
            ["Progress as at September 2010"], [], "Improvement Plan March 2009", SEPT_2010,
            id="as-at-before-title",
        ),
        pytest.param(
            ["Progress as at"], [], "Ofsted Improvement Plan March 2019",
            DateValue(text="March 2019", date="2019-03-31", precision="month"), id="title-fallback",
        ),
        pytest.param(
            [], ["Position as at: June 2019"], None, DateValue(text="June 2019", date="2019-06-30", precision="month"),
            id="as-at-colon",
        ),
        pytest.param(
            [], ["Progress update: July 2019"], None, DateValue(text="July 2019", date="2019-07-31", precision="month"),
            id="progress-update",
        ),
        pytest.param(
            [], ["Position as at 28 February 2019"], None,
            DateValue(text="28 February 2019", date="2019-02-28", precision="day"), id="position-day",
        ),
        pytest.param(["Lead"], ["Improvement Plan"], "Improvement Plan", None, id="no-date"),
        pytest.param([], [], None, None, id="nothing"),
    ],
)
def test_as_at_date(headers: list[str], preamble: list[str], title: str | None, expected: DateValue | None) -> None:
    assert as_at_date(headers, preamble, title) == expected


# --- letters run together in one paragraph -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "keys", "expected"),
    [
        ("audit files monthly b) train staff", ("a",), 20),
        ("audit files (b) train staff", ("a",), 12),
        ("audit d & e) train staff", ("c",), 6),
        ("audit f) train staff", ("d", "e"), 6),
        ("audit files c) train staff", ("a",), None),  # not the next letter
        ("b) train staff", ("a",), None),  # at the very start: that is the paragraph's own marker
        ("audit files b)train", ("a",), None),  # no space after the marker
        ("audit z) train", ("y",), 6),
        ("audit a) train", ("z",), None),
        ("audit ii) train", ("i",), None),  # roman numerals do not run on
        ("audit b) train", ("ii",), None),
        ("audit b) train", (), None),
    ],
)
def test_next_letter_at(text: str, keys: tuple[str, ...], expected: int | None) -> None:
    assert next_letter_at(text, keys) == expected
