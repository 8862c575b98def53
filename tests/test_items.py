"""A cell's paragraphs split into items at their markers (extract/items.py)."""

from __future__ import annotations

import pytest

from extract.items import Item, paragraphs_to_items, rows_to_findings
from extract.layout import Paragraph, TextLine
from extract.read import BBox
from extract.rows import LogicalCell, PlanTable, TableRow


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


def cell(*texts: str) -> LogicalCell:
    """A cell printing each text on a line of its own, each line short of the cell's edge."""
    lines = [TextLine(t, 10, 60, 20 * i, 20 * i + 10, 10, False, 20, 1) for i, t in enumerate(texts)]
    return LogicalCell(lines=lines, boxes=[(1, BBox(10, 0, 200, 200))], right_edge=200)


def test_lettered_items_wait_for_their_action_carried_onto_the_next_page() -> None:
    first = TableRow(cells={
        "number": cell("2"), "finding": cell("Plans are late."), "action": cell("a) Recruit staff."),
        "rag": cell("a) Blue", "b) Amber"),
    })
    carried = TableRow(cells={"action": cell("b) Audit plans.")}, continues_finding=True)
    table = PlanTable(
        columns={}, rows=[first, carried], header_texts=[], first_page=1, preamble=[], unmapped_headers=[],
    )
    [finding] = rows_to_findings(table)
    assert [(a.letter, a.rag_text) for a in finding.actions] == [("a", "Blue"), ("b", "Amber")]
    assert finding.warnings == []
