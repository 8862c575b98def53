"""Tables drawn without rules: header band, column boundaries, row starts and cell boxes.

Words are laid out by hand: every glyph is CHAR_W wide and SIZE high, words in a run are
SPACE apart (a word space, narrower than a gutter), runs placed at given x and top.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from extract.layout import Word, line_words
from extract.page import BBox, Char, Fill, PageContent, Rule
from extract.tables.borderless import (
    ColumnLayout,
    HeaderCell,
    PhysicalLine,
    band_to_header,
    cells_lines,
    column_right_edges,
    edges_to_row_starts,
    fills_columns,
    find_cell_boxes,
    furniture_key,
    header_score,
    header_to_columns,
    is_crossed,
    is_footer_line,
    is_middle_aligned,
    is_overflowing_word,
    lines_to_header,
    lines_to_row_starts,
    number_split,
    row_boundary,
    row_edges,
    rows_to_boxes,
    ruled_rows_to_boxes,
    segments,
    touching_pieces,
    without_footer,
)
from extract.tables.borderless import runs as line_runs

SIZE = 10.0
CHAR_W = 5.0
SPACE = 3.0  # a word space: wider than a letter gap (1.8), narrower than a gutter (5.5)

Run = tuple  # (x0, text) or (x0, text, top offset)


def words_of(x0: float, text: str, top: float, bold: bool = False) -> list[Word]:
    """The words of `text` laid out from x0 at `top`."""
    words, x = [], x0
    for part in text.split():
        words.append(Word(part, x, x + CHAR_W * len(part), top, top + SIZE, SIZE, bold))
        x += CHAR_W * len(part) + SPACE
    return words


def line(top: float, *runs: Run, bold: bool = False) -> PhysicalLine:
    """One physical line of runs; a run may sit a little lower (a centred cell on the same line)."""
    words = []
    for run in runs:
        x0, text, *offset = run
        words.extend(words_of(x0, text, top + (offset[0] if offset else 0.0), bold))
    return PhysicalLine(tuple(sorted(words, key=lambda w: w.x0)))


def cell_texts(cells: list[HeaderCell]) -> list[tuple[str, float, float]]:
    return [(c.text, c.x0, c.x1) for c in cells]


# --- segments and header bands -------------------------------------------------------------


@pytest.mark.parametrize(
    ("gap", "expected"),
    [(5.5, [["Audit", "files"]]), (6.0, [["Audit"], ["files"]]), (SPACE, [["Audit", "files"]])],
)
def test_segments_split_at_gutters_wider_than_the_ratio(gap: float, expected: list[list[str]]) -> None:
    physical = PhysicalLine((
        Word("Audit", 0.0, 25.0, 0.0, SIZE, SIZE, False), Word("files", 25.0 + gap, 50.0 + gap, 0.0, SIZE, SIZE, False),
    ))
    assert [[w.text for w in run] for run in segments(physical)] == expected


def test_band_to_header_merges_the_lines_of_a_wrapped_header_cell() -> None:
    band = [
        line(100, (60, "Area for"), (200, "Action"), (350, "Responsible")),
        line(111, (60, "Improvement"), (350, "Officer")),
    ]
    assert cell_texts(band_to_header(band)) == [
        ("Area for Improvement", 60.0, 115.0), ("Action", 200.0, 230.0), ("Responsible Officer", 350.0, 405.0),
    ]


def hc(*texts: str) -> list[HeaderCell]:
    return [HeaderCell(text, 100.0 * i, 100.0 * i + 50) for i, text in enumerate(texts)]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Finding", "Action", "Lead"), 3),
        (("No.", "Recommendation", "Action", "Lead Officer", "By When", "Progress", "RAG"), 7),
        (("Finding", "Lead", "Date"), 0),  # no action column
        (("Action", "Lead"), 0),  # fewer than three cells
        (("Action", "Lead", "Resources"), 0),  # only two roles known
        (("Action", "Lead", "Lead Officer"), 0),  # two cells, one role: still two roles
        (("Finding", "Action", "Lead", "Resources"), 3),  # an unknown column neither adds nor spoils
        (("Recommendation one is to improve the quality of plans", "Action", "Lead"), 0),  # 9 words: prose
        (("Recommendation one is to improve the plans", "Action", "Lead"), 3),  # 7 words: still a header
    ],
)
def test_header_score(texts: tuple[str, ...], expected: int) -> None:
    assert header_score(hc(*texts)) == expected


HEADER_1 = line(
    100, (20, "No."), (60, "Recommendation"), (200, "Action"), (350, "Lead Officer"), (450, "By When"),
    (520, "Progress"), bold=True,
)


def test_one_line_header_below_a_title() -> None:
    lines = [
        line(40, (20, "Children's Services Improvement Plan"), bold=True),
        HEADER_1,
        line(120, (20, "1."), (60, "Improve the timeliness"), (200, "Audit files"), (350, "Jo Bloggs")),
    ]
    found = lines_to_header(lines)
    assert found is not None
    start, count, cells = found
    assert (start, count) == (1, 1)
    assert cell_texts(cells) == [
        ("No.", 20.0, 35.0), ("Recommendation", 60.0, 130.0), ("Action", 200.0, 230.0),
        ("Lead Officer", 350.0, 408.0), ("By When", 450.0, 483.0), ("Progress", 520.0, 560.0),
    ]


def test_two_line_header_scores_higher_than_its_first_line() -> None:
    lines = [
        line(100, (60, "Area for"), (200, "Action"), (350, "Responsible"), (450, "Date for"), (520, "Progress")),
        line(111, (60, "Improvement"), (350, "Officer"), (450, "Completion")),
        line(135, (60, "Improve the timeliness"), (200, "Audit files"), (350, "Jo Bloggs"), (450, "May 2019")),
    ]
    assert lines_to_header(lines) == (0, 2, [
        HeaderCell("Area for Improvement", 60.0, 115.0),
        HeaderCell("Action", 200.0, 230.0),
        HeaderCell("Responsible Officer", 350.0, 405.0),
        HeaderCell("Date for Completion", 450.0, 500.0),
        HeaderCell("Progress", 520.0, 560.0),
    ])


def test_bold_second_header_line_is_kept_when_it_adds_no_role() -> None:
    lines = [
        line(100, (20, "Ref"), (200, "Action"), (350, "Lead"), (450, "Target"), (520, "Update"), bold=True),
        line(111, (350, "Officer"), (450, "Date"), bold=True),
        line(135, (20, "1"), (200, "Audit files"), (350, "Jo Bloggs"), (450, "May 2019")),
    ]
    found = lines_to_header(lines)
    assert found is not None
    assert (found[0], found[1]) == (0, 2)
    assert [c.text for c in found[2]] == ["Ref", "Action", "Lead Officer", "Target Date", "Update"]


def test_a_title_line_just_above_the_header_is_left_out_when_it_hides_a_role() -> None:
    lines = [
        line(86, (20, "Progress as at October 2018")),
        line(100, (20, "Finding"), (200, "Lead"), (300, "Action(s)"), (450, "Progress"), (600, "Target Date")),
        line(120, (20, "1. Improve the timeliness"), (200, "Jo Bloggs"), (300, "Audit files")),
    ]
    found = lines_to_header(lines)
    assert found is not None
    start, count, cells = found
    assert (start, count) == (1, 1)
    assert [c.text for c in cells] == ["Finding", "Lead", "Action(s)", "Progress", "Target Date"]


PROSE_WITH_ROLE_WORDS = line(
    60,
    (20, "This action plan sets out how every lead officer will report progress"),
    (400, "against the target date of each action in the plan"),
    (700, "and the status of each recommendation made by the inspectors"),
)


def test_prose_is_never_a_header() -> None:
    one_run = line(60, (20, "The action plan names the lead officer, the target date and the progress made"))
    assert lines_to_header([one_run]) is None
    assert lines_to_header([PROSE_WITH_ROLE_WORDS]) is None


def test_prose_above_the_header_is_skipped() -> None:
    found = lines_to_header([PROSE_WITH_ROLE_WORDS, HEADER_1])
    assert found is not None
    assert (found[0], found[1], len(found[2])) == (1, 1, 6)


# --- column boundaries ---------------------------------------------------------------------


def body_words(*lines_: PhysicalLine) -> list[Word]:
    return [w for ln in lines_ for w in ln.words]


def test_boundaries_move_left_into_the_whitespace_before_a_centred_header() -> None:
    header = [HeaderCell("Finding", 60.0, 95.0), HeaderCell("Action", 210.0, 240.0), HeaderCell("Lead", 390.0, 410.0)]
    body = body_words(
        line(120, (60, "Improve the timeliness of"), (200, "Review the audit tool"), (380, "Jo Bloggs")),
        line(132, (60, "for children in need now"), (200, "with team managers"), (380, "Sam Green")),
    )
    # the finding text ends at 179 (its widest line), action text starts at 200, lead text at 380
    assert max(w.x1 for w in body if w.x0 < 200) == 179.0
    assert header_to_columns(header, body) == [(59.0, "Finding"), (200.0, "Action"), (380.0, "Lead")]


def test_boundary_stays_right_of_the_header_start_when_nothing_crosses() -> None:
    header = [HeaderCell("Finding", 60.0, 95.0), HeaderCell("Action", 200.0, 230.0), HeaderCell("Lead", 390.0, 410.0)]
    body = body_words(line(120, (60, "Improve"), (202, "Audit files monthly now"), (392, "Jo Bloggs")))
    assert header_to_columns(header, body) == [(59.0, "Finding"), (201.0, "Action"), (391.0, "Lead")]


def test_boundary_does_not_land_in_a_word_space_of_the_column_text() -> None:
    """find_cell_boxes hands header_to_columns each line's runs, so a word space is never a corridor."""
    header = [HeaderCell("Finding", 60.0, 95.0), HeaderCell("Action", 210.0, 240.0), HeaderCell("Lead", 390.0, 410.0)]
    text_line = line(120, (60, "Improve the timeliness of"), (200, "Review the audit tool"), (380, "Jo Bloggs"))
    assert [r.text for r in line_runs(text_line)] == ["Improve the timeliness of", "Review the audit tool", "Jo Bloggs"]
    assert header_to_columns(header, line_runs(text_line)) == [(59.0, "Finding"), (200.0, "Action"), (380.0, "Lead")]


