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
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from extract.columns import plan_header_roles
from extract.layout import BOTTOM, TEXT, TOP, X0, X1, Paragraph, TextLine, chars_to_lines, lines_to_paragraphs
from extract.page import BBox, Char, Color, Fill, PageContent, Rule
from extract.tables.borderless import ColumnLayout, furniture_key, is_footer_line, layout_from_header_cells
from extract.tables.borderless import find_cell_boxes as find_borderless_cell_boxes
from extract.tables.engines import TableEngine
from extract.tables.grid import ROW_TOLERANCE, boxes_to_rows, clustered, grid_to_boxes, is_ruled_horizontally

OPEN_BOTTOM_MIN = 4.0  # points: vertical rules reaching this far below the last rule leave a row open
MIN_FILL_COVER = 0.8  # share of a cell a filled rectangle must cover to be that cell's shading
WHITE = 0.97
BORDER_MAX_WIDTH = 2.0  # points: a filled rectangle this thin is a drawn border, wider is shading
SAME_RULE_TOLERANCE = 0.5
BULLET_MIN, BULLET_MAX = 1.5, 6.0  # points: the size of a drawn list disc
BULLET_GAP_MAX = 20.0  # points: how far right of its bullet a list item's text starts
TOUCH = 0.5  # points: segments this close are one shape
WORD_TOUCH = 0.5  # points: glyphs of one word touch (a word space is wider) and share their top
MIN_TABLE_COLUMNS = 3  # a plan table has at least three columns (it names three roles)
FOOT_SHARE = 0.6  # a table ending above this share of the page height does not run on


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
    open_cells: tuple[tuple[float, float], ...] = ()  # (x0, x1) of last-row cells left open beside ruled ones


@dataclass(frozen=True)
class PageTables:
    """The tables found on one page and the text lines printed outside them."""

    page: int
    height: float
    grids: tuple[Grid, ...]
    free_lines: tuple[TextLine, ...]
    layout: ColumnLayout | None = None  # the plan table's columns on this page, from its header or carried
    free_fills: tuple[Fill, ...] = ()  # shading outside the tables (a RAG key's coloured boxes)


def rules_beyond(
    rules: Sequence[Rule], left: float, right: float, edge: float, below: bool,
) -> tuple[list[float], float]:
    """The column rules running on past a table's top or bottom `edge`: their merged x and how far they reach."""
    if below:
        beyond = [
            r for r in rules if not r.horizontal and left - 2 <= r.x0 <= right + 2
            and r.top <= edge + ROW_TOLERANCE and r.bottom > edge + OPEN_BOTTOM_MIN
        ]
    else:
        beyond = [
            r for r in rules if not r.horizontal and left - 2 <= r.x0 <= right + 2
            and r.bottom >= edge - ROW_TOLERANCE and r.top < edge - OPEN_BOTTOM_MIN
        ]
    merged = clustered(round(r.x0, 1) for r in beyond)
    if len(merged) < 2:
        return [], edge
    return merged, max(r.bottom for r in beyond) if below else min(r.top for r in beyond)


def close_open_bottom(rows: list[list[BBox]], rules: Sequence[Rule]) -> tuple[list[list[BBox]], bool]:
    """Add the row that runs off the page foot when vertical rules go on below the last rule.

    Returns the rows and whether the table was left open at its foot (no rule under its
    last row), the sign that its last row continues on the next page. A rule under some of
    its cells closes the row: the cells left open beside them are merged cells (a finding
    beside its action rows) going on beside the next page's rows.
    """
    left = min(b.x0 for b in rows[0])
    right = max(b.x1 for b in rows[-1])
    bottom = max(b.bottom for b in rows[-1])
    xs, new_bottom = rules_beyond(rules, left, right, bottom, below=True)
    if not xs:
        ends = cells_ending_at(rows, bottom)
        return rows, not any(is_ruled_horizontally(bottom, box.x0, box.x1, rules) for box in ends)
    return [*rows, [BBox(x0, bottom, x1, new_bottom) for x0, x1 in itertools.pairwise(xs)]], True


def cells_ending_at(rows: Sequence[Sequence[BBox]], bottom: float) -> list[BBox]:
    """The cells, of any row, whose bottom is at `bottom`: a table's foot, merged cells included."""
    return [box for row in rows for box in row if abs(box.bottom - bottom) <= ROW_TOLERANCE]


