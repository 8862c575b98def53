"""The default engine: rules grouped into tables by contact, boundaries to merged cells."""

from __future__ import annotations

from pathlib import Path

from extract.page import BBox, PageContent, Rule
from extract.tables.pdfplumber_engine import PdfplumberEngine, edges_to_tables


def vertical(x: float, top: float, bottom: float) -> Rule:
    return Rule(x, top, x, bottom)


def horizontal(y: float, x0: float, x1: float) -> Rule:
    return Rule(x0, y, x1, y)


def page_of(rules: list[Rule]) -> PageContent:
    return PageContent(Path("t.pdf"), 1, 600.0, 800.0, (), tuple(rules), ())


def test_rules_that_meet_are_one_table_and_apart_are_two() -> None:
    first = [vertical(20, 50, 100), vertical(200, 50, 100), horizontal(50, 20, 200), horizontal(100, 20, 200)]
    second = [vertical(20, 300, 350), vertical(200, 300, 350), horizontal(300, 20, 200), horizontal(350, 20, 200)]
    tables = edges_to_tables([*first, *second])
    assert sorted(len(t) for t in tables) == [4, 4]
    assert {frozenset(t) for t in tables} == {frozenset(first), frozenset(second)}


def test_a_row_spanning_cell_running_off_the_page_keeps_its_open_part() -> None:
    """Finding cell beside two action rows; the second action row runs off the foot with no rule under it."""
    rules = [vertical(x, 50, 760) for x in (20, 200, 380, 560)] + [
        horizontal(50, 20, 560), horizontal(100, 20, 560), horizontal(300, 200, 560),
    ]
    assert PdfplumberEngine().find_cell_boxes(page_of(rules)) == [[
        BBox(20, 50, 200, 100), BBox(200, 50, 380, 100), BBox(380, 50, 560, 100),
        BBox(20, 100, 200, 760), BBox(200, 100, 380, 300), BBox(380, 100, 560, 300),
        BBox(200, 300, 380, 760), BBox(380, 300, 560, 760),
    ]]