def test_no_corridor_falls_back_to_the_header_start() -> None:
    header = [HeaderCell("Finding", 60.0, 180.0), HeaderCell("Action", 300.0, 330.0), HeaderCell("Lead", 450.0, 470.0)]
    # one long word runs from inside the finding header across the whole gap to the action header
    body = [Word("x" * 30, 170.0, 320.0, 120.0, 130.0, SIZE, False), *words_of(450, "Jo Bloggs", 120)]
    assert header_to_columns(header, body) == [(59.0, "Finding"), (299.0, "Action"), (450.0, "Lead")]


def test_unheaded_number_column_left_of_the_first_header() -> None:
    header = [HeaderCell("Finding", 40.0, 75.0), HeaderCell("Action", 200.0, 230.0), HeaderCell("Lead", 350.0, 370.0)]
    body = body_words(
        line(120, (20, "1."), (40, "Improve the timeliness"), (200, "Audit files"), (350, "Jo Bloggs")),
        line(140, (20, "2."), (40, "Reduce caseloads"), (200, "Recruit staff"), (350, "Sam Green")),
    )
    assert header_to_columns(header, body) == [(19.0, ""), (39.0, "Finding"), (200.0, "Action"), (350.0, "Lead")]


@pytest.mark.parametrize(
    "first_run",
    [
        pytest.param((30, "Improve the timeliness"), id="text-left-of-header-runs-into-it"),
        pytest.param((38, "Improve"), id="within-align-tolerance"),
    ],
)
def test_no_unheaded_column_for_text_that_is_the_first_column(first_run: Run) -> None:
    header = [HeaderCell("Finding", 40.0, 75.0), HeaderCell("Action", 200.0, 230.0), HeaderCell("Lead", 350.0, 370.0)]
    body = body_words(line(120, first_run, (200, "Audit files"), (350, "Jo Bloggs")))
    assert header_to_columns(header, body) == [(39.0, "Finding"), (200.0, "Action"), (350.0, "Lead")]


