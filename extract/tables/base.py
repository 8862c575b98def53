"""The table-engine interface and the work every engine shares.

An engine only says where the ruled cells are (`find_cell_boxes`); on a page where it
finds none, the borderless finder (`borderless.py`) reads a table drawn without rules
from the text layout. This module turns those boxes into a `Grid` of rows of `Cell`s
with their text lines and shading, closes a ruled table whose last row runs off the page
foot with no rule under it, and keeps the text printed outside any table (title,
footers) as `PageTables.free_lines`.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from extract.layout import Paragraph, TextLine, chars_to_lines, lines_to_paragraphs
from extract.read import BBox, Char, Color, PageContent, Rule
from extract.tables.borderless import find_cell_boxes as find_borderless_cell_boxes

ROW_TOLERANCE = 2.0  # points: cell tops closer than this are one row
OPEN_BOTTOM_MIN = 4.0  # points: vertical rules reaching this far below the last rule leave a row open
MIN_FILL_COVER = 0.8  # share of a cell a filled rectangle must cover to be that cell's shading
WHITE = 0.97


@dataclass(frozen=True)
class Cell:
    """One table cell: its box on the page, its text lines and its shading colour."""

    page: int
    bbox: BBox
    lines: tuple[TextLine, ...]
    fill: Color | None

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def right_edge(self) -> float:
        """Where wrapped text in this cell runs out: the box less the padding seen on the left."""
        if not self.lines:
            return self.bbox.x1
        padding = max(min(line.x0 for line in self.lines) - self.bbox.x0, 1.0)
        return self.bbox.x1 - min(padding, 8.0)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return lines_to_paragraphs(self.lines, self.right_edge)


@dataclass(frozen=True)
class Grid:
    """A ruled table on one page: rows of cells, left to right, top to bottom."""

    page: int
    bbox: BBox
    rows: tuple[tuple[Cell, ...], ...]
    open_bottom: bool  # the last row ran off the page foot with no closing rule
    ruled: bool = True  # False: drawn without rules, read from the text layout


@dataclass(frozen=True)
class PageTables:
    """The tables found on one page and the text lines printed outside them."""

    page: int
    height: float
    grids: tuple[Grid, ...]
    free_lines: tuple[TextLine, ...]


class TableEngine(Protocol):
    """Finds ruled tables on a page; returns one list of cell boxes per table."""

    name: str

    def find_cell_boxes(self, page: PageContent) -> list[list[BBox]]: ...


def get_engine(name: str) -> TableEngine:
    """The engine called `name` ("pdfplumber" or "camelot")."""
    if name == "pdfplumber":
        from extract.tables.pdfplumber_engine import PdfplumberEngine

        return PdfplumberEngine()
    if name == "camelot":
        from extract.tables.camelot_engine import CamelotEngine

        return CamelotEngine()
    raise ValueError(f"unknown engine {name!r}: choose pdfplumber or camelot")


def boxes_to_rows(boxes: Sequence[BBox]) -> list[list[BBox]]:
    """Group cell boxes into rows by their top edge, each row left to right."""
    rows: list[list[BBox]] = []
    for box in sorted(boxes, key=lambda b: (b.top, b.x0)):
        if rows and abs(rows[-1][0].top - box.top) <= ROW_TOLERANCE:
            rows[-1].append(box)
        else:
            rows.append([box])
    return [sorted(row, key=lambda b: b.x0) for row in rows]


def is_ruled_vertically(x: float, top: float, bottom: float, rules: Sequence[Rule]) -> bool:
    """True when a vertical rule at `x` covers most of the span from `top` to `bottom`."""
    covered = sum(
        max(0.0, min(bottom, r.bottom) - max(top, r.top))
        for r in rules
        if not r.horizontal and abs(r.x0 - x) <= ROW_TOLERANCE + 1
    )
    return covered >= 0.6 * (bottom - top)


def is_ruled_horizontally(y: float, x0: float, x1: float, rules: Sequence[Rule]) -> bool:
    """True when horizontal rules at `y` cover most of the span from `x0` to `x1`."""
    covered = sum(
        max(0.0, min(x1, r.x1) - max(x0, r.x0))
        for r in rules
        if r.horizontal and abs(r.top - y) <= ROW_TOLERANCE + 1
    )
    return covered >= 0.6 * (x1 - x0)


def regular_grid_to_boxes(xs: Sequence[float], ys: Sequence[float], rules: Sequence[Rule]) -> list[BBox]:
    """Cell boxes of a regular grid, merging neighbours in a row that no vertical rule separates."""
    boxes = []
    for top, bottom in itertools.pairwise(ys):
        start = xs[0]
        for x in xs[1:-1]:
            if is_ruled_vertically(x, top, bottom, rules):
                boxes.append(BBox(start, top, x, bottom))
                start = x
        boxes.append(BBox(start, top, xs[-1], bottom))
    return boxes


def close_open_bottom(rows: list[list[BBox]], rules: Sequence[Rule]) -> tuple[list[list[BBox]], bool]:
    """Add the row that runs off the page foot when vertical rules go on below the last rule.

    Returns the rows and whether the table was left open at its foot (no rule under its
    last row), the sign that its last row continues on the next page.
    """
    left = min(b.x0 for b in rows[0])
    right = max(b.x1 for b in rows[-1])
    bottom = max(b.bottom for b in rows[-1])
    below = [
        r for r in rules
        if not r.horizontal and left - 2 <= r.x0 <= right + 2
        and r.top <= bottom + ROW_TOLERANCE and r.bottom > bottom + OPEN_BOTTOM_MIN
    ]
    xs = sorted({round(r.x0, 1) for r in below})
    if len(xs) < 2:
        return rows, not is_ruled_horizontally(bottom, left, right, rules)
    new_bottom = max(r.bottom for r in below)
    merged_xs = [xs[0]]
    for x in xs[1:]:
        if x - merged_xs[-1] > ROW_TOLERANCE:
            merged_xs.append(x)
    if len(merged_xs) < 2:
        return rows, not is_ruled_horizontally(bottom, left, right, rules)
    extra = [BBox(x0, bottom, x1, new_bottom) for x0, x1 in itertools.pairwise(merged_xs)]
    return [*rows, extra], True


def split_glued_header(rows: list[list[BBox]], page: PageContent) -> list[list[BBox]]:
    """Cut a first row holding bold header lines above body lines into a header row and a body row.

    A header repeated on a new page with no rule under it is read as one row together with
    the text carried over from the previous page.
    """
    first = rows[0]
    top, bottom = first[0].top, max(b.bottom for b in first)
    band = [c for c in page.chars if top <= (c.top + c.bottom) / 2 <= bottom]
    split_at = None
    body_tops = []
    for inside in chars_by_box(band, first):
        lines = chars_to_lines(inside, page.number)
        if not lines:
            continue
        if not lines[0].bold:
            return rows
        leading = 0
        while leading < len(lines) and lines[leading].bold:
            leading += 1
        split_at = max(split_at or top, lines[leading - 1].bottom)
        body_tops.extend(line.top for line in lines[leading:])
    if split_at is None or not body_tops or min(body_tops) <= split_at:
        return rows
    cut = (split_at + min(body_tops)) / 2
    xs = sorted({first[0].x0, *(b.x1 for b in first)} | {
        round(r.x0, 1) for r in page.rules
        if not r.horizontal and first[0].x0 + ROW_TOLERANCE < r.x0 < first[-1].x1 - ROW_TOLERANCE
        and r.top < bottom and r.bottom > top
    })
    merged = [xs[0]]
    for x in xs[1:]:
        if x - merged[-1] > ROW_TOLERANCE:
            merged.append(x)
    header = regular_grid_to_boxes(merged, [top, cut], page.rules)
    body = regular_grid_to_boxes(merged, [cut, bottom], page.rules)
    return [header, body, *rows[1:]]


def open_frame_boxes(page: PageContent) -> list[BBox]:
    """One row of cells between vertical rules that no two horizontal rules close.

    A page holding only the middle of a row that runs over both its page breaks (its
    repeated header glued on, no rule under it) has column rules and one rule on top.
    """
    verticals = [r for r in page.rules if not r.horizontal and r.bottom - r.top > 3 * OPEN_BOTTOM_MIN]
    if len(verticals) < 3:
        return []
    top, bottom = min(r.top for r in verticals), max(r.bottom for r in verticals)
    full = sorted({round(r.x0, 1) for r in verticals if r.top <= top + ROW_TOLERANCE})
    xs = [full[0]] if full else []
    for x in full[1:]:
        if x - xs[-1] > ROW_TOLERANCE:
            xs.append(x)
    return regular_grid_to_boxes(xs, [top, bottom], page.rules) if len(xs) >= 3 else []


def chars_by_box(chars: Sequence[Char], row: Sequence[BBox]) -> list[list[Char]]:
    """The characters whose centre lies in each box of a row (boxes left to right), in one pass."""
    lefts = [box.x0 for box in row]
    found: list[list[Char]] = [[] for _ in row]
    for char in chars:
        x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        index = bisect_right(lefts, x) - 1
        if index >= 0 and row[index].contains_point(x, y):
            found[index].append(char)
    return found


def cell_fill(box: BBox, page: PageContent) -> Color | None:
    """The colour of the topmost non-white filled rectangle covering most of the cell, if any."""
    area = box.width * box.height
    if area <= 0:
        return None
    for fill in reversed(page.fills):  # drawn last is on top: a RAG fill over zebra shading
        overlap_w = box.horizontal_overlap(fill.bbox)
        overlap_h = max(0.0, min(box.bottom, fill.bbox.bottom) - max(box.top, fill.bbox.top))
        if overlap_w * overlap_h >= MIN_FILL_COVER * area and min(fill.color) < WHITE:
            return fill.color
    return None


def find_tables(page: PageContent, engine: TableEngine) -> PageTables:
    """Run `engine` on the page and fill its cells with text; the rest of the text is free."""
    grids = []
    by_centre = sorted(page.chars, key=lambda c: (c.top + c.bottom) / 2)
    centres = [(c.top + c.bottom) / 2 for c in by_centre]
    used: set[int] = set()
    tables = engine.find_cell_boxes(page) or ([frame] if (frame := open_frame_boxes(page)) else [])
    ruled = bool(tables)
    if not ruled:
        borderless = find_borderless_cell_boxes(page)
        tables = [borderless] if borderless else []
    for boxes in tables:
        rows = boxes_to_rows(boxes)
        if not rows:
            continue
        open_bottom = False  # a borderless table cannot say whether its last row goes on
        if ruled:
            rows, open_bottom = close_open_bottom(rows, page.rules)
            rows = split_glued_header(rows, page)
        grid_rows = []
        for row in rows:
            top, bottom = min(b.top for b in row), max(b.bottom for b in row)
            band = by_centre[bisect_left(centres, top):bisect_right(centres, bottom)]  # the row's glyphs only
            cells = []
            for box, inside in zip(row, chars_by_box(band, row)):
                used.update(id(c) for c in inside)
                cells.append(Cell(page.number, box, tuple(chars_to_lines(inside, page.number)), cell_fill(box, page)))
            grid_rows.append(tuple(cells))
        bbox = BBox(
            min(b.x0 for row in rows for b in row), rows[0][0].top,
            max(b.x1 for row in rows for b in row), max(b.bottom for b in rows[-1]),
        )
        grids.append(Grid(page.number, bbox, tuple(grid_rows), open_bottom, ruled))
    free = [c for c in page.chars if id(c) not in used]
    grids.sort(key=lambda g: (g.bbox.top, g.bbox.x0))
    return PageTables(page.number, page.height, tuple(grids), tuple(chars_to_lines(free, page.number)))