def cells_left_open(rows: Sequence[Sequence[BBox]], rules: Sequence[Rule]) -> list[BBox]:
    """The cells at a table's foot with no rule under them while others of its last row have one.

    The row is closed, but those cells are merged cells (a finding, its update) going on
    beside the next page's rows. None when no cell, or every cell, is ruled off.
    """
    ends = cells_ending_at(rows, max(b.bottom for row in rows for b in row))
    if not any(is_ruled_horizontally(box.bottom, box.x0, box.x1, rules) for box in [*rows[-1], *ends]):
        return []
    return [box for box in ends if not is_ruled_horizontally(box.bottom, box.x0, box.x1, rules)]


def reaching_text(box: BBox, chars: Sequence[Char]) -> BBox:
    """A cell cut at the page foot, down to the bottom of the text running on from inside it.

    A browser cuts a cell at the page foot but prints the lines it cut through, and may
    print a line or two beyond: each next line starts less than half a line below the last
    (its leading), where a footer stands well apart.
    """
    column = sorted(
        (c for c in chars if box.x0 <= (c.x0 + c.x1) / 2 <= box.x1 and c.top >= box.top and c.text.strip()),
        key=lambda c: c.top,
    )
    bottom = box.bottom
    for char in column:
        if char.top < bottom + (char.bottom - char.top) / 2:
            bottom = max(bottom, char.bottom)
    return BBox(box.x0, box.top, box.x1, bottom)


def close_open_top(rows: list[list[BBox]], rules: Sequence[Rule]) -> list[list[BBox]]:
    """Put one row above the first full-width rule when column rules start above it.

    A row carried over from the previous page, on a page that does not repeat the header,
    has no rule on top: its cells are closed only below (or, for a shaded cell, only its
    own cell is), so the rows the engine found above that rule are partial.
    """
    left = min(b.x0 for row in rows for b in row)
    right = max(b.x1 for row in rows for b in row)
    first_full = next(
        (i for i, row in enumerate(rows) if sum(b.width for b in row) >= right - left - 2 * ROW_TOLERANCE), 0,
    )
    top = min(b.top for b in rows[first_full])
    xs, new_top = rules_beyond(rules, left, right, top, below=False)
    if not xs:
        return rows
    return [[BBox(x0, new_top, x1, top) for x0, x1 in itertools.pairwise(xs)], *rows[first_full:]]


def split_glued_header(
    rows: list[list[BBox]], page: PageContent, points: GlyphPoints | None = None,
) -> list[list[BBox]]:
    """Cut a first row holding bold header lines above body lines into a header row and a body row.

    `points` are the page's glyph points (`glyph_points`), when already made.

    A header repeated on a new page with no rule under it is read as one row together with
    the text carried over from the previous page.
    """
    first = rows[0]
    top, bottom = first[0].top, max(b.bottom for b in first)
    split_at = None
    body_tops = []
    points = points or glyph_points(page.chars)
    for inside in glyphs_by_box(points, first):
        glyphs = [c for c in points.glyphs(inside) if c.text.strip()]
        if not glyphs:
            continue  # no lines
        if not any(c.bold for c in glyphs):
            return rows  # its first line is not bold: known without laying the cell out
        lines = points.lines(inside, page.number)
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
    merged = clustered(xs)
    header = grid_to_boxes(merged, [top, cut], page.rules)
    body = [  # each body cell as deep as the cells it was cut from: a merged cell reaches further down
        BBox(box.x0, box.top, box.x1, max(b.bottom for b in first if box.horizontal_overlap(b) > ROW_TOLERANCE))
        for box in grid_to_boxes(merged, [cut, bottom], page.rules)
    ]
    return [header, body, *rows[1:]]


def open_frame_boxes(page: PageContent) -> list[BBox]:
    """Rows of cells between vertical rules that do not close into a grid with two horizontal rules.

    A page holding only the middle of a row that runs over both its page breaks (its
    repeated header glued on, no rule under it) has column rules and one rule on top; a
    page that does not repeat the header may start with a row carried over, open on top,
    and then one rule above the next row before the table runs off the foot.
    """
    verticals = [r for r in page.rules if not r.horizontal and r.bottom - r.top > 3 * OPEN_BOTTOM_MIN]
    if len(verticals) < 3:
        return []
    top, bottom = min(r.top for r in verticals), max(r.bottom for r in verticals)
    frame = clustered({round(r.x0, 1) for r in verticals if r.top <= top + ROW_TOLERANCE})
    if len(frame) < 3:
        return []
    inner = sorted({
        round(r.top, 1) for r in page.rules
        if r.horizontal and top + OPEN_BOTTOM_MIN < r.top < bottom - OPEN_BOTTOM_MIN
        and is_ruled_horizontally(r.top, frame[0], frame[-1], page.rules)
    })
    starts = [top, *inner]
    xs = clustered({
        round(r.x0, 1) for r in verticals
        if frame[0] - ROW_TOLERANCE <= r.x0 <= frame[-1] + ROW_TOLERANCE
        and any(abs(r.top - y) <= ROW_TOLERANCE for y in starts)
    })
    return grid_to_boxes(xs, [top, *inner, bottom], page.rules)