# --- row starts ----------------------------------------------------------------------------

COLUMNS = [(19.0, "Finding"), (199.0, "Action"), (349.0, "Lead")]
F, A, L = 20, 200, 350

PADDED_ROWS = [  # top-aligned rows with padding; the middle row holds only action text
    line(100, (F, "Improve the timeliness"), (A, "Audit files"), (L, "Jo Bloggs")),
    line(112, (F, "of assessments"), (A, "monthly")),
    line(130, (A, "Report to the board")),
    line(142, (A, "each quarter")),
    line(160, (F, "Reduce caseloads"), (A, "Recruit staff"), (L, "Sam Green")),
    line(172, (F, "in teams")),
]
UNPADDED_ROWS = [  # top-aligned rows with no padding: the second row's action and lead start together
    line(100, (F, "Improve the timeliness"), (A, "a) Audit files"), (L, "Jo Bloggs")),
    line(112, (F, "of assessments"), (A, "monthly")),
    line(124, (F, "for children in need")),
    line(136, (A, "b) Train staff"), (L, "Sam Green")),
    line(148, (A, "in the new tool")),
]
UNPADDED_NEW_FINDING = [  # the finding column starts a new block while the action text runs on
    line(100, (F, "Improve the timeliness"), (A, "Audit files"), (L, "Jo Bloggs")),
    line(112, (F, "of assessments"), (A, "monthly and report")),
    line(124, (A, "to the board")),
    line(136, (F, "Reduce caseloads"), (A, "each quarter")),
    line(148, (A, "Recruit staff")),
]
LONE_PARAGRAPH_GAP = [  # a second paragraph in one action cell, aligned with nothing: not a row
    line(100, (F, "Improve the timeliness"), (A, "Audit files"), (L, "Jo Bloggs")),
    line(112, (F, "of assessments"), (A, "monthly")),
    line(124, (F, "for children in need")),
    line(136, (F, "and care leavers")),
    line(148, (F, "in the county"), (A, "Report to the board")),
]
CENTRED_ROWS = [  # vertically centred cells; row 2's action cell has two paragraphs
    line(100, (F, "Improve the timeliness")),
    line(112, (F, "of assessments"), (A, "Audit files"), (L, "Jo Bloggs")),
    line(124, (F, "for children in need")),
    # row 2 starts with the action's first paragraph; its finding and lead sit lower, centred
    line(150, (A, "a) Audit files monthly")),
    # the action's own paragraph gap (20 pt) is narrower than a row's padding (26 pt)
    line(170, (A, "b) Train staff in"), (F, "Reduce caseloads", 2.0), (L, "Sam Green", 2.0)),
    line(182, (A, "the new recording")),
    line(194, (A, "tool")),
    line(220, (F, "Improve supervision")),
    line(232, (F, "of social workers"), (A, "Review supervision"), (L, "Ann Lee")),
    line(244, (F, "in all teams")),
]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(PADDED_ROWS, [100.0, 130.0, 160.0], id="full-width-gaps"),
        pytest.param(UNPADDED_ROWS, [100.0, 136.0], id="aligned-first-lines"),
        pytest.param(UNPADDED_NEW_FINDING, [100.0, 136.0], id="new-block-in-finding-column"),
        pytest.param(LONE_PARAGRAPH_GAP, [100.0], id="lone-paragraph-gap-is-no-row"),
        pytest.param(CENTRED_ROWS, [100.0, 150.0, 220.0], id="centred-cells"),
    ],
)
def test_row_starts(lines: list[PhysicalLine], expected: list[float]) -> None:
    assert lines_to_row_starts(lines, COLUMNS) == expected


