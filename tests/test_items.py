"""A cell's paragraphs split into items at their markers (extract/items.py)."""

from __future__ import annotations

import pytest

from extract.items import Item, paragraphs_to_items, rows_to_findings
from extract.layout import Paragraph, TextLine
from extract.page import BBox
from extract.rows import LogicalCell, PlanTable, TableRow, open_cell


def para(text: str, *pages: int) -> Paragraph:
    return Paragraph(text, frozenset(pages or (1,)))


def item(keys: tuple[str, ...], kind: str, text: str, pages: tuple[int, ...] = (1,), paragraphs=None) -> Item:
    return Item(keys, kind, text, paragraphs or (text,), frozenset(pages))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("printed", "key", "body"),
    [
        ("a) Review the plan", "a", "Review the plan"),
        ("(b) Audit cases", "b", "Audit cases"),
        ("c. Train staff", "c", "Train staff"),
        ("A) Upper case letter", "a", "Upper case letter"),
    ],
)
def test_letter_markers(printed: str, key: str, body: str) -> None:
    assert paragraphs_to_items([para(printed)]) == [item((key,), "letter", body)]


def test_letters_in_sequence() -> None:
    items = paragraphs_to_items([para("a) Review the plan"), para("(b) Audit cases"), para("c. Train staff")])
    assert items == [
        item(("a",), "letter", "Review the plan"),
        item(("b",), "letter", "Audit cases"),
        item(("c",), "letter", "Train staff"),
    ]


@pytest.mark.parametrize(
    ("printed", "keys"),
    [
        ("d & e) Shared text", ("d", "e")),
        ("d and e) Shared text", ("d", "e")),
        ("f, g) Shared text", ("f", "g")),
    ],
)
def test_several_letters_serve_several_actions(printed: str, keys: tuple[str, ...]) -> None:
    assert paragraphs_to_items([para(printed)]) == [item(keys, "letter", "Shared text")]


def test_roman_numerals() -> None:
    items = paragraphs_to_items([para("i) First"), para("ii) Second"), para("iii) Third")])
    assert items == [
        item(("i",), "roman", "First"),
        item(("ii",), "roman", "Second"),
        item(("iii",), "roman", "Third"),
    ]


def test_i_after_h_is_a_letter() -> None:
    assert paragraphs_to_items([para("h) Eighth"), para("i) Ninth")]) == [
        item(("h",), "letter", "Eighth"),
        item(("i",), "letter", "Ninth"),
    ]


def test_numbered_items() -> None:
    assert paragraphs_to_items([para("1.1 Number one"), para("1.2. Number two")]) == [
        item(("1.1",), "number", "Number one"),
        item(("1.2",), "number", "Number two"),
    ]


@pytest.mark.parametrize(
    "printed", ["• Bullet text", "•Bullet text", "\uf0b7 Bullet text", "- Bullet text", "▪ Bullet text"],
)
def test_bullets(printed: str) -> None:
    assert paragraphs_to_items([para(printed)]) == [item((), "bullet", "Bullet text")]


def test_several_bullets_are_several_items() -> None:
    assert paragraphs_to_items([para("• Bullet one"), para("• Bullet two")]) == [
        item((), "bullet", "Bullet one"),
        item((), "bullet", "Bullet two"),
    ]


def test_unmarked_paragraph_joins_the_marked_one_above_and_pages_union() -> None:
    items = paragraphs_to_items([para("a) First", 1), para("continued here", 2), para("b) Second", 2)])
    assert items == [
        item(("a",), "letter", "First continued here", pages=(1, 2), paragraphs=("First", "continued here")),
        item(("b",), "letter", "Second", pages=(2,)),
    ]


def test_unmarked_paragraph_joins_a_bullet() -> None:
    items = paragraphs_to_items([para("• Audit", 3), para("all cases", 4)])
    assert items == [item((), "bullet", "Audit all cases", pages=(3, 4), paragraphs=("Audit", "all cases"))]


def test_leading_unmarked_paragraph_is_a_plain_item() -> None:
    assert paragraphs_to_items([para("Intro text"), para("a) First")]) == [
        item((), "plain", "Intro text"),
        item(("a",), "letter", "First"),
    ]


def test_unmarked_paragraphs_only_make_one_plain_item() -> None:
    assert paragraphs_to_items([para("Ian Walker", 1), para("Ailsa Barr", 2)]) == [
        item((), "plain", "Ian Walker Ailsa Barr", pages=(1, 2), paragraphs=("Ian Walker", "Ailsa Barr")),
    ]


def test_empty_paragraphs_are_skipped() -> None:
    assert paragraphs_to_items([para(""), para("   "), para("a) Real")]) == [item(("a",), "letter", "Real")]


@pytest.mark.parametrize("printed", ["a)Tight", "e.g. this", "A review of plans"])
def test_text_that_is_not_a_marker(printed: str) -> None:
    assert paragraphs_to_items([para(printed)]) == [item((), "plain", printed)]


def test_letters_run_together_in_one_paragraph() -> None:
    assert paragraphs_to_items([para("a) Review the plan b) Audit cases c) Train staff")]) == [
        item(("a",), "letter", "Review the plan"),
        item(("b",), "letter", "Audit cases"),
        item(("c",), "letter", "Train staff"),
    ]


def cell_of(*texts: str, top: float = 100.0) -> LogicalCell:
    """A cell of one-line paragraphs, each far below the last (so each is a paragraph of its own)."""
    lines = [TextLine(text, 20, 20 + 4 * len(text), top + 30 * i, top + 30 * i + 10, 10, False, 20, 1)
             for i, text in enumerate(texts)]
    return LogicalCell(lines=lines, boxes=[(1, BBox(10, top, 400, top + 30 * len(texts)))], right_edge=400)