@dataclass(frozen=True)
class GlyphPoints:
    """Where each glyph of a page is placed into a cell, sorted down the page (as `glyph_points` makes them).

    Down, a glyph is at its centre; across, at the centre of its word's first glyph: a word
    too long for its column runs on over the next column's edge (and over the text printed
    there), but it is its own cell's.
    """

    chars: Sequence[Char]
    order: np.ndarray  # indexes into `chars`, by centre from the top (ties in the page's order)
    down: np.ndarray  # the centres, in that order
    across: np.ndarray  # where each glyph is placed across, in that order
    laid_out: dict[bytes, tuple[TextLine, ...]] = field(default_factory=dict, repr=False, compare=False)

    def glyphs(self, indexes: np.ndarray) -> list[Char]:
        """The glyphs at these indexes into `chars`, in that order."""
        return list(map(self.chars.__getitem__, indexes.tolist()))

    def lines(self, indexes: np.ndarray, page: int) -> tuple[TextLine, ...]:
        """The glyphs at these indexes as text lines, laid out once per set (the header check asks for them too)."""
        key = indexes.tobytes()
        if key not in self.laid_out:
            self.laid_out[key] = tuple(chars_to_lines(self.glyphs(indexes), page))
        return self.laid_out[key]


def glyph_points(chars: Sequence[Char]) -> GlyphPoints:
    """The page's glyphs as points to place into cells.

    Glyphs printed one after the other in the content stream, on one baseline and touching,
    are one word, placed where its first glyph is.
    """
    count = len(chars)
    x0, x1, top, bottom = (np.fromiter(map(get, chars), float, count) for get in (X0, X1, TOP, BOTTOM))
    printed = np.fromiter(map(bool, map(str.strip, map(TEXT, chars))), bool, count)
    follows_on = np.zeros(count, bool)
    follows_on[1:] = printed[1:] & printed[:-1] & (np.abs(top[1:] - top[:-1]) <= WORD_TOUCH) & (
        np.abs(x0[1:] - x1[:-1]) <= WORD_TOUCH
    )
    centres = (x0 + x1) / 2
    word_first = np.maximum.accumulate(np.where(follows_on, 0, np.arange(count)))
    down = (top + bottom) / 2
    order = np.argsort(down, kind="stable")
    return GlyphPoints(chars, order, down[order], centres[word_first][order])


def glyphs_by_box(points: GlyphPoints, row: Sequence[BBox]) -> list[np.ndarray]:
    """The indexes (into the page's chars) of the glyphs placed in each box of a row (boxes left to right)."""
    start = np.searchsorted(points.down, min(b.top for b in row), "left")
    end = np.searchsorted(points.down, max(b.bottom for b in row), "right")
    across, down, order = points.across[start:end], points.down[start:end], points.order[start:end]
    lefts, rights, tops, bottoms = (np.array([getattr(b, side) for b in row]) for side in ("x0", "x1", "top", "bottom"))
    box = np.searchsorted(lefts, across, "right") - 1
    at = np.maximum(box, 0)
    inside = (box >= 0) & (across <= rights[at]) & (tops[at] <= down) & (down <= bottoms[at])
    return [order[inside & (box == index)] for index in range(len(row))]


def cell_fill(box: BBox, fills: Sequence[Fill]) -> Color | None:
    """The colour of the topmost non-white filled rectangle covering most of the cell, if any.

    `fills` are those of the page in drawing order (those reaching into the cell's row are enough).
    """
    area = box.width * box.height
    if area <= 0:
        return None
    for fill in reversed(fills):  # drawn last is on top: a RAG fill over zebra shading
        overlap_w = box.horizontal_overlap(fill.bbox)
        overlap_h = max(0.0, min(box.bottom, fill.bbox.bottom) - max(box.top, fill.bbox.top))
        if overlap_w * overlap_h >= MIN_FILL_COVER * area and min(fill.color) < WHITE:
            return fill.color
    return None