def test_centred_cells_paragraph_gap_does_not_start_a_row() -> None:
    starts = lines_to_row_starts(CENTRED_ROWS, COLUMNS)
    assert 170.0 not in starts
    # the finding of row 2 starts below the row's first line, yet the row starts at 150
    assert 150.0 in starts and 172.0 not in starts


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(CENTRED_ROWS, True, id="centred"),
        pytest.param(PADDED_ROWS, False, id="top-aligned"),
    ],
)
def test_is_middle_aligned(lines: list[PhysicalLine], expected: bool) -> None:
    gaps = [0, *(i for i in range(1, len(lines)) if lines[i].top - lines[i - 1].top > 1.35 * 12), len(lines)]
    stretches = [lines[a:b] for a, b in itertools.pairwise(gaps)]
    assert is_middle_aligned(stretches, COLUMNS, 12.0) is expected


# --- cell boxes ----------------------------------------------------------------------------


def test_column_right_edges_are_the_widest_line_ends() -> None:
    words = body_words(
        line(100, (F, "Improve the timeliness"), (A, "Audit files"), (L, "Jo Bloggs")),
        line(112, (F, "of assessments"), (A, "monthly")),
    )
    # finding 20..126 ("Improve the timeliness"), action 200..253 ("Audit files"), lead 350..393
    assert column_right_edges(COLUMNS, words, 500.0) == [127.0, 254.0, 394.0]
    assert column_right_edges(COLUMNS, [], 500.0) == [199.0, 349.0, 500.0]


