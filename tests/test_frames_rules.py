"""Ruled tables from plain geometry: frames, grids, open bottoms, glued headers, fills; rows over pages.

Every page is built by hand from `Rule`s, `Fill`s and `Char`s (one Char per letter, 5 pt wide).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.layout import TextLine
from extract.read import BBox, Char, Color, Fill, PageContent, Rule
from extract.rows import (
    HeaderColumn,
    LogicalCell,
    PlanTable,
    TableRow,
    assign_roles,
    carries_on,
    carry_spanning_cells,
    continues_over_page,
    mark_merged_progress,
    section_heading,
)
from extract.tables.base import (
    Cell,
    Grid,
    PageTables,
    cell_fill,
    close_open_bottom,
    close_open_top,
    open_frame_boxes,
    runs_to_foot,
    split_glued_header,
)
from extract.tables.grid import boxes_to_rows, grid_to_boxes, is_ruled_horizontally, is_ruled_vertically

XS = [20.0, 200.0, 380.0, 560.0]


def vertical(x: float, top: float, bottom: float) -> Rule:
    return Rule(x, top, x, bottom)


def horizontal(y: float, x0: float = XS[0], x1: float = XS[-1]) -> Rule:
    return Rule(x0, y, x1, y)


def chars_of(x0: float, text: str, top: float, bold: bool = False) -> list[Char]:
    chars, x = [], x0
    for letter in text:
        if letter != " ":
            chars.append(Char(letter, x, x + 5.0, top, top + 10.0, 10.0, bold))
        x += 5.0 if letter != " " else 3.0
    return chars


def page(rules: list[Rule] = (), fills: list[Fill] = (), runs: list[tuple] = ()) -> PageContent:
    chars = tuple(c for run in runs for c in chars_of(*run))
    return PageContent(Path("t.pdf"), 1, 600.0, 800.0, chars, tuple(rules), tuple(fills))


# --- rules ---------------------------------------------------------------------------------


def test_rule_orientation() -> None:
    assert horizontal(50).horizontal is True
    assert vertical(20, 50, 100).horizontal is False


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        pytest.param([vertical(200, 50, 150)], True, id="full"),
        pytest.param([vertical(203, 50, 150)], True, id="3pt-off-is-the-same-x"),
        pytest.param([vertical(204, 50, 150)], False, id="4pt-off-is-another-x"),
        pytest.param([vertical(200, 50, 80), vertical(200, 80, 110)], True, id="two-pieces-60pc"),
        pytest.param([vertical(200, 50, 105)], False, id="55pc"),
        pytest.param([horizontal(100, 150, 250)], False, id="horizontal-does-not-count"),
    ],
)
def test_is_ruled_vertically(rules: list[Rule], expected: bool) -> None:
    assert is_ruled_vertically(200.0, 50.0, 150.0, rules) is expected


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        pytest.param([horizontal(100, 20, 200)], True, id="full"),
        pytest.param([horizontal(102, 20, 200)], True, id="2pt-off"),
        pytest.param([horizontal(100, 20, 128)], True, id="60pc"),
        pytest.param([horizontal(100, 20, 120)], False, id="55pc"),
        pytest.param([vertical(100, 90, 110)], False, id="vertical-does-not-count"),
    ],
)
def test_is_ruled_horizontally(rules: list[Rule], expected: bool) -> None:
    assert is_ruled_horizontally(100.0, 20.0, 200.0, rules) is expected


def test_boxes_to_rows_groups_by_top_left_to_right() -> None:
    boxes = [BBox(200, 101.5, 380, 150), BBox(20, 50, 200, 100), BBox(20, 100, 200, 150), BBox(200, 50, 380, 100)]
    assert boxes_to_rows(boxes) == [
        [BBox(20, 50, 200, 100), BBox(200, 50, 380, 100)],
        [BBox(20, 100, 200, 150), BBox(200, 101.5, 380, 150)],
    ]


# --- regular grids and open frames ---------------------------------------------------------


def test_grid_merges_cells_no_rule_separates() -> None:
    rules = [vertical(x, 50, 200) for x in (20, 380, 560)] + [vertical(200, 50, 100)]
    rules += [horizontal(y) for y in (50, 100, 200)]
    assert grid_to_boxes(XS, [50.0, 100.0, 200.0], rules) == [
        BBox(20, 50, 200, 100), BBox(200, 50, 380, 100), BBox(380, 50, 560, 100),
        BBox(20, 100, 380, 200), BBox(380, 100, 560, 200),  # the rule at 200 stops at 100: one merged cell
    ]


def test_grid_merges_a_cell_spanning_rows() -> None:
    """A finding cell beside two action rows: no rule under it where the action cells have one."""
    rules = [vertical(x, 50, 200) for x in XS] + [horizontal(50), horizontal(200), horizontal(100, 200, 560)]
    assert grid_to_boxes(XS, [50.0, 100.0, 200.0], rules) == [
        BBox(20, 50, 200, 200), BBox(200, 50, 380, 100), BBox(380, 50, 560, 100),
        BBox(200, 100, 380, 200), BBox(380, 100, 560, 200),
    ]


OPEN_FRAME = [vertical(x, 50, 780) for x in XS] + [horizontal(50)]


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        pytest.param(
            OPEN_FRAME, [BBox(20, 50, 200, 780), BBox(200, 50, 380, 780), BBox(380, 50, 560, 780)], id="frame",
        ),
        pytest.param(
            [*OPEN_FRAME, vertical(290, 300, 780)],
            [BBox(20, 50, 200, 780), BBox(200, 50, 380, 780), BBox(380, 50, 560, 780)],
            id="a-rule-starting-lower-is-no-column",
        ),
        pytest.param(
            [*OPEN_FRAME, horizontal(300), vertical(290, 300, 780)],
            [
                BBox(20, 50, 200, 300), BBox(200, 50, 380, 300), BBox(380, 50, 560, 300),
                BBox(20, 300, 200, 780), BBox(200, 300, 290, 780), BBox(290, 300, 380, 780),
                BBox(380, 300, 560, 780),
            ],
            id="a-row-open-on-top-then-a-rule-and-a-row-with-its-own-column",
        ),
        pytest.param(
            [*OPEN_FRAME, vertical(201.5, 50, 780)],
            [BBox(20, 50, 200, 780), BBox(200, 50, 380, 780), BBox(380, 50, 560, 780)],
            id="double-rule-is-one-edge",
        ),
        pytest.param(
            [vertical(x, 50, 780) for x in (20, 380, 560)] + [vertical(200, 50, 300), horizontal(50)],
            [BBox(20, 50, 380, 780), BBox(380, 50, 560, 780)],
            id="short-column-rule-merges",
        ),
        pytest.param([vertical(20, 50, 780), vertical(560, 50, 780), horizontal(50)], [], id="two-verticals"),
        pytest.param(
            [vertical(20, 50, 780), vertical(560, 50, 780), *(vertical(x, 400, 410) for x in (100, 200, 300))],
            [],
            id="ticks-are-not-rules",
        ),
    ],
)
def test_open_frame_boxes(rules: list[Rule], expected: list[BBox]) -> None:
    assert open_frame_boxes(page(rules)) == expected


# --- a table left open at the page foot --------------------------------------------------


def grid_rows(rules: list[Rule]) -> list[list[BBox]]:
    return boxes_to_rows(grid_to_boxes(XS, [50.0, 100.0, 200.0], rules))


HORIZONTALS = [horizontal(y) for y in (50, 100, 200)]
ROWS = [
    [BBox(20, 50, 200, 100), BBox(200, 50, 380, 100), BBox(380, 50, 560, 100)],
    [BBox(20, 100, 200, 200), BBox(200, 100, 380, 200), BBox(380, 100, 560, 200)],
]


@pytest.mark.parametrize(
    ("rules", "expected_extra", "expected_open"),
    [
        pytest.param(
            [vertical(x, 50, 750) for x in XS] + HORIZONTALS,
            [BBox(20, 200, 200, 750), BBox(200, 200, 380, 750), BBox(380, 200, 560, 750)],
            True,
            id="rules-run-on-below",
        ),
        pytest.param([vertical(x, 50, 200) for x in XS] + HORIZONTALS, None, False, id="closed"),
        pytest.param([vertical(x, 50, 200) for x in XS] + HORIZONTALS[:2], None, True, id="no-rule-under"),
        pytest.param([vertical(x, 50, 203) for x in XS] + HORIZONTALS, None, False, id="3pt-overshoot-is-closed"),
        pytest.param(
            [vertical(20, 50, 750)] + [vertical(x, 50, 200) for x in XS[1:]] + HORIZONTALS,
            None, False, id="only-the-border-runs-on",
        ),
    ],
)
def test_close_open_bottom(rules: list[Rule], expected_extra: list[BBox] | None, expected_open: bool) -> None:
    rows = grid_rows(rules)
    assert rows == ROWS
    expected_rows = [*ROWS, expected_extra] if expected_extra else ROWS
    assert close_open_bottom(rows, rules) == (expected_rows, expected_open)


@pytest.mark.parametrize(
    ("rows", "rules", "expected"),
    [
        pytest.param(
            ROWS, [vertical(x, 50, 200) for x in XS] + HORIZONTALS, ROWS, id="closed-on-top",
        ),
        pytest.param(
            ROWS, [vertical(x, 20, 200) for x in XS] + HORIZONTALS,
            [[BBox(20, 20, 200, 50), BBox(200, 20, 380, 50), BBox(380, 20, 560, 50)], *ROWS],
            id="carried-over-row-open-on-top",
        ),
        pytest.param(
            [[BBox(380, 20, 560, 50)], *ROWS],  # a shaded cell closes only itself above the first rule
            [vertical(x, 20, 200) for x in XS] + HORIZONTALS + [horizontal(20, 380, 560)],
            [[BBox(20, 20, 200, 50), BBox(200, 20, 380, 50), BBox(380, 20, 560, 50)], *ROWS],
            id="partial-row-above-the-first-full-rule",
        ),
    ],
)
def test_close_open_top(rows: list[list[BBox]], rules: list[Rule], expected: list[list[BBox]]) -> None:
    assert close_open_top(rows, rules) == expected


# --- a repeated header glued to the row carried over ---------------------------------------

COLUMN_RULES = [vertical(x, 50, 150) for x in XS[:3]] + [horizontal(50, 20, 380), horizontal(150, 20, 380)]
GLUED = [
    (22, "Action", 52, True), (202, "Lead", 52, True),
    (22, "continued from the page before", 70), (202, "Jo Bloggs", 70),
]
TWO_ROWS = [[BBox(20, 50, 200, 100), BBox(200, 50, 380, 100)], [BBox(20, 100, 200, 150), BBox(200, 100, 380, 150)]]
SPLIT = [
    [BBox(20, 50, 200, 66), BBox(200, 50, 380, 66)],  # cut halfway between the header's bottom (62) and body (70)
    [BBox(20, 66, 200, 100), BBox(200, 66, 380, 100)],
    TWO_ROWS[1],
]


def test_split_glued_header() -> None:
    assert split_glued_header(TWO_ROWS, page(COLUMN_RULES, runs=GLUED)) == SPLIT


def test_split_glued_header_of_one_merged_box_uses_the_column_rules() -> None:
    rows = [[BBox(20, 50, 380, 100)], TWO_ROWS[1]]
    assert split_glued_header(rows, page(COLUMN_RULES, runs=GLUED)) == SPLIT


def test_split_glued_header_when_one_cell_holds_only_its_header() -> None:
    runs = [(22, "Action", 52, True), (202, "Lead", 52, True), (202, "Jo Bloggs", 70)]
    assert split_glued_header(TWO_ROWS, page(COLUMN_RULES, runs=runs)) == SPLIT


@pytest.mark.parametrize(
    "runs",
    [
        pytest.param([(22, "Action", 52), (202, "Lead", 52, True), (202, "Jo Bloggs", 70)], id="first-line-not-bold"),
        pytest.param([(22, "Action", 52, True), (202, "Lead", 52, True)], id="header-only"),
        pytest.param([(22, "Action", 52, True), (22, "Audit files", 70, True)], id="all-bold"),
        pytest.param([], id="empty"),
    ],
)
def test_split_glued_header_leaves_other_rows_alone(runs: list[tuple]) -> None:
    assert split_glued_header(TWO_ROWS, page(COLUMN_RULES, runs=runs)) == TWO_ROWS


# --- cell shading --------------------------------------------------------------------------

BOX = BBox(20, 100, 200, 150)
GREY: Color = (0.85, 0.85, 0.85)
RED: Color = (1.0, 0.0, 0.0)
WHITE: Color = (1.0, 1.0, 1.0)
ZEBRA_ROW = Fill(BBox(20, 100, 560, 150), GREY)


@pytest.mark.parametrize(
    ("fills", "expected"),
    [
        pytest.param([ZEBRA_ROW, Fill(BOX, RED)], RED, id="rag-over-zebra"),
        pytest.param([Fill(BOX, RED), ZEBRA_ROW], GREY, id="zebra-drawn-last-wins"),
        pytest.param([Fill(BOX, RED), Fill(BOX, WHITE)], RED, id="white-on-top-is-no-fill"),
        pytest.param([Fill(BOX, (0.98, 0.98, 0.98))], None, id="near-white"),
        pytest.param([Fill(BOX, (0.96, 0.96, 0.96))], (0.96, 0.96, 0.96), id="light-grey"),
        pytest.param([Fill(BBox(20, 100, 200, 135), RED)], None, id="covers-70pc"),
        pytest.param([Fill(BBox(20, 100, 200, 140), RED)], RED, id="covers-80pc"),
        pytest.param([Fill(BBox(18, 98, 202, 152), RED)], RED, id="bleeds-over-the-box"),
        pytest.param([Fill(BBox(20, 100, 200, 135), RED), ZEBRA_ROW], GREY, id="partial-on-top-is-skipped"),
        pytest.param([], None, id="none"),
    ],
)
def test_cell_fill_topmost_covering_fill_wins(fills: list[Fill], expected: Color | None) -> None:
    assert cell_fill(BOX, page(fills=fills)) == expected


def test_cell_fill_of_an_empty_box() -> None:
    assert cell_fill(BBox(20, 100, 20, 150), page(fills=[Fill(BOX, RED)])) is None


# --- rows over the page break (rows.py) ----------------------------------------------------


def text_line(text: str, top: float = 100.0, bold: bool = False) -> TextLine:
    first = text.split()[0] if text.split() else ""
    return TextLine(text, 22.0, 22.0 + 5 * len(text), top, top + 10, 10.0, bold, 5.0 * len(first), 1)


def cell(*texts: str, box: BBox = BOX, bold: bool = False) -> Cell:
    return Cell(1, box, tuple(text_line(t, 100.0 + 12 * i, bold) for i, t in enumerate(texts)), None)


def logical(*texts: str) -> LogicalCell:
    return LogicalCell(lines=[text_line(t, 100.0 + 12 * i) for i, t in enumerate(texts)])


@pytest.mark.parametrize(
    ("texts", "before", "expected"),
    [
        pytest.param(("and planning for children",), ("Improve the quality of assessment.",), True, id="lowercase"),
        pytest.param(("Planning for children",), ("Improve the quality of assessment",), True, id="unfinished"),
        pytest.param(("Planning for children",), ("Improve the quality of assessment.",), False, id="finished"),
        pytest.param(("Planning for children",), ("(see 4a)",), False, id="finished-bracket"),
        pytest.param(("b) Train staff",), ("a) Audit files monthly and",), False, id="new-item"),
        pytest.param(("and planning",), None, False, id="nothing-above"),
        pytest.param(("and planning",), (), False, id="empty-above"),
        pytest.param((), ("Improve the quality of",), False, id="empty-cell"),
    ],
)
def test_carries_on(texts: tuple[str, ...], before: tuple[str, ...] | None, expected: bool) -> None:
    assert carries_on(cell(*texts), None if before is None else logical(*before), "progress") is expected


@pytest.mark.parametrize(
    ("texts", "before", "expected"),
    [
        pytest.param(("Sam Green",), ("Jo Bloggs",), False, id="names-never-end-in-a-full-stop"),
        pytest.param(("Services, RCHS",), ("Associated Director, Children's",), False, id="capitalised-role-part"),
        pytest.param(("and Corporate Parenting",), ("Director, Safeguarding",), True, id="lowercase-start"),
        pytest.param(("Safeguarding and",), ("Director,",), True, id="dangling-comma"),
        pytest.param(("Corporate Parenting",), ("Director, Safeguarding and",), True, id="dangling-and"),
        pytest.param(("Sam Green",), ("Jo Bloggs /",), True, id="dangling-slash"),
        pytest.param(("Sandy Lands",), ("Jo Bloggs Band",), False, id="and-inside-a-word"),
    ],
)
def test_carries_on_in_a_lead_cell_needs_a_lowercase_start(
    texts: tuple[str, ...], before: tuple[str, ...], expected: bool,
) -> None:
    assert carries_on(cell(*texts), logical(*before), "lead") is expected


PREVIOUS = TableRow(cells={
    "number": logical("3."),
    "finding": logical("Improve the quality of assessment."),
    "action": logical("a) Audit files monthly."),
    "lead": logical("Jo Bloggs"),
})


@pytest.mark.parametrize(
    ("cells", "grid_was_open", "expected"),
    [
        pytest.param({"number": cell("4."), "action": cell("a) Train staff")}, True, False, id="own-number"),
        pytest.param({"finding": cell("Reduce caseloads."), "action": cell("a) Recruit")}, True, False,
                     id="new-finding-text"),
        pytest.param({"finding": cell("and planning.")}, False, True, id="finding-carries-on"),
        pytest.param(
            {"finding": cell("and planning."), "action": cell("b) Train staff."), "lead": cell("Sam Green")}, False,
            False, id="finding-carries-on-beside-a-new-row",
        ),
        pytest.param(
            {"finding": cell("and planning."), "action": cell("b) Train staff.")}, False, True,
            id="finding-carries-on-the-lead-ended-above",
        ),
        pytest.param(
            {"finding": cell("and planning."), "action": cell("and report monthly.")}, False, True,
            id="finding-and-action-carry-on",
        ),
        pytest.param({"lead": cell("Sam Green")}, False, True, id="no-action-no-finding"),
        pytest.param({"action": cell("b) Train staff."), "lead": cell("Sam Green")}, True, True, id="grid-open"),
        pytest.param({"action": cell("b) Train staff.")}, False, False, id="ruled-off-new-action"),
        pytest.param(
            {"action": cell("b) Train staff."), "lead": cell("Sam Green")}, False, False,
            id="ruled-off-new-action-lead"
        ),
        pytest.param({"action": cell("and report to the board.")}, False, True, id="action-carries-on"),
        pytest.param({"action": cell("Overarching note: caseloads remain high.")}, False, False, id="a-note-row"),
    ],
)
def test_continues_over_page(cells: dict, grid_was_open: bool, expected: bool) -> None:
    assert continues_over_page(cells, PREVIOUS, grid_was_open) is expected


def test_a_new_row_beside_the_finding_s_rest_need_not_fill_the_finding_s_overall_lead() -> None:
    previous = TableRow(cells={
        "finding": logical("Work with schools to reduce exclusions among"), "overall_lead": logical("Pepe De'lasio"),
        "action": logical("6.1 Ensure children are a priority."), "lead": logical("Jenny Lingrell"),
    })
    cells = {"finding": cell("children looked after."), "action": cell("6.2 Discuss attendance."),
             "lead": cell("Peter Douglas")}
    assert continues_over_page(cells, previous, False) is False


# The finding cell of PREVIOUS_ACTION_ROW's finding spans down from an earlier row: that row has none.
PREVIOUS_ACTION_ROW = TableRow(cells={
    "action": logical("Increase capacity and improve practice."),
    "lead": logical("Jo Bloggs"),
})


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        pytest.param(
            {"finding": cell("plans are challenged."), "action": cell("delay is minimised.")}, True,
            id="the-action-carries-on",
        ),
        pytest.param(
            {"finding": cell("plans are challenged."), "action": cell("Design targets."), "lead": cell("Sam Green")},
            False, id="a-new-action-beside-the-rest-of-the-finding",
        ),
    ],
)
def test_continues_over_page_beside_a_finding_spanning_from_above(cells: dict, expected: bool) -> None:
    assert continues_over_page(cells, PREVIOUS_ACTION_ROW, False) is expected


HEADER = [
    HeaderColumn("No.", "number", 20, 50),
    HeaderColumn("Finding", "finding", 50, 200),
    HeaderColumn("Action", "action", 200, 380),
    HeaderColumn("Lead", "lead", 380, 560),
]
FULL_WIDTH = BBox(20, 100, 560, 120)
FINDING_BOX = BBox(50, 100, 200, 120)
ACTION_BOX = BBox(200, 100, 380, 120)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        pytest.param([cell("Safeguarding", box=FULL_WIDTH)], "Safeguarding", id="spanning"),
        pytest.param([cell("Looked After", "Children", box=FULL_WIDTH)], "Looked After Children", id="two-lines"),
        pytest.param([cell("NHS", box=FINDING_BOX, bold=True), cell("", box=ACTION_BOX)], "NHS", id="bold-in-finding"),
        pytest.param([cell("NHS", box=FINDING_BOX), cell("", box=ACTION_BOX)], "NHS", id="plain-heading-like"),
        pytest.param(
            [cell("Ensure all staff are trained.", box=FINDING_BOX), cell("", box=ACTION_BOX)], None,
            id="plain-sentence",
        ),
        pytest.param(
            [cell("and for all staff", box=FINDING_BOX), cell("", box=ACTION_BOX)], None, id="plain-lowercase",
        ),
        pytest.param([cell("Safeguarding", box=BBox(200, 100, 560, 120))], None, id="spans-from-action-column"),
        pytest.param([cell("4.", box=FULL_WIDTH)], None, id="bare-number"),
        pytest.param([cell(" ".join(["word"] * 13), box=FULL_WIDTH)], None, id="13-words"),
        pytest.param([cell("Safeguarding", box=FINDING_BOX), cell("Jo", box=ACTION_BOX)], None, id="two-filled"),
    ],
)
def test_section_heading(row: list[Cell], expected: str | None) -> None:
    assert section_heading(row, HEADER) == expected


def roles_text(roles: dict) -> dict:
    return {role: c.text for role, c in roles.items()}


def test_assign_roles_by_header_column() -> None:
    row = [cell("1.", box=BBox(20, 100, 50, 150)), cell("Improve", box=FINDING_BOX), cell("Audit", box=ACTION_BOX),
           cell("Jo Bloggs", box=BBox(380, 100, 560, 150))]
    assert roles_text(assign_roles(row, HEADER)) == {
        "number": "1.", "finding": "Improve", "action": "Audit", "lead": "Jo Bloggs",
    }


def test_assign_roles_narrow_number_cell_under_the_finding_header() -> None:
    header = HEADER[1:]
    row = [cell("4", box=BBox(50, 100, 70, 150)), cell("Improve", box=BBox(70, 100, 200, 150)),
           cell("Audit", box=ACTION_BOX)]
    assert roles_text(assign_roles(row, header)) == {"number": "4", "finding": "Improve", "action": "Audit"}


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        pytest.param("2.", {"number": "2.", "finding": "Improve", "action": "Audit"}, id="number"),
        pytest.param("", {"number": "", "finding": "Improve", "action": "Audit"}, id="empty"),
        pytest.param("See note", {"finding": "Improve", "action": "Audit"}, id="text-left-out"),
    ],
)
def test_assign_roles_unheaded_column(first: str, expected: dict) -> None:
    header = [HeaderColumn("", None, 20, 50), *HEADER[1:]]
    row = [cell(*([first] if first else []), box=BBox(20, 100, 50, 150)), cell("Improve", box=FINDING_BOX),
           cell("Audit", box=ACTION_BOX)]
    assert roles_text(assign_roles(row, header)) == expected


def test_assign_roles_column_with_no_role_is_left_out() -> None:
    header = [*HEADER[:3], HeaderColumn("Resources", None, 380, 560)]
    row = [cell("Improve", box=FINDING_BOX), cell("Audit", box=ACTION_BOX), cell("£5k", box=BBox(380, 100, 560, 150))]
    assert roles_text(assign_roles(row, header)) == {"finding": "Improve", "action": "Audit"}


def progress_table(progress_below: tuple[str, ...], borderless: list[int], first: tuple[str, ...]) -> PlanTable:
    """A finding of two action rows, the first with a progress cell of `first`, the second of `progress_below`."""
    rows = [
        TableRow(cells={"finding": logical("Improve audits."), "action": logical("Audit files."),
                        "progress": logical(*first)}),
        TableRow(cells={"action": logical("Train staff."), "progress": logical(*progress_below)}),
        TableRow(cells={"finding": logical("Reduce caseloads."), "action": logical("Recruit staff.")}),
    ]
    for row in rows:
        for cell_ in row.cells.values():
            cell_.boxes.append((1, BOX))
    return PlanTable(columns={}, rows=rows, header_texts=[], first_page=1, preamble=[], unmapped_headers=[],
                     borderless_pages=borderless)


@pytest.mark.parametrize(
    ("below", "borderless", "first", "expected"),
    [
        pytest.param((), [1], ("\uf0b7 Audits started.", "\uf0b7 Staff booked."), True, id="bullets-over-empty"),
        pytest.param(("Booked.",), [1], ("\uf0b7 Audits started.",), False, id="the-row-below-has-its-own"),
        pytest.param((), [], ("\uf0b7 Audits started.",), False, id="ruled-pages-show-their-merges"),
        pytest.param((), [1], ("Audits started.",), False, id="no-bullets-the-row-s-own-update"),
    ],
)
def test_mark_merged_progress(below: tuple[str, ...], borderless: list[int], first: tuple[str, ...],
                              expected: bool) -> None:
    table = progress_table(below, borderless, first)
    mark_merged_progress(table)
    assert [row.cells["progress"].spans_rows for row in table.rows[:2]] == [expected, False]


def spanning_rows(first_progress: LogicalCell) -> list[TableRow]:
    """A finding's first row, whose progress cell spans down, and a row below it with none."""
    return [
        TableRow(cells={"finding": logical("Improve audits."), "action": logical("Audit files."),
                        "progress": first_progress}),
        TableRow(cells={"action": logical("Train staff.")}),
    ]