def find_grid_boxes(
    page: PageContent, engine: TableEngine, carried: ColumnLayout | None, furniture: frozenset[str],
    ran_to_foot: bool = True,
) -> tuple[list[list[BBox]], bool, ColumnLayout | None]:
    """Each table's cell boxes, whether they are ruled, and the borderless layout they follow.

    Ruled tables come first: the engine's, else one open frame of column rules. A "table"
    of fewer than three columns (horizontal rules with a box round them) is no plan table:
    its page is read as borderless, with the rules as row boundaries.
    """
    tables = [
        boxes for boxes in engine.find_cell_boxes(page)
        if max(len(row) for row in boxes_to_rows(boxes)) >= MIN_TABLE_COLUMNS
    ] or ([frame] if (frame := open_frame_boxes(page)) else [])
    if tables:
        return tables, True, None
    borderless = find_borderless_cell_boxes(page, carried, furniture, ran_to_foot)
    if borderless is None:
        return [], False, None
    boxes, layout = borderless
    return [boxes], False, layout


def fill_edges(fill: Fill) -> list[Rule]:
    """The four edges of a filled rectangle, as the read stage lists them among the rules."""
    box = fill.bbox
    return [
        Rule(box.x0, box.top, box.x1, box.top), Rule(box.x0, box.bottom, box.x1, box.bottom),
        Rule(box.x0, box.top, box.x0, box.bottom), Rule(box.x1, box.top, box.x1, box.bottom),
    ]


def without_shading_edges(page: PageContent) -> PageContent:
    """The page less the edges of its shading, which are no rules (one copy of each edge is taken out).

    A cell's shading is a filled rectangle; the read stage lists its edges as rules, as
    pdfplumber does, so a shaded header row would read as a ruled table of one row. A
    rule drawn on the same line stays: it is a second copy. Thin filled rectangles are
    how Word draws its borders, and stay rules.
    """
    shading = [fill for fill in page.fills if min(fill.bbox.width, fill.bbox.height) > BORDER_MAX_WIDTH]
    if not shading:
        return page
    remaining = list(page.rules)
    for edge in (edge for fill in shading for edge in fill_edges(fill)):
        index = next((i for i, rule in enumerate(remaining) if is_same_rule(rule, edge)), None)
        if index is not None:
            remaining.pop(index)
    return replace(page, rules=tuple(remaining))


def is_same_rule(a: Rule, b: Rule) -> bool:
    ends = zip((a.x0, a.top, a.x1, a.bottom), (b.x0, b.top, b.x1, b.bottom))
    return all(abs(u - v) <= SAME_RULE_TOLERANCE for u, v in ends)


def tiny_shapes(rules: Sequence[Rule]) -> list[BBox]:
    """The outlines of the small shapes drawn with many short segments (a browser's list discs)."""
    tiny = sorted((r for r in rules if max(r.x1 - r.x0, r.bottom - r.top) < BULLET_MAX), key=lambda r: r.top)
    shapes: list[BBox] = []
    open_from = 0  # shapes before this index end above the segments still to come
    for rule in tiny:
        while open_from < len(shapes) and shapes[open_from].bottom < rule.top - BULLET_MAX:
            open_from += 1
        touching = next((
            i for i in range(open_from, len(shapes))
            if rule.x0 <= shapes[i].x1 + TOUCH and rule.x1 >= shapes[i].x0 - TOUCH
            and rule.top <= shapes[i].bottom + TOUCH and rule.bottom >= shapes[i].top - TOUCH
        ), None)
        if touching is None:
            shapes.append(BBox(rule.x0, rule.top, rule.x1, rule.bottom))
        else:
            box = shapes[touching]
            shapes[touching] = BBox(
                min(box.x0, rule.x0), min(box.top, rule.top), max(box.x1, rule.x1), max(box.bottom, rule.bottom),
            )
    return shapes


def with_drawn_bullets(page: PageContent) -> PageContent:
    """The page with each bullet drawn as a shape (not a glyph) before a line of text read as a "•" glyph.

    Browsers draw list discs as little round paths; the layout stage knows bullets only as
    glyphs, so each disc just left of a line's first glyph becomes one, the size of that line.
    """
    bullets = []
    for shape in tiny_shapes(page.rules):
        if not (BULLET_MIN <= shape.width <= BULLET_MAX and BULLET_MIN <= shape.height <= BULLET_MAX):
            continue
        middle = (shape.top + shape.bottom) / 2
        beside = [
            c for c in page.chars
            if c.top <= middle <= c.bottom and 0 <= c.x0 - shape.x1 <= BULLET_GAP_MAX and c.text.strip()
        ]
        if beside:
            nearest = min(beside, key=lambda c: c.x0)
            bullets.append(Char("•", shape.x0, shape.x1, nearest.top, nearest.bottom, nearest.size, False))
    if not bullets:
        return page
    return replace(page, chars=(*page.chars, *bullets))