@pytest.mark.parametrize(
    ("first_runs", "expected"),
    [
        pytest.param([(20, "1."), (40, "Improve")], 35.0, id="number-dot"),
        pytest.param([(20, "12)"), (45, "Improve")], 40.0, id="number-paren"),  # "12)" ends at 35
        pytest.param([(20, "1.2"), (45, "Improve")], 40.0, id="dotted-number"),
        pytest.param([(20, "Recommendation 1"), (120, "Improve")], None, id="labelled-number"),
        pytest.param([(20, "1. Improve the timeliness")], None, id="no-gutter"),
        pytest.param([(20, "Improve"), (70, "2019")], None, id="number-after-text"),
    ],
)
def test_number_split(first_runs: list[Run], expected: float | None) -> None:
    rows = [line(120, *first_runs, (A, "Audit files")), line(132, (40, "of assessments"))]
    assert number_split(rows, 19.0, 199.0) == expected


def test_number_split_without_text_in_the_column() -> None:
    assert number_split([line(120, (A, "Audit files"))], 19.0, 199.0) is None


def test_rows_to_boxes_heading_spans_and_bare_number_gets_a_cell() -> None:
    lines = [
        line(100, (F, "Safeguarding and Child Protection Services"), bold=True),  # runs across 199
        line(120, (F, "1."), (40, "Improve the timeliness"), (A, "Audit files"), (L, "Jo Bloggs")),
        line(132, (40, "of assessments"), (A, "monthly")),
    ]
    boxes = rows_to_boxes([100.0, 120.0], lines[-1].bottom, COLUMNS, 500.0, lines)
    assert boxes == [
        BBox(19.0, 99.0, 500.0, 119.0),  # the heading: one box across the table
        BBox(19.0, 119.0, 35.0, 142.0),  # the bare number before its gutter
        BBox(35.0, 119.0, 180.0, 142.0),  # right edge: the widest text in the column (179) + 1
        BBox(199.0, 119.0, 254.0, 142.0),
        BBox(349.0, 119.0, 394.0, 142.0),
    ]


def test_rows_to_boxes_one_line_inside_one_column_is_not_a_heading() -> None:
    lines = [line(100, (F, "Safeguarding"), bold=True), line(120, (F, "Improve"), (A, "Audit"), (L, "Jo Bloggs"))]
    boxes = rows_to_boxes([100.0, 120.0], lines[-1].bottom, COLUMNS, 500.0, lines)
    assert boxes == [
        BBox(19.0, 99.0, 81.0, 119.0), BBox(199.0, 99.0, 226.0, 119.0), BBox(349.0, 99.0, 394.0, 119.0),
        BBox(19.0, 119.0, 81.0, 130.0), BBox(199.0, 119.0, 226.0, 130.0), BBox(349.0, 119.0, 394.0, 130.0),
    ]


# --- find_cell_boxes on a page of characters -------------------------------------------------


def chars_of(x0: float, text: str, top: float, size: float = SIZE, bold: bool = False) -> list[Char]:
    """One Char per letter, CHAR_W wide; a space advances SPACE and prints nothing."""
    chars, x = [], x0
    for letter in text:
        if letter == " ":
            x += SPACE
            continue
        chars.append(Char(letter, x, x + CHAR_W, top, top + size, size, bold))
        x += CHAR_W
    return chars


def page_of(*runs: tuple) -> PageContent:
    chars = [c for run in runs for c in chars_of(*run)]
    return PageContent(Path("t.pdf"), 1, 600.0, 800.0, tuple(chars), (), ())


