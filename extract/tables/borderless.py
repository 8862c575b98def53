"""Tables drawn without rules: columns from the header and the whitespace, rows from alignment.

Used on pages where the engine finds no ruled table. Each step is a small function:
`lines_to_header` finds the header band (1-3 lines whose gutter-separated segments name
at least three roles, one the action); `header_to_columns` places a column boundary in
the whitespace corridor left of each header cell (and adds an unheaded column when body
text starts left of the first header); `lines_to_row_starts` starts rows at the gaps
across the whole table (cell padding), and, when cells are top-aligned, also where cells'
first lines align (rows with no padding);
`rows_to_boxes` turns rows and columns into cell boxes, one box across the columns a
section heading spans. The boxes then go through the
same text placement as a ruled table's.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from statistics import median

from extract.columns import header_role, plan_header_roles
from extract.layout import Word, chars_to_line_groups, line_words, text_size
from extract.markers import BARE_NUMBER, is_page_number
from extract.page import BBox, Char, PageContent, Rule
from extract.tables.grid import grid_to_boxes

GUTTER_RATIO = 0.55  # a gap wider than this share of the size separates two cells on a line
LAYOUT_GAP_RATIO = 0.1  # glyphs further apart than this share of the size are not one word (kerning is less)
MAX_HEADER_LINES = 3
ALIGN_TOLERANCE = 2.0
BLOCK_GAP_RATIO = 1.35  # a line further than this many line pitches below the last starts a block
LEADING_RATIO = 1.2  # line pitch as a share of the text size, when no two lines of a cell show it
ROW_GAP_RATIO = 2.0  # between centred cells, the padding gap of a row boundary is wider than this
TABLE_END_RATIO = 8.0  # a gap of this many line pitches ends the table: rows are never that far apart
FOOTER_SHARE = 0.1  # a footer sits in the last tenth of the page
FOOTER_MAX_WORDS = 8
MIN_ROLES = 3
# Cells that may stand beside several rows: the finding's, and its update beside all its actions.
SPANNING_ROLES = frozenset({"number", "finding", "overall_lead", "progress"})
MAX_HEADER_WORDS = 8
HEADER_SIZE_SPREAD = 0.15  # the lines of one header row are printed in one size
PAGE_NUMBER_SHARE = 0.2  # a line printing only a page number, in the page's last fifth, is the footer
RULE_SPAN_SHARE = 0.35  # a rule across this share of the table's width bounds a row (cells beside it may span)
FILL_SPAN_SHARE = 0.6  # so does a fill across this share
FILL_MAX_PAGE_SHARE = 0.5  # a fill taller than this share of the page is a background, not a row
MAX_CROSSING_SHARE = 0.3  # carried columns fit a page when at most this share of its runs cross a column edge


@dataclass(frozen=True)
class PhysicalLine:
    """One printed line across the page, as words."""

    words: tuple[Word, ...]

    # asked again and again while rows and columns are tried: worked out once
    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @cached_property
    def size(self) -> float:
        return median(w.size for w in self.words)


@dataclass(frozen=True)
class HeaderCell:
    text: str
    x0: float
    x1: float


def segments(line: PhysicalLine) -> list[list[Word]]:
    """Runs of words separated by gaps wider than a word space (the gutters between cells)."""
    runs: list[list[Word]] = [[line.words[0]]]
    for prev, word in itertools.pairwise(line.words):
        if word.x0 - prev.x1 > GUTTER_RATIO * line.size:
            runs.append([word])
        else:
            runs[-1].append(word)
    return runs


def split_at_aligned_starts(run: Sequence[Word], starts: Sequence[float]) -> list[list[Word]]:
    """A run cut before each of its words that starts where a run of another line starts.

    Two header cells that nearly touch ("Responsible Date for" over "Officer  Completion")
    show their boundary on the line where a gutter separates them.
    """
    pieces: list[list[Word]] = [[run[0]]]
    for word in run[1:]:
        if any(abs(word.x0 - start) <= ALIGN_TOLERANCE for start in starts):
            pieces.append([word])
        else:
            pieces[-1].append(word)
    return pieces


def band_to_header(band: Sequence[PhysicalLine]) -> list[HeaderCell]:
    """Header cells of a band of lines: segments of the lines merged where they overlap in x."""
    cells: list[HeaderCell] = []
    line_runs = [segments(line) for line in band]
    for index, runs_of_line in enumerate(line_runs):
        others = [run[0].x0 for other, found in enumerate(line_runs) if other != index for run in found]
        for run in (piece for whole in runs_of_line for piece in split_at_aligned_starts(whole, others)):
            text, x0, x1 = " ".join(w.text for w in run), run[0].x0, run[-1].x1
            match = next((c for c in cells if x0 < c.x1 and c.x0 < x1), None)
            if match is None:
                cells.append(HeaderCell(text, x0, x1))
            else:
                cells[cells.index(match)] = HeaderCell(f"{match.text} {text}", min(x0, match.x0), max(x1, match.x1))
    return sorted(cells, key=lambda c: c.x0)


def header_score(cells: Sequence[HeaderCell]) -> int:
    """Roles the cells name (0 unless one is the action and three in all); headers are short."""
    if len(cells) < MIN_ROLES or any(len(c.text.split()) > MAX_HEADER_WORDS for c in cells):
        return 0
    return len(plan_header_roles(c.text for c in cells))


def band_at(
    lines: Sequence[PhysicalLine], start: int, drawn: Sequence[float],
) -> tuple[int, int, list[HeaderCell]] | None:
    """(start, line count, header cells) of the best-scoring header band whose first line is `start`.

    A band's lines are one size and weight, close together, and no rule or shading edge
    (`drawn`, their heights) runs between them: the line above a ruled or shaded header
    ("Progress as at October 2018") is not part of it.
    """
    first = lines[start]
    best: tuple[int, int, list[HeaderCell]] | None = None
    for count in range(1, MAX_HEADER_LINES + 1):
        band = lines[start:start + count]
        if len(band) < count or (count > 1 and (
            band[-1].top - band[-2].top > 1.6 * first.size
            or abs(band[-1].size - first.size) > HEADER_SIZE_SPREAD * first.size  # a title line above it
            or is_bold(band[-1]) != is_bold(first)  # a plain line above a bold header, or body below it
            or any(band[-2].bottom <= y <= band[-1].top for y in drawn)
        )):
            break
        cells = band_to_header(band)
        score = header_score(cells)
        if score and (best is None or score > header_score(best[2]) or (
            score == header_score(best[2]) and all(w.bold for w in band[-1].words) and first.words[0].bold
        )):
            best = (start, count, cells)
    return best


def lines_to_header(
    lines: Sequence[PhysicalLine], drawn: Sequence[float] = (),
) -> tuple[int, int, list[HeaderCell]] | None:
    """(first line, line count, header cells) of the topmost band that reads as a plan header.

    A band starting on one of the topmost band's own lower lines wins when it names more
    roles: the topmost band's first line was a title printed like the header, not drawn
    apart from it, whose words merged into a header cell and hid that cell's role.
    """
    for start in range(len(lines)):
        best = band_at(lines, start, drawn)
        if best is None:
            continue
        for later in range(start + 1, start + best[1]):
            other = band_at(lines, later, drawn)
            if other is not None and header_score(other[2]) > header_score(best[2]):
                best = other
        return best
    return None


def is_bold(line: PhysicalLine) -> bool:
    return all(w.bold for w in line.words)


def runs(line: PhysicalLine, starts: Sequence[float] = ()) -> list[Word]:
    """The line's gutter-separated runs of words, each as one wide word (a column boundary never cuts one).

    A run is also cut before a word starting at one of the column boundaries `starts` (which
    `header_to_columns` puts at most a point left of the column's text): narrow cells leave a
    gutter no wider than a word space, but a cell's text starts at its column's edge, where
    running text would start only by chance.
    """
    pieces = [
        piece for run in segments(line)
        for piece in split_at_aligned_starts(run, [x + ALIGN_TOLERANCE / 2 for x in starts])
    ]
    return [
        Word(" ".join(w.text for w in run), run[0].x0, run[-1].x1, min(w.top for w in run),
             max(w.bottom for w in run), run[0].size, all(w.bold for w in run))
        for run in pieces
    ]


def is_overflowing_word(run: Word, left: float, x: float) -> bool:
    """True when a run crossing the boundary x is one word printed from the cell starting at `left`:
    a word too long for its column sticking out over its edge, not text spanning the columns."""
    return " " not in run.text and left - ALIGN_TOLERANCE <= run.x0 < x < run.x1


def is_heading_line(line: PhysicalLine) -> bool:
    """A line of one bold run: a section heading that may run across columns."""
    return len(segments(line)) == 1 and all(w.bold for w in line.words)


def is_crossed(x: float, words: Sequence[Word], margin: float = 0.0) -> bool:
    """True when a word runs across x; with a margin, not one starting less than that left of it."""
    return any(w.x0 + margin < x < w.x1 for w in words)


def header_to_columns(cells: Sequence[HeaderCell], body: Sequence[Word]) -> list[tuple[float, str]]:
    """Left boundary and header text of every column, boundaries in whitespace no body word crosses."""
    columns: list[tuple[float, str]] = [(cells[0].x0 - 1, cells[0].text)]
    for previous, cell in itertools.pairwise(cells):
        x = cell.x0 + 1
        while x > previous.x1 and is_crossed(x, body):
            x -= 0.5
        columns.append((x if x > previous.x1 else cell.x0 - 1, cell.text))
    leftmost = min((w.x0 for w in body), default=columns[0][0])
    if leftmost < columns[0][0] - ALIGN_TOLERANCE:
        first_text = [w for w in body if w.x0 < columns[0][0]]
        if first_text and max(w.x1 for w in first_text) < columns[0][0]:
            columns.insert(0, (leftmost - 1, ""))
    return columns


def cell_size(words: Sequence[Word]) -> float:
    return median(w.size for w in words) if words else 10.0


def column_of(x: float, columns: Sequence[tuple[float, str]]) -> int:
    index = 0
    for i, (left, _) in enumerate(columns):
        if x >= left - 0.5:
            index = i
    return index


Columns = Sequence[tuple[float, str]]


def column_blocks(lines: Sequence[PhysicalLine], columns: Columns) -> dict[int, tuple[float, float]]:
    """Per column, the top and bottom of its text among the lines."""
    blocks: dict[int, tuple[float, float]] = {}
    for line in lines:
        for word in line.words:
            column = column_of(word.x0, columns)
            top, bottom = blocks.get(column, (word.top, word.bottom))
            blocks[column] = (min(top, word.top), max(bottom, word.bottom))
    return blocks


def is_middle_aligned(stretches: Sequence[Sequence[PhysicalLine]], columns: Columns, pitch: float) -> bool:
    """True when the cells of the rows between gaps share their middle rather than their first line."""
    middle = top = 0
    for stretch in stretches:
        blocks = list(column_blocks(stretch, columns).values())
        if len(blocks) < 2:
            continue
        tops = [t for t, _ in blocks]
        centres = [(t + b) / 2 for t, b in blocks]
        if max(tops) - min(tops) <= ALIGN_TOLERANCE:
            top += 1
        elif max(centres) - min(centres) <= pitch / 2:
            middle += 1
    return middle > top


def column_line_tops(lines: Sequence[PhysicalLine], columns: Columns) -> dict[int, list[float]]:
    """Per column, the top of each line's text in that column, top to bottom.

    The column's own words, not the whole printed line: a line may join text of cells
    standing a point or two apart.
    """
    tops: dict[int, list[float]] = {}
    for line in lines:
        own: dict[int, float] = {}
        for word in line.words:
            column = column_of(word.x0, columns)
            own[column] = min(own.get(column, word.top), word.top)
        for column, top in own.items():
            tops.setdefault(column, []).append(top)
    return {column: sorted(found) for column, found in tops.items()}


def line_pitch(lines: Sequence[PhysicalLine], columns: Columns) -> float:
    """The distance between two lines of one cell: steps within a column near the usual leading.

    Measured column by column, not between consecutive lines of the page (centred cells
    interleave their lines at half a line from their neighbours'), and only among steps
    close to 1.2 times the text size (most steps in a column of one-line cells are rows).
    """
    leading = LEADING_RATIO * cell_size([w for line in lines for w in line.words])
    steps = [
        b - a for tops in column_line_tops(lines, columns).values() for a, b in itertools.pairwise(tops)
        if 0.8 * leading <= b - a <= 1.3 * leading
    ]
    return median(steps) if steps else leading


def lines_to_row_starts(lines: Sequence[PhysicalLine], columns: Sequence[tuple[float, str]]) -> list[float]:
    """The tops where logical rows start.

    A gap across the whole table is the padding between two rows. When the cells are
    vertically centred, the gaps alone say where rows start. When they are top-aligned,
    a row also starts where blocks of text start together in two columns, or a new
    block starts in the number or finding column (rows with no padding, Word's default).
    """
    pitch = line_pitch(lines, columns)
    gap_indexes = [
        i for i, (previous, line) in enumerate(itertools.pairwise(lines), start=1)
        if line.top - previous.top > BLOCK_GAP_RATIO * pitch
    ]
    gap_starts = [lines[i].top for i in gap_indexes]
    bounds = [0, *gap_indexes, len(lines)]
    stretches = [lines[a:b] for a, b in itertools.pairwise(bounds)]
    if is_middle_aligned(stretches, columns, pitch):
        # Only the wide gaps: a centred cell's own paragraph spacing leaves a narrower one.
        wide = [
            line.top for previous, line in itertools.pairwise(lines) if line.top - previous.top > ROW_GAP_RATIO * pitch
        ]
        return [lines[0].top, *wide]
    roles = [header_role(text) for _, text in columns]
    anchors = {i for i, role in enumerate(roles) if role in ("number", "finding")} | {
        i for i, (_, text) in enumerate(columns) if not text
    }
    block_starts = {
        column: [tops[0], *(b for a, b in itertools.pairwise(tops) if b - a > BLOCK_GAP_RATIO * pitch)]
        for column, tops in column_line_tops(lines, columns).items()
    }
    aligned_starts = [
        top for column, tops in block_starts.items() for top in tops
        if column in anchors or any(
            abs(top - other) <= ALIGN_TOLERANCE for c, others in block_starts.items() if c != column for other in others
        )
    ]
    merged: list[float] = []
    for top in sorted([lines[0].top, *gap_starts, *aligned_starts]):
        if not merged or top - merged[-1] > ALIGN_TOLERANCE:
            merged.append(top)
    return merged


def column_right_edges(columns: Sequence[tuple[float, str]], words: Sequence[Word], right: float) -> list[float]:
    """Where each column's text runs out: its widest line's end (its wrap width), not the next column."""
    edges = []
    for i, (left, _) in enumerate(columns):
        limit = columns[i + 1][0] if i + 1 < len(columns) else right
        inside = [w.x1 for w in words if left - 0.5 <= w.x0 < limit and w.x1 <= limit + ALIGN_TOLERANCE]
        edges.append(min(limit, max(inside) + 1) if inside else limit)
    return edges


def number_split(row_lines: Sequence[PhysicalLine], left: float, limit: float) -> float | None:
    """Where a bare number printed before a gutter at the start of a cell ends its own narrow cell."""
    first = next((line for line in row_lines if any(left - 0.5 <= w.x0 < limit for w in line.words)), None)
    if first is None:
        return None
    runs = [run for run in segments(first) if left - 0.5 <= run[0].x0 < limit]
    if len(runs) >= 2 and BARE_NUMBER.match(" ".join(w.text for w in runs[0])):
        return (runs[0][-1].x1 + runs[1][0].x0) / 2
    return None


def row_boundary(start: float, lines: Sequence[PhysicalLine]) -> float:
    """Where the row above ends, given the top of the next row: between the two rows' glyph centres.

    Text goes to a cell by its glyphs' centres. A cell's last line may start a little above
    the next row's first line (beside it, a point or two higher): its centre lies below the
    next row's top, so the boundary goes below that centre, still above the next row's.
    """
    boundary = start - 1
    above = [(line.top + line.bottom) / 2 for line in lines if line.top < start - ALIGN_TOLERANCE / 2]
    below = [(line.top + line.bottom) / 2 for line in lines if line.top >= start - ALIGN_TOLERANCE / 2]
    if above and below and boundary <= max(above) < min(below):
        boundary = (max(above) + min(below)) / 2
    return boundary


def rows_to_boxes(
    starts: Sequence[float], bottom: float, columns: Sequence[tuple[float, str]], right: float,
    lines: Sequence[PhysicalLine],
) -> list[BBox]:
    """Cell boxes for every row; a row whose only text runs across column boundaries is one box."""
    lefts = [left for left, _ in columns]
    rights = column_right_edges(columns, [w for line in lines for w in line.words], right)
    boxes = []
    bounds = [starts[0] - 1, *(row_boundary(start, lines) for start in starts[1:]), bottom]
    for row_top, row_bottom in itertools.pairwise(bounds):
        row_lines = [line for line in lines if row_top <= (line.top + line.bottom) / 2 < row_bottom]
        spanning = len(row_lines) == 1 and len(segments(row_lines[0])) == 1 and column_of(
            row_lines[0].words[-1].x1 - 1, columns,
        ) > column_of(row_lines[0].words[0].x0, columns)
        if spanning:
            boxes.append(BBox(lefts[0], row_top, right, row_bottom))
            continue
        for i, (x0, x1) in enumerate(zip(lefts, rights)):
            limit = lefts[i + 1] if i + 1 < len(lefts) else right
            split = number_split(row_lines, x0, limit) if i == 0 or columns[i - 1][1] != "" else None
            if split is not None:
                boxes.append(BBox(x0, row_top, split, row_bottom))
                x0 = split
            boxes.append(BBox(x0, row_top, x1, row_bottom))
    return merge_spanning_cells(boxes, spanning_columns(starts, columns, lines), lefts)


def spanning_columns(
    starts: Sequence[float], columns: Columns, lines: Sequence[PhysicalLine],
) -> set[tuple[int, int]]:
    """(column, row) pairs where a finding-level cell's text runs on from the row above into that row.

    With one action per row and no rules, the finding cell (or the finding's update) beside
    several action rows is one block of text, its lines a line pitch apart across the rows'
    starts: that cell spans them.
    """
    pitch = line_pitch(lines, columns)
    anchors = [i for i, (_, text) in enumerate(columns) if header_role(text) in SPANNING_ROLES or not text]
    crossings = set()
    tops_by_column = column_line_tops(lines, columns)
    for column in anchors:
        for previous, top in itertools.pairwise(tops_by_column.get(column, [])):
            if top - previous > BLOCK_GAP_RATIO * pitch:
                continue
            row = sum(1 for start in starts if start <= top + ALIGN_TOLERANCE / 2) - 1
            if row > 0 and previous < starts[row] - ALIGN_TOLERANCE / 2:
                crossings.add((column, row))
    return crossings


def merge_spanning_cells(boxes: list[BBox], crossings: set[tuple[int, int]], lefts: Sequence[float]) -> list[BBox]:
    """The boxes with each crossed cell joined to the one above it in its column."""
    if not crossings:
        return boxes
    tops = sorted({box.top for box in boxes})
    merged: list[BBox] = []
    for box in sorted(boxes, key=lambda b: (b.x0, b.top)):
        column = next((i for i, left in enumerate(lefts) if abs(left - box.x0) < ALIGN_TOLERANCE), None)
        row = tops.index(box.top)
        above = merged[-1] if merged else None
        if column is not None and (column, row) in crossings and above is not None and above.x0 == box.x0:
            merged[-1] = BBox(above.x0, above.top, max(above.x1, box.x1), box.bottom)
        else:
            merged.append(box)
    return sorted(merged, key=lambda b: (b.top, b.x0))


def without_footer(lines: Sequence[PhysicalLine], page_height: float, header_bottom: float) -> list[PhysicalLine]:
    """The table's lines: up to a gap far wider than any between rows (text below the table),
    less a footer: a page number in the page's last fifth however close under the table
    (LibreOffice fills the page to its footer; a slide's footer margin is more than a tenth),
    or short lines in its last tenth set apart by a gap.
    """
    body: list[PhysicalLine] = []
    for line in lines:
        above = body[-1].bottom if body else header_bottom
        if line.top - above > TABLE_END_RATIO * LEADING_RATIO * line.size:
            break
        body.append(line)
    while len(body) > 1:
        last, before = body[-1], body[-2]
        text = " ".join(w.text for w in last.words)
        apart = last.top - before.bottom > ROW_GAP_RATIO * last.size
        short_apart = apart and len(last.words) <= FOOTER_MAX_WORDS and last.top > (1 - FOOTER_SHARE) * page_height
        if short_apart or (is_page_number(text) and last.top > (1 - PAGE_NUMBER_SHARE) * page_height):
            body.pop()
        else:
            break
    return body


@dataclass(frozen=True)
class ColumnLayout:
    """The plan table's columns as its header fixes them: left edges with header texts, and the right edge.

    Found once, on the page that prints the header, and carried over to the following pages
    until a new header appears.
    """

    columns: tuple[tuple[float, str], ...]
    right: float


def layout_from_header_cells(cells: Sequence[tuple[BBox, str]]) -> ColumnLayout:
    """The layout of a header row given as (box, text) cells, left to right (a ruled header row)."""
    ordered = sorted(cells, key=lambda cell: cell[0].x0)
    return ColumnLayout(tuple((box.x0, text) for box, text in ordered), max(box.x1 for box, _ in ordered))


def spanning_positions(
    segments: list[tuple[float, float, float]], x0: float, x1: float, share: float,
) -> list[float]:
    """The heights at which (y, left, right) segments, added up, cover most of the span from x0 to x1."""
    positions: list[float] = []
    segments = sorted(segments)
    start = 0
    while start < len(segments):
        end = start
        while end + 1 < len(segments) and segments[end + 1][0] - segments[start][0] <= ALIGN_TOLERANCE / 2:
            end += 1
        spans = sorted((max(a, x0), min(b, x1)) for _, a, b in segments[start:end + 1] if min(b, x1) > max(a, x0))
        covered, reach = 0.0, x0
        for a, b in spans:
            covered += max(0.0, b - max(a, reach))
            reach = max(reach, b)
        if covered >= share * (x1 - x0):
            positions.append(segments[start][0])
        start = end + 1
    return positions


def row_edges(page: PageContent, x0: float, x1: float) -> tuple[list[float], list[float]]:
    """Row boundaries drawn across most of the table: (horizontal rules, edges of row fills).

    Producers draw a row's rule and shading cell by cell: segments at one height are added up.
    """
    rules = [(r.top, r.x0, r.x1) for r in page.rules if r.horizontal]  # shading's own edges are gone already
    fills = [
        (y, fill.bbox.x0, fill.bbox.x1) for fill in page.fills
        if fill.bbox.height < FILL_MAX_PAGE_SHARE * page.height for y in (fill.bbox.top, fill.bbox.bottom)
    ]
    return spanning_positions(rules, x0, x1, RULE_SPAN_SHARE), spanning_positions(fills, x0, x1, FILL_SPAN_SHARE)


def edges_to_row_starts(lines: Sequence[PhysicalLine], edges: Sequence[float]) -> list[float] | None:
    """Row tops from drawn row boundaries between the lines; None when no boundary falls inside the body."""
    inside = [y for y in edges if lines[0].top < y < lines[-1].bottom - ALIGN_TOLERANCE]
    if not inside:
        return None
    starts = [lines[0].top]
    for y in inside:
        below = next((line.top for line in lines if line.top >= y - ALIGN_TOLERANCE / 2), None)
        if below is not None and below - starts[-1] > ALIGN_TOLERANCE:
            starts.append(below)
    return starts


def is_page_furniture(line: PhysicalLine, furniture: frozenset[str]) -> bool:
    """A running head or page number: text printed on an earlier page outside the table, or a page number."""
    text = " ".join(w.text for w in line.words)
    return furniture_key(text) in furniture or is_page_number(text)


def is_footer_line(text: str, top: float, page_height: float) -> bool:
    """True when a line below the table can be the page's footer: a page number in the page's last
    fifth, or any line in its last tenth."""
    return top > (1 - FOOTER_SHARE) * page_height or (
        is_page_number(text) and top > (1 - PAGE_NUMBER_SHARE) * page_height
    )


def furniture_key(text: str) -> str:
    """Text compared with digits and case ignored, so "Page 2 of 9" matches "Page 3 of 9"."""
    return re.sub(r"\d+", "#", " ".join(text.casefold().split()))


def fits_columns(lines: Sequence[PhysicalLine], columns: Columns) -> bool:
    """True when the lines read as rows of these columns: few gutter-separated runs cross a column edge."""
    lefts = [left for left, _ in columns[1:]]
    spans = [run for line in lines for run in runs(line)]
    crossing = sum(any(run.x0 + ALIGN_TOLERANCE < x < run.x1 - ALIGN_TOLERANCE for x in lefts) for run in spans)
    return bool(spans) and crossing <= MAX_CROSSING_SHARE * len(spans)


def fills_columns(lines: Sequence[PhysicalLine], columns: Columns) -> bool:
    """True when the first line prints text in as many columns as a plan header names roles (a table row)."""
    return len({column_of(run.x0, columns) for run in runs(lines[0])}) >= MIN_ROLES


def ruled_rows_to_boxes(
    body: Sequence[PhysicalLine], columns: Columns, right: float, edges: Sequence[float], page: PageContent,
) -> list[BBox]:
    """Cell boxes of rows bounded by horizontal rules, a cell spanning rows where a rule stops short of it.

    Rules under the action rows only, not under the finding beside them, leave the finding
    one cell: the grid of the columns and the rules is merged down where no rule separates
    (`grid_to_boxes`, with a column boundary standing in for the vertical rules there are none of).
    """
    top, bottom = body[0].top - 1, body[-1].bottom + 1
    xs = [left for left, _ in columns] + [right]
    ys = [top, *(y for y in edges if body[0].top < y < body[-1].bottom - ALIGN_TOLERANCE), bottom]
    line_runs = [(line.top, runs(line, xs[1:-1])) for line in body]
    boundaries: list[Rule] = []  # where a row's text runs across a column boundary (a full-width row), the cells join
    for band_top, band_bottom in itertools.pairwise(ys):
        band_runs = [run for line_top, found in line_runs if band_top <= line_top < band_bottom for run in found]
        boundaries.extend(
            Rule(x, band_top, x, band_bottom) for left, x in zip([xs[0], *xs], xs)
            # a cell's text may start a point or two left of where its header's does
            if not is_crossed(x, [run for run in band_runs if not is_overflowing_word(run, left, x)], ALIGN_TOLERANCE)
        )
    words = [w for line in body for w in line.words]
    last = body[-1]
    open_foot = not any(0 <= y - last.bottom <= last.bottom - last.top for y in edges)  # no rule under the text
    boxes = [  # below the last rule of an open foot, only the cells going on (merged cells left open)
        box for box in grid_to_boxes(xs, ys, [*page.rules, *boundaries])
        if not open_foot or len(ys) < 3 or box.top < ys[-2]
        or any(box.contains_point((w.x0 + w.x1) / 2, w.top + 1) for w in words)
    ]
    rights = dict(zip(xs[1:], column_right_edges(columns, words, right)))
    return [BBox(box.x0, box.top, rights.get(box.x1, box.x1), box.bottom) for box in boxes]


def body_to_boxes(body: Sequence[PhysicalLine], columns: Columns, right: float, page: PageContent) -> list[BBox]:
    """Cell boxes of the body rows: rows from drawn boundaries when there are any, else from the whitespace."""
    rules, fills = row_edges(page, columns[0][0], right)
    if edges_to_row_starts(body, rules) is not None:  # ruled rows: every boundary is drawn
        return ruled_rows_to_boxes(body, columns, right, rules, page)
    # Shading bounds some rows (zebra rows, a shaded finding); the whitespace the rest.
    starts = sorted(set(lines_to_row_starts(body, columns)) | set(edges_to_row_starts(body, fills) or []))
    starts = [top for i, top in enumerate(starts) if i == 0 or top - starts[i - 1] > ALIGN_TOLERANCE]
    return rows_to_boxes(starts, body[-1].bottom, columns, right, body)


def drawn_heights(page: PageContent) -> list[float]:
    """The heights of the page's horizontal rules and of its shading's top and bottom edges."""
    return sorted(
        [r.top for r in page.rules if r.horizontal]
        + [y for fill in page.fills for y in (fill.bbox.top, fill.bbox.bottom)]
    )


def page_lines(page: PageContent) -> list[PhysicalLine]:
    """The page's printed lines, as words cut also where two glyphs do not touch (see `touching_pieces`)."""
    lines = []
    for group in chars_to_line_groups(page.chars):
        size = text_size(group)  # each word the size of its line's text, as `line_words` gives it
        lines.append(PhysicalLine(tuple(word for piece in touching_pieces(group) for word in line_words(piece, size))))
    return [line for line in lines if line.words]


def touching_pieces(group: Sequence[Char]) -> list[list[Char]]:
    """A line's glyphs, left to right, cut where one starts clear of the one before.

    The glyphs of a word touch; a gap narrower than a word space but clear of the glyph
    before is two cells' texts meeting (a word run over its column's edge, the next cell's
    text printed right after it). For the layout only: the cells' text is read from the glyphs.
    """
    ordered = sorted(group, key=lambda c: c.x0)
    pieces: list[list[Char]] = [[ordered[0]]]
    for previous, char in itertools.pairwise(ordered):
        if char.x0 - previous.x1 > LAYOUT_GAP_RATIO * max(char.size, previous.size):
            pieces.append([char])
        else:
            pieces[-1].append(char)
    return pieces


def cells_lines(lines: Sequence[PhysicalLine]) -> list[PhysicalLine]:
    """The lines with each cut where its cells' text stands at different heights, top to bottom.

    Glyphs overlapping by half their height are read as one printed line, but beside a
    finding's update or a cell with its own padding, a cell's line may stand a few points
    lower than its neighbour's: those are two lines, or rows would start in the wrong place.
    """
    cut: list[PhysicalLine] = []
    for line in lines:
        groups: list[list[list[Word]]] = []
        for run in sorted(segments(line), key=lambda run: median(w.top for w in run)):
            if groups and median(w.top for w in run) - median(w.top for w in groups[-1][-1]) <= ALIGN_TOLERANCE:
                groups[-1].append(run)
            else:
                groups.append([run])
        for group in groups:
            cut.append(PhysicalLine(tuple(sorted((w for run in group for w in run), key=lambda w: w.x0))))
    return sorted(cut, key=lambda line: line.top)


def find_cell_boxes(
    page: PageContent, carried: ColumnLayout | None = None, furniture: frozenset[str] = frozenset(),
    ran_to_foot: bool = True,
) -> tuple[list[BBox], ColumnLayout] | None:
    """Cell boxes of a borderless plan table on the page and the column layout they follow.

    Where the page prints a plan header, the header row comes first and fixes the layout.
    Where it prints none, the layout `carried` over from an earlier page is used for the
    page's lines (running heads in `furniture` and the footer left out), if they fit it;
    when the table did not run to the foot of the page before (`ran_to_foot`: a row too
    tall for the space left was moved over whole), only if they fill a row's columns too.
    None when the page holds no such table.
    """
    lines = page_lines(page)
    found = lines_to_header(lines, drawn_heights(page))
    if found is None:
        if carried is None:
            return None
        while lines and is_page_furniture(lines[0], furniture):
            lines.pop(0)
        body = cells_lines(without_footer(lines, page.height, lines[0].top if lines else 0.0))
        if not body or not fits_columns(body, carried.columns) or not (
            ran_to_foot or fills_columns(body, carried.columns)
        ):
            return None
        return body_to_boxes(body, carried.columns, carried.right, page), carried
    start, count, header = found
    body = cells_lines(without_footer(lines[start + count:], page.height, lines[start + count - 1].bottom))
    if not body:
        return None
    words = [w for line in body for w in line.words]
    columns = header_to_columns(header, [run for line in body if not is_heading_line(line) for run in runs(line)])
    right = max(max(w.x1 for w in words), header[-1].x1) + 1
    header_top = lines[start].top - 1
    header_bottom = body[0].top - 1
    edges = [left for left, _ in columns] + [right]
    header_boxes = [BBox(x0, header_top, x1, header_bottom) for x0, x1 in itertools.pairwise(edges)]
    return header_boxes + body_to_boxes(body, columns, right, page), ColumnLayout(tuple(columns), right)