def test_carry_spanning_cells_gives_the_rest_of_a_merged_progress_cell_to_its_row() -> None:
    spanning = logical("\uf0b7 Safeguarding Board received report")
    spanning.spans_rows = True
    rows = spanning_rows(spanning)
    own = carry_spanning_cells({"action": cell("Design targets."), "progress": cell("June 2010 with more.")}, rows)
    assert list(own) == ["action"]
    assert rows[0].cells["progress"].text == "\uf0b7 Safeguarding Board received report June 2010 with more."


def test_carry_spanning_cells_keeps_a_row_s_own_cell_below_a_cell_that_does_not_span() -> None:
    rows = spanning_rows(logical("Safeguarding Board received report"))
    cells = {"action": cell("Design targets."), "progress": cell("June 2010 with more.")}
    assert carry_spanning_cells(cells, rows) == cells
    assert rows[0].cells["progress"].text == "Safeguarding Board received report"


def footer_line(text: str, top: float) -> TextLine:
    return TextLine(text, 300.0, 330.0, top, top + 8, 8.0, False, 20.0, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Page 3", True, id="a-page-label-above-the-last-tenth"),
        pytest.param("Kingsford Council", False, id="text-below-the-table"),
    ],
)
def test_runs_to_foot_past_a_page_label(text: str, expected: bool) -> None:
    grid = Grid(1, BBox(20, 50, 500, 350), ((cell("Audit files."),),), open_bottom=False, ruled=False)
    tables = PageTables(1, 405.0, (grid,), (footer_line(text, 357.0),))  # a slide: its footer above 364.5
    assert runs_to_foot(tables) is expected