TINY_TABLE = (
    (20, "Improvement Plan 2019", 60, 14.0, True),
    (20, "Finding", 100, SIZE, True), (200, "Action", 100, SIZE, True), (380, "Lead", 100, SIZE, True),
    (20, "Improve audits", 120), (200, "Review the audit tool", 120), (380, "Jo Bloggs", 120),
    (20, "of case files", 132),
    (20, "Reduce caseloads", 150), (200, "Recruit staff", 150), (380, "Head of Service", 150),
    (20, "in teams", 162),
    (20, "Page 1 of 3", 300),  # a footer far below: not part of the table
)


def test_find_cell_boxes_of_a_three_column_borderless_table() -> None:
    boxes, layout = find_cell_boxes(page_of(*TINY_TABLE))
    assert layout == ColumnLayout(((19.0, "Finding"), (200.0, "Action"), (380.0, "Lead")), 452.0)
    assert boxes == [
        # header row: from the column boundaries to the right edge of the table
        BBox(19.0, 99.0, 200.0, 119.0), BBox(200.0, 99.0, 380.0, 119.0), BBox(380.0, 99.0, 452.0, 119.0),
        # row 1 (two lines), up to the padding gap above row 2
        BBox(19.0, 119.0, 99.0, 149.0), BBox(200.0, 119.0, 300.0, 149.0), BBox(380.0, 119.0, 452.0, 149.0),
        # row 2, down to the last body line's bottom (the footer is left out)
        BBox(19.0, 149.0, 99.0, 172.0), BBox(200.0, 149.0, 300.0, 172.0), BBox(380.0, 149.0, 452.0, 172.0),
    ]


def test_find_cell_boxes_without_a_header_is_empty() -> None:
    page = page_of((20, "Improvement Plan 2019", 60, 14.0, True), (20, "The council will report on progress", 100))
    assert find_cell_boxes(page) is None


def test_find_cell_boxes_of_a_header_with_no_body_is_empty() -> None:
    header_only = page_of(
        (20, "Finding", 100, SIZE, True), (200, "Action", 100, SIZE, True), (380, "Lead", 100, SIZE, True),
        (20, "Page 1 of 3", 300),
    )
    assert find_cell_boxes(header_only) is None


CARRIED = ColumnLayout(((19.0, "Finding"), (200.0, "Action"), (380.0, "Lead")), 452.0)
CONTINUED_PAGE = (
    (20, "Improvement Plan 2019", 30, 14.0, True),  # the running head, printed above the table on page 1
    (20, "Improve audits", 60), (200, "Review the audit tool", 60), (380, "Jo Bloggs", 60),
    (20, "of case files", 72),
    (20, "Reduce caseloads", 90), (200, "Recruit staff", 90), (380, "Head of Service", 90),
    (20, "Page 2 of 3", 300),
)


def test_a_page_without_a_header_is_read_with_the_columns_carried_over() -> None:
    page = page_of(*CONTINUED_PAGE)
    boxes, layout = find_cell_boxes(page, CARRIED, frozenset({furniture_key("Improvement Plan 2019")}))
    assert layout == CARRIED
    assert boxes == [
        BBox(19.0, 59.0, 99.0, 89.0), BBox(200.0, 59.0, 300.0, 89.0), BBox(380.0, 59.0, 452.0, 89.0),
        BBox(19.0, 89.0, 99.0, 100.0), BBox(200.0, 89.0, 300.0, 100.0), BBox(380.0, 89.0, 452.0, 100.0),
    ]


def test_a_page_without_a_header_and_nothing_carried_has_no_table() -> None:
    assert find_cell_boxes(page_of(*CONTINUED_PAGE)) is None


def test_carried_columns_do_not_read_prose_as_rows() -> None:
    prose = page_of(
        (20, "The council will report on progress to the board every quarter and publish it", 60),
        (20, "on its website with the minutes of the meeting where the plan was agreed", 72),
    )
    assert find_cell_boxes(prose, CARRIED) is None


def test_horizontal_rules_bound_the_rows() -> None:
    """With rules between rows, a paragraph gap inside a cell does not start a row."""
    lines = [
        PhysicalLine(tuple(line_words(chars_of(20, "Improve audits", top)))) for top in (60, 72, 100)
    ]
    assert edges_to_row_starts(lines, [55.0, 120.0]) is None  # rules only around the body
    assert edges_to_row_starts(lines, [55.0, 90.0, 120.0]) == [60, 100]
    assert edges_to_row_starts(lines, [55.0, 86.0, 120.0]) == [60, 100]