def find_tables(
    page: PageContent, engine: TableEngine, carried: ColumnLayout | None = None,
    furniture: frozenset[str] = frozenset(), ran_to_foot: bool = True,
) -> PageTables:
    """Run `engine` on the page and fill its cells with text; the rest of the text is free.

    `carried` is the plan table's column layout from an earlier page, used on a page that
    has no rules and prints no header; `furniture` the running heads seen on earlier pages;
    `ran_to_foot` whether the table before ran to the foot of its page.
    """
    page = with_drawn_bullets(without_shading_edges(page))
    grids = []
    points = glyph_points(page.chars)
    used = np.zeros(len(page.chars), bool)
    tables, ruled, layout = find_grid_boxes(page, engine, carried, furniture, ran_to_foot)
    for boxes in tables:
        rows = boxes_to_rows(boxes)
        if not rows:
            continue
        open_bottom = False  # a borderless table cannot say whether its last row goes on
        if ruled:
            rows = close_open_top(rows, page.rules)
            rows, open_bottom = close_open_bottom(rows, page.rules)
            rows = split_glued_header(rows, page, points)
        left_open = cells_left_open(rows, page.rules)
        rows = [[reaching_text(box, page.chars) if box in left_open else box for box in row] for row in rows]
        grid_rows = []
        for row in rows:
            top, bottom = min(b.top for b in row), max(b.bottom for b in row)
            fills = [fill for fill in page.fills if fill.bbox.bottom > top and fill.bbox.top < bottom]
            cells = []
            for box, inside in zip(row, glyphs_by_box(points, row)):
                used[inside] = True
                lines = points.lines(inside, page.number)
                cells.append(Cell(page.number, box, lines, cell_fill(box, fills)))
            grid_rows.append(tuple(cells))
        bbox = BBox(
            min(b.x0 for row in rows for b in row), rows[0][0].top,
            max(b.x1 for row in rows for b in row), max(b.bottom for b in rows[-1]),
        )
        grids.append(Grid(
            page.number, bbox, tuple(grid_rows), open_bottom, ruled, tuple((box.x0, box.x1) for box in left_open),
        ))
    free = points.glyphs(np.flatnonzero(~used))
    grids.sort(key=lambda g: (g.bbox.top, g.bbox.x0))
    return PageTables(
        page.number, page.height, tuple(grids), tuple(chars_to_lines(free, page.number, split_at_gaps=True)),
        layout or next((found for grid in grids if (found := header_layout(grid))), None),
        tuple(fill for fill in page.fills if not any(is_inside(fill.bbox, grid.bbox) for grid in grids)),
    )


def is_inside(box: BBox, outer: BBox) -> bool:
    return outer.x0 <= box.x0 and box.x1 <= outer.x1 and outer.top <= box.top and box.bottom <= outer.bottom


def header_layout(grid: Grid) -> ColumnLayout | None:
    """The column layout a grid's first row fixes, when that row is a plan header."""
    first = grid.rows[0]
    if not plan_header_roles([cell.text for cell in first]):
        return None
    return layout_from_header_cells([(cell.bbox, cell.text.strip()) for cell in first])


def runs_to_foot(tables: PageTables) -> bool:
    """True when the page's last table runs to the page foot: only a footer, if anything, is printed below it."""
    if not tables.grids:
        return False
    last = tables.grids[-1]
    if last.open_bottom:
        return True
    below = [line for line in tables.free_lines if line.top >= last.bbox.bottom]
    return last.bbox.bottom >= FOOT_SHARE * tables.height and all(
        is_footer_line(line.text, line.top, tables.height) for line in below
    )


@dataclass
class TableFinder:
    """Finds the tables page after page, carrying the plan header's column layout over the pages.

    The header, found once, fixes the columns; they carry over to a following page that
    prints no header and has no rules, as long as the page's lines fit them and either the
    table ran to the foot of the page before or the page's first line fills a row's columns.
    """

    engine: TableEngine
    layout: ColumnLayout | None = None
    continues: bool = False
    furniture: set[str] = field(default_factory=set)

    def find(self, page: PageContent) -> PageTables:
        """The page's tables and free text (see `find_tables`)."""
        tables = find_tables(page, self.engine, self.layout, frozenset(self.furniture), self.continues)
        self.layout = tables.layout or self.layout
        self.continues = runs_to_foot(tables)
        self.furniture.update(furniture_key(line.text) for line in tables.free_lines)
        return tables
