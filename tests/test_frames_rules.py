"""Ruled tables from plain geometry: frames, grids, open bottoms, glued headers, fills; rows over pages.

Every page is built by hand from `Rule`s, `Fill`s and `Char`s (one Char per letter, 5 pt wide).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.layout import TextLine, chars_to_lines
from extract.page import BBox, Char, Color, Fill, PageContent, Rule
from extract.rows import (
    LogicalCell,
    TableRow,
    carries_on,
    continues_over_page,
)
from extract.tables.base import (
    Cell,
    cell_fill,
    close_open_bottom,
    close_open_top,
    glyph_points,
    glyphs_by_box,
    open_frame_boxes,
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
        pytest.param(  # the first and last cells are merged cells going on beside the next page's rows
            [vertical(x, 50, 200) for x in XS] + HORIZONTALS[:2] + [horizontal(200, 200, 380)],
            None, False, id="rule-under-one-cell-closes-the-row",
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


def test_split_glued_header_keeps_a_merged_cell_deeper_than_its_neighbour() -> None:
    rows = [[BBox(20, 50, 200, 150), BBox(200, 50, 380, 100)], [BBox(200, 100, 380, 150)]]
    rules = [*(vertical(x, 50, 150) for x in XS[:3]), horizontal(50, 20, 380), horizontal(150, 20, 380),
             horizontal(100, 200, 380)]
    assert split_glued_header(rows, page(rules, runs=GLUED)) == [
        SPLIT[0], [BBox(20, 66, 200, 150), BBox(200, 66, 380, 100)], rows[1],
    ]


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
    assert cell_fill(BOX, fills) == expected


def test_cell_fill_of_an_empty_box() -> None:
    assert cell_fill(BBox(20, 100, 20, 150), [Fill(BOX, RED)]) is None


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
            {"finding": cell("Plans are late."), "action": cell("monthly and report.")}, False, True,
            id="finding-broken-between-sentences-beside-an-action-carrying-on",
        ),
        pytest.param({"lead": cell("Sam Green")}, False, True, id="no-action-no-finding"),
        pytest.param({"action": cell("b) Train staff."), "lead": cell("Sam Green")}, True, True, id="grid-open"),
        pytest.param({"action": cell("b) Train staff.")}, False, False, id="ruled-off-new-action"),
        pytest.param(
            {"action": cell("b) Train staff."), "lead": cell("Sam Green")}, False, False,
            id="ruled-off-new-action-lead"
        ),
        pytest.param({"action": cell("and report to the board.")}, False, True, id="action-carries-on"),
        pytest.param(
            {"finding": cell("and planning."), "action": cell("b) Train staff."), "lead": cell("Sam Green")}, False,
            False, id="finding-carries-on-beside-a-new-one-action-row",
        ),
        pytest.param(
            {"finding": cell("and planning."), "action": cell("b) Train staff.")}, False, True,
            id="finding-carries-on-beside-the-rest-of-a-shared-lead",
        ),
        pytest.param(
            {"finding": cell("and planning."), "action": cell("b) Train staff."), "lead": cell("and Sam Green")},
            False, True, id="finding-and-lead-carry-on",
        ),
    ],
)
def test_continues_over_page(cells: dict, grid_was_open: bool, expected: bool) -> None:
    assert continues_over_page(cells, PREVIOUS, grid_was_open) is expected


@pytest.mark.parametrize(
    ("action_above", "action", "expected"),
    [
        pytest.param(("Refresh the Carers Strategy.",), "Commission the centre.", False, id="unmarked-new-action"),
        pytest.param(("Refresh the Carers Strategy with",), "the Carers Centre.", True, id="unmarked-action-goes-on"),
        pytest.param(("Refresh the strategy.", "", "Commission the centre."), "Update the website.", True,
                     id="several-unmarked-actions-above"),
    ],
)
def test_the_rest_of_a_finding_beside_an_unmarked_one_action_row(
    action_above: tuple[str, ...], action: str, expected: bool,
) -> None:
    lines = [text_line(t, 100.0 + 12 * i) for i, t in enumerate(action_above) if t]
    if len(action_above) > 1:  # a blank line's gap between paragraphs
        lines = [text_line(action_above[0], 100.0), text_line(action_above[2], 130.0)]
    above = TableRow(cells={
        "finding": logical("4. Make sure that information for"),
        "action": LogicalCell(lines=lines),
        "lead": logical("Hannah Webb"),
        "due": logical("31/07/2020"),
    })
    cells = {"finding": cell("carers is easy to find."), "action": cell(action), "lead": cell("Head of Commissioning"),
             "due": cell("30/09/2020")}
    assert continues_over_page(cells, above, False) is expected


def test_a_cell_of_several_actions_broken_by_the_page_goes_on_as_one_row() -> None:
    above = TableRow(cells={
        "finding": logical("Improve the quality of"),
        "action": logical("a) Audit files monthly."),
        "lead": logical("a) Jo Bloggs", "b) Sam Green"),
    })
    cells = {"finding": cell("assessment."), "action": cell("b) Train staff."), "lead": cell("c) Ann Lee")}
    assert continues_over_page(cells, above, False) is True


# --- glyphs placed into cells ----------------------------------------------------------------

def test_glyph_points_place_a_word_where_its_first_glyph_is_and_sort_down_the_page() -> None:
    word = chars_of(190, "overrun", 80)  # 190..225: runs on over the column edge at 200
    lower = chars_of(22, "ab", 120)
    upper = chars_of(22, "cd", 60)
    points = glyph_points([*word, *lower, *upper])
    first_centre = (word[0].x0 + word[0].x1) / 2
    assert points.order.tolist() == [9, 10, 0, 1, 2, 3, 4, 5, 6, 7, 8]
    assert points.across.tolist()[2:9] == [first_centre] * 7
    assert points.across.tolist()[:2] == [(upper[0].x0 + upper[0].x1) / 2] * 2  # "cd" is one word
    assert points.down.tolist() == sorted((c.top + c.bottom) / 2 for c in [*word, *lower, *upper])


def test_glyph_points_start_a_new_word_at_a_space_a_gap_or_a_new_baseline() -> None:
    glyphs = [*chars_of(22, "ab c", 60), *chars_of(60, "d", 60), *chars_of(65, "e", 61)]  # "e" touches "d", lower
    points = glyph_points(glyphs)
    centres = [(c.x0 + c.x1) / 2 for c in glyphs]
    assert points.across.tolist() == [centres[0], centres[0], centres[2], centres[3], centres[4]]


def test_glyphs_by_box_gives_each_box_its_glyphs_down_the_page_and_none_outside() -> None:
    row = [BBox(20, 50, 200, 100), BBox(200, 50, 380, 90)]
    word, below_second = chars_of(190, "overrun", 60), chars_of(202, "zz", 92)
    upper, outside = chars_of(22, "up", 52), chars_of(22, "no", 110)
    glyphs = [*word, *below_second, *upper, *outside]
    placed = glyphs_by_box(glyph_points(glyphs), row)
    assert [[glyphs[i].text for i in box.tolist()] for box in placed] == [["u", "p", *"overrun"], []]


def test_glyph_points_lines_lay_out_a_cell_once_as_chars_to_lines_does() -> None:
    glyphs = [*chars_of(22, "two words", 60), *chars_of(22, "next line", 75)]
    points = glyph_points(glyphs)
    inside = glyphs_by_box(points, [BBox(20, 50, 200, 100)])[0]
    lines = points.lines(inside, 3)
    assert [(line.text, line.page) for line in lines] == [("two words", 3), ("next line", 3)]
    assert lines == tuple(chars_to_lines(points.glyphs(inside), 3))
    assert points.lines(inside.copy(), 3) is lines  # the same glyphs again: not laid out a second time