def test_row_edges_are_wide_rules_and_the_edges_of_row_wide_fills() -> None:
    page = PageContent(
        Path("t.pdf"), 1, 600.0, 800.0, (),
        (Rule(10, 50, 460, 50), Rule(10, 80, 60, 80)),  # the second is under one cell only
        (Fill(BBox(10, 90, 460, 120), (0.9, 0.9, 0.9)), Fill(BBox(380, 130, 460, 150), (1.0, 0.0, 0.0))),
    )
    assert row_edges(page, 10, 460) == ([50], [90, 120])


# --- cells standing at different heights, narrow gutters, rows moved over whole ----------------


def test_a_printed_line_is_cut_where_its_cells_stand_at_different_heights() -> None:
    lines = cells_lines([line(100, (A, "Audit files"), (L, "staff are", 5.0)), line(112, (L, "trained", 5.0))])
    assert [(ln.top, [w.text for w in ln.words]) for ln in lines] == [
        (100, ["Audit", "files"]), (105.0, ["staff", "are"]), (117.0, ["trained"]),
    ]


def test_a_printed_line_of_cells_at_one_height_stays_whole() -> None:
    lines = cells_lines([line(100, (A, "Audit files"), (L, "Jo Bloggs", 1.0))])
    assert [[w.text for w in ln.words] for ln in lines] == [["Audit", "files", "Jo", "Bloggs"]]


def test_a_row_ends_below_the_centre_of_a_line_starting_just_above_the_next_row() -> None:
    lines = [line(100, (A, "Audit files")), line(110, (L, "required.")), line(112, (A, "Train staff"))]
    assert row_boundary(112.0, lines) == 116.0  # between centres 115 and 117
    assert row_boundary(112.0, [lines[0], lines[2]]) == 111.0  # nothing in the way: a point above the row


def test_runs_are_cut_at_a_column_boundary_a_narrow_gutter_does_not_show() -> None:
    narrow = line(100, (A, "Service Manager,"), (A + 82.0, "30th October"))  # a gap of 2 points: one run
    assert [w.text for w in line_runs(narrow)] == ["Service Manager, 30th October"]
    assert [w.text for w in line_runs(narrow, [A + 81.0])] == ["Service Manager,", "30th October"]


def test_a_row_moved_over_whole_fills_the_carried_columns_and_prose_does_not() -> None:
    row = [line(60, (F, "Improve audits"), (A, "Review the tool"), (L, "Jo Bloggs"))]
    assert fills_columns(row, COLUMNS)
    assert not fills_columns([line(60, (F, "Improve audits"))], COLUMNS)


def test_carried_columns_read_a_page_after_a_table_that_ended_early_only_from_a_full_row() -> None:
    page = page_of(*CONTINUED_PAGE)
    furniture = frozenset({furniture_key("Improvement Plan 2019")})
    assert find_cell_boxes(page, CARRIED, furniture, ran_to_foot=False) == find_cell_boxes(page, CARRIED, furniture)
    notes = page_of((20, "Improve audits", 60), (20, "of case files", 72))
    assert find_cell_boxes(notes, CARRIED, ran_to_foot=True) is not None
    assert find_cell_boxes(notes, CARRIED, ran_to_foot=False) is None


def test_below_the_last_rule_only_the_cells_going_on_are_kept() -> None:
    """A rule under the action and lead cells only: the finding goes on below it, beside no new row."""
    body = [
        line(60, (F, "Improve audits"), (A, "Audit files"), (L, "Jo Bloggs")),
        line(72, (F, "of case files")),
        line(90, (F, "and plans")),
    ]
    page = PageContent(Path("t.pdf"), 1, 600.0, 800.0, (), (Rule(199.0, 84.0, 500.0, 84.0),), ())
    boxes = ruled_rows_to_boxes(body, COLUMNS, 500.0, [84.0], page)
    assert boxes == [BBox(19.0, 59.0, 89.0, 101.0), BBox(199.0, 59.0, 254.0, 84.0), BBox(349.0, 59.0, 394.0, 84.0)]


def test_a_cell_starting_just_left_of_its_header_does_not_join_the_cell_beside_it() -> None:
    words = line(60, (A - 1.5, "Completed."))
    assert is_crossed(A - 1.0 + 1.0, line_runs(words))
    assert not is_crossed(A - 1.0 + 1.0, line_runs(words), 2.0)