def table_of(*rows: dict[str, tuple[str, ...]]) -> PlanTable:
    """A plan table with a finding, an action and a progress column, one TableRow per dict."""
    return PlanTable(
        columns={"finding": "Finding", "action": "Action", "progress": "Progress"},
        rows=[TableRow(cells={role: cell_of(*texts) for role, texts in row.items()}) for row in rows],  # type: ignore[misc]
        header_texts=["Finding", "Action", "Progress"], first_page=1, preamble=[], unmapped_headers=[],
    )


def test_bullets_beside_the_first_of_rows_with_empty_progress_are_the_findings() -> None:
    findings = rows_to_findings(table_of(
        {"finding": ("1. Improve recording",), "action": ("Audit files",), "progress": ("• Memo sent", "• Audits")},
        {"action": ("Train staff",), "progress": ()},
    ))
    assert [(a.text, a.progress) for a in findings[0].actions] == [("Audit files", []), ("Train staff", [])]
    assert findings[0].progress == ["Memo sent", "Audits"]


def test_plain_progress_beside_the_first_of_rows_with_empty_progress_is_its_actions() -> None:
    findings = rows_to_findings(table_of(
        {"finding": ("1. Improve recording",), "action": ("Audit files",), "progress": ("Memo sent",)},
        {"action": ("Train staff",), "progress": ()},
    ))
    assert [(a.text, a.progress) for a in findings[0].actions] == [("Audit files", ["Memo sent"]), ("Train staff", [])]
    assert findings[0].progress == []


def test_bullets_of_a_finding_of_one_action_are_its_actions() -> None:
    findings = rows_to_findings(table_of(
        {"finding": ("1. Improve recording",), "action": ("Audit files",), "progress": ("• Memo sent",)},
        {"finding": ("2. Improve planning",), "action": ("Train staff",), "progress": ()},
    ))
    assert [[(a.text, a.progress) for a in f.actions] for f in findings] == [
        [("Audit files", ["Memo sent"])], [("Train staff", [])],
    ]
    assert [f.progress for f in findings] == [[], []]


def test_bullets_beside_rows_with_progress_of_their_own_are_the_first_actions() -> None:
    findings = rows_to_findings(table_of(
        {"finding": ("1. Improve recording",), "action": ("Audit files",), "progress": ("• Memo sent",)},
        {"action": ("Train staff",), "progress": ("• Sessions held",)},
    ))
    assert [(a.text, a.progress) for a in findings[0].actions] == [
        ("Audit files", ["Memo sent"]), ("Train staff", ["Sessions held"]),
    ]


def test_a_fragment_over_a_page_continues_the_update_merged_down_beside_the_rows() -> None:
    update = cell_of("• Memo sent")
    update.spans_rows = True
    rows = [
        TableRow(cells={"finding": cell_of("1. Improve recording"), "action": cell_of("Audit"), "progress": update}),
        TableRow(cells={"action": cell_of("Train staff")}),
    ]
    assert open_cell(rows, "progress") is update
    assert open_cell(rows, "action") is rows[1].cells["action"]


def test_a_fragment_over_a_page_stays_in_the_last_row_when_the_cell_above_does_not_span() -> None:
    rows = [
        TableRow(cells={"finding": cell_of("1. Improve recording"), "action": cell_of("Audit"),
                        "progress": cell_of("Memo sent")}),
        TableRow(cells={"action": cell_of("Train staff")}),
    ]
    fresh = open_cell(rows, "progress")
    assert fresh is rows[1].cells["progress"] and fresh.lines == []
    assert rows[0].cells["progress"].text == "Memo sent"


def test_a_fragment_over_a_page_never_reaches_into_the_finding_above() -> None:
    update = cell_of("• Memo sent")
    update.spans_rows = True
    rows = [
        TableRow(cells={"finding": cell_of("1. Improve recording"), "action": cell_of("Audit"), "progress": update}),
        TableRow(cells={"finding": cell_of("2. Improve planning"), "action": cell_of("Train staff")}),
    ]
    assert open_cell(rows, "progress") is rows[1].cells["progress"]


def test_an_item_numbered_for_an_action_printed_on_the_next_row_waits_for_it() -> None:
    findings = rows_to_findings(table_of(
        {"finding": ("6. Reduce agency staff",), "action": ("6.1 Refresh the strategy",),
         "progress": ("6.1 Survey closed", "6.2 Funding agreed")},
        {"action": ("6.2 Launch an apprenticeship",), "progress": ()},
    ))
    assert [(a.letter, a.progress) for a in findings[0].actions] == [
        ("6.1", ["Survey closed"]), ("6.2", ["Funding agreed"]),
    ]
    assert findings[0].warnings == [] and findings[0].progress == []


def test_an_item_numbered_for_an_action_never_printed_is_the_findings_with_a_warning() -> None:
    findings = rows_to_findings(table_of(
        {"finding": ("6. Reduce agency staff",), "action": ("6.1 Refresh the strategy",),
         "progress": ("6.1 Survey closed", "6.3 Funding agreed")},
    ))
    assert findings[0].actions[0].progress == ["Survey closed"]
    assert findings[0].progress == ["Funding agreed"]
    assert findings[0].warnings == ["progress 'Funding agreed' names no action of its finding"]


def test_a_fragment_of_the_finding_text_over_a_page_goes_to_its_finding_merged_down_or_not() -> None:
    rows = [
        TableRow(cells={"finding": cell_of("3. Improve transition from children's to adult"),
                        "action": cell_of("Audit plans")}),
        TableRow(cells={"action": cell_of("Develop a pathway")}),
    ]
    assert open_cell(rows, "finding") is rows[0].cells["finding"]