def test_glyphs_clear_of_each_other_are_two_words_for_the_layout() -> None:
    glyphs = [*chars_of(150, "Managers", 100), *chars_of(191.3, "31/12", 100)]  # 1.3 points apart: not touching
    assert [[c.text for c in piece] for piece in touching_pieces(glyphs)] == [list("Managers"), list("31/12")]
    assert len(touching_pieces(chars_of(150, "Managers", 100))) == 1


def test_below_the_last_rule_a_row_ruled_off_under_its_text_keeps_its_empty_cells() -> None:
    """An empty cell of a closed last row (a RAG cell shaded, not written) is still a cell."""
    body = [line(60, (F, "Improve audits"), (A, "Audit files"), (L, "Jo Bloggs")), line(90, (F, "Train staff"))]
    rules = (Rule(19.0, 84.0, 500.0, 84.0), Rule(19.0, 102.0, 500.0, 102.0))
    page = PageContent(Path("t.pdf"), 1, 600.0, 800.0, (), rules, ())
    boxes = ruled_rows_to_boxes(body, COLUMNS, 500.0, [84.0, 102.0], page)
    assert [(box.x0, box.top, box.bottom) for box in boxes] == [
        (19.0, 59.0, 84.0), (199.0, 59.0, 84.0), (349.0, 59.0, 84.0),
        (19.0, 84.0, 101.0), (199.0, 84.0, 101.0), (349.0, 84.0, 101.0),
    ]


def test_a_page_number_close_below_the_table_is_a_footer() -> None:
    body = [line(700, (F, "Improve audits"), (A, "Audit files")), line(712, (A, "monthly.")), line(728, (A, "Page 2"))]
    assert without_footer(body, 800.0, 690.0) == body[:2]  # 5 points below the text: not apart, but a page number
    notes = [*body[:2], line(728, (A, "Jo Bloggs"))]
    assert without_footer(notes, 800.0, 690.0) == notes  # a name so close is a row's text


# --- the footer under a borderless table ---------------------------------------------------


@pytest.mark.parametrize(
    ("footer", "top", "kept"),
    [
        ("Page 2", 560.0, 3),  # a page number close under the last row, in the last fifth: the footer
        ("- 3 -", 500.0, 3),
        ("4 of 9", 560.0, 3),
        ("12", 560.0, 3),
        ("Page 2", 420.0, 4),  # too high on the page for a footer: a row of the table
        ("Lisa Ward", 560.0, 4),  # close under the last row, not a page number: a row
        ("2019", 560.0, 4),  # a year wrapped onto the last line of a date cell
    ],
)
def test_without_footer_drops_a_page_number_set_close_under_the_table(footer: str, top: float, kept: int) -> None:
    texts = ["Relaunch the threshold document", "with partner agencies", "and schools.", footer]
    body = [line(top - 12 * (3 - i), (40, text)) for i, text in enumerate(texts)]  # no gap above the footer
    got = without_footer(body, 612.0, top - 40)
    assert [" ".join(w.text for w in ln.words) for ln in got] == texts[:kept]


@pytest.mark.parametrize(
    ("text", "top", "expected"),
    [
        ("Page 1", 359.0, True),  # a slide's footer margin is more than a tenth of its height
        ("Page 1", 300.0, False),
        ("Version 2 - March 2019", 370.0, True),  # anything in the last tenth
        ("Version 2 - March 2019", 359.0, False),
    ],
)
def test_is_footer_line_allows_a_page_number_in_the_last_fifth(text: str, top: float, expected: bool) -> None:
    assert is_footer_line(text, top, 405.0) is expected


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        (Word("Commissioning,", 358.7, 422.7, 638.7, 646.7, 8.0, False), True),  # one word sticking out
        (Word("Looked After Children", 358.7, 460.0, 638.7, 646.7, 8.0, True), False),  # text across the columns
        (Word("Commissioning,", 358.7, 410.0, 638.7, 646.7, 8.0, False), False),  # inside its cell
    ],
)
def test_is_overflowing_word(run: Word, expected: bool) -> None:
    assert is_overflowing_word(run, 355.0, 415.0) is expected
